"""The inbox journal: each incoming file by content (SHA-256), its state, attempts and faults.

`attempts` counts the times processing began; `faults` only the times there was evidence the file itself
stopped the process (it was at work alone, `solo`, when the process died). `name` is always text a person can
read; a name that is not valid UTF-8 is kept as its bytes in `raw_name` (its readable form in `name`).
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Text, bindparam, func, select, update

from registry import models as m
from registry.base import _JOURNAL, RegistryError, Store, _aware, _insert_of, _now

PENDING_STATES = ("received", "processing")
FINAL_STATES = ("processed", "needs_review", "quarantined", "duplicate", "failed")


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
    faults: int = 0
    solo: bool = False
    raw_name: bytes | None = None


@functools.cache
def _sql_journal_insert(dialect: str):
    return _insert_of(dialect, _JOURNAL).on_conflict_do_nothing(index_elements=["sha256"]).returning(*_JOURNAL.c)


@functools.cache
def _sql_journal_get():
    return select(*_JOURNAL.c).where(_JOURNAL.c.sha256 == bindparam("sha"))


@functools.cache
def _sql_journal_set():
    """One UPDATE for every `journal_set`: case id and reason kept when not given (NULL), attempts and faults
    counted."""
    j = _JOURNAL.c
    return (update(_JOURNAL).where(j.sha256 == bindparam("sha"))
            .values(state=bindparam("state"), updated_at=bindparam("now"),
                    attempts=func.coalesce(j.attempts, 0) + bindparam("attempt", type_=Integer),
                    faults=func.coalesce(j.faults, 0) + bindparam("fault", type_=Integer),
                    case_id=func.coalesce(bindparam("case_id", type_=Integer), j.case_id),
                    reason=func.coalesce(bindparam("reason", type_=Text), j.reason))
            .returning(*_JOURNAL.c))


def _journal_entry(row: Any, created: bool = False) -> JournalEntry:
    """A journal row (ORM object or Core row: the same attribute names) as the frozen record callers get."""
    return JournalEntry(row.sha256, row.name, row.size, _aware(row.received_at), row.state, row.case_id, row.reason,
                        row.attempts, _aware(row.updated_at), created, row.faults or 0, bool(row.solo), row.raw_name)


@functools.cache
def _sql_journal_solo():
    return update(_JOURNAL).where(_JOURNAL.c.sha256 == bindparam("sha")).values(solo=bindparam("solo"))



class Journal(Store):
    """The inbox journal."""

    # The journal is read and written with Core statements on its table (one statement per call, no ORM
    # objects): it is touched twice for every inbox file, and the ORM's get-then-flush cost more than the SQL.

    def journal_claim(self, sha256: str, name: str, size: int, state: str = "received",
                      raw_name: bytes | None = None) -> JournalEntry:
        """Register an incoming file by content, or get it if it is already there (atomic insert-or-get).
        `created` tells which: False means this content was seen before, in the state returned. A new entry
        starts in `state`: `received`, or `processing` (its first attempt counted, as `journal_set` would).
        `name` must be valid text; a name that is not UTF-8 on disk comes as its bytes in `raw_name` too."""
        if state not in PENDING_STATES:
            raise RegistryError(f"žurnāla ieraksts nevar sākties stāvoklī '{state}'",
                                f"a journal entry cannot start in state '{state}'")
        now = _now()
        row = self.session.execute(_sql_journal_insert(self._dialect), dict(
            sha256=sha256, name=name, size=size, received_at=now, state=state, case_id=None, reason=None,
            attempts=1 if state == "processing" else 0, updated_at=now, faults=0, solo=False,
            raw_name=raw_name)).first()
        if row is not None:
            return _journal_entry(row, created=True)
        return _journal_entry(self.session.execute(_sql_journal_get(), {"sha": sha256}).one())

    def journal_get(self, sha256: str) -> JournalEntry | None:
        row = self.session.execute(_sql_journal_get(), {"sha": sha256}).first()
        return _journal_entry(row) if row else None

    def journal_names(self, sha256s: list[str]) -> dict[str, str]:
        """The readable name of each file given by SHA-256 (one statement per 500: lists over a whole queue)."""
        out: dict[str, str] = {}
        for start in range(0, len(sha256s), 500):
            q = select(_JOURNAL.c.sha256, _JOURNAL.c.name).where(_JOURNAL.c.sha256.in_(sha256s[start:start + 500]))
            out.update((sha, name) for sha, name in self.session.execute(q))
        return out

    def journal_set(self, sha256: str, state: str, case_id: int | None = None,
                    reason: str | None = None, fault: bool = False) -> JournalEntry:
        """Move a file to `state`; entering `processing` counts an attempt, `fault` a fault. `case_id`/`reason`
        are kept when not given."""
        if state not in m.JOURNAL_STATES:
            raise RegistryError(f"nezināms žurnāla stāvoklis '{state}'", f"unknown journal state '{state}'")
        row = self.session.execute(_sql_journal_set(), dict(
            sha=sha256, state=state, now=_now(), attempt=1 if state == "processing" else 0, fault=int(fault),
            case_id=case_id, reason=reason)).first()
        if row is None:
            raise RegistryError(f"fails {sha256[:12]}… žurnālā nav reģistrēts",
                                f"file {sha256[:12]}… is not in the journal")
        return _journal_entry(row)

    def journal_solo(self, sha256: str, solo: bool) -> None:
        """Mark a file as at work alone (or no longer): were the process to die meanwhile, it was this file."""
        self.session.execute(_sql_journal_solo(), {"sha": sha256, "solo": solo})

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

