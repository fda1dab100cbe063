"""Draft documents for a processed file, written into `outbox/<case>/` so that a crash never leaves half a file.

Each draft is a DOCX named `projekts-<stem>.docx` ("projekts" = draft: a proposal the clerk edits and signs)
and a sidecar `projekts-<stem>.json` with what produced it: the input file's SHA-256, the template and its
SHA-256, the rules version and the DOCX's own SHA-256. Writing is idempotent: a DOCX whose sidecar names the
same input and whose bytes still hash to the recorded value is left as it is; anything else is written again
(temp name, fsync, rename — `generator.atomic`), an intact earlier version kept as `<stem>.v<N>.docx`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from generator import atomic, provenance
from generator.config import Municipality
from generator.documents import kind as document_kind
from generator.documents import prepare
from generator.render import render_docx
from regulation.records import Application, Assessment, Contract, Decision, Timesheet, to_jsonable
from regulation.timesheet import TimesheetCheck

DRAFT_PREFIX = "projekts-"


@dataclass(frozen=True)
class Draft:
    kind: str
    path: Path
    template_sha256: str
    written: bool  # False when an identical draft was already there


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str:
    return _sha(path.read_bytes())


def write_draft(folder: Path, kind_name: str, data: dict[str, Any], municipality: Municipality, *,
                input_sha256: str, rules_version: str | None, case_id: int | None) -> Draft:
    """Render one document of `kind_name` from DATA `data` into `folder` (idempotently)."""
    template, context = prepare(kind_name, data, municipality)
    k = document_kind(kind_name)
    stem = DRAFT_PREFIX + k.file_stem(k.load(data))
    docx, sidecar = folder / f"{stem}.docx", folder / f"{stem}.json"
    template_sha = _file_sha(template)
    # The content key covers the DATA too: a proposal redrafted after the clerk's assessment is written again.
    prov = provenance.make(kind_name, data, template=template, template_sha256=template_sha,
                           source=f"sha256:{input_sha256}")
    if docx.exists():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            meta = {}  # no sidecar, or a damaged one: the file is kept aside below, never written over
        if meta.get("input_sha256") == input_sha256 and meta.get("key") == prov.key:
            # the same draft: as it was made, or as a clerk has edited it since — either way it stands
            return Draft(kind_name, docx, template_sha, written=False)
        _keep_earlier(docx, sidecar)  # a draft of other DATA (or edited, or unexplained): kept beside the new one
    properties = {**prov.core_properties(), "keywords": "projekts; draft; asistents provenance"}
    body = render_docx(template, context, core_properties=properties)
    meta = {"kind": kind_name, "draft": True, "input_sha256": input_sha256, "case_id": case_id,
            "template": template.name, "template_sha256": template_sha, "rules_version": rules_version,
            "data_sha256": prov.input_sha256, "key": prov.key, "tool_version": prov.tool_version,
            "docx_sha256": _sha(body), "docx": docx.name}
    # The sidecar first: a draft without one is then never the tool's own half-finished write, but a file
    # someone put or kept there — which the next run keeps aside instead of writing over.
    atomic.write_text(sidecar, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    atomic.write_bytes(docx, body)
    return Draft(kind_name, docx, template_sha, written=True)


def _keep_earlier(docx: Path, sidecar: Path) -> None:
    """Move an earlier draft and its sidecar (when there is one) to the next free `<stem>.v<N>` name (never
    overwritten)."""
    n = 1
    while docx.with_name(f"{docx.stem}.v{n}.docx").exists():
        n += 1
    if sidecar.exists():
        sidecar.rename(sidecar.with_name(f"{docx.stem}.v{n}.json"))
    docx.rename(docx.with_name(f"{docx.stem}.v{n}.docx"))


def case_number(case_id: int) -> str:
    return f"IN-{case_id:06d}"


def application_drafts(app: Application, assessment: Assessment | None, decision: Decision,
                       case_id: int) -> list[tuple[str, dict[str, Any]]]:
    """The decision proposal and the point 10 notice for a registered application, as (kind, DATA)."""
    number = case_number(case_id)
    return [
        ("decision", {"case_number": number, "application": to_jsonable(app),
                      "assessment": to_jsonable(assessment) if assessment is not None else None,
                      "decision": to_jsonable(decision)}),
        ("notice_decision", {"case_number": number, "notified_on": decision.decided_on.isoformat(),
                             "addressee": to_jsonable(app.applicant),
                             "representative": to_jsonable(app.representative) if app.representative else None,
                             "received_on": app.received_on.isoformat(), "decision": to_jsonable(decision)}),
    ]


def month_granted(check: TimesheetCheck) -> Decimal:
    """Granted hours for the month as shown in the notice: each week's granted hours in proportion to the
    days of that week inside the month (our presentation, not a rule of MK 942; payment uses the weekly
    figures of `regulation.timesheet`)."""
    total = sum((w.granted * len(w.days_in_month) / 7 for w in check.weeks if w.granted is not None), Decimal(0))
    return total.quantize(Decimal("0.01"))


def timesheet_drafts(ts: Timesheet, check: TimesheetCheck, contract: Contract | None, timesheet_id: int,
                     today: dt.date) -> list[tuple[str, dict[str, Any]]]:
    """The point 20 notice for a timesheet with findings (none without findings or without a contract — a
    notice names the contract; a sheet without one is flagged for the clerk instead)."""
    shown = [f for f in check.findings if f.severity != "info"]
    if not shown or contract is None:
        return []
    a = ts.assistant
    return [("notice_timesheet", {
        "case_number": contract.number, "number": f"US-{timesheet_id:06d}", "notified_on": today.isoformat(),
        "addressee": {"name": f"{a.given_name} {a.surname}"}, "role": "assistant",
        "recipient_name": f"{ts.recipient.given_name} {ts.recipient.surname}",
        "contract_number": contract.number, "month": ts.month,
        "hours_granted": str(month_granted(check)), "hours_reported": str(check.hours_provided),
        "hours_accepted": str(check.hours_paid), "findings": to_jsonable(shown),
    })]
