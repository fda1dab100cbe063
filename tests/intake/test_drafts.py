"""Drafts are idempotent per content, not per input file: new DATA for the same file is drafted again."""
from __future__ import annotations

import json
from pathlib import Path

from generator.config import EXAMPLE
from generator.render import docx_text
from intake.drafts import write_draft

EXAMPLES = Path(__file__).resolve().parents[2] / "templates" / "lv" / "examples"


def test_8_3_proposal_redrafted_after_the_assessment(tmp_path):
    data = json.loads((EXAMPLES / "decision.json").read_text(encoding="utf-8"))
    first = write_draft(tmp_path, "decision", data, EXAMPLE, input_sha256="a" * 64, rules_version=None, case_id=1)
    again = write_draft(tmp_path, "decision", data, EXAMPLE, input_sha256="a" * 64, rules_version=None, case_id=1)
    assert first.written and not again.written  # same file, same data: left as it is
    changed = json.loads(json.dumps(data))
    changed["application"]["applicant"]["address"] = "Jaunā iela 7, Cēsis, LV-4101"
    redrafted = write_draft(tmp_path, "decision", changed, EXAMPLE, input_sha256="a" * 64, rules_version=None,
                            case_id=1)
    assert redrafted.written and redrafted.path == first.path
    # the earlier version is kept beside it, with its own sidecar
    earlier = first.path.with_name(first.path.stem + ".v1.docx")
    assert not any("Jaunā iela 7" in line for line in docx_text(earlier.read_bytes()))
    assert json.loads(earlier.with_suffix(".json").read_text(encoding="utf-8"))["docx"] == first.path.name
    assert any("Jaunā iela 7" in line for line in docx_text(redrafted.path.read_bytes()))
    meta = json.loads(redrafted.path.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["input_sha256"] == "a" * 64 and len(meta["key"]) == 64


def test_a_draft_a_clerk_edited_is_never_written_over(tmp_path):
    """A clerk opened the draft and edited it (its bytes no longer match the sidecar): the same data again
    leaves the edit standing; new data keeps the edited file as `.v1.docx` beside the new draft."""
    data = json.loads((EXAMPLES / "decision.json").read_text(encoding="utf-8"))
    first = write_draft(tmp_path, "decision", data, EXAMPLE, input_sha256="b" * 64, rules_version=None, case_id=2)
    edited = first.path.read_bytes() + b"\0"  # any change a word processor makes
    first.path.write_bytes(edited)
    again = write_draft(tmp_path, "decision", data, EXAMPLE, input_sha256="b" * 64, rules_version=None, case_id=2)
    assert not again.written and first.path.read_bytes() == edited
    changed = json.loads(json.dumps(data))
    changed["application"]["applicant"]["address"] = "Jaunā iela 7, Cēsis, LV-4101"
    write_draft(tmp_path, "decision", changed, EXAMPLE, input_sha256="b" * 64, rules_version=None, case_id=2)
    assert first.path.with_name(first.path.stem + ".v1.docx").read_bytes() == edited
    first.path.with_suffix(".json").unlink()  # a sidecar lost: the draft beside it is still kept, not replaced
    kept = first.path.read_bytes()
    write_draft(tmp_path, "decision", data, EXAMPLE, input_sha256="b" * 64, rules_version=None, case_id=2)
    assert first.path.with_name(first.path.stem + ".v2.docx").read_bytes() == kept
