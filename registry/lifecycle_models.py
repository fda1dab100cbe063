"""The case lifecycle's tables (revision 0003): the steps a case went through, terminations (17, 19), changes
of assistant (16), files in review with their corrections, and the append-only audit log.

Defined on `registry.models.Base` (imported at the end of `registry.models`, so one metadata holds them all).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.models import MONEY, Base, JSONDoc

ACTOR = String(100)


class CaseStepRow(Base):
    """One step of a case (register, assess, adopt, notify, contract, suspend, resume, terminate,
    change_assistant, close): the state before and after, the date it took effect, who, and its details."""

    __tablename__ = "case_steps"
    __table_args__ = (Index("ix_case_steps_case", "application_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(30))
    state_before: Mapped[str | None] = mapped_column(String(30))
    state: Mapped[str] = mapped_column(String(30))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(ACTOR)
    details: Mapped[dict[str, Any]] = mapped_column(JSONDoc)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class TerminationRow(Base):
    """Point 17: the service ended on a ground 17.1–17.5; with a refund of point 19 where one applies."""

    __tablename__ = "terminations"
    __table_args__ = (
        CheckConstraint("ground IN ('17.1', '17.2', '17.3', '17.4', '17.5')", name="ground"),
        CheckConstraint("refund_ground IS NULL OR refund_ground IN ('19.1', '19.2')", name="refund_ground"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    ground: Mapped[str] = mapped_column(String(5))
    refusal_ground: Mapped[str | None] = mapped_column(String(6))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    facts: Mapped[str | None] = mapped_column(Text)
    refund_ground: Mapped[str | None] = mapped_column(String(5))
    refund_eur: Mapped[Decimal | None] = mapped_column(MONEY)
    refund_due_on: Mapped[dt.date | None] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(ACTOR)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AssistantChangeRow(Base):
    """Point 16: the person chose another assistant (a reasoned written application); the new contract."""

    __tablename__ = "assistant_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"), index=True)
    previous_contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(ACTOR)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ReviewFileRow(Base):
    """A file the reader was unsure of (the inbox's `review/`): what was read, field by field, until a person
    has corrected or confirmed it and it went on (state `done`) as a clean file would."""

    __tablename__ = "review_files"
    __table_args__ = (CheckConstraint("state IN ('open', 'done')", name="state"),)

    sha256: Mapped[str] = mapped_column(ForeignKey("journal.sha256"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    received_on: Mapped[dt.date] = mapped_column(Date)
    reading: Mapped[dict[str, Any]] = mapped_column(JSONDoc)  # the parser's ParseResult, as read
    state: Mapped[str] = mapped_column(String(10), index=True)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    timesheet_id: Mapped[int | None] = mapped_column(ForeignKey("timesheets.id"))
    done_by: Mapped[str | None] = mapped_column(ACTOR)
    done_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ReviewCorrectionRow(Base):
    """A person's correction (`set`) or confirmation (`confirm`) of one field: the original reading kept."""

    __tablename__ = "review_corrections"
    __table_args__ = (CheckConstraint("action IN ('set', 'confirm')", name="action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("review_files.sha256", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(10))
    original: Mapped[dict[str, Any]] = mapped_column(JSONDoc)  # value, raw, confidence, source as read
    value: Mapped[Any] = mapped_column(JSONDoc)
    actor: Mapped[str] = mapped_column(ACTOR)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AuditRow(Base):
    """The append-only audit log: what changed (or was viewed), before → after, who, when. Triggers of
    revision 0003 refuse UPDATE and DELETE on both backends. No foreign keys: a log line outlives its rows."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_case", "case_id", "id"), Index("ix_audit_actor", "actor", "id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(ACTOR)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str | None] = mapped_column(String(80))
    case_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[Any] = mapped_column(JSONDoc, nullable=True)
    after: Mapped[Any] = mapped_column(JSONDoc, nullable=True)
