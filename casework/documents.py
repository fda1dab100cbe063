"""The documents of a step, rendered through the generator's public functions by kind name
(`generator.documents.prepare`, `generator.render.render_docx`) into `<out>/case-<id>/`, and recorded in the
register with what produced them; the sidecar `<file>.json` keeps the data it was made from (`regenerate`
makes the document again from it). A document made again never replaces the earlier one: the new file gets
the next free `-2`, `-3`, … name, so every version stays."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from generator import atomic, provenance
from generator.documents import kind as document_kind
from generator.documents import prepare
from generator.render import render_docx
from regulation.records import RecordError

from casework.errors import CaseworkError


def case_folder(out: Path, case_id: int) -> Path:
    return Path(out) / f"case-{case_id:06d}"


def _free(path: Path) -> Path:
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


def render(tx: Any, out: Path | None, case_id: int, kind_name: str, data: dict[str, Any], municipality: Any,
           *, step: str, rules_version: str | None) -> str | None:
    """Render one document of `kind_name` for the case's `step` (nothing when `out` is None); returns its path."""
    if out is None:
        return None
    from generator.config import load_municipality

    mun = municipality or load_municipality()
    try:
        template, context = prepare(kind_name, data, mun)
        k = document_kind(kind_name)
        stem = f"{step}-{k.file_stem(k.load(data))}"
    except RecordError as e:
        p = e.problems[0] if e.problems else None
        raise CaseworkError(f"dokumentu “{kind_name}” nevar sagatavot: {p.message_lv if p else e}",
                            f"the document '{kind_name}' cannot be made: {p.message_en if p else e}",
                            field=p.field if p else None) from None
    prov = provenance.make(kind_name, data, template=template, source=f"case:{case_id}")
    body = render_docx(template, context, core_properties=prov.core_properties())
    path = _free(case_folder(out, case_id) / f"{stem}.docx")
    atomic.write_bytes(path, body)  # makes the case folder private (0700 / 0750) on the way
    # the data it was made from, so `regenerate` can make it again (its hash is the recorded input_sha256)
    provenance.write_sidecar(path, prov, step=step, case_id=case_id, input=data)
    tx.add_document(case_id, kind_name, str(path), prov.template_sha256, prov.input_sha256,
                    rules_version or prov.rules_version or "—")
    return str(path)
