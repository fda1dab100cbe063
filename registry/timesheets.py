"""Monthly timesheets (20) and the hours used (11.¹, 22.1)."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from registry import models as m
from registry.base import (_CONTRACTS, _ENTRIES, _PEOPLE, _TIMESHEETS, RegistryError, _code, _hours, _key_of, _month_start,
                           _next_month, _now)
from registry.checks import Checks
from registry.people import _sql_assistant_ids
from regulation.records import Assistant, Contract, Finding, Timesheet, load, to_jsonable


@dataclass(frozen=True)
class TimesheetStored:
    """What `store_timesheet` did: the sheet's id, the state it has (accepted | conflict, or the state of the
    same file stored before), the accepted sheet it conflicts with, and the flags `add_timesheet` returns."""

    id: int
    state: str
    conflicts_with: int | None
    flags: list[Finding]


@dataclass(frozen=True)
class StoredTimesheet:
    id: int
    state: str  # accepted | conflict | rejected
    conflicts_with: int | None
    source_sha256: str
    timesheet: Timesheet


@functools.cache
def _sql_contract_for_timesheet(by_name: bool):
    c, people = _CONTRACTS.c, _PEOPLE.c
    return (select(c.record).join_from(_CONTRACTS, _PEOPLE, c.recipient_id == people.id)
            .where(people.personal_code == bindparam("code"), c.assistant_id.in_(_sql_assistant_ids(by_name)),
                   c.start <= bindparam("last"), c.end >= bindparam("first"))
            .order_by(c.end.desc(), c.start.desc(), c.id.desc()).limit(1))


@functools.cache
def _sql_other_timesheets(by_name: bool, excluding: bool):
    """The assistant's accepted sheets of the months `previous` and `first`, the previous month's first, each
    month in the order stored; with `excluding`, less the sheet of source `sha` in the month `first`."""
    t = _TIMESHEETS.c
    q = (select(t.record).where(t.assistant_id.in_(_sql_assistant_ids(by_name)),
                                t.month.in_([bindparam("previous"), bindparam("first")]), t.state == "accepted")
         .order_by(t.month, t.id))
    return q.where(or_(t.month != bindparam("first"), t.source_sha256 != bindparam("sha"))) if excluding else q


@functools.cache
def _sql_same_month():
    t = _TIMESHEETS.c
    return (select(t.id, t.state, t.conflicts_with_id, t.source_sha256)
            .where(t.recipient_id == bindparam("recipient"), t.assistant_id == bindparam("assistant"),
                   t.month == bindparam("month")).order_by(t.id))



@functools.cache
def _sql_insert_timesheet():
    return insert(_TIMESHEETS).returning(_TIMESHEETS.c.id)


@functools.cache
def _sql_insert_entries():
    return insert(_ENTRIES)



class Timesheets(Checks):
    """Timesheets and the hours on them."""

    def add_timesheet(self, ts: Timesheet, source_sha256: str) -> tuple[int, list[Finding]]:
        """Store a monthly timesheet (20); returns its id and flags.

        The same file again returns the existing id. A different file for the same recipient, assistant and
        month is stored with state `conflict` and a warning — not merged; `resolve_timesheet` decides."""
        stored = self.store_timesheet(ts, source_sha256)
        return stored.id, stored.flags

    def store_timesheet(self, ts: Timesheet, source_sha256: str) -> TimesheetStored:
        """`add_timesheet`, telling also the state the sheet got and what it conflicts with (so the caller need
        not read back what it just wrote).

        Written with Core statements (one INSERT for the sheet, one multi-row INSERT for its lines): the ORM's
        unit of work cost more than the database work for a sheet of ~20 lines."""
        s = self.session
        recipient_id = self._person(ts.recipient)
        assistant_id = self._assistant(ts.assistant)
        provider_id = self._provider(ts.provider)
        month = ts.first_day
        t = _TIMESHEETS.c
        same = s.execute(_sql_same_month(), dict(recipient=recipient_id, assistant=assistant_id, month=month)).all()
        for row in same:
            if row.source_sha256 == source_sha256:
                return TimesheetStored(row.id, row.state, row.conflicts_with_id, [Finding(
                    rule="MK942 20", severity="info", field="source_sha256",
                    message_lv=f"šī uzskaites lapa ({ts.month}) jau ir reģistrā (ieraksts {row.id})",
                    message_en=f"this timesheet ({ts.month}) is already in the register (entry {row.id})")])
        first = next((row.id for row in same if row.state == "accepted"), None)
        values = dict(
            month=month, recipient_id=recipient_id, assistant_id=assistant_id, provider_id=provider_id,
            source_sha256=source_sha256,
            hours=sum((e.hours for e in ts.entries), Decimal("0")),
            transport_eur=sum((e.transport_eur for e in ts.entries), Decimal("0")),
            signed_by_assistant=ts.signed_by_assistant, signed_by_recipient=ts.signed_by_recipient,
            record=to_jsonable(ts), created_at=_now())
        ts_id = None
        if first is None:
            # At most one accepted sheet per person, assistant and month is a unique index: a concurrent writer
            # that got there first makes this insert fail, and this sheet becomes the conflicting one.
            try:
                with s.begin_nested():  # a SAVEPOINT: the failed insert is undone, the transaction goes on
                    ts_id = s.execute(_sql_insert_timesheet(), dict(
                        state="accepted", conflicts_with_id=None, **values)).scalar_one()
            except IntegrityError:
                first = s.scalars(select(t.id).where(
                    t.recipient_id == recipient_id, t.assistant_id == assistant_id, t.month == month,
                    t.state == "accepted")).one()
        if ts_id is None:
            ts_id = s.execute(_sql_insert_timesheet(), dict(state="conflict", conflicts_with_id=first, **values)
                              ).scalar_one()
        if ts.entries:
            s.execute(_sql_insert_entries(), [dict(
                timesheet_id=ts_id, date=e.date, start=e.start, end=e.end, hours=e.hours,
                annex1_point=e.annex1_point, place=e.place, outside_latvia=e.outside_latvia,
                transport_eur=e.transport_eur, iso_year=e.date.isocalendar()[0], iso_week=e.date.isocalendar()[1])
                for e in ts.entries])
        self._forget_checks(assistant=ts.assistant, month=month)  # the assistant's sheets this month and next
        flags: list[Finding] = []
        if first is not None:
            flags.append(Finding(
                rule="MK942 20", severity="warning", field="source_sha256",
                message_lv=(f"par {ts.month} šim pakalpojuma saņēmējam un asistentam jau ir cita uzskaites lapa "
                            f"(ieraksts {first}); jaunā netiek apvienota ar to — pārbaudiet un izvēlieties derīgo"),
                message_en=(f"another timesheet for {ts.month}, this recipient and assistant is already registered "
                            f"(entry {first}); the new one is not merged — review and choose the valid one")))
        return TimesheetStored(ts_id, "accepted" if first is None else "conflict", first, flags)

    def resolve_timesheet(self, timesheet_id: int, accept: bool) -> None:
        """Settle a conflict: accept this timesheet (the one it conflicted with is rejected) or reject it."""
        row = self.session.get(m.TimesheetRow, timesheet_id)
        if row is None:
            raise RegistryError(f"uzskaites lapa {timesheet_id} nav atrasta", f"timesheet {timesheet_id} not found")
        if accept:
            self.session.execute(update(m.TimesheetRow).where(
                m.TimesheetRow.recipient_id == row.recipient_id, m.TimesheetRow.assistant_id == row.assistant_id,
                m.TimesheetRow.month == row.month, m.TimesheetRow.id != row.id,
                m.TimesheetRow.state == "accepted").values(state="rejected"))
        row.state = "accepted" if accept else "rejected"
        self.session.flush()
        self._forget_checks(assistant=load(Timesheet, row.record).assistant, month=row.month)

    def replace_timesheet_record(self, timesheet_id: int, ts: Timesheet) -> Timesheet:
        """A corrected reading of a stored timesheet (review): its lines and sums rewritten; returns the old one."""
        row = self.session.get(m.TimesheetRow, timesheet_id)
        if row is None:
            raise RegistryError(f"uzskaites lapa {timesheet_id} nav atrasta", f"timesheet {timesheet_id} not found")
        old = load(Timesheet, row.record)
        self._forget_checks(timesheet_ids=(row.id,), assistant=old.assistant, month=row.month)
        row.entries.clear()
        self.session.flush()
        self._move_to(row, ts)
        row.record = to_jsonable(ts)
        row.hours = sum((e.hours for e in ts.entries), Decimal("0"))
        row.transport_eur = sum((e.transport_eur for e in ts.entries), Decimal("0"))
        row.signed_by_assistant, row.signed_by_recipient = ts.signed_by_assistant, ts.signed_by_recipient
        row.entries = [m.TimesheetEntryRow(
            date=e.date, start=e.start, end=e.end, hours=e.hours, annex1_point=e.annex1_point, place=e.place,
            outside_latvia=e.outside_latvia, transport_eur=e.transport_eur, iso_year=e.date.isocalendar()[0],
            iso_week=e.date.isocalendar()[1]) for e in ts.entries]
        self.session.flush()
        self._forget_checks(assistant=ts.assistant, month=row.month)
        return old

    def _move_to(self, row: m.TimesheetRow, ts: Timesheet) -> None:
        """A correction of whose sheet it is or of which month (20) moves the stored sheet there: its recipient,
        assistant, provider and month follow the record, and an accepted sheet that meets another accepted
        one for the same recipient, assistant and month becomes the conflicting one, as a new file would."""
        ids = (self._person(ts.recipient), self._assistant(ts.assistant), self._provider(ts.provider), ts.first_day)
        if ids == (row.recipient_id, row.assistant_id, row.provider_id, row.month):
            return
        t = m.TimesheetRow
        other = self.session.scalars(select(t.id).where(  # asked before the row moves (the unique index)
            t.recipient_id == ids[0], t.assistant_id == ids[1], t.month == ids[3], t.id != row.id,
            t.state == "accepted")).first()
        row.recipient_id, row.assistant_id, row.provider_id, row.month = ids
        if row.state == "accepted" and other is not None:
            row.state, row.conflicts_with_id = "conflict", other
        elif row.state == "conflict" and other is None:
            row.state, row.conflicts_with_id = "accepted", None
        self.session.flush()

    def timesheet(self, timesheet_id: int) -> StoredTimesheet | None:
        row = self.session.get(m.TimesheetRow, timesheet_id)
        if row is None:
            return None
        return StoredTimesheet(row.id, row.state, row.conflicts_with_id, row.source_sha256,
                               load(Timesheet, row.record))

    def timesheets(self, month: str | dt.date, state: str | None = None) -> Iterator[StoredTimesheet]:
        """Timesheets of a month, streamed (one at a time from the database)."""
        q = select(m.TimesheetRow).where(m.TimesheetRow.month == _month_start(month)).order_by(m.TimesheetRow.id)
        if state is not None:
            q = q.where(m.TimesheetRow.state == state)
        for row in self.session.scalars(q.execution_options(yield_per=200)):
            yield StoredTimesheet(row.id, row.state, row.conflicts_with_id, row.source_sha256,
                                  load(Timesheet, row.record))

    def assistant_hours_by_week(self, assistant: str | Assistant, weeks: Iterable[tuple[int, int]],
                                excluding: str | None = None) -> dict[tuple[int, int], Decimal]:
        """Hours the assistant provided in each ISO week, across all recipients (3, 22.1: at most 40 a week).
        Only accepted timesheets count; `excluding` leaves out the timesheet of that source SHA-256."""
        wanted = sorted(set(weeks))
        out = {w: Decimal("0.00") for w in wanted}
        if not wanted:
            return out
        q = (select(m.TimesheetEntryRow.iso_year, m.TimesheetEntryRow.iso_week, func.sum(m.TimesheetEntryRow.hours))
             .join(m.TimesheetRow)
             .where(m.TimesheetRow.assistant_id.in_(self._assistant_ids(assistant)),
                    m.TimesheetRow.state == "accepted",
                    or_(*[and_(m.TimesheetEntryRow.iso_year == y, m.TimesheetEntryRow.iso_week == w)
                          for y, w in wanted]))
             .group_by(m.TimesheetEntryRow.iso_year, m.TimesheetEntryRow.iso_week))
        if excluding is not None:
            q = q.where(m.TimesheetRow.source_sha256 != excluding)
        for year, week, hours in self.session.execute(q):
            out[(year, week)] = _hours(hours)
        return out

    def other_timesheets(self, assistant: str | Assistant, month: str | dt.date,
                         excluding: str | None = None) -> list[Timesheet]:
        """The assistant's accepted timesheets of `month` (all recipients), less the one of source `excluding`."""
        q = (select(m.TimesheetRow.record).where(
            m.TimesheetRow.assistant_id.in_(self._assistant_ids(assistant)),
            m.TimesheetRow.month == _month_start(month), m.TimesheetRow.state == "accepted")
            .order_by(m.TimesheetRow.id))
        if excluding is not None:
            q = q.where(m.TimesheetRow.source_sha256 != excluding)
        return [load(Timesheet, r) for r in self.session.scalars(q)]

    def contract_for_timesheet(self, ts: Timesheet) -> Contract | None:
        """The contract a monthly timesheet is kept under: the recipient's contract with this assistant that
        overlaps the month, the one in force latest in the month when there are several."""
        first = ts.first_day
        key = _key_of(ts.assistant)
        record = self.session.execute(_sql_contract_for_timesheet(key.startswith("name:")), dict(
            code=ts.recipient.personal_code, key=key.removeprefix("name:"), first=first,
            last=_next_month(first) - dt.timedelta(days=1))).scalar()
        return load(Contract, record) if record is not None else None

    def timesheet_context(self, ts: Timesheet, source_sha256: str | None = None) -> tuple[Contract | None,
                                                                                          list[Timesheet]]:
        """What `regulation.timesheet.check_timesheet(ts, contract, others)` needs from the register: the contract,
        and the assistant's accepted timesheets of the previous and the same month (all recipients), less this
        one. Later months are left out, so a month's payment does not change when the next month arrives."""
        first = ts.first_day
        key = _key_of(ts.assistant)
        rows = self.session.execute(_sql_other_timesheets(key.startswith("name:"), source_sha256 is not None), dict(
            key=key.removeprefix("name:"), previous=(first - dt.timedelta(days=1)).replace(day=1), first=first,
            sha=source_sha256)).scalars()
        others = [load(Timesheet, r) for r in rows]
        if source_sha256 is None:  # leave out this very sheet when it is already stored
            others = [o for o in others if o != ts]
        return self.contract_for_timesheet(ts), others

    def used_hours_by_month(self, recipient_code: str, months: Iterable[str | dt.date]) -> dict[str, Decimal]:
        """11.¹: hours of service the recipient used in each month (accepted timesheets, every assistant),
        keyed "YYYY-MM"; a month with no timesheet is 0."""
        firsts = sorted({_month_start(x) for x in months})
        out = {f.strftime("%Y-%m"): Decimal("0.00") for f in firsts}
        if not firsts:
            return out
        q = (select(m.TimesheetRow.month, func.sum(m.TimesheetEntryRow.hours))
             .join(m.TimesheetEntryRow).join(m.Person, m.TimesheetRow.recipient_id == m.Person.id)
             .where(m.Person.personal_code == _code(recipient_code), m.TimesheetRow.state == "accepted",
                    m.TimesheetRow.month.in_(firsts))
             .group_by(m.TimesheetRow.month))
        for month, hours in self.session.execute(q):
            out[month.strftime("%Y-%m")] = _hours(hours)
        return out

    def previous_months_used(self, recipient_code: str, month: str | dt.date, count: int = 3) -> list[Decimal]:
        """11.¹: hours used in each of the `count` months before `month`, oldest first (for
        `Assessment.hours_used_previous_months`)."""
        first = _month_start(month)
        months = []
        for _ in range(count):
            first = (first - dt.timedelta(days=1)).replace(day=1)
            months.append(first)
        used = self.used_hours_by_month(recipient_code, months)
        return [used[k] for k in sorted(used)]


    def recipient_timesheets(self, recipient_code: str) -> list[StoredTimesheet]:
        """Every timesheet of one recipient (all assistants, all states), newest month first."""
        q = (select(m.TimesheetRow).join(m.Person, m.TimesheetRow.recipient_id == m.Person.id)
             .where(m.Person.personal_code == _code(recipient_code))
             .order_by(m.TimesheetRow.month.desc(), m.TimesheetRow.id))
        return [StoredTimesheet(r.id, r.state, r.conflicts_with_id, r.source_sha256, load(Timesheet, r.record))
                for r in self.session.scalars(q)]

    def latest_timesheet_month(self) -> dt.date | None:
        """The newest month any timesheet was kept for (the first day), or None."""
        return self.session.scalar(select(func.max(m.TimesheetRow.month)))
