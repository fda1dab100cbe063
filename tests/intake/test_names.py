"""Odd names: a surname that is a path (or holds quotes and control characters) is flagged for review, never
passed as a clean reading."""
from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.mark.parametrize("surname", ["../../../../tmp/x\"'/..\\x", "Bērziņa\x07", "Ozola\"; rm -rf ~"])
def test_surname_that_is_no_persons_name_goes_to_review(h, filler, intake_dir, surname):
    from forms.build import acroform_values
    from forms.definition import from_record, load

    flat = from_record("application", h.corpus.application(80))
    flat["applicant.surname"] = surname  # written into the form's field as a sender could
    values = {n: t for fields in acroform_values(load("application"), flat).values() for n, t in fields.items()}
    p = intake_dir / "inbox" / "iesniegums.pdf"
    p.write_bytes(filler._append_values("application", values))
    h.age(p)
    summary = h.run_process(intake_dir, "--no-render")
    assert (summary["needs_review"], summary["processed"]) == (1, 0), summary
    [pdf] = (intake_dir / "review").glob("*.pdf")
    reason = json.loads(pdf.with_name(pdf.name + ".reason.json").read_text(encoding="utf-8"))
    assert any("applicant.surname" in r and "letters" in r for r in reason["reason_en"]), reason
    assert any("uzvārd" in r for r in reason["reason_lv"]), reason
    assert h.scalar(intake_dir, "SELECT count(*) FROM applications") == 0
    assert not Path("/tmp/x").exists()
