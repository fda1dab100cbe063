"""Files in review: what the reader made of a file it was unsure of, and each person's correction or
confirmation of a field (the original reading kept beside it), until the file goes on as a clean one."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from registry.base import RegistryError, Store, _aware, _now
from registry.lifecycle_models import ReviewCorrectionRow, ReviewFileRow


@dataclass(frozen=True)
class ReviewFile:
    sha256: str
    kind: str
    received_on: dt.date
    reading: dict[str, Any]  # the parser's ParseResult as JSON
    state: str  # open | done
    case_id: int | None
    timesheet_id: int | None
    done_by: str | None
    done_at: dt.datetime | None
    created_at: dt.datetime


@dataclass(frozen=True)
class Correction:
    id: int
    field: str
    action: str  # set | confirm
    original: dict[str, Any]
    value: Any
    actor: str
    created_at: dt.datetime


@dataclass(frozen=True)
class ReviewSummary:
    """A file in review as the queue lists it: its stored issues only (not the whole reading), and whether a
    person has corrected or confirmed any field yet."""

    sha256: str
    kind: str
    received_on: dt.date
    state: str
    case_id: int | None
    issues: list[dict[str, Any]]
    corrected: bool


def _file(r: ReviewFileRow) -> ReviewFile:
    return ReviewFile(r.sha256, r.kind, r.received_on, r.reading, r.state, r.application_id, r.timesheet_id,
                      r.done_by, _aware(r.done_at) if r.done_at else None, _aware(r.created_at))


def _plain(r: Any) -> ReviewFile:
    """A file from a Core row (the same columns as `ReviewFileRow`)."""
    return ReviewFile(r.sha256, r.kind, r.received_on, r.reading, r.state, r.application_id, r.timesheet_id,
                      r.done_by, _aware(r.done_at) if r.done_at else None, _aware(r.created_at))


class Review(Store):
    """The review queue."""

    def add_review(self, sha256: str, kind: str, received_on: dt.date, reading: dict[str, Any],
                   case_id: int | None = None, timesheet_id: int | None = None) -> ReviewFile:
        """Put a file in review (once: a file already there is returned as it is)."""
        row = self.session.get(ReviewFileRow, sha256)
        if row is None:
            row = ReviewFileRow(sha256=sha256, kind=kind, received_on=received_on, reading=reading, state="open",
                                application_id=case_id, timesheet_id=timesheet_id, created_at=_now())
            self.session.add(row)
            self.session.flush()
        return _file(row)

    def _review_row(self, sha256: str) -> ReviewFileRow:
        rows = self.session.scalars(select(ReviewFileRow).where(ReviewFileRow.sha256.startswith(sha256))
                                    .limit(2)).all() if len(sha256) >= 6 else []
        if len(rows) != 1:
            raise RegistryError(f"pārbaudāmo failu sarakstā nav viena faila ar kodu '{sha256}'"
                                + (" (norādiet garāku)" if len(rows) > 1 else ""),
                                f"no single file in review has the code '{sha256}'"
                                + (" (give a longer one)" if len(rows) > 1 else ""))
        return rows[0]

    def review_file(self, sha256: str) -> ReviewFile:
        """A file in review by its SHA-256 (or a unique prefix of at least 6 characters)."""
        return _file(self._review_row(sha256))

    def review_files(self, state: str | None = "open") -> list[ReviewFile]:
        """The files in review (`state` None: all), oldest first. Plain rows, not ORM objects: the whole queue
        is listed on every visit to the verification station."""
        t = ReviewFileRow.__table__
        q = select(t).order_by(t.c.received_on, t.c.created_at)
        if state is not None:
            q = q.where(t.c.state == state)
        return [_plain(r) for r in self.session.execute(q)]

    def review_summaries(self, state: str | None = "open") -> list[ReviewSummary]:
        """The queue, oldest first, reading only each file's issues out of its stored reading (a JSON path in
        the database): listing a thousand uncertain fields need not decode every field read."""
        t, c = ReviewFileRow.__table__, ReviewCorrectionRow.__table__
        corrected = select(c.c.id).where(c.c.sha256 == t.c.sha256).exists()
        q = select(t.c.sha256, t.c.kind, t.c.received_on, t.c.state, t.c.application_id,
                   t.c.reading["issues"].label("issues"), corrected.label("corrected")) \
            .order_by(t.c.received_on, t.c.created_at)
        if state is not None:
            q = q.where(t.c.state == state)
        return [ReviewSummary(r.sha256, r.kind, r.received_on, r.state, r.application_id, r.issues or [],
                              bool(r.corrected)) for r in self.session.execute(q)]

    def review_files_of(self, sha256s: list[str]) -> dict[str, ReviewFile]:
        """Whole files in review by their whole SHA-256 (one statement per 500)."""
        t = ReviewFileRow.__table__
        out: dict[str, ReviewFile] = {}
        for start in range(0, len(sha256s), 500):
            q = select(t).where(t.c.sha256.in_(sha256s[start:start + 500]))
            out.update((r.sha256, _plain(r)) for r in self.session.execute(q))
        return out

    def add_correction(self, sha256: str, field: str, action: str, original: dict[str, Any], value: Any,
                       actor: str) -> Correction:
        row = self._review_row(sha256)
        if row.state != "open":
            raise RegistryError(f"fails {row.sha256[:12]}… jau ir pārbaudīts", f"file {row.sha256[:12]}… is already reviewed")
        c = ReviewCorrectionRow(sha256=row.sha256, field=field, action=action, original=original, value=value,
                                actor=actor, created_at=_now())
        self.session.add(c)
        self.session.flush()
        return Correction(c.id, c.field, c.action, c.original, c.value, c.actor, _aware(c.created_at))

    def corrections(self, sha256: str) -> list[Correction]:
        """A file's corrections and confirmations, oldest first (SHA-256 or a unique prefix)."""
        sha = sha256 if len(sha256) == 64 else self._review_row(sha256).sha256
        return self.corrections_of([sha]).get(sha, [])

    def corrections_of(self, sha256s: list[str]) -> dict[str, list[Correction]]:
        """The corrections of each file given by its whole SHA-256, oldest first (one statement per 500 files:
        the queue is listed without a query per file)."""
        out: dict[str, list[Correction]] = {}
        for start in range(0, len(sha256s), 500):
            q = select(ReviewCorrectionRow).where(ReviewCorrectionRow.sha256.in_(sha256s[start:start + 500])) \
                .order_by(ReviewCorrectionRow.id)
            for c in self.session.scalars(q):
                out.setdefault(c.sha256, []).append(
                    Correction(c.id, c.field, c.action, c.original, c.value, c.actor, _aware(c.created_at)))
        return out

    def finish_review(self, sha256: str, actor: str, case_id: int | None, timesheet_id: int | None) -> ReviewFile:
        row = self._review_row(sha256)
        row.state, row.done_by, row.done_at = "done", actor, _now()
        row.application_id = case_id if case_id is not None else row.application_id
        row.timesheet_id = timesheet_id if timesheet_id is not None else row.timesheet_id
        self.session.flush()
        return _file(row)
