"""What the parser returns: a typed, JSON-able `ParseResult`, and `ParseError` for files that cannot be read.

Every message a clerk may see comes in Latvian and English and says what to do.

>>> r = ParseResult(file="a.pdf", sha256="0" * 64, kind="unknown")
>>> r.needs_review, r.to_jsonable()["kind"]
(False, 'unknown')
>>> e = ParseError("empty", "fails ir tukšs", "the file is empty", file="a.pdf")
>>> ParseError.from_dict(e.to_dict()).code
'empty'
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from regulation.records import Application, Timesheet, to_jsonable

Kind = Literal["application", "timesheet", "unknown"]
Shape = Literal["fillable", "flattened", "scanned"]
Method = Literal["acroform", "text", "ocr", "omr"]
IssueCode = Literal["missing", "invalid", "unreadable", "uncertain", "inconsistent"]
Severity = Literal["error", "warning"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """Where a value was read: page (0-based), box in PDF points (x0, y0, x1, y1, origin bottom-left), how.

    Frozen: one form field's source is shared by every reading of it (`parser.acroform`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    page: int
    box: tuple[float, float, float, float]
    method: Method


class FieldReading(_Model):
    """One form field as read: `value` is the normalised text the record is built from, `raw` what was seen."""

    value: str | bool | None
    raw: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    source: Source


class Issue(_Model):
    """Something a clerk should look at: which field, how serious, what and what to do (lv + en)."""

    field: str | None
    severity: Severity
    code: IssueCode
    message_lv: str
    message_en: str
    page: int | None = None


class ParseResult(_Model):
    """The outcome of reading one file.

    `record` is the regulation record only when everything read validates; it is never a half-filled record.
    `needs_review` is true when any field was uncertain or unreadable (a person must check it).
    """

    file: str
    sha256: str
    kind: Kind
    shape: Shape | None = None
    form_version: str | None = None
    pages: int = 0
    record: Application | Timesheet | None = None
    fields: dict[str, FieldReading] = Field(default_factory=dict)
    issues: list[Issue] = Field(default_factory=list)
    needs_review: bool = False
    text: str | None = None

    def to_jsonable(self) -> dict[str, Any]:
        return to_jsonable(self)


ErrorCode = Literal[
    "not_found", "empty", "not_pdf", "truncated", "damaged", "encrypted", "too_many_pages", "too_large",
    "timeout", "memory", "crashed",
]


@dataclass
class ParseError(Exception):
    """A file that cannot be read at all (as opposed to a form read with issues)."""

    code: ErrorCode
    message_lv: str
    message_en: str
    file: str | None = None
    page: int | None = None

    def __post_init__(self) -> None:
        super().__init__(f"{self.message_lv} / {self.message_en}")

    def __str__(self) -> str:
        where = f"{self.file}: " if self.file else ""
        page = f" ({self.page + 1}. lapa / page {self.page + 1})" if self.page is not None else ""
        return f"{where}{self.message_lv} / {self.message_en}{page}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message_lv": self.message_lv, "message_en": self.message_en,
                "file": self.file, "page": self.page}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ParseError":
        return cls(data["code"], data["message_lv"], data["message_en"], data.get("file"), data.get("page"))


@dataclass(frozen=True)
class Limits:
    """Bounds for one untrusted file. The sandbox enforces CPU, memory and wall time; the reader the rest."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 10
    max_image_pixels: int = 60_000_000  # an A4 page at 600 dpi is 35 Mpx
    cpu_seconds: int = 60
    wall_seconds: float = 90.0
    memory_bytes: int = 2 * 1024 ** 3
