"""Each timesheet's check as it came out (`timesheet_checks`, revision 0006), and the rule that keeps it true:
whatever a check reads — the sheet, the contracts of its recipient, the assistant's accepted sheets of the same
and the previous month — forgets the stored checks it feeds when it changes (in the same transaction). A check
not stored (new, forgotten, or made under other rules) is worked out again by whoever reads it
(`casework.timesheets`)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select

from registry import models as m
from registry.base import _next_month, _now
from registry.check_models import TimesheetCheckRow
from registry.people import People
from regulation.records import Assistant


@dataclass(frozen=True)
class MonthSheet:
    """A sheet of the month as the worklist lists it, with the rules and the error count of its stored check
    (None when there is none)."""

    id: int
    state: str
    month: dt.date
    recipient: str
    assistant: str
    source_sha256: str
    rules: str | None
    errors: int | None


_CHECKS = TimesheetCheckRow.__table__


class Checks(People):
    """Stored timesheet checks."""

    def month_sheets(self, first: dt.date) -> list[MonthSheet]:
        """The month's accepted and conflicting sheets in the order kept, with the people's names and each
        sheet's stored error count; neither the records nor the checks themselves are read."""
        t, c = m.TimesheetRow, TimesheetCheckRow
        q = (select(t.id, t.state, t.month, t.source_sha256, m.Person.given_name, m.Person.surname,
                    m.AssistantRow.given_name.label("a_given"), m.AssistantRow.surname.label("a_surname"),
                    c.rules, c.errors)
             .join(m.Person, t.recipient_id == m.Person.id).join(m.AssistantRow, t.assistant_id == m.AssistantRow.id)
             .outerjoin(c, c.timesheet_id == t.id)
             .where(t.month == first, t.state != "rejected").order_by(t.id))
        return [MonthSheet(r.id, r.state, r.month, f"{r.given_name} {r.surname}", f"{r.a_given} {r.a_surname}",
                           r.source_sha256, r.rules, r.errors) for r in self.session.execute(q)]

    def stored_checks(self, timesheet_ids: list[int], rules: str) -> dict[int, dict[str, Any]]:
        """The stored checks of the given sheets that were made under `rules`."""
        c = _CHECKS.c
        q = select(c.timesheet_id, c.outcome).where(c.timesheet_id.in_(timesheet_ids), c.rules == rules)
        return dict(self.session.execute(q).all()) if timesheet_ids else {}

    def keep_check(self, timesheet_id: int, rules: str, errors: int, outcome: dict[str, Any]) -> None:
        """Store (or replace) a sheet's check as it came out under `rules` (plain statements: no ORM object
        outlives a `_forget_checks` of the same transaction)."""
        self.session.execute(delete(_CHECKS).where(_CHECKS.c.timesheet_id == timesheet_id))
        self.session.execute(insert(_CHECKS).values(timesheet_id=timesheet_id, rules=rules, errors=errors,
                                                    outcome=outcome, checked_at=_now()))

    def _forget_checks(self, *, timesheet_ids: tuple[int, ...] = (), recipient_id: int | None = None,
                       assistant: Assistant | None = None, month: dt.date | None = None) -> None:
        """Forget the stored checks that read what changed: given sheets; every sheet of a recipient (their
        contracts changed); the assistant's sheets of `month` and the month after (their accepted sheets of a
        month are what the next month's check reads too)."""
        t = m.TimesheetRow
        ids = select(t.id)
        if timesheet_ids:
            self._delete_checks(ids.where(t.id.in_(timesheet_ids)))
        if recipient_id is not None:
            self._delete_checks(ids.where(t.recipient_id == recipient_id))
        if assistant is not None and month is not None:
            self._delete_checks(ids.where(t.assistant_id.in_(self._assistant_ids(assistant)),
                                          t.month.in_([month, _next_month(month)])))

    def _delete_checks(self, sheets: Any) -> None:
        self.session.execute(delete(_CHECKS).where(_CHECKS.c.timesheet_id.in_(sheets)))
