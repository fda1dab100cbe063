"""Step 1 of a file's way through a pass (see `intake.pipeline`): hash it, journal it (`journal_claim`), and
decide what it needs — parsing, or at once a place as a duplicate, an empty file or one that stopped the process
too often."""
from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake import aside, names, reasons
from intake import files as fs
from intake.records import FINAL_STATES, MAX_ATTEMPTS, MAX_FAULTS, Outcome

if TYPE_CHECKING:
    from intake.pipeline import Pass


EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def prepare(p: Pass, seen: fs.Seen, ctx: dict[str, Any], inflight: collections.Counter[str]) -> Outcome | None:
    """Hash the file (it must not have changed since it was seen). An Outcome when it is not to be claimed."""
    t = time.monotonic()
    fresh = fs.restat(seen.path)
    if fresh is None:
        return Outcome("gone")
    if (fresh.size, fresh.mtime_ns) != (seen.size, seen.mtime_ns):
        return Outcome("waiting")
    if seen.size == 0:
        sha = EMPTY_SHA
    else:
        sha = fs.hash_file(seen)
        if sha is None:
            return Outcome("waiting")
    ctx["ms"]["hash"] = reasons.ms_since(t)
    ctx["sha"] = sha
    p.seen_shas.add(sha)
    if inflight[sha]:
        return Outcome("deferred", sha)
    return None


def claim_in(p: Pass, tx: Any, seen: fs.Seen, ctx: dict[str, Any]) -> None:
    """Journal the file in `tx` and decide what it needs (ctx: entry, action)."""
    t = time.monotonic()
    sha = ctx["sha"]
    name = str(seen.path.relative_to(p.layout.inbox))
    # new bytes always go on to be read (or set aside as empty): they start as `processing`
    entry = tx.journal_claim(sha, names.readable(name), seen.size, state="processing", raw_name=names.raw(name))
    # Left `processing` (or marked at work alone) by a process that died: cut short. Only the mark is
    # evidence against the file; it is cleared here, counted as a fault.
    cut_short = not entry.created and (entry.state == "processing" or entry.solo)
    fault = not entry.created and entry.solo
    if fault:
        tx.journal_solo(sha, False)
        entry = dataclasses.replace(entry, faults=entry.faults + 1, solo=False)
    action = decide(p, entry, seen)
    if not entry.created and (action in ("parse", "empty", "poison") and entry.state not in FINAL_STATES
                              or action == "parse" and entry.state == "quarantined"):
        entry = tx.journal_set(sha, "processing", fault=fault)
    elif fault:
        entry = tx.journal_set(sha, entry.state, fault=True)
    ctx["ms"]["claim"] = reasons.ms_since(t)
    ctx["entry"], ctx["action"] = entry, action
    ctx["suspect"] = cut_short or entry.faults > 0


def claim_alone(p: Pass, seen: fs.Seen, ctx: dict[str, Any]) -> None:
    try:
        with p.reg.transaction() as tx:
            claim_in(p, tx, seen, ctx)
    except Exception as e:  # the register itself is not reachable: try again next pass
        ctx["claim_failed"] = reasons.failed(ctx["sha"], e)


def after_claim(p: Pass, seen: fs.Seen, ctx: dict[str, Any]) -> Outcome | None:
    """What a claimed file needs next: None to be parsed, else where it ended (duplicates, set aside)."""
    entry, action = ctx["entry"], ctx["action"]
    if action == "later":
        return Outcome("later", entry.sha256)
    if action == "duplicate":
        return aside.duplicate(p, seen, entry)
    if action == "copy_quarantined":
        return aside.quarantine_copy(p, seen, entry)
    if action == "empty":
        return aside.quarantine(p, seen, entry, "empty",
                                f"fails ir tukšs (0 baitu) ilgāk par {p.opts.empty_limit:g} s — skeneris to "
                                "nav pabeidzis; skenējiet dokumentu vēlreiz",
                                f"the file has been empty (0 bytes) for over {p.opts.empty_limit:g} s — the "
                                "scanner did not finish it; scan the document again")
    if action == "poison" and entry.faults >= MAX_FAULTS:
        return aside.quarantine(p, seen, entry, "crashed",
                                f"apstrāde apstājās {entry.faults} reizes, kamēr tika apstrādāts tikai šis fails "
                                "— fails netiek apstrādāts atkārtoti; pārbaudiet to un ievadiet datus ar roku",
                                f"processing stopped {entry.faults} times while this file alone was at work — it "
                                "is not retried; check it and enter the data by hand")
    if action == "poison":
        return aside.quarantine(p, seen, entry, "crashed",
                                f"faila apstrāde tika sākta {entry.attempts} reizes un ne reizi nepabeigta — "
                                "fails netiek apstrādāts atkārtoti; pārbaudiet to un ievadiet datus ar roku",
                                f"processing this file was begun {entry.attempts} times and never finished — it "
                                "is not retried; check it and enter the data by hand")
    return None


def decide(p: Pass, entry: Any, seen: fs.Seen) -> str:
    state = entry.state
    if state in ("processed", "needs_review", "duplicate"):
        placed = placed_at(p, entry)
        if placed is not None and placed.exists() and not fs.same_file(placed, seen.path):
            return "duplicate"
        if entry.faults >= MAX_FAULTS:
            return "poison"  # its last steps stopped the process, again and again
        return "parse"  # the original whose last steps did not happen: finish it
    if state == "quarantined":
        placed = p.layout.quarantine_name(entry.sha256, entry.name)
        if placed.exists() and not fs.same_file(placed, seen.path):
            return "copy_quarantined"
        return "parse"  # the clerk moved it back (or the move did not happen): try again
    if seen.size == 0:
        return "empty"
    if state == "failed" and p.opts.failed_backoff:
        since = (dt.datetime.now(dt.timezone.utc) - reasons.aware(entry.updated_at)).total_seconds()
        if since < p.opts.failed_backoff:
            return "later"  # e.g. a full disk: no point re-reading the file every few seconds
    if state == "processing" and (entry.faults >= MAX_FAULTS or entry.attempts >= MAX_ATTEMPTS):
        return "poison"
    return "parse"


def placed_at(p: Pass, entry: Any) -> Path | None:
    if entry.state in ("processed", "duplicate"):
        return p.layout.archive_name(entry.sha256, entry.name)
    if entry.state == "needs_review":  # review/ while on the review list, archive/ otherwise or after it
        archived = p.layout.archive_name(entry.sha256, entry.name)
        review = p.layout.review_name(entry.sha256, entry.name)
        return archived if archived.exists() and not review.exists() else review
    return None
