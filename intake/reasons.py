"""Why a file ended where it did, in words for the clerk: the reason files beside a file set aside
(`<name>.reason.txt` in Latvian then English, and `<name>.reason.json`), and the small helpers the pass's steps
share (times in ms, issue lines, the outcome of a step that failed outside the file)."""
from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path
from typing import Any

from intake.records import Outcome


def aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def ms_since(t0: float) -> float:
    return round((time.monotonic() - t0) * 1000, 2)


def issue_lines(result: Any) -> tuple[list[str], list[str]]:
    issues = [i for i in result.issues if i.severity == "error" or result.record is None] or \
        ([i for i in result.issues] if result.needs_review else [])
    return ([f"{i.field or 'dokuments'}: {i.message_lv}" for i in issues],
            [f"{i.field or 'document'}: {i.message_en}" for i in issues])


def reason_text(parts: list[str]) -> str | None:
    return "; ".join(parts)[:2000] if parts else None


def failed(sha: str | None, error: BaseException) -> Outcome:
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


def write_reason(dst: Path, entry: Any, code: str, lv: list[str], en: list[str], **extra: Any) -> None:
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


def reason_from_file(place: Path) -> str | None:
    try:
        data = json.loads(place.with_name(place.name + ".reason.json").read_text(encoding="utf-8"))
        return f"{data.get('code')}: {'; '.join(data.get('reason_en') or [])}"[:2000]
    except (OSError, ValueError):
        return None
