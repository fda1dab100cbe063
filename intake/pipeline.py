"""One pass over an inbox: every settled file ends processed, for review, quarantined or as a duplicate.

The order of the steps is what makes it effectively-once under `kill -9` at any moment:

1. hash the settled file; `journal_claim` its SHA-256 and mark it `processing` (one transaction) — nothing
   else happens to a file before the journal knows it;
2. parse it in the sandbox (parser), check it (regulation);
3. ONE transaction stores the case or timesheet (keyed by the file's SHA-256, so a second run finds the first
   run's case instead of adding another) *and* sets the journal's final state;
4. drafts go to `outbox/<case>/` (temp name, fsync, rename; an identical draft is skipped) and are recorded;
5. the original is moved (link, fsync, unlink, fsync) to `archive/` under a name made of its hash.

A crash before 3 leaves the file in the inbox in `received`/`processing`: the next pass does it again. A crash
after 3 leaves it in the inbox in a final state with no archived original under its name: the next pass
finishes it (3 finds the case, 4 skips what is written, 5 moves it). A file in the inbox whose bytes are already
archived is a *duplicate*: it is moved to `archive/duplicates/`, never deleted. Files that cannot be read go to
`quarantine/` with `<name>.reason.txt` (Latvian and English) and `<name>.reason.json`; forms read but not
complete enough for a record, or read with doubt, go to `review/` with the same reason files. Disk, permission
and database errors leave the file in the inbox in state `failed`; the next pass tries again.

Files go through in *rounds* so that the register commits (and syncs to disk) once for several files: one
transaction does step 3 for the files parsed so far and step 1 for the files that take their places; only after
its commit are the new files parsed and the stored files' drafts written and originals moved (4, 5). A crash
before that commit undoes the whole round — each of its files is as it was before the round, and the cases
above apply — and one after it is the single-file case. When one file's register work fails, the round is done
again with a transaction per file, so that file fails alone; a file whose processing was cut short before
(the process died while it was at work) gets a round of its own, marked in the journal as at work alone: a
death then is evidence against it (a fault), a death among others is not (see MAX_FAULTS).

A full disk stops a pass from claiming more files: each stays where it was, and the summary says why once.

Only one pass runs on a folder at a time (an exclusive lock on `DIR/.intake.lock`, released by the kernel
when a process dies).
"""
from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import fcntl
import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from intake import files as fs
from intake import names
from intake.layout import Layout
from intake.log import FileLog
from intake.trouble import Problem, no_space, out_of_space

FINAL_STATES = ("processed", "needs_review", "duplicate", "quarantined")
# A file is set aside as `crashed` only on evidence: the process died MAX_FAULTS times while this file alone was
# at work (its round of its own). A file merely interrupted (the process died while it was one of several in
# flight) is not to blame; it is set aside only after MAX_ATTEMPTS starts, as a last resort. A file that stops its
# own parser (a limit, a signal) is set aside at once by the parse's own answer (timeout, memory, crashed).
MAX_FAULTS = 3
MAX_ATTEMPTS = 50
RETRYABLE_ERRNOS = {"ENOSPC", "EDQUOT", "EROFS", "EACCES", "EPERM", "EIO", "EFBIG", "ENOENT", "EMFILE"}


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


