"""The case register's schema (SQLAlchemy 2.0 typed ORM). Alembic revisions in `registry/migrations` match it.

Money and hours are `Numeric` (Decimal in Python), dates are dates. Every row that came from a file keeps the
file's SHA-256 and the record as JSON, so a case can be rebuilt and audited. Personal codes are stored (the
documents need them) but no `__repr__` here shows them, so they do not end up in logs.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Named constraints so that Alembic migrations (and SQLite batch mode) can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HOURS = Numeric(7, 2)
MONEY = Numeric(12, 2)
JSONDoc = JSON().with_variant(JSONB(), "postgresql")
SHA256 = String(64)

JOURNAL_STATES = ("received", "processing", "processed", "needs_review", "quarantined", "duplicate", "failed")
TIMESHEET_STATES = ("accepted", "conflict", "rejected")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    def __repr__(self) -> str:  # never the personal code
        return f"<{type(self).__name__} id={getattr(self, 'id', None)}>"


class Person(Base):
    """A natural person receiving (or applying for) the service, or a legal representative (6.1, 6.2)."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    personal_code: Mapped[str] = mapped_column(String(12), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(String(300))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))


class Representative(Base):
    """A legal representative (6.2, 7.1) acting for a person in one application."""

    __tablename__ = "representatives"
    __table_args__ = (UniqueConstraint("application_id", "person_id", name="uq_representatives_application_person"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)  # the representative
    represented_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)


class AssistantRow(Base):
    """A natural person providing the service (3). `key` identifies them: personal code when known, else the
    normalised name (see `registry.identity`)."""

    __tablename__ = "assistants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(220), unique=True)
    name_key: Mapped[str] = mapped_column(String(220), index=True)  # normalised name, for codeless look-ups
    personal_code: Mapped[str | None] = mapped_column(String(12), unique=True)
    given_name: Mapped[str] = mapped_column(String(100))
    surname: Mapped[str] = mapped_column(String(100))
    is_minor: Mapped[bool] = mapped_column(Boolean, default=False)


class ProviderRow(Base):
    """A legal-entity provider chosen by public procurement (3.¹)."""

    __tablename__ = "providers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    registration_number: Mapped[str | None] = mapped_column(String(20), unique=True)


