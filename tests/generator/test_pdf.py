"""DOCX → PDF with real LibreOffice: the pool, joining and splitting, failures, fonts, PDF/A."""
from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pypdf
import pytest

from generator.pdf import PdfConverter, check_pdf, convert, convert_one, pdf_fonts
from generator.render import compile_template

from .fixtures import make

pytestmark = pytest.mark.slow


def page_texts(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages]


def render_letters(tmp_path: Path, count: int, *, long_every: int = 0) -> list[Path]:
    letter = compile_template(make.letter(tmp_path / "letter.docx"))
    longer = compile_template(make.multipage(tmp_path / "multipage.docx"))
    folder = tmp_path / "docx"
    folder.mkdir()
    paths = []
    for i in range(count):
        tpl = longer if long_every and i % long_every == long_every - 1 else letter
        ctx = dict(make.CONTEXT, name=f"Persona Nr. {i}", case_no=f"SD/2026/{i}", granted=i % 2 == 0)
        path = folder / f"letter{i:03d}.docx"
        path.write_bytes(tpl.render(ctx))
        paths.append(path)
    return paths


def test_batch_pdfs_equal_each_document_converted_alone(tmp_path):
    paths = render_letters(tmp_path, 9, long_every=4)  # two 2-page letters among one-page ones
    results = convert(paths, tmp_path / "pdf", workers=2)
    assert [r.ok for r in results] == [True] * 9
    assert {r.method for r in results} == {"joined"}
    for r in results:
        assert r.pdf == tmp_path / "pdf" / f"{r.source.stem}.pdf" and check_pdf(r.pdf) == r.pages
    for i in (0, 3, 4):  # a one-page letter, a two-page letter, the one after it
        alone = convert_one(paths[i], tmp_path / "alone" / f"{i}.pdf")
        assert alone.ok and alone.pages == results[i].pages
        assert page_texts(alone.pdf) == page_texts(results[i].pdf)
    assert results[3].pages >= 2 and results[4].pages == 1
    # the header of each letter carries its own case number (per-letter header parts)
    assert "lieta SD/2026/5" in page_texts(results[5].pdf)[0]
    assert "Persona Nr. 5" in page_texts(results[5].pdf)[0]


def test_plain_batch_mode_with_two_workers(tmp_path):
    paths = render_letters(tmp_path, 6)
    with PdfConverter(workers=2, join=False) as pc:
        results = pc.convert(paths, tmp_path / "pdf")
    assert [r.method for r in results] == ["batch"] * 6
    assert all(r.ok for r in results)
    assert "Persona Nr. 4" in page_texts(results[4].pdf)[0]


def test_corrupt_docx_in_the_middle_is_reported_and_the_rest_made(tmp_path):
    paths = render_letters(tmp_path, 5)
    paths[2].write_bytes(b"PK\x03\x04 this is not a real docx")
    results = convert(paths, tmp_path / "pdf")
    assert [r.ok for r in results] == [True, True, False, True, True]
    assert "letter002.docx" in results[2].error
    assert not (tmp_path / "pdf" / "letter002.pdf").exists()


def _soffice_children() -> list[int]:
    """LibreOffice processes descended from this test process (the converter starts them in new sessions,
    and the `soffice` script execs `oosplash`, so only ancestry identifies them — not ppid, not session)."""
    me = os.getpid()
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            cmd = (d / "cmdline").read_bytes()
        except OSError:
            continue
        if (b"soffice" in cmd or b"oosplash" in cmd) and _ancestor(int(d.name), me):
            found.append(int(d.name))
    return found


def _ancestor(pid: int, me: int) -> bool:
    for _ in range(10):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return False
        pid = int(stat.rsplit(")", 1)[1].split()[1])  # fields after "comm)": state, ppid, …
        if pid == me:
            return True
        if pid <= 1:
            return False
    return False


def test_killed_soffice_mid_batch_is_recovered(tmp_path):
    paths = render_letters(tmp_path, 8)
    killed: list[int] = []

    def killer():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for pid in _soffice_children():  # processes this test's converter started
                try:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                except ProcessLookupError:
                    pass
                break
            time.sleep(0.05)

    t = threading.Thread(target=killer)
    t.start()
    with PdfConverter(workers=1, join=False) as pc:
        results = pc.convert(paths, tmp_path / "pdf")
    t.join()
    assert killed, "the test did not manage to kill LibreOffice"
    assert all(r.ok for r in results), [r.error for r in results]
    assert "single" in {r.method for r in results}  # the missing ones were retried one at a time


def test_timeout_kills_and_reports(tmp_path):
    paths = render_letters(tmp_path, 2)
    with PdfConverter(workers=1, join=False, timeout=0.01, per_document_timeout=0.0) as pc:
        results = pc.convert(paths, tmp_path / "pdf")
    assert not any(r.ok for r in results)
    assert all("LibreOffice" in r.error for r in results)
    assert not _soffice_children()


def test_fonts_with_latvian_letters_are_embedded(tmp_path):
    paths = render_letters(tmp_path, 1)
    r = convert_one(paths[0], tmp_path / "one.pdf")
    fonts = pdf_fonts(r.pdf)
    assert fonts and all(f["embedded"] for f in fonts)
    assert "ā č ē ģ ī ķ ļ ņ š ū ž" in page_texts(r.pdf)[0].lower()


def test_pdfa_2b_on_request(tmp_path):
    paths = render_letters(tmp_path, 2)
    results = convert(paths, tmp_path / "pdf", pdfa=True)
    assert all(r.ok for r in results)
    reader = pypdf.PdfReader(results[0].pdf)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp and b"<pdfaid:conformance>B" in xmp
    assert "/OutputIntents" in reader.trailer["/Root"]


def test_shipped_decisions_joined_equal_separate_conversion(tmp_path):
    import copy
    import json

    from generator.config import EXAMPLE
    from generator.documents import EXAMPLES_DIR, KINDS

    k = KINDS["decision"]
    compiled = compile_template(k.template_for(EXAMPLE))
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES_DIR.glob("decision*.json"))
             if p.stem.split("--")[0] == "decision"]
    paths = []
    for i in range(6):
        raw = copy.deepcopy(bases[i % len(bases)])
        raw["case_number"] = f"AS-2026/{i:03d}"
        raw.pop("number", None)
        path = tmp_path / f"d{i}.docx"
        path.write_bytes(compiled.render(k.context(k.load(raw), EXAMPLE)))
        paths.append(path)
    with PdfConverter(workers=2) as pc:
        joined = pc.convert(paths, tmp_path / "joined")
    with PdfConverter(workers=1, join=False) as pc:
        separate = pc.convert(paths, tmp_path / "separate")
    assert {r.method for r in joined} == {"joined"} and {r.method for r in separate} == {"batch"}
    for a, b in zip(joined, separate):
        assert a.pages == b.pages and page_texts(a.pdf) == page_texts(b.pdf), a.source.name
        # each letter's own running head: its own number
        assert f"AS-2026/{a.source.stem[1:].zfill(3)}" in " ".join(page_texts(a.pdf))


def test_cli_render_pdf(tmp_path):
    from asistents.cli import main
    from generator import provenance
    from generator.documents import EXAMPLES_DIR

    out = tmp_path / "pazinojums.pdf"
    assert main(["render", "notice_decision", str(EXAMPLES_DIR / "notice_decision.json"), "-o", str(out),
                 "--pdfa"]) == 0
    assert check_pdf(out) >= 1
    assert provenance.read_pdf(out)["kind"] == "notice_decision"
    xmp = pypdf.PdfReader(out).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in xmp
