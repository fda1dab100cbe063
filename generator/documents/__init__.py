"""What the documents say: each kind's input DATA (a pydantic model), its template and its Latvian context.

`KINDS` is the registry `asistents render KIND DATA` and `asistents mailmerge --template NAME` use. A kind
validates the user's DATA (`prepare()` raises `RecordError` naming every bad field, as `regulation.records.load`
does), and turns it into a template context of plain, already formatted Latvian strings and lists, so the DOCX
templates hold layout and wording only. Each kind's DATA is described in its model's docstring and in
`templates/lv/README.md`; `templates/lv/examples/<kind>.json` holds a sample of each.

>>> from generator.config import EXAMPLE
>>> import json
>>> raw = json.loads((EXAMPLES_DIR / "contract.json").read_text(encoding="utf-8"))
>>> template, ctx = prepare("contract", raw, EXAMPLE)
>>> template.name, ctx["volume"]["hours"].replace(NBSP, " ")
('contract.docx', '22 stundas nedēļā')
>>> KINDS["contract"].file_stem(KINDS["contract"].data_model.model_validate(raw))
'ligums-as-2026-017-berzina'
"""
from __future__ import annotations

from generator.documents.columns import mailmerge_columns, match_header, row_to_data
from generator.documents.common import EXAMPLES_DIR, TEMPLATES_DIR, DocumentKind, appeal_ctx, person_ctx, slug
from generator.documents.norms import (
    ACT_NAME, ACT_NAME_GEN, ANNEX1_LV, DURATION_LV, NORM_LV, POINT_13, REFUSAL_GROUNDS, SUSPENSION_REASONS,
    TERMINATION_GROUNDS, act_title, norm_point, norms,
)
from generator.documents.registry import KINDS, kind, prepare
from generator.lv import NBSP

__all__ = [
    "ACT_NAME", "ACT_NAME_GEN", "ANNEX1_LV", "DURATION_LV", "EXAMPLES_DIR", "KINDS", "NBSP", "NORM_LV", "POINT_13",
    "REFUSAL_GROUNDS", "SUSPENSION_REASONS", "TEMPLATES_DIR", "TERMINATION_GROUNDS", "DocumentKind", "act_title",
    "appeal_ctx", "kind", "mailmerge_columns", "match_header", "norm_point", "norms", "person_ctx", "prepare",
    "row_to_data", "slug",
]
