"""Steps 3 and 4 of a file's way through a pass (see `intake.pipeline`): its register work in the round's
transaction (the case or timesheet and the journal's final state, names checked against the register), then
after the commit its drafts and the move of the original — or its place aside."""
from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from intake import aside, reasons
from intake import files as fs
from intake.records import Outcome

if TYPE_CHECKING:
    from intake.pipeline import Pass


def settled_with_register(tx: Any, result: Any) -> Any:
    """Names read for a personal code the register knows: confirmed (the register's spelling) or flagged."""
    from parser.crosscheck import PEOPLE, settle_with_register

    codes = [getattr(r, "value", None) for r in (result.fields.get(f"{p}.personal_code") for p in PEOPLE) if r]
    codes = [c for c in codes if isinstance(c, str) and c]
    return settle_with_register(result, tx.known_names(codes)) if codes else result


@dataclass
class SandboxFailed:
    """The sandbox machinery itself (not the file) failed while parsing: the file is retried next pass."""

    error: BaseException


def registers(result: Any) -> bool:
    """Whether a parse result is stored in the register (a recognised form with its record)."""
    from parser import ParseError

    return not isinstance(result, (ParseError, SandboxFailed)) and result.kind != "unknown" and \
        result.record is not None


def store(p: Pass, tx: Any, seen: fs.Seen, ctx: dict[str, Any], result: Any) -> dict[str, Any] | None:
    """The file's register work in `tx` (the case or timesheet and the journal's final state); None for a
    file that is not stored (it is set aside after the commit)."""
    if not registers(result):
        return None
    t = time.monotonic()
    result = settled_with_register(tx, result)
    done = (store_application if result.kind == "application" else store_timesheet)(p, tx, ctx["entry"], result)
    ctx["ms"]["register"] = reasons.ms_since(t)
    return done


def store_alone(p: Pass, seen: fs.Seen, ctx: dict[str, Any], result: Any) -> dict[str, Any] | BaseException | None:
    try:
        with p.reg.transaction() as tx:
            return store(p, tx, seen, ctx, result)
    except Exception as e:
        return e


def finish(p: Pass, seen: fs.Seen, ctx: dict[str, Any], result: Any, stored: Any) -> Outcome:
    """After the round's commit: drafts and the move for a stored file; the other files set aside."""
    from parser import ParseError

    entry, sha = ctx["entry"], ctx["sha"]
    if isinstance(result, SandboxFailed):
        return aside.fail(p, sha, result.error)
    if isinstance(stored, BaseException):
        return aside.fail(p, sha, stored)
    try:
        if isinstance(result, ParseError):
            if result.code in ("truncated", "empty") and seen.age() < p.opts.incomplete_grace:
                with p.reg.transaction() as tx:  # probably still being copied: look again later
                    tx.journal_set(sha, "received", reason=f"{result.code}: waiting")
                return Outcome("waiting", sha, code=result.code)
            return aside.quarantine(p, seen, entry, result.code, result.message_lv, result.message_en)
        if result.kind == "unknown":
            issue = result.issues[0] if result.issues else None
            return aside.quarantine(
                p, seen, entry, "unknown_form",
                issue.message_lv if issue else "dokuments nav atpazīts kā asistenta pakalpojuma veidlapa",
                issue.message_en if issue else "the document is not recognised as an assistant-service form")
        if result.record is None:
            return aside.review(p, seen, entry, result)
        if result.kind == "application":
            return finish_application(p, seen, entry, stored, ctx)
        return finish_timesheet(p, seen, entry, stored, ctx)
    except Exception as e:
        return aside.fail(p, sha, e)


def store_application(p: Pass, tx: Any, entry: Any, result: Any) -> dict[str, Any]:
    from intake.register import register_application

    app, sha = result.record, entry.sha256
    reasons_lv, reasons_en = reasons.issue_lines(result)
    done = register_application(tx, app, sha, p.opts.on)
    reasons_lv += done.reasons_lv
    reasons_en += done.reasons_en
    state = "needs_review" if (result.needs_review or reasons_lv) else "processed"
    tx.journal_set(sha, state, case_id=done.case_id, reason=reasons.reason_text(reasons_en))
    aside.to_review(p, tx, entry, result, app.received_on, case_id=done.case_id)
    case = tx.case(done.case_id)
    return {"state": state, "case_id": done.case_id, "app": app, "assessment": done.assessment, "case": case,
            "reasons_lv": reasons_lv, "reasons_en": reasons_en, "review": result.needs_review}


