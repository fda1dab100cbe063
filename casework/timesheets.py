"""Timesheets (20) as the clerk sees them: a case's sheets and a month's sheets with errors, each checked the
way `asistents check-timesheet --db` checks it (`regulation.timesheet.check_timesheet` against the contract
and the assistant's other accepted sheets the register holds), with its findings and the payable amounts
(22.1–22.3), provisional while an error stands."""
from __future__ import annotations

import datetime as dt
from typing import Any

from regulation.timesheet import check_timesheet

from casework.errors import CaseworkError, reading
from casework.records import TimesheetView


def _view(tx: Any, stored: Any) -> TimesheetView:
    ts = stored.timesheet
    contract, others = tx.timesheet_context(ts, stored.source_sha256)
    result = check_timesheet(ts, contract, others)
    return TimesheetView(stored.id, ts.month, stored.state, f"{ts.assistant.given_name} {ts.assistant.surname}",
                         f"{ts.recipient.given_name} {ts.recipient.surname}", contract.number if contract else None,
                         result.hours_provided, result.hours_paid, result.findings, result.payable,
                         result.provisional, stored.source_sha256)


def case_timesheets(reg: Any, case_id: int) -> list[TimesheetView]:
    """The timesheets of the case's person (every assistant), newest month first, each checked (20, 22)."""
    with reading(reg) as tx:
        code = tx.case(case_id).application.applicant.personal_code
        return [_view(tx, s) for s in tx.recipient_timesheets(code)]


def _month_start(month: str | dt.date | None, tx: Any) -> dt.date | None:
    if month is None:
        return tx.latest_timesheet_month()
    if isinstance(month, dt.date):
        return month.replace(day=1)
    try:
        return dt.date(int(month[:4]), int(month[5:7]), 1) if len(month) == 7 and month[4] == "-" else None
    except ValueError:
        return None


def timesheet_errors(reg: Any, month: str | dt.date | None = None) -> tuple[str | None, list[TimesheetView]]:
    """The month's timesheets (accepted or in conflict) whose check finds errors, in the order kept; `month`
    "GGGG-MM" (default: the newest month with any timesheet). Returns the month checked and the sheets."""
    with reading(reg) as tx:
        first = _month_start(month, tx)
        if first is None and month is not None:
            raise CaseworkError(f"mēnesim jābūt formā GGGG-MM, nevis '{month}'",
                                f"the month must be YYYY-MM, not '{month}'", field="month")
        if first is None:
            return None, []
        out = []
        for stored in tx.timesheets(first):
            if stored.state == "rejected":
                continue
            view = _view(tx, stored)
            if view.errors:
                out.append(view)
        return first.strftime("%Y-%m"), out
