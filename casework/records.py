"""What casework returns: small frozen dataclasses, JSON-ready through `regulation.records.to_jsonable`
(`asdict` first) — the CLI prints them with `--json`, the workbench renders them."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from regulation.records import Application, Assessment, Contract, Finding, to_jsonable


def jsonable(value: Any) -> Any:
    """A casework record (or a list of them) as plain JSON data."""
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return to_jsonable(asdict(value))
    return to_jsonable(value)


@dataclass(frozen=True)
class CaseSummary:
    """One line of `case_list`."""

    id: int
    case_number: str
    person: str  # given name and surname (never the personal code)
    received_on: dt.date
    state: str
    state_lv: str
    outcome: str | None  # the latest proposal's or decision's outcome
    decision_number: str | None


@dataclass(frozen=True)
class Step:
    """One step of a case's timeline."""

    step: str
    state_before: str | None
    state: str
    on: dt.date
    by: str
    details: dict[str, Any]
    at: dt.datetime


@dataclass(frozen=True)
class Document:
    kind: str
    path: str
    created_at: dt.datetime
    id: int | None = None  # the register's document id (`case regenerate --document ID`)


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    by: str
    action: str
    entity: str
    entity_id: str | None
    case_id: int | None
    before: Any
    after: Any


@dataclass(frozen=True)
class CaseView:
    """`case_show`: the case, its findings, timeline, documents and audit lines."""

    summary: CaseSummary
    application: Application
    assessment: Assessment | None
    decision: dict[str, Any] | None  # the Decision record as JSON, with number/adopted/notified
    pending: list[Finding]  # what the proposal still waits for (8.3)
    contracts: list[Contract]
    timeline: list[Step]
    documents: list[Document]
    audit: list[AuditLine]


@dataclass(frozen=True)
class StepDone:
    """What a step did: the case's new state and the documents rendered for it."""

    case_id: int
    step: str
    state: str
    state_lv: str
    message_lv: str
    message_en: str
    documents: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DueItem:
    """Something that falls due: when, what (and under which point), for which case or file."""

    due_on: dt.date
    what: str  # decide | notify | opinion_expires | timesheet | annex2 | review
    point: str
    text_lv: str
    text_en: str
    case_id: int | None = None
    sha256: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class ReviewField:
    """One field of a file in review: as read (with page and box), and any correction made."""

    name: str
    label_lv: str
    value: Any
    raw: str | None
    confidence: float
    page: int | None  # 1-based, as a clerk counts
    box: tuple[float, float, float, float] | None
    issues: list[str]
    corrected: Any = None
    corrected_by: str | None = None
    confirmed: bool = False


@dataclass(frozen=True)
class ReviewItem:
    """A file in review: which, what kind, when received, its deadline, and the fields to look at."""

    sha256: str
    name: str
    kind: str
    received_on: dt.date
    decide_by: dt.date | None
    state: str
    case_id: int | None
    fields: list[ReviewField]
    open_fields: int
    path: str | None = None  # the file in review/ (None once it went on, or when it was archived with doubts)


@dataclass(frozen=True)
class QueuedFile:
    """A file in the verification station's queue: which, when received, its deadline (9), how many issues
    are still open, and the names of the fields they are on."""

    sha256: str
    name: str
    kind: str
    received_on: dt.date
    decide_by: dt.date | None
    open_fields: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class FieldGroup:
    """One kind of field open across the queue (group verification): `key` as `kind:pattern`, e.g.
    `application:activities.*.hours_per_week`, its label and how many such fields are open."""

    key: str
    label_lv: str
    count: int


@dataclass(frozen=True)
class ReviewQueue:
    files: list[QueuedFile]
    groups: list[FieldGroup]


@dataclass(frozen=True)
class TimesheetView:
    """One stored timesheet (20) as checked now: its findings and what is payable (22.1–22.3), `provisional`
    while an error stands."""

    id: int
    month: str
    state: str  # accepted | conflict | rejected
    assistant: str  # given name and surname
    recipient: str
    contract: str | None  # the contract's number, None when none covers the month
    hours_provided: Any  # Decimal
    hours_paid: Any  # Decimal
    findings: list[Finding]
    payable: Any  # regulation.rates.Payable | None
    provisional: bool
    source_sha256: str

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


@dataclass(frozen=True)
class RegisterConfirmed:
    """A name on a file in review that the register knows for the same personal code: what the form showed
    and the register's spelling the reading took (`parser.crosscheck.settle_with_register`)."""

    field: str
    label_lv: str
    seen: str
    known: str
