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

This module holds the pass and its rounds; each file's steps are in `intake.claiming` (1), `intake.storing`
(3, 4), `intake.aside` (5, and the places a file is set aside), `intake.recovery` (after a crash), with
`intake.records` (options, summary, outcome) and `intake.reasons` (the reason files).
"""
from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import datetime as dt
import fcntl
import os
import threading
import time
from pathlib import Path
from typing import Any, Iterator

from intake import claiming, reasons, recovery, storing
from intake import files as fs
from intake import names
from intake.layout import Layout
from intake.log import FileLog
from intake.trouble import no_space, out_of_space
from intake.records import FINAL_STATES, MAX_ATTEMPTS, MAX_FAULTS, Options, Outcome, PassSummary, Stop

__all__ = ["FINAL_STATES", "MAX_ATTEMPTS", "MAX_FAULTS", "Options", "Outcome", "Pass", "PassSummary", "Stop",
           "folder_lock", "process"]


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

    def run(self) -> PassSummary:
        started = time.monotonic()
        recovery.reconcile(self)
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
                recovery.forget_vanished(self)
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

    def trouble(self, error: BaseException | None) -> bool:
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
                outcome = claiming.prepare(self, seen, ctx, inflight)
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
                stored = [storing.store(self, tx, seen, ctx, result) for seen, ctx, result in parsed]
                for seen, ctx in claims:
                    claiming.claim_in(self, tx, seen, ctx)
                t_commit = time.monotonic()
            commit_ms = reasons.ms_since(t_commit)
        except Exception:
            # Something in the round failed (one file's register work, the commit): nothing of it was stored.
            # Each file again in a transaction of its own, so one bad file or a passing error holds back no other.
            stored, commit_ms = [storing.store_alone(self, seen, ctx, result) for seen, ctx, result in parsed], None
            for seen, ctx in claims:
                claiming.claim_alone(self, seen, ctx)
        for seen, ctx in claims:  # the parsers start on the new files first, then the group is finished
            if commit_ms is not None:
                ctx["ms"]["claim"] = round(ctx["ms"].get("claim", 0.0) + commit_ms, 2)
            outcome = ctx.pop("claim_failed", None) or claiming.after_claim(self, seen, ctx)
            if outcome is None:
                window.append((seen, ctx, pool.submit(self._parse, seen.path)))
                continue
            inflight[ctx["sha"]] -= 1
            self._record(seen, outcome, ctx, bar)
        for (seen, ctx, result), done in zip(parsed, stored):
            if commit_ms is not None and done is not None:
                ctx["ms"]["register"] = round(ctx["ms"]["register"] + commit_ms, 2)
            try:
                outcome = storing.finish(self, seen, ctx, result, done)
            finally:
                inflight[ctx["sha"]] -= 1
            self._record(seen, outcome, ctx, bar)

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
        return result, reasons.ms_since(t)

    def _result(self, ctx: dict[str, Any], future: Any) -> Any:
        """The parser's answer (a ParseResult or ParseError), or the exception of the sandbox machinery."""
        try:
            result, ctx["ms"]["parse"] = future.result()
        except Exception as e:  # the sandbox machinery itself (not the file) failed
            return storing.SandboxFailed(e)
        return result

    @property
    def municipality(self) -> Any:
        if self._municipality is None:
            from generator.config import load_municipality

            self._municipality = load_municipality()
        return self._municipality

    def _record(self, seen: fs.Seen, outcome: Outcome, ctx: dict[str, Any], bar: Any = None) -> None:
        if bar is not None:
            bar.update(1)
        if outcome.state in ("gone", "deferred", "later"):
            return
        ms = dict(ctx.get("ms", {}))
        ms["total"] = reasons.ms_since(ctx["t0"]) if "t0" in ctx else 0.0
        outcome.ms = ms  # the caller's `on_file` sees where the time went (benchmarks)
        self.summary.count(outcome.state)
        if outcome.state == "failed":
            self.trouble(outcome.error)
        try:
            self.log.write({"sha256": outcome.sha256, "state": outcome.state, "kind": outcome.kind,
                            "case_id": outcome.case_id, "timesheet_id": outcome.timesheet_id, "code": outcome.code,
                            "size": seen.size, "ms": ms})
        except OSError as e:  # the file itself is where its outcome says; only its log line is missing
            if not self.trouble(e):
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


def _cut_short_before(item: tuple[fs.Seen, dict[str, Any], Any]) -> bool:
    """A file whose processing was cut short before (a process died while it was at work) goes in a round of its
    own, with nothing else at work in this process: were it what kills the process, the evidence says so, and
    no other file is undone with it."""
    return bool(item[1].get("suspect"))
