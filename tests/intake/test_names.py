"""Odd names: a surname that is a path (or holds quotes and control characters) is flagged for review, never
passed as a clean reading."""
from __future__ import annotations

import json
import os
import subprocess
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


def test_file_name_in_cp1257_bytes_is_processed_its_bytes_kept_a_readable_form_shown(h, filler, intake_dir):
    inbox = os.fsencode(intake_dir / "inbox")
    raw = b"B\xe7rzi\xf2a.pdf"  # "Bērziņa.pdf" as a Windows share writes it: not UTF-8
    folder = b"Vec\xe2 mape"  # "Vecā mape", a folder moved in from the same share
    os.mkdir(os.path.join(inbox, folder))
    data = {raw: filler.fill("application", h.corpus.application(81)),
            os.path.join(folder, b"lapa-\xfe.pdf"): filler.fill("timesheet", h.corpus.timesheet(82))}
    for name, content in data.items():
        with open(os.path.join(inbox, name), "wb") as f:
            f.write(content)
        h.age(Path(os.fsdecode(os.path.join(inbox, name))))
    p = subprocess.run(h.inbox_cmd("process", intake_dir, "--json", "--no-render"), capture_output=True,
                       text=True, env=h.env(), cwd=h.ROOT, timeout=300)
    assert p.returncode == 0, (p.stdout, p.stderr)
    summary = json.loads(p.stdout)
    assert summary["processed"] + summary["needs_review"] == 2 and summary["failed"] == 0, summary
    assert h.files_under(intake_dir / "inbox") == []
    archived = sorted(x.name for place in ("archive", "review") for x in h.files_under(intake_dir / place))
    assert any(n.endswith("-berzina.pdf") for n in archived) and any(n.endswith("-lapa-z.pdf") for n in archived)
    journal = {e["name"]: e["raw_name"] for e in h.journal(intake_dir).values()}
    assert journal == {"Bērziņa.pdf": raw, "Vecā mape/lapa-ž.pdf": os.path.join(folder, b"lapa-\xfe.pdf")}
    assert {f["name"] for f in summary["files"]} == {"Bērziņa.pdf", "Vecā mape/lapa-ž.pdf"}
