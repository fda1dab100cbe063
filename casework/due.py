"""What falls due, soonest first: decide by (9), notify by (10), opinions expiring (17.3), monthly timesheets
(20), the Annex 2 report (24); and the audit log."""
from __future__ import annotations

import datetime as dt
from typing import Any

from regulation import lifecycle as rules
from regulation.timesheet import same_person

from casework.errors import reading
from casework.records import AuditLine, DueItem

HORIZON_DAYS = 31  # an opinion expiring within a month is listed


def _item(on: dt.date, due_on: dt.date, what: str, point: str, lv: str, en: str, **ids: Any) -> DueItem:
    return DueItem(due_on, what, point, lv, en, overdue=due_on < on, **ids)


def due(reg: Any, on: dt.date | None = None) -> list[DueItem]:
    """Everything due on or after `on` (default today) that is not done yet, and everything overdue."""
    on = on or dt.date.today()
    items: list[DueItem] = []
    with reading(reg) as tx:
        for f in tx.review_summaries("open"):  # not the readings: only which file, its kind, case and date
            if f.kind == "application" and f.case_id is None:
                by = rules.decide_by(f.received_on)
                items.append(_item(on, by, "review", "9", f"pārbaudiet failu {f.sha256[:12]} un pieņemiet lēmumu",
                                   f"review file {f.sha256[:12]} and decide", sha256=f.sha256))
        for case_id, received_on in tx.received_in_state("received", "awaiting_assessment", "proposal"):
            by = rules.decide_by(received_on)
            items.append(_item(on, by, "decide", "9", f"lieta {case_id}: lēmums jāpieņem līdz {by.isoformat()}",
                               f"case {case_id}: decide by {by.isoformat()}", case_id=case_id))
        for case_id, adopted_on in tx.adopted_in_state("adopted"):
            if adopted_on is None:
                continue
            by = rules.notify_by(adopted_on)
            items.append(_item(on, by, "notify", "10", f"lieta {case_id}: paziņojiet lēmumu līdz {by.isoformat()}",
                               f"case {case_id}: notify the decision by {by.isoformat()}", case_id=case_id))
        running = ("in_service", "suspended")
        for case_id, assessment in tx.latest_assessments(*running).items():
            opinion = assessment.opinion
            if opinion is not None and opinion.valid_until is not None and \
                    opinion.valid_until <= on + dt.timedelta(days=HORIZON_DAYS):
                items.append(_item(on, opinion.valid_until, "opinion_expires", "17.3",
                                   f"lieta {case_id}: komisijas atzinums derīgs līdz {opinion.valid_until.isoformat()}",
                                   f"case {case_id}: the opinion is valid until {opinion.valid_until.isoformat()}",
                                   case_id=case_id))
        items += _timesheets(tx, running, on)
        report = on.replace(day=15) if on.day <= 15 else None
        if report is not None and tx.received_in_state(*running):
            month = (on.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
            items.append(_item(on, report, "annex2", "24", f"2. pielikuma pārskats par {month} jāiesniedz līdz "
                               f"{report.isoformat()}", f"the Annex 2 report for {month} is due by {report.isoformat()}"))
    return sorted(items, key=lambda i: (i.due_on, i.what, i.case_id or 0))


def _timesheets(tx: Any, states: tuple[str, ...], on: dt.date) -> list[DueItem]:
    """20: the previous month's timesheet of each running case's contract that ran in it, if none is accepted."""
    last = on.replace(day=1) - dt.timedelta(days=1)
    first = last.replace(day=1)
    month = first.strftime("%Y-%m")
    have = tx.accepted_assistants_by_recipient(month)
    out = []
    for case_id, c in tx.contracts_of_cases_in_state(*states, first=first, last=last):
        if not any(same_person(a, c.assistant) for a in have.get(c.recipient.personal_code, ())):
            out.append(_item(on, on.replace(day=1), "timesheet", "20",
                             f"lieta {case_id}: nav {month} uzskaites lapas (līgums Nr. {c.number})",
                             f"case {case_id}: no timesheet for {month} (contract {c.number})", case_id=case_id))
    return out


def audit_log(reg: Any, case: int | None = None, user: str | None = None) -> list[AuditLine]:
    """The append-only log, oldest first; one case's and/or one user's lines when given."""
    with reading(reg) as tx:
        sha = tx.case(case).source_sha256 if case is not None else None
        return [AuditLine(a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.case_id, a.before, a.after)
                for a in tx.audit_log(case_id=case, actor=user, source_sha256=sha)]
