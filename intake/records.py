"""What a pass over the inbox takes and gives: its options, the summary, each file's outcome, and the stop flag
a signal sets."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from intake.trouble import Problem

FINAL_STATES = ("processed", "needs_review", "duplicate", "quarantined")
# A file is set aside as `crashed` only on evidence: the process died MAX_FAULTS times while this file alone was
# at work (its round of its own). A file merely interrupted (the process died while it was one of several in
# flight) is not to blame; it is set aside only after MAX_ATTEMPTS starts, as a last resort. A file that stops its
# own parser (a limit, a signal) is set aside at once by the parse's own answer (timeout, memory, crashed).
MAX_FAULTS = 3
MAX_ATTEMPTS = 50


@dataclass
class Options:
    render: bool = True
    settle: float = 2.0  # seconds a file's mtime must be old before it is read
    empty_limit: float = 300.0  # a zero-byte file older than this is set aside
    incomplete_grace: float = 120.0  # a truncated PDF younger than this is waited for, not quarantined
    max_wait: float = 10.0  # how long one pass waits for young files to settle
    workers: int = 2  # sandboxed parser processes working ahead of the register
    on: dt.date | None = None  # decision date for proposals (default: each application's receipt date)
    on_file: Callable[["Outcome"], None] | None = None  # called after each file (progress, benchmarks)
    failed_backoff: float = 0.0  # a `failed` file is tried again only this long after its last failure
    limits: Any = None  # parser.Limits for each file (CPU, memory, wall time); None: the parser's defaults


@dataclass
class PassSummary:
    processed: int = 0
    needs_review: int = 0
    quarantined: int = 0
    duplicates: int = 0
    failed: int = 0
    waiting: int = 0  # still being written, left for the next pass
    seconds: float = 0.0
    files: list[dict[str, Any]] = field(default_factory=list)  # each file: its name, state and new place (bounded)
    problem: Problem | None = None  # why the pass stopped early (a full disk); its files wait in the inbox

    @property
    def total(self) -> int:
        return self.processed + self.needs_review + self.quarantined + self.duplicates + self.failed

    def count(self, state: str) -> None:
        attr = {"processed": "processed", "needs_review": "needs_review", "quarantined": "quarantined",
                "duplicate": "duplicates", "failed": "failed", "waiting": "waiting"}[state]
        setattr(self, attr, getattr(self, attr) + 1)

    def as_dict(self) -> dict[str, Any]:
        return {"processed": self.processed, "needs_review": self.needs_review, "quarantined": self.quarantined,
                "duplicates": self.duplicates, "failed": self.failed, "waiting": self.waiting,
                "seconds": round(self.seconds, 3), "files": self.files,
                "problem": self.problem.as_dict() if self.problem else None}

    def text_lv(self) -> str:
        return (f"Apstrādāti: {self.processed}; jāpārbauda: {self.needs_review}; karantīnā: {self.quarantined}; "
                f"dublikāti: {self.duplicates}; neizdevās (mēģinās vēlreiz): {self.failed}; "
                f"vēl tiek rakstīti: {self.waiting}")


@dataclass
class Outcome:
    """Where one file ended, and why (reasons in Latvian and English, never personal data)."""

    state: str
    sha256: str | None = None
    case_id: int | None = None
    timesheet_id: int | None = None
    kind: str | None = None
    code: str | None = None
    reason_lv: str | None = None
    reason_en: str | None = None
    path: Path | None = None
    ms: dict[str, float] = field(default_factory=dict)
    error: BaseException | None = field(default=None, repr=False, compare=False)  # what made it `failed`


class Stop:
    """A flag a signal handler sets; a pass finishes the file it is on and stops.

    A plain attribute and sleeps in short slices, not a threading.Event: setting an Event from a signal
    handler can deadlock on the lock the interrupted `Event.wait` holds."""

    def __init__(self) -> None:
        self._set = False

    def set(self, *_: Any) -> None:
        self._set = True

    def __bool__(self) -> bool:
        return self._set

    def wait(self, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while not self._set:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(left, 0.05))
        return self._set
