"""Timesheets (20) as the clerk sees them: a case's sheets and a month's sheets with errors, each checked the
way `asistents check-timesheet --db` checks it (`regulation.timesheet.check_timesheet` against the contract
and the assistant's other accepted sheets the register holds), with its findings and the payable amounts
(22.1–22.3), provisional while an error stands."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from regulation.rates import Payable
from regulation.records import Finding, load, to_jsonable
from regulation.timesheet import check_timesheet

from casework.errors import CaseworkError, reading, writing
from casework.records import TimesheetView


@functools.cache
def rules_digest() -> str:
    """The regulation's code and data as one digest: a check stored under other rules (a new release) is made
    again, never shown as if today's rules had made it."""
    import regulation

    root, h = Path(regulation.__file__).parent, hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml") and p.is_file()):
        h.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def _check(tx: Any, timesheet_id: int) -> tuple[int, dict[str, Any]]:
    """One stored sheet checked as `check-timesheet --db` checks it; the outcome kept in the register."""
    stored = tx.timesheet(timesheet_id)
    contract, others = tx.timesheet_context(stored.timesheet, stored.source_sha256)
    result = check_timesheet(stored.timesheet, contract, others)
    errors = sum(1 for f in result.findings if f.severity == "error")
    outcome = {"contract": contract.number if contract else None, "hours_provided": str(result.hours_provided),
               "hours_paid": str(result.hours_paid), "findings": [to_jsonable(f) for f in result.findings],
               "payable": to_jsonable(result.payable) if result.payable is not None else None,
               "provisional": result.provisional}
    tx.keep_check(timesheet_id, rules_digest(), errors, outcome)
    return errors, outcome


def _outcomes(reg: Any, ids: list[int], known: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Each sheet's check: as stored (`known`), else made now and stored (a change forgot it)."""
    missing = [i for i in ids if i not in known]
    if not missing:
        return known
    with writing(reg) as tx:
        return {**known, **{i: _check(tx, i)[1] for i in missing}}


def _view(timesheet_id: int, month: str, state: str, assistant: str, recipient: str, sha: str,
          o: dict[str, Any]) -> TimesheetView:
    return TimesheetView(timesheet_id, month, state, assistant, recipient, o["contract"],
                         Decimal(o["hours_provided"]), Decimal(o["hours_paid"]),
                         [load(Finding, f) for f in o["findings"]],
                         load(Payable, o["payable"]) if o["payable"] is not None else None, o["provisional"], sha)


def case_timesheets(reg: Any, case_id: int) -> list[TimesheetView]:
    """The timesheets of the case's person (every assistant), newest month first, each checked (20, 22)."""
    with reading(reg) as tx:
        code = tx.case(case_id).application.applicant.personal_code
        sheets = tx.recipient_timesheets(code)
        known = tx.stored_checks([s.id for s in sheets], rules_digest())
    outcomes = _outcomes(reg, [s.id for s in sheets], known)
    return [_view(s.id, s.timesheet.month, s.state, f"{s.timesheet.assistant.given_name} {s.timesheet.assistant.surname}",
                  f"{s.timesheet.recipient.given_name} {s.timesheet.recipient.surname}", s.source_sha256,
                  outcomes[s.id]) for s in sheets]


def _month_start(month: str | dt.date | None, tx: Any) -> dt.date | None:
    if month is None:
        return tx.latest_timesheet_month()
    if isinstance(month, dt.date):
        return month.replace(day=1)
    try:
        return dt.date(int(month[:4]), int(month[5:7]), 1) if len(month) == 7 and month[4] == "-" else None
    except ValueError:
        return None


def _with_errors(reg: Any, month: str | dt.date | None) -> tuple[str | None, list[Any]]:
    """The month checked and its sheets whose check finds errors (`registry.checks.MonthSheet`): each stored
    check read as the register keeps it; only sheets a change made stale are checked again (and kept)."""
    with reading(reg) as tx:
        first = _month_start(month, tx)
        if first is None and month is not None:
            raise CaseworkError(f"mēnesim jābūt formā GGGG-MM, nevis '{month}'",
                                f"the month must be YYYY-MM, not '{month}'", field="month")
        if first is None:
            return None, []
        lines = tx.month_sheets(first)
    rules = rules_digest()
    stale = [x.id for x in lines if x.rules != rules or x.errors is None]
    fresh: dict[int, int] = {}
    if stale:
        with writing(reg) as tx:
            fresh = {i: _check(tx, i)[0] for i in stale}
    return first.strftime("%Y-%m"), [x for x in lines if fresh.get(x.id, x.errors)]


def _views(reg: Any, label: str, lines: list[Any]) -> list[TimesheetView]:
    with reading(reg) as tx:
        known = tx.stored_checks([x.id for x in lines], rules_digest())
    outcomes = _outcomes(reg, [x.id for x in lines], known)
    return [_view(x.id, label, x.state, x.assistant, x.recipient, x.source_sha256, outcomes[x.id]) for x in lines]


def timesheet_errors(reg: Any, month: str | dt.date | None = None) -> tuple[str | None, list[TimesheetView]]:
    """The month's timesheets (accepted or in conflict) whose check finds errors, in the order kept; `month`
    "GGGG-MM" (default: the newest month with any timesheet). Returns the month checked and the sheets.

    The checks are read as the register keeps them; only sheets whose check a change made stale are checked
    again (and kept), so a month of a thousand sheets is listed without a thousand checks."""
    label, lines = _with_errors(reg, month)
    return label, _views(reg, label, lines) if label else []


def timesheet_errors_page(reg: Any, month: str | dt.date | None = None, page: int = 1,
                          size: int = 50) -> tuple[str | None, list[TimesheetView], int]:
    """`timesheet_errors` a page at a time (the workbench's list): the month, the page's sheets with their
    findings and payable amounts, and how many sheets have errors in all."""
    label, lines = _with_errors(reg, month)
    start = (max(1, page) - 1) * size
    return label, _views(reg, label, lines[start:start + size]) if label else [], len(lines)
