"""A case's document made again (`regenerate`): from the data its step made it from, with the person's
details as the register holds them now, the current templates and the configured municipality — as a new
version beside the old one, which stays (`casework.documents.render` never overwrites)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator import provenance
from regulation.records import to_jsonable

from casework.cases import _done, case_number
from casework.documents import render
from casework.errors import CaseworkError, writing
from casework.records import StepDone


def _current(data: dict[str, Any], app: Any) -> dict[str, Any]:
    """`data` with the person's details (applicant, representative) as the case's application holds them now —
    a name corrected in review after the document was made is spelled right in the new version."""
    data = dict(data)
    applicant = to_jsonable(app.applicant)
    representative = to_jsonable(app.representative) if app.representative else None
    if "application" in data:
        data["application"] = to_jsonable(app)
    if "addressee" in data:
        data["addressee"] = applicant
    if "representative" in data:
        data["representative"] = representative
    if isinstance(data.get("contract"), dict) and "recipient" in data["contract"]:
        data["contract"] = {**data["contract"], "recipient": applicant}
    return data


def _where(path: str, base: Path | None) -> Path:
    p = Path(path)
    return base / p if not p.is_absolute() and base is not None else p


def regenerate(reg: Any, case_id: int, document_id: int, *, by: str, out: Path, municipality: Any = None,
               base: Path | None = None) -> StepDone:
    """Make document `document_id` of case `case_id` again into `out/case-<id>/` as a new version (the old
    file and its record stay); logged as `regenerate`. Refused for a document that is not the case's, whose
    file or data (the sidecar `<file>.json` a step writes; `base` resolves a path kept relative) is gone, or
    whose data no longer matches the input hash recorded when it was made."""
    with writing(reg) as tx:
        case = tx.case(case_id)
        doc = next((d for d in tx.documents(case_id) if d.id == document_id), None)
        if doc is None:
            raise CaseworkError(f"lietai {case_id} nav dokumenta {document_id}",
                                f"case {case_id} has no document {document_id}", field="document")
        path = _where(doc.path, base)
        if not path.is_file():
            raise CaseworkError(f"dokumentu {document_id} nevar izveidot no jauna: tā fails {path.name} nav atrasts",
                                f"document {document_id} cannot be made again: its file {path.name} is not there",
                                field="document")
        side = provenance.read_sidecar(path)
        data = side.get("input") if side else None
        if not isinstance(data, dict):
            raise CaseworkError(f"dokumentu {document_id} nevar izveidot no jauna: nav saglabāti dati, no kuriem tas "
                                "veidots (tas veidots ārpus lietas soļiem vai pirms šīs iespējas)",
                                f"document {document_id} cannot be made again: the data it was made from is not kept "
                                "(it was made outside the case's steps or before this was possible)",
                                field="document")
        if provenance.input_hash(data) != doc.input_sha256:
            raise CaseworkError(f"dokumentu {document_id} nevar izveidot no jauna: tā datu fails {path.name}.json "
                                "neatbilst reģistrā ierakstītajam (mainīts pēc izveides)",
                                f"document {document_id} cannot be made again: its data file {path.name}.json does "
                                "not match the register's record (changed after it was made)", field="document")
        data = {**_current(data, case.application), "case_number": data.get("case_number") or case_number(case_id)}
        new = render(tx, out, case_id, doc.kind, data, municipality, step=str(side.get("step") or doc.kind),
                     rules_version=doc.rules_version)
        tx.audit(by, "regenerate", "document", document_id, case_id, {"path": doc.path},
                 {"path": new, "kind": doc.kind})
        state = tx.case_state(case_id)
    name = Path(new).name if new else ""
    return _done(case_id, "regenerate", state, f"dokuments izveidots no jauna: {name} (iepriekšējais saglabāts)",
                 f"document made again: {name} (the earlier one is kept)", [new], document=document_id,
                 on=dt.date.today().isoformat())
