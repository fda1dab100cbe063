"""What every part of the register shares: the error it raises, small conversions, and `Store`, the session
the per-table parts (`people`, `cases`, `contracts`, `timesheets`, `journal`, `documents`, `audit`) work on."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registry import models as m
from registry.identity import assistant_key
from regulation import personal_code as pk
from regulation.records import Assistant

HUNDREDTH = Decimal("0.01")


class RegistryError(ValueError):
    """The register refused a change; said in Latvian and English."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en



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



def _insert_of(dialect: str, table):
    """The backend's own INSERT construct (it has ON CONFLICT on both)."""
    from sqlalchemy.dialects import postgresql, sqlite

    inserts: dict[str, Callable[..., Any]] = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
    if dialect not in inserts:  # pragma: no cover - only the two supported backends
        raise RegistryError(f"neatbalstīta datubāze {dialect}", f"unsupported database {dialect}")
    return inserts[dialect](table)



class Store:
    """A register part on one session; `registry.store.Transaction` combines them all."""

    def __init__(self, session: Session):
        self.session = session

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



    def _application_row(self, case_id: int) -> m.ApplicationRow:
        row = self.session.get(m.ApplicationRow, case_id)
        if row is None:
            raise RegistryError(f"lieta {case_id} reģistrā nav atrasta", f"case {case_id} is not in the register")
        return row