@contextlib.contextmanager
def folder_lock(layout: Layout) -> Iterator[None]:
    """Exclusive use of an intake folder for one pass (waits for a running pass to finish)."""
    layout.root.mkdir(parents=True, exist_ok=True)
    fd = os.open(layout.lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def process(root: str | os.PathLike[str], *, registry: Any, on: dt.date | None = None, progress: bool = True,
            options: Options | None = None, stop: Stop | None = None, municipality: Any = None) -> PassSummary:
    """One pass over `root`/inbox into the register `registry` (a `registry.Registry`)."""
    opts = options or Options()
    if on is not None:
        opts.on = on
    try:
        layout = Layout(Path(root)).ensure()
        with folder_lock(layout):
            return Pass(layout, registry, opts, stop if stop is not None else Stop(), progress, municipality).run()
    except Exception as e:  # the folders or the lock could not be made: nothing was touched
        if not out_of_space(e):
            raise
        return PassSummary(problem=no_space(root))


class Pass:
    def __init__(self, layout: Layout, registry: Any, opts: Options, stop: Stop, progress: bool,
                 municipality: Any):
        self.layout, self.reg, self.opts, self.stop = layout, registry, opts, stop
        self.progress = progress
        self.summary = PassSummary()
        self.log = FileLog(layout.log)
        self._municipality = municipality
        self._boxes: list[Any] = []
        self._local = threading.local()
        self.seen_shas: set[str] = set()
        self.done: set[fs.Seen] = set()  # looked at in this pass: not again until it changes

    # ------------------------------------------------------------ the pass

    def run(self) -> PassSummary:
        started = time.monotonic()
        self.reconcile()
        pool = concurrent.futures.ThreadPoolExecutor(max(1, self.opts.workers), thread_name_prefix="parse")
        bar = None
        try:
            deadline = time.monotonic() + self.opts.max_wait
            complete = True
            while not self.halted:
                ready, young = self._settled()
                if not ready and not young:
                    break
                if ready:
                    bar = self._bar(bar, len(ready))
                    self._run_files(ready, pool, bar)
                    deadline = time.monotonic() + self.opts.max_wait  # more may be arriving
                    continue
                if time.monotonic() >= deadline:
                    self.summary.waiting += len(young)
                    complete = False
                    break
                self.stop.wait(min(0.25, max(0.05, self.opts.settle / 4)))
            if complete and not self.halted:
                self._forget_vanished()
                fs.prune_empty_folders(self.layout.inbox, self.opts.settle)
        finally:
            pool.shutdown(wait=True)
            for box in self._boxes:
                box.close()
            if bar is not None:
                bar.close()
            self.log.close()
        self.summary.seconds = time.monotonic() - started
        return self.summary

    @property
    def halted(self) -> bool:
        """Stopped by a signal, or by a full disk (every further file would fail the same way: left as is)."""
        return bool(self.stop) or self.summary.problem is not None

    def _trouble(self, error: BaseException | None) -> bool:
        """Note a full disk (once): the pass claims no more files. True when `error` was one."""
        if not out_of_space(error):
            return False
        if self.summary.problem is None:
            self.summary.problem = no_space(self.layout.root)
        return True

    def _bar(self, bar: Any, more: int) -> Any:
        if not self.progress:
            return None
        if bar is None:
            from tqdm import tqdm

            return tqdm(total=more, unit="fails", desc="Iesūtne", leave=False, dynamic_ncols=True)
        bar.total += more
        bar.refresh()
        return bar

    def _settled(self) -> tuple[list[fs.Seen], list[fs.Seen]]:
        """Files ready to read now, and files still young (being written, or empty placeholders)."""
        now = time.time()
        ready, young = [], []
        for seen in fs.discover(self.layout.inbox):
            if seen in self.done:
                continue
            if seen.size == 0:
                if seen.age(now) >= self.opts.empty_limit:
                    ready.append(seen)  # an abandoned placeholder: set aside with its reason
                else:
                    young.append(seen)
            elif seen.age(now) >= self.opts.settle:
                ready.append(seen)
            else:
                young.append(seen)
        return ready, young

    def _run_files(self, ready: list[fs.Seen], pool: concurrent.futures.ThreadPoolExecutor, bar: Any) -> None:
        """Files go through in *rounds*, in order. A round is ONE transaction that stores the parsed files at
        the head of the window (the group: the first one, waited for, and those after it already parsed) and
        claims the files that take their places. After its commit the new files go to the parsers and the
        group's drafts are written and originals moved — each file's own steps keep the order of the module
        docstring, and a kill before the commit leaves every file of the round as it was before the round.
        A copy of bytes already in flight is left for the next look (it will be a duplicate of the first)."""
        queue = collections.deque(ready)
        window: collections.deque[tuple[fs.Seen, dict[str, Any], Any]] = collections.deque()
        inflight: collections.Counter[str] = collections.Counter()
        ahead = 2 * max(1, self.opts.workers)
        while True:
            group = []
            if window:
                concurrent.futures.wait([window[0][2]])
                group.append(window.popleft())
                while (window and len(group) < ahead and window[0][2].done()
                       and not _cut_short_before(group[0]) and not _cut_short_before(window[0])):
                    group.append(window.popleft())
            claims: list[tuple[fs.Seen, dict[str, Any]]] = []
            solo = len(group) == 1 and _cut_short_before(group[0])  # a suspect's round: it alone, nothing else
            while queue and not solo and not self.halted and len(window) + len(claims) < ahead:
                seen = queue.popleft()
                ctx: dict[str, Any] = {"t0": time.monotonic(), "ms": {}}
                outcome = self._prepare(seen, ctx, inflight)
                if outcome is not None:
                    if outcome.state != "deferred":
                        self.done.add(seen)
                    self._record(seen, outcome, ctx, bar)
                    continue
                self.done.add(seen)
                inflight[ctx["sha"]] += 1
                claims.append((seen, ctx))
            if not group and not claims:  # the window is empty and nothing more is to be claimed
                break
            if solo:
                self._solo(group[0][1]["sha"], True)
            self._round(group, claims, pool, window, inflight, bar)
            if solo:
                self._solo(group[0][1]["sha"], False)

    def _solo(self, sha: str, solo: bool) -> None:
        """Mark a suspect file as at work alone (before its round), and no longer (after it): should the process
        die in between, the next pass counts a fault against it."""
        with contextlib.suppress(Exception):  # without the mark the file is only not blamed
            with self.reg.transaction() as tx:
                tx.journal_solo(sha, solo)

    def _round(self, group: list[tuple[fs.Seen, dict[str, Any], Any]], claims: list[tuple[fs.Seen, dict[str, Any]]],
               pool: concurrent.futures.ThreadPoolExecutor, window: collections.deque, inflight: collections.Counter,
               bar: Any) -> None:
        parsed = [(seen, ctx, self._result(ctx, future)) for seen, ctx, future in group]
        try:
            with self.reg.transaction() as tx:
                stored = [self._store(tx, seen, ctx, result) for seen, ctx, result in parsed]
                for seen, ctx in claims:
                    self._claim_in(tx, seen, ctx)
                t_commit = time.monotonic()
            commit_ms = _ms(t_commit)
        except Exception:
            # Something in the round failed (one file's register work, the commit): nothing of it was stored.
            # Each file again in a transaction of its own, so one bad file or a passing error holds back no other.
            stored, commit_ms = [self._store_alone(seen, ctx, result) for seen, ctx, result in parsed], None
            for seen, ctx in claims:
                self._claim_alone(seen, ctx)
        for seen, ctx in claims:  # the parsers start on the new files first, then the group is finished
            if commit_ms is not None:
                ctx["ms"]["claim"] = round(ctx["ms"].get("claim", 0.0) + commit_ms, 2)
            outcome = ctx.pop("claim_failed", None) or self._after_claim(seen, ctx)
            if outcome is None:
                window.append((seen, ctx, pool.submit(self._parse, seen.path)))
                continue
            inflight[ctx["sha"]] -= 1
            self._record(seen, outcome, ctx, bar)
        for (seen, ctx, result), done in zip(parsed, stored):
            if commit_ms is not None and done is not None:
                ctx["ms"]["register"] = round(ctx["ms"]["register"] + commit_ms, 2)
            try:
                outcome = self._finish(seen, ctx, result, done)
            finally:
                inflight[ctx["sha"]] -= 1
            self._record(seen, outcome, ctx, bar)

    # ------------------------------------------------------------ one file

    def _prepare(self, seen: fs.Seen, ctx: dict[str, Any], inflight: collections.Counter[str]) -> Outcome | None:
        """Hash the file (it must not have changed since it was seen). An Outcome when it is not to be claimed."""
        t = time.monotonic()
        fresh = fs.restat(seen.path)
        if fresh is None:
            return Outcome("gone")
        if (fresh.size, fresh.mtime_ns) != (seen.size, seen.mtime_ns):
            return Outcome("waiting")
        if seen.size == 0:
            sha = _EMPTY_SHA
        else:
            sha = fs.hash_file(seen)
            if sha is None:
                return Outcome("waiting")
        ctx["ms"]["hash"] = _ms(t)
        ctx["sha"] = sha
        self.seen_shas.add(sha)
        if inflight[sha]:
            return Outcome("deferred", sha)
        return None

    def _claim_in(self, tx: Any, seen: fs.Seen, ctx: dict[str, Any]) -> None:
        """Journal the file in `tx` and decide what it needs (ctx: entry, action)."""
        t = time.monotonic()
        sha = ctx["sha"]
        name = str(seen.path.relative_to(self.layout.inbox))
        # new bytes always go on to be read (or set aside as empty): they start as `processing`
        entry = tx.journal_claim(sha, names.readable(name), seen.size, state="processing", raw_name=names.raw(name))
        # Left `processing` (or marked at work alone) by a process that died: cut short. Only the mark is
        # evidence against the file; it is cleared here, counted as a fault.
        cut_short = not entry.created and (entry.state == "processing" or entry.solo)
        fault = not entry.created and entry.solo
        if fault:
            tx.journal_solo(sha, False)
            entry = dataclasses.replace(entry, faults=entry.faults + 1, solo=False)
        action = self._decide(entry, seen)
        if not entry.created and (action in ("parse", "empty", "poison") and entry.state not in FINAL_STATES
                                  or action == "parse" and entry.state == "quarantined"):
            entry = tx.journal_set(sha, "processing", fault=fault)
        elif fault:
            entry = tx.journal_set(sha, entry.state, fault=True)
        ctx["ms"]["claim"] = _ms(t)
        ctx["entry"], ctx["action"] = entry, action
        ctx["suspect"] = cut_short or entry.faults > 0

    def _claim_alone(self, seen: fs.Seen, ctx: dict[str, Any]) -> None:
        try:
            with self.reg.transaction() as tx:
                self._claim_in(tx, seen, ctx)
        except Exception as e:  # the register itself is not reachable: try again next pass
            ctx["claim_failed"] = _failed(ctx["sha"], e)

    def _after_claim(self, seen: fs.Seen, ctx: dict[str, Any]) -> Outcome | None:
        """What a claimed file needs next: None to be parsed, else where it ended (duplicates, set aside)."""
        entry, action = ctx["entry"], ctx["action"]
        if action == "later":
            return Outcome("later", entry.sha256)
        if action == "duplicate":
            return self._duplicate(seen, entry)
        if action == "copy_quarantined":
            return self._quarantine_copy(seen, entry)
        if action == "empty":
            return self._quarantine(seen, entry, "empty",
                                    f"fails ir tukšs (0 baitu) ilgāk par {self.opts.empty_limit:g} s — skeneris to "
                                    "nav pabeidzis; skenējiet dokumentu vēlreiz",
                                    f"the file has been empty (0 bytes) for over {self.opts.empty_limit:g} s — the "
                                    "scanner did not finish it; scan the document again")
        if action == "poison" and entry.faults >= MAX_FAULTS:
            return self._quarantine(seen, entry, "crashed",
                                    f"apstrāde apstājās {entry.faults} reizes, kamēr tika apstrādāts tikai šis fails "
                                    "— fails netiek apstrādāts atkārtoti; pārbaudiet to un ievadiet datus ar roku",
                                    f"processing stopped {entry.faults} times while this file alone was at work — it "
                                    "is not retried; check it and enter the data by hand")
        if action == "poison":
            return self._quarantine(seen, entry, "crashed",
                                    f"faila apstrāde tika sākta {entry.attempts} reizes un ne reizi nepabeigta — "
                                    "fails netiek apstrādāts atkārtoti; pārbaudiet to un ievadiet datus ar roku",
                                    f"processing this file was begun {entry.attempts} times and never finished — it "
                                    "is not retried; check it and enter the data by hand")
        return None

    def _decide(self, entry: Any, seen: fs.Seen) -> str:
        state = entry.state
        if state in ("processed", "needs_review", "duplicate"):
            placed = self._placed(entry)
            if placed is not None and placed.exists() and not fs.same_file(placed, seen.path):
                return "duplicate"
            if entry.faults >= MAX_FAULTS:
                return "poison"  # its last steps stopped the process, again and again
            return "parse"  # the original whose last steps did not happen: finish it
        if state == "quarantined":
            placed = self.layout.quarantine_name(entry.sha256, entry.name)
            if placed.exists() and not fs.same_file(placed, seen.path):
                return "copy_quarantined"
            return "parse"  # the clerk moved it back (or the move did not happen): try again
        if seen.size == 0:
            return "empty"
        if state == "failed" and self.opts.failed_backoff:
            since = (dt.datetime.now(dt.timezone.utc) - _aware(entry.updated_at)).total_seconds()
            if since < self.opts.failed_backoff:
                return "later"  # e.g. a full disk: no point re-reading the file every few seconds
        if state == "processing" and (entry.faults >= MAX_FAULTS or entry.attempts >= MAX_ATTEMPTS):
            return "poison"
        return "parse"

    def _placed(self, entry: Any) -> Path | None:
        if entry.state in ("processed", "duplicate"):
            return self.layout.archive_name(entry.sha256, entry.name)
        if entry.state == "needs_review":  # review/ while on the review list, archive/ otherwise or after it
            archived = self.layout.archive_name(entry.sha256, entry.name)
            review = self.layout.review_name(entry.sha256, entry.name)
            return archived if archived.exists() and not review.exists() else review
        return None

    def _parse(self, path: Path) -> Any:
        """In a pool thread: parse in this thread's own sandbox child. Returns a ParseResult or ParseError."""
        from parser import ParseError
        from parser.sandbox import Sandbox

        box = getattr(self._local, "box", None)
        if box is None:
            box = self._local.box = Sandbox(self.opts.limits)
            self._boxes.append(box)
        t = time.monotonic()
        try:
            result: Any = box.parse(path)
        except ParseError as e:
            result = e
        return result, _ms(t)

    def _result(self, ctx: dict[str, Any], future: Any) -> Any:
        """The parser's answer (a ParseResult or ParseError), or the exception of the sandbox machinery."""
        try:
            result, ctx["ms"]["parse"] = future.result()
        except Exception as e:  # the sandbox machinery itself (not the file) failed
            return _SandboxFailed(e)
        return result

    @staticmethod
    def _registers(result: Any) -> bool:
        """Whether a parse result is stored in the register (a recognised form with its record)."""
        from parser import ParseError

        return not isinstance(result, (ParseError, _SandboxFailed)) and result.kind != "unknown" and \
            result.record is not None

    def _store(self, tx: Any, seen: fs.Seen, ctx: dict[str, Any], result: Any) -> dict[str, Any] | None:
        """The file's register work in `tx` (the case or timesheet and the journal's final state); None for a
        file that is not stored (it is set aside after the commit)."""
        if not self._registers(result):
            return None
        t = time.monotonic()
        result = _settled_with_register(tx, result)
        done = (self._store_application if result.kind == "application" else self._store_timesheet)(
            tx, ctx["entry"], result)
        ctx["ms"]["register"] = _ms(t)
        return done

    def _store_alone(self, seen: fs.Seen, ctx: dict[str, Any], result: Any) -> dict[str, Any] | BaseException | None:
        try:
            with self.reg.transaction() as tx:
                return self._store(tx, seen, ctx, result)
        except Exception as e:
            return e

    def _finish(self, seen: fs.Seen, ctx: dict[str, Any], result: Any, stored: Any) -> Outcome:
        """After the round's commit: drafts and the move for a stored file; the other files set aside."""
        from parser import ParseError

        entry, sha = ctx["entry"], ctx["sha"]
        if isinstance(result, _SandboxFailed):
            return self._fail(sha, result.error)
        if isinstance(stored, BaseException):
            return self._fail(sha, stored)
        try:
            if isinstance(result, ParseError):
                if result.code in ("truncated", "empty") and seen.age() < self.opts.incomplete_grace:
                    with self.reg.transaction() as tx:  # probably still being copied: look again later
                        tx.journal_set(sha, "received", reason=f"{result.code}: waiting")
                    return Outcome("waiting", sha, code=result.code)
                return self._quarantine(seen, entry, result.code, result.message_lv, result.message_en)
            if result.kind == "unknown":
                issue = result.issues[0] if result.issues else None
                return self._quarantine(
                    seen, entry, "unknown_form",
                    issue.message_lv if issue else "dokuments nav atpazīts kā asistenta pakalpojuma veidlapa",
                    issue.message_en if issue else "the document is not recognised as an assistant-service form")
            if result.record is None:
                return self._review(seen, entry, result)
            if result.kind == "application":
                return self._finish_application(seen, entry, stored, ctx)
            return self._finish_timesheet(seen, entry, stored, ctx)
        except Exception as e:
            return self._fail(sha, e)

    # ------------------------------------------------------------ outcomes

    def _store_application(self, tx: Any, entry: Any, result: Any) -> dict[str, Any]:
        from intake.register import register_application

        app, sha = result.record, entry.sha256
        reasons_lv, reasons_en = _issues(result)
        done = register_application(tx, app, sha, self.opts.on)
        reasons_lv += done.reasons_lv
        reasons_en += done.reasons_en
        state = "needs_review" if (result.needs_review or reasons_lv) else "processed"
        tx.journal_set(sha, state, case_id=done.case_id, reason=_reason(reasons_en))
        self._to_review(tx, entry, result, app.received_on, case_id=done.case_id)
        case = tx.case(done.case_id)
        return {"state": state, "case_id": done.case_id, "app": app, "assessment": done.assessment, "case": case,
                "reasons_lv": reasons_lv, "reasons_en": reasons_en, "review": result.needs_review}

    def _to_review(self, tx: Any, entry: Any, result: Any, received_on: dt.date, **ids: Any) -> None:
        """A file read with uncertain fields goes on the review list (`asistents review`), its deadline kept."""
        if result.needs_review or result.record is None:
            from intake.register import review_reading

            place = self.layout.review_name(entry.sha256, entry.name)  # registered or not: see `_archive`
            tx.add_review(entry.sha256, result.kind, received_on, review_reading(result, self.layout.root, place),
                          **ids)

    def _finish_application(self, seen: fs.Seen, entry: Any, s: dict[str, Any], ctx: dict[str, Any]) -> Outcome:
        state, case_id, case = s["state"], s["case_id"], s["case"]
        reasons_lv, reasons_en = s["reasons_lv"], s["reasons_en"]
        decision = case.decisions[-1] if case.decisions else None
        # A proposal waiting for the service's assessment (8.3) gets no letter: it is on the worklist (`due`).
        if self.opts.render and decision is not None and decision.outcome != "pending":
            from intake.drafts import application_drafts

            app, assessment = s["app"], s["assessment"]
            state = self._render(lambda: application_drafts(app, assessment, decision, case_id), entry.sha256,
                                 case_id, None, decision.rules_version, ctx, state, reasons_lv, reasons_en)
        dst = self._archive(seen, entry, ctx, s["review"], "application", reasons_lv, reasons_en)
        return Outcome(state, entry.sha256, case_id=case_id, kind="application", path=dst,
                       reason_lv="; ".join(reasons_lv) or None, reason_en="; ".join(reasons_en) or None)

    def _store_timesheet(self, tx: Any, entry: Any, result: Any) -> dict[str, Any]:
        from intake.register import register_timesheet

        ts, sha = result.record, entry.sha256
        reasons_lv, reasons_en = _issues(result)
        done = register_timesheet(tx, ts, sha)
        reasons_lv += done.reasons_lv
        reasons_en += done.reasons_en
        state = "needs_review" if (result.needs_review or reasons_lv) else "processed"
        tx.journal_set(sha, state, reason=_reason(reasons_en))
        self._to_review(tx, entry, result, _aware(entry.received_at).date(), timesheet_id=done.timesheet_id)
        return {"state": state, "timesheet_id": done.timesheet_id, "ts": ts, "check": done.check,
                "contract": done.contract, "reasons_lv": reasons_lv, "reasons_en": reasons_en,
                "review": result.needs_review}

    def _finish_timesheet(self, seen: fs.Seen, entry: Any, s: dict[str, Any], ctx: dict[str, Any]) -> Outcome:
        state, ts_id = s["state"], s["timesheet_id"]
        reasons_lv, reasons_en = s["reasons_lv"], s["reasons_en"]
        if self.opts.render:
            from intake.drafts import timesheet_drafts

            ts, check, contract = s["ts"], s["check"], s["contract"]
            state = self._render(lambda: timesheet_drafts(ts, check, contract, ts_id, dt.date.today()), entry.sha256,
                                 None, ts_id, check.rules_version or "—", ctx, state, reasons_lv, reasons_en)
        dst = self._archive(seen, entry, ctx, s["review"], "timesheet", reasons_lv, reasons_en)
        return Outcome(state, entry.sha256, timesheet_id=ts_id, kind="timesheet", path=dst,
                       reason_lv="; ".join(reasons_lv) or None, reason_en="; ".join(reasons_en) or None)

    def _render(self, make: Callable[[], list[tuple[str, dict[str, Any]]]], sha: str, case_id: int | None,
                timesheet_id: int | None, rules_version: str, ctx: dict[str, Any], state: str,
                reasons_lv: list[str], reasons_en: list[str]) -> str:
        """Write and record the drafts; returns the file's state. Disk and database errors propagate (the file
        is retried); drafts the generator refuses (its data check, a template problem) do not hold the file
        back: the case stays registered, the file is archived, and the clerk is told to look (needs_review)."""
        from generator.render import RenderError
        from intake.drafts import write_draft
        from regulation.records import RecordError

        t = time.monotonic()
        folder = self.layout.case_folder(case_id, timesheet_id)
        try:
            written = [write_draft(folder, kind, data, self.municipality, input_sha256=sha,
                                   rules_version=rules_version, case_id=case_id) for kind, data in make()]
        except OSError:
            raise
        except (RecordError, RenderError, ValueError, LookupError) as e:
            detail = str(e)[:500]
            reasons_lv.append(f"dokumentu projektus neizdevās sagatavot ({detail}) — sagatavojiet tos ar roku")
            reasons_en.append(f"the draft documents could not be made ({detail}) — make them by hand")
            with self.reg.transaction() as tx:
                tx.journal_set(sha, "needs_review", reason=_reason(reasons_en))
            ctx["ms"]["render"] = _ms(t)
            return "needs_review"
        with self.reg.transaction() as tx:
            known = {(d.kind, Path(d.path).name) for d in tx.documents(input_sha256=sha)}
            for d in written:
                if (d.kind, d.path.name) not in known:
                    tx.add_document(case_id, d.kind, str(d.path.relative_to(self.layout.root)), d.template_sha256,
                                    sha, rules_version)
        ctx["ms"]["render"] = _ms(t)
        return state

    @property
    def municipality(self) -> Any:
        if self._municipality is None:
            from generator.config import load_municipality

            self._municipality = load_municipality()
        return self._municipality

    def _archive(self, seen: fs.Seen, entry: Any, ctx: dict[str, Any], review: bool = False, kind: str = "",
                 reasons_lv: list[str] = (), reasons_en: list[str] = ()) -> Path:
        """The original to archive/ — or to review/ with its reason files when it is on the review list (fields
        read with doubt): one rule for applications and timesheets, registered or not. `review done` moves it
        on to archive/. A file registered with a remark only (no contract yet, a second application this
        month) is archived; the summary names it, its place and the remark."""
        t = time.monotonic()
        if review:
            dst = self.layout.review_name(entry.sha256, entry.name)
            _write_reason(dst, entry, "needs_review", list(reasons_lv) or ["pārbaudiet nolasītos laukus"],
                          list(reasons_en) or ["check the fields read"], kind=kind)
        else:
            dst = self.layout.archive_name(entry.sha256, entry.name)
        try:
            fs.move(seen.path, dst)
        except FileExistsError:  # another copy of these bytes is archived already: this one is a duplicate
            dst = fs.move(seen.path, fs.free_name(self.layout.duplicates / dst.name))
        ctx["ms"]["move"] = _ms(t)
        return dst

    def _duplicate(self, seen: fs.Seen, entry: Any) -> Outcome:
        try:
            dst = fs.move(seen.path, fs.free_name(self.layout.duplicates / self.layout.stored_name(entry.sha256,
                                                                                               entry.name)))
        except Exception as e:
            return _failed(entry.sha256, e)
        return Outcome("duplicate", entry.sha256, case_id=entry.case_id, path=dst, code="duplicate",
                       reason_lv=f"tāds pats fails jau ir apstrādāts (stāvoklis: {entry.state})",
                       reason_en=f"the same file was processed before (state: {entry.state})")

    def _review(self, seen: fs.Seen, entry: Any, result: Any) -> Outcome:
        lv, en = _issues(result)
        lv = lv or ["veidlapu neizdevās pilnībā nolasīt"]
        en = en or ["the form could not be read completely"]
        dst = self.layout.review_name(entry.sha256, entry.name)
        _write_reason(dst, entry, "incomplete_form", lv, en, kind=result.kind, shape=result.shape)
        with self.reg.transaction() as tx:
            tx.journal_set(entry.sha256, "needs_review", reason=_reason(en))
            from intake.register import received_on

            self._to_review(tx, entry, result, received_on(result, _aware(entry.received_at).date()))
        fs.move(seen.path, dst)
        return Outcome("needs_review", entry.sha256, kind=result.kind, code="incomplete_form", path=dst,
                       reason_lv="; ".join(lv), reason_en="; ".join(en))

    def _quarantine(self, seen: fs.Seen, entry: Any, code: str, lv: str, en: str) -> Outcome:
        try:
            dst = self.layout.quarantine_name(entry.sha256, entry.name)
            _write_reason(dst, entry, code, [lv], [en])
            with self.reg.transaction() as tx:
                tx.journal_set(entry.sha256, "quarantined", reason=f"{code}: {en}")
            fs.move(seen.path, dst)
        except Exception as e:
            return self._fail(entry.sha256, e)
        return Outcome("quarantined", entry.sha256, code=code, reason_lv=lv, reason_en=en, path=dst)

    def _quarantine_copy(self, seen: fs.Seen, entry: Any) -> Outcome:
        """Bytes already in quarantine dropped again: this copy joins them, with the same reason."""
        try:
            dst = fs.free_name(self.layout.quarantine_name(entry.sha256, entry.name))
            en = f"the same file is already in quarantine ({entry.reason})"
            lv = "tāds pats fails jau ir karantīnā — skatiet tā iemeslu failu"
            _write_reason(dst, entry, "duplicate", [lv], [en])
            fs.move(seen.path, dst)
        except Exception as e:
            return _failed(entry.sha256, e)
        return Outcome("quarantined", entry.sha256, code="duplicate", reason_lv=lv, reason_en=en, path=dst)

    def _fail(self, sha: str, error: BaseException) -> Outcome:
        """A step failed for a reason outside the file (disk, permissions, database, a bug): the file stays
        in the inbox in state `failed` and the next pass tries again."""
        outcome = _failed(sha, error)
        with contextlib.suppress(Exception):
            with self.reg.transaction() as tx:
                tx.journal_set(sha, "failed", reason=outcome.reason_en)
        return outcome

    # ------------------------------------------------------------ bookkeeping

    def _record(self, seen: fs.Seen, outcome: Outcome, ctx: dict[str, Any], bar: Any = None) -> None:
        if bar is not None:
            bar.update(1)
        if outcome.state in ("gone", "deferred", "later"):
            return
        ms = dict(ctx.get("ms", {}))
        ms["total"] = _ms(ctx["t0"]) if "t0" in ctx else 0.0
        outcome.ms = ms  # the caller's `on_file` sees where the time went (benchmarks)
        self.summary.count(outcome.state)
        if outcome.state == "failed":
            self._trouble(outcome.error)
        try:
            self.log.write({"sha256": outcome.sha256, "state": outcome.state, "kind": outcome.kind,
                            "case_id": outcome.case_id, "timesheet_id": outcome.timesheet_id, "code": outcome.code,
                            "size": seen.size, "ms": ms})
        except OSError as e:  # the file itself is where its outcome says; only its log line is missing
            if not self._trouble(e):
                raise
        if self.opts.on_file is not None:
            self.opts.on_file(outcome)
        if outcome.state != "waiting" and len(self.summary.files) < 1000:
            self.summary.files.append({
                "name": names.readable(str(seen.path.relative_to(self.layout.inbox))),
                "sha256": outcome.sha256, "state": outcome.state, "code": outcome.code,
                "case_id": outcome.case_id, "timesheet_id": outcome.timesheet_id,
                "path": str(outcome.path.relative_to(self.layout.root)) if outcome.path else None,
                "reason_lv": outcome.reason_lv, "reason_en": outcome.reason_en})

    def reconcile(self) -> None:
        """After a crash: temporary files of writes cut short are removed (no other pass is running: we hold
        the folder's lock), and journal entries left `received`/`processing` whose file already reached its
        place get the state their place means."""
        for folder in (self.layout.outbox, self.layout.archive, self.layout.review, self.layout.quarantine):
            for tmp in folder.rglob(".*.tmp"):
                with contextlib.suppress(OSError):
                    tmp.unlink()
        try:
            pending = self.reg.journal_pending()
        except Exception:
            return
        with _no_space_is_noted(self):
            self._reconcile(pending)

    def _reconcile(self, pending: list[Any]) -> None:
        for entry in pending:
            for state, place in (("quarantined", self.layout.quarantine_name(entry.sha256, entry.name)),
                                 ("needs_review", self.layout.review_name(entry.sha256, entry.name))):
                if place.exists():
                    with self.reg.transaction() as tx:
                        tx.journal_set(entry.sha256, state, reason=_reason_from_file(place))
                    break

    def _forget_vanished(self) -> None:
        """Entries still pending after a complete pass whose bytes were not in the inbox: the file was taken
        away (or was an incomplete copy later replaced). Marked failed, saying so; nothing is deleted."""
        try:
            pending = self.reg.journal_pending()
        except Exception:
            return
        with _no_space_is_noted(self):
            self._forget(pending)

    def _forget(self, pending: list[Any]) -> None:
        for entry in pending:
            if entry.sha256 in self.seen_shas or entry.state == "failed":
                continue
            if (self.layout.inbox / names.on_disk(entry.name, entry.raw_name)).exists():
                continue  # a file of that name is still there (e.g. being rewritten): leave it
            with self.reg.transaction() as tx:
                tx.journal_set(entry.sha256, "failed",
                               reason="the file left the inbox before it was processed (taken away, or an "
                                      "incomplete copy replaced by the complete one)")


@contextlib.contextmanager
def _no_space_is_noted(p: "Pass") -> Iterator[None]:
    try:
        yield
    except Exception as e:  # bookkeeping only: the next pass does it again
        if not p._trouble(e):
            raise


def _cut_short_before(item: tuple[fs.Seen, dict[str, Any], Any]) -> bool:
    """A file whose processing was cut short before (a process died while it was at work) goes in a round of its
    own, with nothing else at work in this process: were it what kills the process, the evidence says so, and
    no other file is undone with it."""
    return bool(item[1].get("suspect"))


@dataclass
class _SandboxFailed:
    """The sandbox machinery itself (not the file) failed while parsing: the file is retried next pass."""

    error: BaseException


_EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def _settled_with_register(tx: Any, result: Any) -> Any:
    """Names read for a personal code the register knows: confirmed (the register's spelling) or flagged."""
    from parser.crosscheck import PEOPLE, settle_with_register

    codes = [getattr(r, "value", None) for r in (result.fields.get(f"{p}.personal_code") for p in PEOPLE) if r]
    codes = [c for c in codes if isinstance(c, str) and c]
    return settle_with_register(result, tx.known_names(codes)) if codes else result


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def _ms(t0: float) -> float:
    return round((time.monotonic() - t0) * 1000, 2)


def _issues(result: Any) -> tuple[list[str], list[str]]:
    issues = [i for i in result.issues if i.severity == "error" or result.record is None] or \
        ([i for i in result.issues] if result.needs_review else [])
    return ([f"{i.field or 'dokuments'}: {i.message_lv}" for i in issues],
            [f"{i.field or 'document'}: {i.message_en}" for i in issues])


def _reason(parts: list[str]) -> str | None:
    return "; ".join(parts)[:2000] if parts else None


def _failed(sha: str | None, error: BaseException) -> Outcome:
    code = getattr(error, "errno", None)
    name = os.strerror(code) if isinstance(code, int) else type(error).__name__
    en = f"{type(error).__name__}: {error}"[:500]
    lv = (f"apstrāde neizdevās ({name}) — fails paliek iesūtnē un tiks apstrādāts atkārtoti; pārbaudiet brīvo vietu "
          "diskā un piekļuves tiesības mapēm")
    return Outcome("failed", sha, code=type(error).__name__, reason_lv=lv, reason_en=en, error=error)


def _what_to_do(code: str, sha256: str) -> list[str]:
    if code == "incomplete_form":  # the reading is in the register: a person corrects it there
        return [f"Ko darīt: izlabojiet vai apstipriniet laukus ar `asistents review show {sha256[:12]}` un "
                f"`review set|confirm`, tad `asistents review done {sha256[:12]}`.",
                f"What to do: correct or confirm the fields with `asistents review show {sha256[:12]}` and "
                f"`review set|confirm`, then `asistents review done {sha256[:12]}`."]
    return ["Ko darīt: izlabojiet vai nomainiet failu un ielieciet to atkal iesūtnē (inbox/).",
            "What to do: fix or replace the file and put it into the inbox (inbox/) again."]


def _write_reason(dst: Path, entry: Any, code: str, lv: list[str], en: list[str], **extra: Any) -> None:
    """`<name>.reason.txt` (Latvian, then English) and `<name>.reason.json` beside the set-aside file."""
    from generator import atomic

    when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    text = "\n".join([
        f"Fails: {entry.name}", f"SHA-256: {entry.sha256}", f"Laiks: {when}", "",
        "Iemesls:", *[f"  {x}" for x in lv], "",
        "Reason:", *[f"  {x}" for x in en], "",
        *_what_to_do(code, entry.sha256), ""])
    atomic.write_text(dst.with_name(dst.name + ".reason.txt"), text)
    data = {"file": entry.name, "sha256": entry.sha256, "code": code, "at": when, "reason_lv": lv, "reason_en": en,
            **{k: v for k, v in extra.items() if v is not None}}
    atomic.write_text(dst.with_name(dst.name + ".reason.json"), json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _reason_from_file(place: Path) -> str | None:
    try:
        data = json.loads(place.with_name(place.name + ".reason.json").read_text(encoding="utf-8"))
        return f"{data.get('code')}: {'; '.join(data.get('reason_en') or [])}"[:2000]
    except (OSError, ValueError):
        return None
