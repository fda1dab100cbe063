"""`asistents demo` end to end on a small copy of the samples: real parser, register, templates and LibreOffice."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASISTENTS = [sys.executable, "-m", "asistents.cli"]


def _small_samples(tmp: Path) -> Path:
    samples = tmp / "samples"
    for kind in ("applications", "timesheets"):
        for n in ("01", "02"):
            for suffix in (".pdf", ".expected.json"):
                src = ROOT / "samples" / kind / "fillable" / f"{n}{suffix}"
                dst = samples / kind / "fillable" / src.name
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
    shutil.copytree(ROOT / "samples" / "register", samples / "register")
    return samples


def test_demo_runs_the_whole_flow_and_keeps_an_earlier_output(tmp_path):
    samples = _small_samples(tmp_path)
    earlier = tmp_path / "out" / "keep.txt"
    earlier.parent.mkdir()
    earlier.write_text("clerk's file", encoding="utf-8")
    r = subprocess.run(ASISTENTS + ["demo", "--samples", str(samples), "--json"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=600, preexec_fn=lambda: os.umask(0o022))
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    out = tmp_path / "out"
    # the earlier output was moved aside, not overwritten
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("out.previous-")]
    assert len(aside) == 1 and (aside[0] / "keep.txt").read_text(encoding="utf-8") == "clerk's file"
    assert result["inbox_files"] == 4
    assert result["pass"]["processed"] + result["pass"]["needs_review"] == 4
    assert sorted(p.name for p in (out / "inbox").rglob("*.pdf")) == []  # every input ended in the archive
    assert len(list((out / "archive").glob("*.pdf"))) == 4
    assert result["documents_docx"] >= 2 and result["documents_pdf"] == result["documents_docx"]
    for name in result["annex2"]["files"]:
        assert (out / name).stat().st_size > 0
    pdf = next((out / "outbox").glob("*/*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "pašvaldība" in text.lower() or "sociālais dienests" in text.lower()
    # private by default under the usual umask 022: nothing in out/ readable by another account
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for p in [out / "asistents.db", pdf, pdf.with_suffix(".docx"), *(out / n for n in result["annex2"]["files"])]:
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
