"""The case register: `open()` a database, then add records and ask the questions the rules need.

Every method of `Registry` runs in its own transaction; to make several steps atomic (e.g. store a case and
mark its inbox file processed), use one transaction:

>>> import tempfile, pathlib
>>> from regulation.records import load, Application
>>> reg = open(f"sqlite:///{pathlib.Path(tempfile.mkdtemp()) / 'register.db'}")
>>> app = load(Application, {"received_on": "2019-03-01", "applicant": {"given_name": "Anna",
...     "surname": "Kalniņa", "personal_code": "161175-19997"}, "activities": [{"annex1_point": 1,
...     "hours_per_week": 10}]})
>>> sha = "5" * 64
>>> reg.journal_claim(sha, "iesniegums.pdf", 1024).created
True
>>> with reg.transaction() as tx:
...     case_id = tx.add_application(app, sha)
...     entry = tx.journal_set(sha, "processed", case_id=case_id)
>>> reg.journal_get(sha).state, reg.add_application(app, sha) == case_id
('processed', True)
>>> reg.close()

Records go in (regulation.records), records or small frozen dataclasses come out. Assistants are identified
by personal code when known, else by normalised name (`registry.identity`).
"""
from __future__ import annotations

import datetime as dt
import os
import functools
import inspect
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from sqlalchemy import (
    Engine,
    Integer,
    Text,
    and_,
    bindparam,
    create_engine,
    event,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from registry import models as m
from registry.identity import assistant_key, normalise_name
from regulation import personal_code as pk
from regulation.records import (
    Application,
    Assessment,
    Assistant,
    Contract,
    Decision,
    Finding,
    Person,
    Provider,
    Suspension,
    Timesheet,
    load,
    to_jsonable,
)

DEFAULT_URL = "sqlite:///./asistents.db"
HUNDREDTH = Decimal("0.01")
PENDING_STATES = ("received", "processing")
FINAL_STATES = ("processed", "needs_review", "quarantined", "duplicate", "failed")


class RegistryError(ValueError):
    """The register refused a change; said in Latvian and English."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en


# ---------------------------------------------------------------- what comes out


@dataclass(frozen=True)
class JournalEntry:
    """One incoming file in the inbox journal. `created` is True when this call registered it."""

    sha256: str
    name: str
    size: int
    received_at: dt.datetime
    state: str
    case_id: int | None
    reason: str | None
    attempts: int
    updated_at: dt.datetime
    created: bool = False


@dataclass(frozen=True)
class DocumentInfo:
    """A generated document and what produced it (the auditor's trail)."""

    id: int
    case_id: int | None
    kind: str
    path: str
    template_sha256: str
    input_sha256: str
    rules_version: str
    created_at: dt.datetime


@dataclass(frozen=True)
class Case:
    """A case: the application and what was decided and concluded on it."""

    id: int
    case_number: str | None
    source_sha256: str
    application: Application
    assessments: list[Assessment]
    decisions: list[Decision]
    contracts: list[Contract]
    documents: list[DocumentInfo]


@dataclass(frozen=True)
class AssistantChange:
    """Point 16: a contract that put a different assistant in place of the previous one."""

    on: dt.date  # the new contract's start
    contract_number: str
    previous_contract_number: str
    assistant: Assistant
    previous_assistant: Assistant


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


# ---------------------------------------------------------------- helpers


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _aware(value: dt.datetime) -> dt.datetime:
    # SQLite gives back naive datetimes; everything stored here is UTC.
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def _hours(value: Any) -> Decimal:
    # SUM over Numeric comes back as float on SQLite: back to exact hundredths.
    return Decimal(str(value or 0)).quantize(HUNDREDTH)


def _month_start(month: str | dt.date) -> dt.date:
    if isinstance(month, dt.date):
        return month.replace(day=1)
    text = str(month).strip()
    try:
        return dt.date(int(text[:4]), int(text[5:7]), 1) if len(text) == 7 and text[4] == "-" else _bad_month(text)
    except ValueError:
        return _bad_month(text)


def _bad_month(text: str) -> dt.date:
    raise RegistryError(f"mēnesim jābūt formā GGGG-MM, nevis '{text}'", f"the month must be YYYY-MM, not '{text}'")


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _code(personal_code: str) -> str:
    """A personal code as the register stores it (DDMMYY-NNNNN), however it was typed."""
    verdict = pk.check(personal_code)
    return verdict.compact if verdict.valid else personal_code.strip()


def _key_of(assistant: str | Assistant) -> str:
    if isinstance(assistant, Assistant):
        return assistant_key(assistant.given_name, assistant.surname, assistant.personal_code)
    return assistant


def _refused(error: IntegrityError) -> RegistryError:
    """A constraint violation named by its constraint only: PostgreSQL's detail quotes the offending values
    (e.g. a personal code), which must not reach logs."""
    diag = getattr(getattr(error.orig, "diag", None), "constraint_name", None)
    what = diag or str(error.orig).split("\n")[0]  # SQLite names the table and column, never the values
    return RegistryError(f"datubāzes ierobežojums neļāva saglabāt izmaiņas ({what}); nekas netika saglabāts",
                         f"a database constraint refused the change ({what}); nothing was saved")


_JOURNAL = m.JournalRow.__table__
_PEOPLE = m.Person.__table__
_ASSISTANTS = m.AssistantRow.__table__
_PROVIDERS = m.ProviderRow.__table__
_TIMESHEETS = m.TimesheetRow.__table__
_CONTRACTS = m.ContractRow.__table__
_ENTRIES = m.TimesheetEntryRow.__table__


# Statements run for every inbox timesheet, built once (with bound parameters) instead of on every call:
# building and keying a SELECT cost more than running it.


def _sql_assistant_ids(by_name: bool):
    a = _ASSISTANTS.c
    return select(a.id).where((a.name_key if by_name else a.key) == bindparam("key"))


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
def _sql_person():
    return select(_PEOPLE).where(_PEOPLE.c.personal_code == bindparam("code"))


@functools.cache
def _sql_assistant_by_code():
    a = _ASSISTANTS.c
    return select(a.id, a.is_minor).where(a.personal_code == bindparam("code"))


@functools.cache
def _sql_same_month():
    t = _TIMESHEETS.c
    return (select(t.id, t.state, t.conflicts_with_id, t.source_sha256)
            .where(t.recipient_id == bindparam("recipient"), t.assistant_id == bindparam("assistant"),
                   t.month == bindparam("month")).order_by(t.id))


def _insert_of(dialect: str, table):
    """The backend's own INSERT construct (it has ON CONFLICT on both)."""
    from sqlalchemy.dialects import postgresql, sqlite

    inserts: dict[str, Callable[..., Any]] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
    if dialect not in inserts:  # pragma: no cover - only the two supported backends
        raise RegistryError(f"neatbalstīta datubāze {dialect}", f"unsupported database {dialect}")
    return inserts[dialect](table)


@functools.cache
def _sql_insert_timesheet():
    return insert(_TIMESHEETS).returning(_TIMESHEETS.c.id)


@functools.cache
def _sql_insert_entries():
    return insert(_ENTRIES)


@functools.cache
def _sql_journal_insert(dialect: str):
    return _insert_of(dialect, _JOURNAL).on_conflict_do_nothing(index_elements=["sha256"]).returning(*_JOURNAL.c)


@functools.cache
def _sql_journal_get():
    return select(*_JOURNAL.c).where(_JOURNAL.c.sha256 == bindparam("sha"))


@functools.cache
def _sql_journal_set():
    """One UPDATE for every `journal_set`: case id and reason kept when not given (NULL), attempts counted."""
    j = _JOURNAL.c
    return (update(_JOURNAL).where(j.sha256 == bindparam("sha"))
            .values(state=bindparam("state"), updated_at=bindparam("now"),
                    attempts=func.coalesce(j.attempts, 0) + bindparam("attempt", type_=Integer),
                    case_id=func.coalesce(bindparam("case_id", type_=Integer), j.case_id),
                    reason=func.coalesce(bindparam("reason", type_=Text), j.reason))
            .returning(*_JOURNAL.c))


def _journal_entry(row: Any, created: bool = False) -> JournalEntry:
    """A journal row (ORM object or Core row: the same attribute names) as the frozen record callers get."""
    return JournalEntry(row.sha256, row.name, row.size, _aware(row.received_at), row.state, row.case_id, row.reason,
                        row.attempts, _aware(row.updated_at), created)


def _document_info(row: m.DocumentRow) -> DocumentInfo:
    return DocumentInfo(row.id, row.application_id, row.kind, row.path, row.template_sha256, row.input_sha256,
                        row.rules_version, _aware(row.created_at))


# ---------------------------------------------------------------- the API, on one session


class Transaction:
    """The register's operations inside one database transaction (see `Registry.transaction`)."""

    def __init__(self, session: Session):
        self.session = session

    # ------------------------------------------------ internal: insert-or-get

    def _dialect_insert(self, table):
        """The backend's own INSERT construct (it has ON CONFLICT on both)."""
        return _insert_of(self._dialect, table)

    @property
    def _dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def _insert_ignore(self, table, values: dict[str, Any], conflict: list[str]) -> int:
        """INSERT … ON CONFLICT DO NOTHING on either backend; the number of rows inserted (0 or 1)."""
        # RETURNING, not rowcount: psycopg reports a row count for a conflict that inserted nothing.
        stmt = self._dialect_insert(table).values(**values).on_conflict_do_nothing(index_elements=conflict)
        return len(self.session.execute(stmt.returning(*table.primary_key.columns)).all())

    # People, assistants and providers are looked up for every stored timesheet: Core statements on the tables
    # (ids and the few columns compared), not ORM objects.

    def _person(self, person: Person) -> int:
        """The person's id, registered if new; the latest contact details given are kept, never blanked out."""
        s, t = self.session, _PEOPLE
        values = dict(personal_code=person.personal_code, given_name=person.given_name, surname=person.surname,
                      birth_date=person.birth_date, address=person.address, phone=person.phone, email=person.email)
        known, code = _sql_person(), {"code": person.personal_code}
        row = s.execute(known, code).first()  # the usual case (a contract came first): one SELECT, no write
        if row is None:
            self._insert_ignore(t, values, ["personal_code"])  # a concurrent writer may win: then update it
            row = s.execute(known, code).one()
        changed = {k: v for k, v in values.items() if v is not None and getattr(row, k) != v}
        if changed:
            s.execute(update(t).where(t.c.id == row.id).values(**changed))
        return row.id

    def _assistant(self, a: Assistant) -> int:
        """The assistant's id, registered if new (identified by code, else by name: `registry.identity`)."""
        s, t = self.session, _ASSISTANTS
        cols = select(t.c.id, t.c.is_minor)
        if a.personal_code:
            row = s.execute(_sql_assistant_by_code(), {"code": a.personal_code}).first()
            if row is None:
                # Known so far only by name (no code on earlier timesheets): the code now identifies them.
                row = s.execute(cols.where(t.c.key == assistant_key(a.given_name, a.surname),
                                           t.c.personal_code.is_(None))).first()
                if row is not None:
                    s.execute(update(t).where(t.c.id == row.id).values(
                        personal_code=a.personal_code, key=assistant_key(a.given_name, a.surname, a.personal_code)))
        else:
            row = s.execute(cols.where(t.c.key == assistant_key(a.given_name, a.surname))).first()
            if row is None:
                # A name without a code matches a coded assistant only when exactly one has that name.
                same = s.execute(cols.where(t.c.name_key == normalise_name(a.given_name, a.surname)).limit(2)).all()
                row = same[0] if len(same) == 1 else None
        if row is None:
            key = assistant_key(a.given_name, a.surname, a.personal_code)
            self._insert_ignore(t, dict(
                key=key, name_key=normalise_name(a.given_name, a.surname), personal_code=a.personal_code,
                given_name=a.given_name, surname=a.surname, is_minor=a.is_minor), ["key"])
            row = s.execute(cols.where(t.c.key == key)).one()
        if a.is_minor != row.is_minor:  # the latest document says whether the assistant is a minor
            s.execute(update(t).where(t.c.id == row.id).values(is_minor=a.is_minor))
        return row.id

    def _provider(self, p: Provider | None) -> int | None:
        if p is None:
            return None
        s, t = self.session, _PROVIDERS
        if p.registration_number:
            self._insert_ignore(t, dict(name=p.name, registration_number=p.registration_number),
                                ["registration_number"])
            return s.execute(select(t.c.id).where(t.c.registration_number == p.registration_number)).scalar_one()
        found = s.execute(select(t.c.id).where(t.c.name == p.name).order_by(t.c.id)).scalar()
        if found is None:
            found = s.execute(insert(t).values(name=p.name, registration_number=None).returning(t.c.id)).scalar_one()
        return found

    def _application_row(self, case_id: int) -> m.ApplicationRow:
        row = self.session.get(m.ApplicationRow, case_id)
        if row is None:
            raise RegistryError(f"lieta {case_id} reģistrā nav atrasta", f"case {case_id} is not in the register")
        return row

    # ------------------------------------------------ cases

    def add_application(self, app: Application, source_sha256: str, case_number: str | None = None) -> int:
        """Store an application; its id is the case id. The same source file (SHA-256) is stored once: adding it
        again returns the existing case id."""
        s = self.session
        existing = s.scalars(select(m.ApplicationRow.id).where(m.ApplicationRow.source_sha256 == source_sha256)).first()
        if existing is not None:
            return existing
        person_id = self._person(app.applicant)
        inserted = self._insert_ignore(m.ApplicationRow.__table__, dict(
            case_number=case_number, person_id=person_id, received_on=app.received_on, source_sha256=source_sha256,
            record=to_jsonable(app), created_at=_now()), ["source_sha256"])
        case_id = s.scalars(select(m.ApplicationRow.id).where(m.ApplicationRow.source_sha256 == source_sha256)).one()
        if inserted and app.representative is not None:
            rep_id = self._person(app.representative)
            s.add(m.Representative(application_id=case_id, person_id=rep_id, represented_id=person_id))
            s.flush()
        return case_id

    def add_assessment(self, case_id: int, assessment: Assessment) -> int:
        self._application_row(case_id)
        row = m.AssessmentRow(application_id=case_id, record=to_jsonable(assessment), created_at=_now())
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_decision(self, case_id: int, decision: Decision) -> int:
        self._application_row(case_id)
        d = decision.duration
        row = m.DecisionRow(
            application_id=case_id, outcome=decision.outcome, decided_on=decision.decided_on,
            hours_per_week=decision.hours_per_week, duration_kind=d.kind if d else None, start=d.start if d else None,
            end=d.end if d else None, grounds=list(decision.grounds), findings=to_jsonable(decision.findings),
            rules_version=decision.rules_version, record=to_jsonable(decision), created_at=_now())
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_contract(self, contract: Contract, case_id: int | None = None) -> int:
        """Store a contract (14). The same number with the same content returns the existing id; the same number
        with different content is refused (use `replace_contract` for an amendment)."""
        s = self.session
        if case_id is not None:
            self._application_row(case_id)
        old = s.scalars(select(m.ContractRow).where(m.ContractRow.number == contract.number)).first()
        if old is not None:
            if old.record == to_jsonable(contract):
                return old.id
            raise RegistryError(
                f"līgums Nr. {contract.number} reģistrā jau ir ar citu saturu; grozījumiem lietojiet replace_contract",
                f"contract {contract.number} is already registered with different content; use replace_contract")
        return self._write_contract(m.ContractRow(number=contract.number, created_at=_now()), contract, case_id)

    def replace_contract(self, contract: Contract, case_id: int | None = None) -> int:
        """Store an amended contract under its existing number (periods, hours, suspensions)."""
        row = self.session.scalars(select(m.ContractRow).where(m.ContractRow.number == contract.number)).first()
        if row is None:
            return self.add_contract(contract, case_id)
        return self._write_contract(row, contract, case_id if case_id is not None else row.application_id)

    def _write_contract(self, row: m.ContractRow, c: Contract, case_id: int | None) -> int:
        if row.id is not None:  # delete the old activity/suspension rows before their replacements go in
            row.activities.clear()
            row.suspensions.clear()
            self.session.flush()
        row.application_id = case_id
        row.recipient_id = self._person(c.recipient)
        row.assistant_id = self._assistant(c.assistant)
        row.provider_id = self._provider(c.provider)
        row.start, row.end, row.concluded_on = c.start, c.end, c.concluded_on
        row.hours_per_week, row.engagement = c.hours_per_week, c.engagement
        row.record = to_jsonable(c)
        row.activities = [m.ContractActivityRow(annex1_point=a.annex1_point, hours_per_week=a.hours_per_week)
                          for a in c.activities]
        row.suspensions = [m.SuspensionRow(start=x.start, end=x.end, reason=x.reason) for x in c.suspensions]
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_suspension(self, contract_number: str, suspension: Suspension) -> Contract:
        """Point 18: record a suspension on a contract; returns the updated contract."""
        row = self.session.scalars(select(m.ContractRow).where(m.ContractRow.number == contract_number)).first()
        if row is None:
            raise RegistryError(f"līgums Nr. {contract_number} reģistrā nav atrasts",
                                f"contract {contract_number} is not in the register")
        contract = load(Contract, row.record)
        updated = contract.model_copy(update={"suspensions": [*contract.suspensions, suspension]})
        updated = load(Contract, to_jsonable(updated))
        self._write_contract(row, updated, row.application_id)
        return updated

    def add_document(self, case_id: int | None, kind: str, path: str | os.PathLike[str], template_sha256: str,
                     input_sha256: str, rules_version: str) -> int:
        """Record a generated document and what produced it."""
        if case_id is not None:
            self._application_row(case_id)
        row = m.DocumentRow(application_id=case_id, kind=kind, path=str(path), template_sha256=template_sha256,
                            input_sha256=input_sha256, rules_version=rules_version, created_at=_now())
        self.session.add(row)
        self.session.flush()
        return row.id

    def documents(self, case_id: int | None = None, input_sha256: str | None = None) -> list[DocumentInfo]:
        q = select(m.DocumentRow).order_by(m.DocumentRow.id)
        if case_id is not None:
            q = q.where(m.DocumentRow.application_id == case_id)
        if input_sha256 is not None:
            q = q.where(m.DocumentRow.input_sha256 == input_sha256)
        return [_document_info(r) for r in self.session.scalars(q)]

    def case(self, case_id: int) -> Case:
        s = self.session
        row = self._application_row(case_id)
        assessments = [load(Assessment, r.record) for r in s.scalars(
            select(m.AssessmentRow).where(m.AssessmentRow.application_id == case_id).order_by(m.AssessmentRow.id))]
        decisions = [load(Decision, r.record) for r in s.scalars(
            select(m.DecisionRow).where(m.DecisionRow.application_id == case_id).order_by(m.DecisionRow.id))]
        contracts = [load(Contract, r.record) for r in s.scalars(
            select(m.ContractRow).where(m.ContractRow.application_id == case_id).order_by(m.ContractRow.start))]
        return Case(row.id, row.case_number, row.source_sha256, load(Application, row.record), assessments, decisions,
                    contracts, self.documents(case_id))

    def case_ids(self) -> list[int]:
        """Every case (application) in the register, oldest first."""
        return list(self.session.scalars(select(m.ApplicationRow.id).order_by(m.ApplicationRow.id)))

    def case_ids(self, received_from: dt.date | None = None, received_to: dt.date | None = None) -> list[int]:
        """Ids of all cases (optionally received within the dates, both included), oldest application first."""
        q = select(m.ApplicationRow.id).order_by(m.ApplicationRow.received_on, m.ApplicationRow.id)
        if received_from is not None:
            q = q.where(m.ApplicationRow.received_on >= received_from)
        if received_to is not None:
            q = q.where(m.ApplicationRow.received_on <= received_to)
        return list(self.session.scalars(q))

    def case_by_source(self, source_sha256: str) -> int | None:
        return self.session.scalars(
            select(m.ApplicationRow.id).where(m.ApplicationRow.source_sha256 == source_sha256)).first()

    def history(self, recipient_code: str) -> list[Case]:
        """All cases of a person, oldest application first."""
        ids = self.session.scalars(
            select(m.ApplicationRow.id).join(m.Person).where(m.Person.personal_code == _code(recipient_code))
            .order_by(m.ApplicationRow.received_on, m.ApplicationRow.id)).all()
        return [self.case(i) for i in ids]

    # ------------------------------------------------ contracts

    def _contracts_on(self, on: dt.date):
        return select(m.ContractRow).where(m.ContractRow.start <= on, m.ContractRow.end >= on)

    def contract_in_force(self, recipient_code: str, on: dt.date,
                          assistant: str | Assistant | None = None) -> Contract | None:
        """The recipient's contract in force on `on` (both the first and the last day included), with the given
        assistant if one is named; the latest started when several are."""
        q = (self._contracts_on(on).join(m.Person, m.ContractRow.recipient_id == m.Person.id)
             .where(m.Person.personal_code == _code(recipient_code)))
        if assistant is not None:
            q = q.join(m.AssistantRow, m.ContractRow.assistant_id == m.AssistantRow.id).where(
                m.AssistantRow.id.in_(self._assistant_ids(assistant)))
        row = self.session.scalars(q.order_by(m.ContractRow.start.desc(), m.ContractRow.id.desc())).first()
        return load(Contract, row.record) if row else None

    def contracts_in_force(self, on: dt.date) -> list[Contract]:
        q = self._contracts_on(on).order_by(m.ContractRow.start, m.ContractRow.id)
        return [load(Contract, r.record) for r in self.session.scalars(q.execution_options(yield_per=500))]

    def contract(self, number: str) -> Contract | None:
        row = self.session.scalars(select(m.ContractRow).where(m.ContractRow.number == number)).first()
        return load(Contract, row.record) if row else None

    def assistant_changes_in_year(self, recipient_code: str, year: int) -> list[AssistantChange]:
        """Point 16: each contract starting in `year` whose assistant differs from the recipient's contract
        before it (contracts in order of start)."""
        rows = self.session.execute(
            select(m.ContractRow.number, m.ContractRow.start, m.ContractRow.assistant_id, m.ContractRow.record)
            .join(m.Person, m.ContractRow.recipient_id == m.Person.id)
            .where(m.Person.personal_code == _code(recipient_code), m.ContractRow.start < dt.date(year + 1, 1, 1))
            .order_by(m.ContractRow.start, m.ContractRow.id)).all()
        changes = []
        for prev, cur in zip(rows, rows[1:]):
            if cur.start.year == year and cur.assistant_id != prev.assistant_id:
                changes.append(AssistantChange(cur.start, cur.number, prev.number,
                                               load(Contract, cur.record).assistant,
                                               load(Contract, prev.record).assistant))
        return changes

    # ------------------------------------------------ timesheets

    def _assistant_ids(self, assistant: str | Assistant):
        """The ids an assistant key (or record) stands for: by code, or by name for codeless lookups."""
        # A name also finds an assistant whose code became known later (their key is now the code).
        key = _key_of(assistant)
        return _sql_assistant_ids(key.startswith("name:")).params(key=key.removeprefix("name:"))

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

    # ------------------------------------------------ administration costs (22.4)

    def set_administration(self, year: int, month: int, amount_eur: Decimal) -> None:
        """22.4: the administration costs of a month, as the social service reports them."""
        amount = Decimal(amount_eur).quantize(HUNDREDTH)
        if amount < 0:
            raise RegistryError("administrēšanas izdevumi nevar būt negatīvi", "administration costs cannot be negative")
        row = self.session.get(m.AdministrationCost, (year, month))
        if row is None:
            self.session.add(m.AdministrationCost(year=year, month=month, amount_eur=amount, updated_at=_now()))
        else:
            row.amount_eur, row.updated_at = amount, _now()
        self.session.flush()

    def administration(self, year: int, months: Iterable[int]) -> dict[int, Decimal]:
        """Stored administration costs of the given months of `year` (months with none are left out)."""
        rows = self.session.scalars(select(m.AdministrationCost).where(
            m.AdministrationCost.year == year, m.AdministrationCost.month.in_(list(months))))
        return {r.month: Decimal(str(r.amount_eur)).quantize(HUNDREDTH) for r in rows}

    # ------------------------------------------------ the inbox journal

    # The journal is read and written with Core statements on its table (one statement per call, no ORM
    # objects): it is touched twice for every inbox file, and the ORM's get-then-flush cost more than the SQL.

    def journal_claim(self, sha256: str, name: str, size: int, state: str = "received") -> JournalEntry:
        """Register an incoming file by content, or get it if it is already there (atomic insert-or-get).
        `created` tells which: False means this content was seen before, in the state returned. A new entry
        starts in `state`: `received`, or `processing` (its first attempt counted, as `journal_set` would)."""
        if state not in PENDING_STATES:
            raise RegistryError(f"žurnāla ieraksts nevar sākties stāvoklī '{state}'",
                                f"a journal entry cannot start in state '{state}'")
        now = _now()
        row = self.session.execute(_sql_journal_insert(self._dialect), dict(
            sha256=sha256, name=name, size=size, received_at=now, state=state, case_id=None, reason=None,
            attempts=1 if state == "processing" else 0, updated_at=now)).first()
        if row is not None:
            return _journal_entry(row, created=True)
        return _journal_entry(self.session.execute(_sql_journal_get(), {"sha": sha256}).one())

    def journal_get(self, sha256: str) -> JournalEntry | None:
        row = self.session.execute(_sql_journal_get(), {"sha": sha256}).first()
        return _journal_entry(row) if row else None

    def journal_set(self, sha256: str, state: str, case_id: int | None = None,
                    reason: str | None = None) -> JournalEntry:
        """Move a file to `state`; entering `processing` counts an attempt. `case_id`/`reason` are kept when
        not given."""
        if state not in m.JOURNAL_STATES:
            raise RegistryError(f"nezināms žurnāla stāvoklis '{state}'", f"unknown journal state '{state}'")
        row = self.session.execute(_sql_journal_set(), dict(
            sha=sha256, state=state, now=_now(), attempt=1 if state == "processing" else 0, case_id=case_id,
            reason=reason)).first()
        if row is None:
            raise RegistryError(f"fails {sha256[:12]}… žurnālā nav reģistrēts",
                                f"file {sha256[:12]}… is not in the journal")
        return _journal_entry(row)

    def journal_pending(self) -> list[JournalEntry]:
        """Files received or being processed but not finished (to reconcile after a crash), oldest first."""
        j = _JOURNAL
        rows = self.session.execute(select(*j.c).where(j.c.state.in_(PENDING_STATES))
                                    .order_by(j.c.received_at, j.c.sha256))
        return [_journal_entry(r) for r in rows]

    def journal_counts(self) -> dict[str, int]:
        """Number of files in each state (every state listed, zeros included)."""
        out = {state: 0 for state in m.JOURNAL_STATES}
        for state, n in self.session.execute(select(m.JournalRow.state, func.count()).group_by(m.JournalRow.state)):
            out[state] = n
        return out

    # ------------------------------------------------ overview

    def counts(self) -> dict[str, int]:
        """Rows per main table (e.g. to tell an empty register)."""
        s = self.session
        return {name: s.scalar(select(func.count()).select_from(model)) or 0 for name, model in (
            ("applications", m.ApplicationRow), ("contracts", m.ContractRow), ("timesheets", m.TimesheetRow),
            ("documents", m.DocumentRow), ("journal", m.JournalRow))}


# ---------------------------------------------------------------- the register


P = ParamSpec("P")
R = TypeVar("R")


class _OwnTransaction(Generic[P, R]):
    """A `Transaction` method offered on `Registry`, run in a transaction of its own (typed: the signature is
    the method's). `read_only` ones use `Registry.reading()`, which on SQLite does not take the write lock."""

    def __init__(self, method: Callable[Concatenate[Transaction, P], R], read_only: bool = False):
        self.method, self.read_only = method, read_only
        self.__doc__ = method.__doc__

    @overload
    def __get__(self, registry: None, owner: type | None = None) -> Callable[Concatenate[Transaction, P], R]: ...

    @overload
    def __get__(self, registry: "Registry", owner: type | None = None) -> Callable[P, R]: ...

    def __get__(self, registry: "Registry | None", owner: type | None = None) -> Any:
        if registry is None:
            return self.method
        method, begin = self.method, (registry.reading if self.read_only else registry.transaction)

        @functools.wraps(method)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            with begin() as tx:
                return method(tx, *args, **kwargs)

        signature = inspect.signature(method)  # as a bound method: without the transaction
        call.__signature__ = signature.replace(parameters=list(signature.parameters.values())[1:])  # type: ignore[attr-defined]
        return call


def _writes(method: Callable[Concatenate[Transaction, P], R]) -> _OwnTransaction[P, R]:
    return _OwnTransaction(method)


def _reads(method: Callable[Concatenate[Transaction, P], R]) -> _OwnTransaction[P, R]:
    return _OwnTransaction(method, read_only=True)


class Registry:
    """A case register on one database: the engine, a session factory, and the operations of `Transaction`,
    each run in a transaction of its own. No module-level state: open as many as you like."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> str:
        """The database URL with any password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One transaction: committed when the block ends, rolled back if it raises. On SQLite it takes the
        write lock at the start (BEGIN IMMEDIATE), so concurrent writers wait instead of failing midway."""
        try:
            with self._sessions() as session, session.begin():
                yield Transaction(session)
        except IntegrityError as e:
            raise _refused(e) from None  # the driver's message may quote a personal code

    @contextmanager
    def reading(self) -> Iterator[Transaction]:
        """A read-only transaction (on SQLite it does not take the write lock, so it never blocks the inbox)."""
        with Session(self.engine.execution_options(asistents_begin="DEFERRED"), expire_on_commit=False) as session:
            session.begin()
            try:
                yield Transaction(session)
            finally:
                session.rollback()

    def migrate(self, revision: str = "head") -> None:
        """Upgrade the schema with Alembic (`registry/migrations`) to `revision`."""
        from registry.migrate import upgrade

        upgrade(self.engine, revision)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Registry {self.url}>"

    # ------------------------------------------------ the operations of Transaction, each in its own transaction
    add_application = _writes(Transaction.add_application)
    add_assessment = _writes(Transaction.add_assessment)
    add_decision = _writes(Transaction.add_decision)
    add_contract = _writes(Transaction.add_contract)
    replace_contract = _writes(Transaction.replace_contract)
    add_suspension = _writes(Transaction.add_suspension)
    add_document = _writes(Transaction.add_document)
    add_timesheet = _writes(Transaction.add_timesheet)
    store_timesheet = _writes(Transaction.store_timesheet)
    resolve_timesheet = _writes(Transaction.resolve_timesheet)
    set_administration = _writes(Transaction.set_administration)
    journal_claim = _writes(Transaction.journal_claim)
    journal_set = _writes(Transaction.journal_set)

    documents = _reads(Transaction.documents)
    case = _reads(Transaction.case)
    case_by_source = _reads(Transaction.case_by_source)
    case_ids = _reads(Transaction.case_ids)
    history = _reads(Transaction.history)
    contract = _reads(Transaction.contract)
    contract_in_force = _reads(Transaction.contract_in_force)
    contracts_in_force = _reads(Transaction.contracts_in_force)
    assistant_changes_in_year = _reads(Transaction.assistant_changes_in_year)
    timesheet = _reads(Transaction.timesheet)
    assistant_hours_by_week = _reads(Transaction.assistant_hours_by_week)
    other_timesheets = _reads(Transaction.other_timesheets)
    contract_for_timesheet = _reads(Transaction.contract_for_timesheet)
    timesheet_context = _reads(Transaction.timesheet_context)
    used_hours_by_month = _reads(Transaction.used_hours_by_month)
    previous_months_used = _reads(Transaction.previous_months_used)
    administration = _reads(Transaction.administration)
    journal_get = _reads(Transaction.journal_get)
    journal_pending = _reads(Transaction.journal_pending)
    journal_counts = _reads(Transaction.journal_counts)
    counts = _reads(Transaction.counts)


# ---------------------------------------------------------------- opening


def _sqlite_engine(url, echo: bool) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, hide_parameters=True, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the driver, begin transactions (the driver's implicit BEGIN is DEFERRED).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if url.database and url.database != ":memory:":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn) -> None:
        mode = conn.get_execution_options().get("asistents_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def create(url: str | None = None, echo: bool = False) -> Engine:
    """An engine for `url` (default: $ASISTENTS_DB_URL, else sqlite:///./asistents.db), set up for this register."""
    text = url or os.environ.get("ASISTENTS_DB_URL") or DEFAULT_URL
    parsed = make_url(text)
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver installed
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, echo)
    if backend == "postgresql":
        return create_engine(parsed, echo=echo, hide_parameters=True, pool_pre_ping=True)
    raise RegistryError(f"neatbalstīta datubāze '{backend}' (der sqlite:/// vai postgresql+psycopg://)",
                        f"unsupported database '{backend}' (use sqlite:/// or postgresql+psycopg://)")


def open(url: str | None = None, migrate: bool = True, echo: bool = False) -> Registry:  # noqa: A001
    """Open the register at `url` (default: $ASISTENTS_DB_URL, else sqlite:///./asistents.db) and, unless
    `migrate=False`, upgrade its schema to the latest revision."""
    reg = Registry(create(url, echo))
    if migrate:
        reg.migrate()
    return reg
