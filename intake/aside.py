"""Where a file ends when it is not simply archived: a duplicate, review/ (fields read with doubt, on the review
list), quarantine/ (not readable, not a form) — each with its reason files — or left in the inbox as `failed`
for the next pass. And the archive move itself (step 5 of `intake.pipeline`)."""
from __future__ import annotations

import contextlib
import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from intake import files as fs
from intake import reasons
from intake.records import Outcome

if TYPE_CHECKING:
    from intake.pipeline import Pass


def archive(p: Pass, seen: fs.Seen, entry: Any, ctx: dict[str, Any], review: bool = False, kind: str = "",
            reasons_lv: list[str] = (), reasons_en: list[str] = ()) -> Path:
    """The original to archive/ — or to review/ with its reason files when it is on the review list (fields
    read with doubt): one rule for applications and timesheets, registered or not. `review done` moves it
    on to archive/. A file registered with a remark only (no contract yet, a second application this
    month) is archived; the summary names it, its place and the remark."""
    t = time.monotonic()
    if review:
        dst = p.layout.review_name(entry.sha256, entry.name)
        reasons.write_reason(dst, entry, "needs_review", list(reasons_lv) or ["pārbaudiet nolasītos laukus"],
                             list(reasons_en) or ["check the fields read"], kind=kind)
    else:
        dst = p.layout.archive_name(entry.sha256, entry.name)
    try:
        fs.move(seen.path, dst)
    except FileExistsError:  # another copy of these bytes is archived already: this one is a duplicate
        dst = fs.move(seen.path, fs.free_name(p.layout.duplicates / dst.name))
    ctx["ms"]["move"] = reasons.ms_since(t)
    return dst


def duplicate(p: Pass, seen: fs.Seen, entry: Any) -> Outcome:
    try:
        dst = fs.move(seen.path, fs.free_name(p.layout.duplicates / p.layout.stored_name(entry.sha256, entry.name)))
    except Exception as e:
        return reasons.failed(entry.sha256, e)
    return Outcome("duplicate", entry.sha256, case_id=entry.case_id, path=dst, code="duplicate",
                   reason_lv=f"tāds pats fails jau ir apstrādāts (stāvoklis: {entry.state})",
                   reason_en=f"the same file was processed before (state: {entry.state})")


def review(p: Pass, seen: fs.Seen, entry: Any, result: Any) -> Outcome:
    lv, en = reasons.issue_lines(result)
    lv = lv or ["veidlapu neizdevās pilnībā nolasīt"]
    en = en or ["the form could not be read completely"]
    dst = p.layout.review_name(entry.sha256, entry.name)
    reasons.write_reason(dst, entry, "incomplete_form", lv, en, kind=result.kind, shape=result.shape)
    with p.reg.transaction() as tx:
        tx.journal_set(entry.sha256, "needs_review", reason=reasons.reason_text(en))
        from intake.register import received_on

        to_review(p, tx, entry, result, received_on(result, reasons.aware(entry.received_at).date()))
    fs.move(seen.path, dst)
    return Outcome("needs_review", entry.sha256, kind=result.kind, code="incomplete_form", path=dst,
                   reason_lv="; ".join(lv), reason_en="; ".join(en))


def quarantine(p: Pass, seen: fs.Seen, entry: Any, code: str, lv: str, en: str) -> Outcome:
    try:
        dst = p.layout.quarantine_name(entry.sha256, entry.name)
        reasons.write_reason(dst, entry, code, [lv], [en])
        with p.reg.transaction() as tx:
            tx.journal_set(entry.sha256, "quarantined", reason=f"{code}: {en}")
        fs.move(seen.path, dst)
    except Exception as e:
        return fail(p, entry.sha256, e)
    return Outcome("quarantined", entry.sha256, code=code, reason_lv=lv, reason_en=en, path=dst)


def quarantine_copy(p: Pass, seen: fs.Seen, entry: Any) -> Outcome:
    """Bytes already in quarantine dropped again: this copy joins them, with the same reason."""
    try:
        dst = fs.free_name(p.layout.quarantine_name(entry.sha256, entry.name))
        en = f"the same file is already in quarantine ({entry.reason})"
        lv = "tāds pats fails jau ir karantīnā — skatiet tā iemeslu failu"
        reasons.write_reason(dst, entry, "duplicate", [lv], [en])
        fs.move(seen.path, dst)
    except Exception as e:
        return reasons.failed(entry.sha256, e)
    return Outcome("quarantined", entry.sha256, code="duplicate", reason_lv=lv, reason_en=en, path=dst)


def fail(p: Pass, sha: str, error: BaseException) -> Outcome:
    """A step failed for a reason outside the file (disk, permissions, database, a bug): the file stays
    in the inbox in state `failed` and the next pass tries again."""
    outcome = reasons.failed(sha, error)
    with contextlib.suppress(Exception):
        with p.reg.transaction() as tx:
            tx.journal_set(sha, "failed", reason=outcome.reason_en)
    return outcome


def to_review(p: Pass, tx: Any, entry: Any, result: Any, received_on: dt.date, **ids: Any) -> None:
    """A file read with uncertain fields goes on the review list (`asistents review`), its deadline kept."""
    if result.needs_review or result.record is None:
        from intake.register import review_reading

        place = p.layout.review_name(entry.sha256, entry.name)  # registered or not: see `_archive`
        tx.add_review(entry.sha256, result.kind, received_on, review_reading(result, p.layout.root, place),
                      **ids)