class ApplicationRow(Base):
    """A case: one application (5–7) and everything decided on it. Its id is the case id."""

    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_number: Mapped[str | None] = mapped_column(String(50), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    received_on: Mapped[dt.date] = mapped_column(Date)
    source_sha256: Mapped[str] = mapped_column(SHA256, unique=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # the case's state in its lifecycle (regulation.lifecycle; revision 0003)
    state: Mapped[str] = mapped_column(String(30), server_default="received")

    person: Mapped[Person] = relationship()


class AssessmentRow(Base):
    """The social service's own findings on a case (8.1–8.3)."""

    __tablename__ = "assessments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    entered_by: Mapped[str | None] = mapped_column(String(100))  # who entered it (revision 0003)


class DecisionRow(Base):
    """A decision (9) with its findings and the rules version that produced it."""

    __tablename__ = "decisions"
    __table_args__ = (CheckConstraint("outcome IN ('grant', 'partial', 'refuse', 'pending')", name="outcome"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(10))
    decided_on: Mapped[dt.date] = mapped_column(Date)
    hours_per_week: Mapped[Decimal] = mapped_column(HOURS)
    duration_kind: Mapped[str | None] = mapped_column(String(20))
    start: Mapped[dt.date | None] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    grounds: Mapped[list[str]] = mapped_column(JSONDoc)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSONDoc)
    rules_version: Mapped[str] = mapped_column(String(100))
    record: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # adoption (9) and notification (10), revision 0003
    number: Mapped[str | None] = mapped_column(String(50), unique=True)
    adopted_on: Mapped[dt.date | None] = mapped_column(Date)
    adopted_by: Mapped[str | None] = mapped_column(String(100))
    notified_on: Mapped[dt.date | None] = mapped_column(Date)
    notified_how: Mapped[str | None] = mapped_column(String(20))
    notified_by: Mapped[str | None] = mapped_column(String(100))


class ContractRow(Base):
    """The three-party contract (14): who, with whom, for how long, how many hours."""

    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint('"end" >= start', name="period"),
        Index("ix_contracts_recipient_period", "recipient_id", "start", "end"),
        Index("ix_contracts_assistant_period", "assistant_id", "start", "end"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(50), unique=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    assistant_id: Mapped[int] = mapped_column(ForeignKey("assistants.id"))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id"), index=True)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    concluded_on: Mapped[dt.date | None] = mapped_column(Date)
    hours_per_week: Mapped[Decimal] = mapped_column(HOURS)
    engagement: Mapped[str] = mapped_column(String(20))
    record: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    activities: Mapped[list[ContractActivityRow]] = relationship(cascade="all, delete-orphan")
    suspensions: Mapped[list[SuspensionRow]] = relationship(cascade="all, delete-orphan")


class ContractActivityRow(Base):
    """Hours per week granted for one Annex 1 activity in a contract."""

    __tablename__ = "contract_activities"
    __table_args__ = (UniqueConstraint("contract_id", "annex1_point", name="uq_contract_activities_contract_point"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    annex1_point: Mapped[int] = mapped_column(Integer)
    hours_per_week: Mapped[Decimal] = mapped_column(HOURS)


class SuspensionRow(Base):
    """A suspension of the service (18): long-term care, hospital or prison."""

    __tablename__ = "suspensions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(20))


class TimesheetRow(Base):
    """One monthly timesheet file (20). A second, different file for the same recipient, assistant and month is
    kept with state `conflict` (flagged for a person to decide), never merged into the first."""

    __tablename__ = "timesheets"
    __table_args__ = (
        UniqueConstraint("recipient_id", "assistant_id", "month", "source_sha256", name="uq_timesheets_source"),
        Index("ix_timesheets_assistant_month", "assistant_id", "month"),
        Index("ix_timesheets_recipient_month", "recipient_id", "month"),
        CheckConstraint("state IN ('accepted', 'conflict', 'rejected')", name="state"),
        # at most one accepted timesheet per recipient, assistant and month (revision 0002)
        Index("uq_timesheets_one_accepted", "recipient_id", "assistant_id", "month", unique=True,
              sqlite_where=text("state = 'accepted'"), postgresql_where=text("state = 'accepted'")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date)  # first day of the month
    recipient_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    assistant_id: Mapped[int] = mapped_column(ForeignKey("assistants.id"))
    provider_id: Mapped[int | None] = mapped_column(ForeignKey("providers.id"), index=True)
    source_sha256: Mapped[str] = mapped_column(SHA256, index=True)
    state: Mapped[str] = mapped_column(String(10))
    conflicts_with_id: Mapped[int | None] = mapped_column(ForeignKey("timesheets.id"))
    hours: Mapped[Decimal] = mapped_column(HOURS)
    transport_eur: Mapped[Decimal] = mapped_column(MONEY)
    signed_by_assistant: Mapped[bool] = mapped_column(Boolean)
    signed_by_recipient: Mapped[bool] = mapped_column(Boolean)
    record: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    entries: Mapped[list[TimesheetEntryRow]] = relationship(cascade="all, delete-orphan")


class TimesheetEntryRow(Base):
    """One line of a timesheet. The ISO week is stored so weekly sums are plain SQL on every backend."""

    __tablename__ = "timesheet_entries"
    __table_args__ = (Index("ix_timesheet_entries_week", "iso_year", "iso_week"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    timesheet_id: Mapped[int] = mapped_column(ForeignKey("timesheets.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start: Mapped[dt.time] = mapped_column(Time)
    end: Mapped[dt.time] = mapped_column(Time)
    hours: Mapped[Decimal] = mapped_column(HOURS)
    annex1_point: Mapped[int] = mapped_column(Integer)
    place: Mapped[str | None] = mapped_column(String(300))
    outside_latvia: Mapped[bool] = mapped_column(Boolean)
    transport_eur: Mapped[Decimal] = mapped_column(MONEY)
    iso_year: Mapped[int] = mapped_column(Integer)
    iso_week: Mapped[int] = mapped_column(Integer)


class DocumentRow(Base):
    """A generated document and what produced it: the auditor's trail."""

    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    path: Mapped[str] = mapped_column(Text)
    template_sha256: Mapped[str] = mapped_column(SHA256)
    input_sha256: Mapped[str] = mapped_column(SHA256)
    rules_version: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AdministrationCost(Base):
    """22.4: the social service's administration costs of one month (entered by the service, not computed)."""

    __tablename__ = "administration_costs"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)
    amount_eur: Mapped[Decimal] = mapped_column(MONEY)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class JournalRow(Base):
    """The inbox journal: one row per distinct incoming file (by content), and where it got to."""

    __tablename__ = "journal"
    __table_args__ = (
        CheckConstraint("state IN ('received', 'processing', 'processed', 'needs_review', 'quarantined', "
                        "'duplicate', 'failed')", name="state"),
        Index("ix_journal_state", "state"),
    )
    sha256: Mapped[str] = mapped_column(SHA256, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(20))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    reason: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    faults: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # evidence the file stopped the process
    solo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # at work alone right now
    raw_name: Mapped[bytes | None] = mapped_column(LargeBinary)  # the name's bytes when they are not UTF-8


# The lifecycle's tables live in their own module, on this Base (imported here so one metadata has them all).
from registry import lifecycle_models  # noqa: E402,F401
from registry import check_models  # noqa: E402,F401