def finish_application(p: Pass, seen: fs.Seen, entry: Any, s: dict[str, Any], ctx: dict[str, Any]) -> Outcome:
    state, case_id, case = s["state"], s["case_id"], s["case"]
    reasons_lv, reasons_en = s["reasons_lv"], s["reasons_en"]
    decision = case.decisions[-1] if case.decisions else None
    # A proposal waiting for the service's assessment (8.3) gets no letter: it is on the worklist (`due`).
    if p.opts.render and decision is not None and decision.outcome != "pending":
        from intake.drafts import application_drafts

        app, assessment = s["app"], s["assessment"]
        state = render_drafts(p, lambda: application_drafts(app, assessment, decision, case_id), entry.sha256,
                              case_id, None, decision.rules_version, ctx, state, reasons_lv, reasons_en)
    dst = aside.archive(p, seen, entry, ctx, s["review"], "application", reasons_lv, reasons_en)
    return Outcome(state, entry.sha256, case_id=case_id, kind="application", path=dst,
                   reason_lv="; ".join(reasons_lv) or None, reason_en="; ".join(reasons_en) or None)


def store_timesheet(p: Pass, tx: Any, entry: Any, result: Any) -> dict[str, Any]:
    from intake.register import register_timesheet

    ts, sha = result.record, entry.sha256
    reasons_lv, reasons_en = reasons.issue_lines(result)
    done = register_timesheet(tx, ts, sha)
    reasons_lv += done.reasons_lv
    reasons_en += done.reasons_en
    state = "needs_review" if (result.needs_review or reasons_lv) else "processed"
    tx.journal_set(sha, state, reason=reasons.reason_text(reasons_en))
    aside.to_review(p, tx, entry, result, reasons.aware(entry.received_at).date(), timesheet_id=done.timesheet_id)
    return {"state": state, "timesheet_id": done.timesheet_id, "ts": ts, "check": done.check,
            "contract": done.contract, "reasons_lv": reasons_lv, "reasons_en": reasons_en,
            "review": result.needs_review}


def finish_timesheet(p: Pass, seen: fs.Seen, entry: Any, s: dict[str, Any], ctx: dict[str, Any]) -> Outcome:
    state, ts_id = s["state"], s["timesheet_id"]
    reasons_lv, reasons_en = s["reasons_lv"], s["reasons_en"]
    if p.opts.render:
        from intake.drafts import timesheet_drafts

        ts, check, contract = s["ts"], s["check"], s["contract"]
        state = render_drafts(p, lambda: timesheet_drafts(ts, check, contract, ts_id, dt.date.today()),
                              entry.sha256, None, ts_id, check.rules_version or "—", ctx, state, reasons_lv, reasons_en)
    dst = aside.archive(p, seen, entry, ctx, s["review"], "timesheet", reasons_lv, reasons_en)
    return Outcome(state, entry.sha256, timesheet_id=ts_id, kind="timesheet", path=dst,
                   reason_lv="; ".join(reasons_lv) or None, reason_en="; ".join(reasons_en) or None)


def render_drafts(p: Pass, make: Callable[[], list[tuple[str, dict[str, Any]]]], sha: str, case_id: int | None,
                  timesheet_id: int | None, rules_version: str, ctx: dict[str, Any], state: str,
                  reasons_lv: list[str], reasons_en: list[str]) -> str:
    """Write and record the drafts; returns the file's state. Disk and database errors propagate (the file
    is retried); drafts the generator refuses (its data check, a template problem) do not hold the file
    back: the case stays registered, the file is archived, and the clerk is told to look (needs_review)."""
    from generator.render import RenderError
    from intake.drafts import write_draft
    from regulation.records import RecordError

    t = time.monotonic()
    folder = p.layout.case_folder(case_id, timesheet_id)
    try:
        written = [write_draft(folder, kind, data, p.municipality, input_sha256=sha,
                               rules_version=rules_version, case_id=case_id) for kind, data in make()]
    except OSError:
        raise
    except (RecordError, RenderError, ValueError, LookupError) as e:
        detail = str(e)[:500]
        reasons_lv.append(f"dokumentu projektus neizdevās sagatavot ({detail}) — sagatavojiet tos ar roku")
        reasons_en.append(f"the draft documents could not be made ({detail}) — make them by hand")
        with p.reg.transaction() as tx:
            tx.journal_set(sha, "needs_review", reason=reasons.reason_text(reasons_en))
        ctx["ms"]["render"] = reasons.ms_since(t)
        return "needs_review"
    with p.reg.transaction() as tx:
        known = {(d.kind, Path(d.path).name) for d in tx.documents(input_sha256=sha)}
        for d in written:
            if (d.kind, d.path.name) not in known:
                tx.add_document(case_id, d.kind, str(d.path.relative_to(p.layout.root)), d.template_sha256,
                                sha, rules_version)
    ctx["ms"]["render"] = reasons.ms_since(t)
    return state
