"""Batches of real documents: per-record errors, resumability by content key, provenance everywhere."""
from __future__ import annotations

import copy
import json

import docx
import pytest

from generator import provenance
from generator.batch import BatchItem, run_batch
from generator.config import EXAMPLE
from generator.documents import EXAMPLES_DIR, KINDS

from .fixtures import make


def decision(i: int) -> dict:
    raw = json.loads((EXAMPLES_DIR / "decision.json").read_text(encoding="utf-8"))
    raw = copy.deepcopy(raw)
    raw["case_number"] = f"AS-2026/{i:03d}"
    raw.pop("number", None)
    return raw


def items(n: int) -> list[BatchItem]:
    return [BatchItem("decision", decision(i), f"rec{i}") for i in range(n)]


def test_batch_makes_one_docx_per_record_with_provenance(tmp_path):
    report = run_batch(items(3), tmp_path, municipality=EXAMPLE, progress=False)
    assert report.count("made") == 3 and not report.failed
    paths = [o.docx for o in report.outcomes]
    assert len(set(paths)) == 3 and all(p.parent == tmp_path and p.suffix == ".docx" for p in paths)
    assert all("/" not in p.stem and p.stem.isascii() for p in paths)
    side = provenance.read_sidecar(paths[1])["provenance"]
    assert side["kind"] == "decision" and side["source"] == "rec1"
    assert side["input_sha256"] == provenance.input_hash(decision(1))
    assert side["template_sha256"] == provenance.file_hash(KINDS["decision"].template_for(EXAMPLE))
    assert side["rules_version"] == decision(1)["decision"]["rules_version"]
    props = docx.Document(paths[1]).core_properties
    assert json.loads(props.comments)["key"] == side["key"] and props.category == "decision"


def test_second_run_skips_everything_and_a_changed_record_is_remade(tmp_path):
    run_batch(items(3), tmp_path, municipality=EXAMPLE, progress=False)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.docx")}
    again = run_batch(items(3), tmp_path, municipality=EXAMPLE, progress=False)
    assert again.count("skipped") == 3 and again.count("made") == 0
    assert {p: p.stat().st_mtime_ns for p in tmp_path.glob("*.docx")} == before
    changed = items(3)
    changed[2].data["decision"]["hours_per_week"] = 7
    third = run_batch(changed, tmp_path, municipality=EXAMPLE, progress=False)
    assert [o.status for o in third.outcomes] == ["skipped", "skipped", "made"]


def test_bad_record_is_reported_and_the_others_made(tmp_path):
    batch = items(3)
    del batch[1].data["case_number"]
    batch[2].data["application"]["applicant"]["personal_code"] = "123"
    report = run_batch(batch + items(5)[3:], tmp_path, municipality=EXAMPLE, progress=False)
    assert [o.status for o in report.outcomes] == ["made", "failed", "failed", "made", "made"]
    assert report.outcomes[1].field == "case_number" and report.outcomes[1].stage == "data"
    assert report.outcomes[2].field == "application.applicant.personal_code"
    assert "rec2" in report.text() and "personal_code" in report.text()


def test_broken_template_is_reported_per_record(tmp_path):
    own = tmp_path / "own"
    own.mkdir()
    make.broken(own / "decision.docx")
    mun = EXAMPLE.model_copy(update={"templates_dir": own})
    report = run_batch(items(2), tmp_path / "out", municipality=mun, progress=False)
    assert [o.stage for o in report.outcomes] == ["template", "template"]
    assert "decision.docx" in report.outcomes[0].error_en


@pytest.mark.slow
def test_pdf_batch_with_provenance_merged_and_resumable(tmp_path):
    report = run_batch(items(3), tmp_path, municipality=EXAMPLE, pdf=True, merged=tmp_path / "all.pdf",
                       progress=False)
    assert not report.failed, report.text()
    import pypdf

    pages = 0
    for o in report.outcomes:
        meta = provenance.read_pdf(o.pdf)
        assert meta["key"] == provenance.read_sidecar(o.docx)["provenance"]["key"]
        assert provenance.read_sidecar(o.pdf)["pages"] == o.pages
        pages += o.pages
    assert len(pypdf.PdfReader(report.merged).pages) == pages
    again = run_batch(items(3), tmp_path, municipality=EXAMPLE, pdf=True, progress=False)
    assert again.count("skipped") == 3
    # a PDF lost since: only it is made again, from the DOCX already there
    report.outcomes[0].pdf.unlink()
    third = run_batch(items(3), tmp_path, municipality=EXAMPLE, pdf=True, progress=False)
    assert [o.status for o in third.outcomes] == ["made", "skipped", "skipped"]
    assert third.outcomes[0].pdf.is_file()


def test_cli_render_batch_from_jsonl(tmp_path, capsys):
    from asistents.cli import main

    lines = [json.dumps(decision(i), ensure_ascii=False) for i in range(3)]
    lines.insert(1, json.dumps({"case_number": "X"}))
    src = tmp_path / "lemumi.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", "decision", "--batch", str(src), "-o", str(out), "--json"]) == 2
    first = json.loads(capsys.readouterr().out)
    assert (first["made"], first["failed"]) == (3, 1)
    assert first["documents"][1]["source"].startswith("lemumi.jsonl: 2. rinda")
    assert len(list(out.glob("*.docx"))) == 3
    main(["render", "decision", "--batch", str(src), "-o", str(out), "--json"])
    second = json.loads(capsys.readouterr().out)
    assert (second["made"], second["skipped"]) == (0, 3)


def test_libreoffice_missing_is_reported_per_record_and_docx_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("ASISTENTS_SOFFICE", str(tmp_path / "no-such-soffice"))
    report = run_batch(items(2), tmp_path, municipality=EXAMPLE, pdf=True, progress=False)
    assert [o.stage for o in report.outcomes] == ["pdf", "pdf"]
    assert all(o.docx.is_file() and o.pdf is None for o in report.outcomes)
    assert "cannot be started" in report.outcomes[0].error_en and len(report.failed) == 2
