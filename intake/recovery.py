"""After a crash, and at the end of a complete pass: temporary files of cut-short writes removed, journal
entries whose file already reached its place given that place's state, and entries whose file left the inbox
marked failed (nothing deleted)."""
from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, Iterator

from intake import names, reasons

if TYPE_CHECKING:
    from intake.pipeline import Pass


@contextlib.contextmanager
def no_space_is_noted(p: "Pass") -> Iterator[None]:
    try:
        yield
    except Exception as e:  # bookkeeping only: the next pass does it again
        if not p.trouble(e):
            raise


def reconcile(p: Pass) -> None:
    """After a crash: temporary files of writes cut short are removed (no other pass is running: we hold
    the folder's lock), and journal entries left `received`/`processing` whose file already reached its
    place get the state their place means."""
    for folder in (p.layout.outbox, p.layout.archive, p.layout.review, p.layout.quarantine):
        for tmp in folder.rglob(".*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()
    try:
        pending = p.reg.journal_pending()
    except Exception:
        return
    with no_space_is_noted(p):
        _reconcile(p, pending)


def _reconcile(p: Pass, pending: list[Any]) -> None:
    for entry in pending:
        for state, place in (("quarantined", p.layout.quarantine_name(entry.sha256, entry.name)),
                             ("needs_review", p.layout.review_name(entry.sha256, entry.name))):
            if place.exists():
                with p.reg.transaction() as tx:
                    tx.journal_set(entry.sha256, state, reason=reasons.reason_from_file(place))
                break


def forget_vanished(p: Pass) -> None:
    """Entries still pending after a complete pass whose bytes were not in the inbox: the file was taken
    away (or was an incomplete copy later replaced). Marked failed, saying so; nothing is deleted."""
    try:
        pending = p.reg.journal_pending()
    except Exception:
        return
    with no_space_is_noted(p):
        _forget(p, pending)


def _forget(p: Pass, pending: list[Any]) -> None:
    for entry in pending:
        if entry.sha256 in p.seen_shas or entry.state == "failed":
            continue
        if (p.layout.inbox / names.on_disk(entry.name, entry.raw_name)).exists():
            continue  # a file of that name is still there (e.g. being rewritten): leave it
        with p.reg.transaction() as tx:
            tx.journal_set(entry.sha256, "failed",
                           reason="the file left the inbox before it was processed (taken away, or an "
                                  "incomplete copy replaced by the complete one)")
