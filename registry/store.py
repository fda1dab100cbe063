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

import functools
import inspect
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

import orjson
from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from registry import models as m
from registry.administration import Administration
from registry.base import RegistryError, _refused
from registry.cases import Case
from registry.contracts import AssistantChange
from registry.documents import DocumentInfo
from registry.journal import FINAL_STATES, PENDING_STATES, Journal, JournalEntry
from registry.lifecycle import Lifecycle
from registry.review import Review
from registry.timesheets import StoredTimesheet, Timesheets, TimesheetStored
from registry.worklist import Worklist

__all__ = ["AssistantChange", "Case", "DocumentInfo", "FINAL_STATES", "JournalEntry", "PENDING_STATES", "Registry",
           "RegistryError", "StoredTimesheet", "TimesheetStored", "Transaction", "create", "open"]

DEFAULT_URL = "sqlite:///./asistents.db"


class Transaction(Lifecycle, Worklist, Review, Timesheets, Journal, Administration):
    """The register's operations inside one database transaction (see `Registry.transaction`); each part is
    its own module: `people`, `cases`, `documents`, `contracts`, `timesheets`, `journal`, `administration`,
    `lifecycle` (states and steps), `review`, `audit`."""

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
    journal_solo = _writes(Transaction.journal_solo)

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
    case_state = _reads(Transaction.case_state)
    steps = _reads(Transaction.steps)
    stored_decision = _reads(Transaction.stored_decision)
    audit_log = _reads(Transaction.audit_log)
    review_files = _reads(Transaction.review_files)


# ---------------------------------------------------------------- opening


WAL_WAIT = 30.0  # seconds, as the busy timeout


def _wal(cur) -> None:
    """Put the file in WAL mode (kept in the file). Switching takes a lock SQLite does not wait for — it answers
    "database is locked" at once where waiting could deadlock, busy timeout or not — so two processes opening
    a fresh register together (the inbox and the web workbench) try again until one has switched it."""
    deadline = time.monotonic() + WAL_WAIT
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url, echo: bool) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, hide_parameters=True, connect_args={"timeout": 30},
                           json_deserializer=orjson.loads)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the driver, begin transactions (the driver's implicit BEGIN is DEFERRED).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if url.database and url.database != ":memory:":
            _wal(cur)
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
        return create_engine(parsed, echo=echo, hide_parameters=True, pool_pre_ping=True,
                             json_deserializer=orjson.loads)
    raise RegistryError(f"neatbalstīta datubāze '{backend}' (der sqlite:/// vai postgresql+psycopg://)",
                        f"unsupported database '{backend}' (use sqlite:/// or postgresql+psycopg://)")


def open(url: str | None = None, migrate: bool = True, echo: bool = False) -> Registry:  # noqa: A001
    """Open the register at `url` (default: $ASISTENTS_DB_URL, else sqlite:///./asistents.db) and, unless
    `migrate=False`, upgrade its schema to the latest revision."""
    reg = Registry(create(url, echo))
    if migrate:
        reg.migrate()
    return reg
