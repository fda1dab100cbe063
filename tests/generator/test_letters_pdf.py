"""Review point 7 on real LibreOffice PDFs (page text by pdfplumber): the signature block never stands alone on a
page and no page is empty — swept over letters whose length moves the page break across the signature."""
from __future__ import annotations

import json
import re
import shutil

import pdfplumber
import pytest

from generator.config import EXAMPLE
from generator.documents import EXAMPLES_DIR, prepare
from generator.pdf import convert
from generator.render import render_docx

pytestmark = pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is installed by the setup script")

# About one line of a letter; a page holds about 50 lines, so STEPS lines of growth move the page break over a
# whole page: somewhere it must fall right before the signature.
SENTENCE = "Papildu paskaidrojums, ko persona sniedza sarunā ar sociālo darbinieku par pakalpojuma laiku. "
STEPS = 50


def body_words(lines: list[str]) -> int:
    """Words of a page without the running head, the page number, the signature line and the enclosure note."""
    keep = [l for l in lines if "·" not in l and not re.fullmatch(r"\d+\. lapa", l.strip()) and "____" not in l
            and not l.startswith("Pielikumā:")]
    return len(" ".join(keep).split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, list[list[str]]]:
    work = tmp_path_factory.mktemp("letters_pdf")
    docs = []
    variants = [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(EXAMPLES_DIR.glob("*.json"))]
    for n in range(STEPS):  # the decision grows by half a line at a time: the page break sweeps the signature
        raw = json.loads((EXAMPLES_DIR / "decision--grant.json").read_text(encoding="utf-8"))
        raw["participant_views"] += "\n" + SENTENCE * (n // 2)  # each field holds at most 4,000 characters
        raw["views_answer"] += " " + SENTENCE * (n - n // 2)
        variants.append((f"decision--grant-{n:02d}", raw))
    for n in range(0, STEPS, 2):  # and the timesheet notice, one more finding (about a line) at a time
        raw = json.loads((EXAMPLES_DIR / "notice_timesheet.json").read_text(encoding="utf-8"))
        raw["findings"] += [dict(raw["findings"][0], message_lv=SENTENCE.strip())] * (n // 2)
        raw["refund"]["explanation"] += " " + SENTENCE * (n - n // 2)
        variants.append((f"notice_timesheet-{n:02d}", raw))
    for name, raw in variants:
        template, ctx = prepare(name.split("--")[0].rsplit("-", 1)[0] if name.startswith("notice_timesheet-")
                                else name.split("--")[0], raw, EXAMPLE)
        path = work / f"{name}.docx"
        path.write_bytes(render_docx(template, ctx))
        docs.append(path)
    out = {}
    for r in convert(docs, work / "pdf"):
        assert r.ok, r.error
        with pdfplumber.open(r.pdf) as pdf:
            out[r.source.stem] = [(p.extract_text() or "").splitlines() for p in pdf.pages]
    return out


def test_7_signature_never_alone_on_a_page_and_no_empty_page(pages):
    assert len(pages) == len(list(EXAMPLES_DIR.glob("*.json"))) + STEPS + STEPS // 2
    for name, doc in pages.items():
        sig = [i for i, lines in enumerate(doc) if any("____" in l for l in lines)]
        assert sig, name
        for i in sig:
            assert body_words(doc[i]) >= 15, (name, i + 1, doc[i])
        for i, lines in enumerate(doc):
            assert body_words(lines) >= 15, (name, f"page {i + 1} is (nearly) empty", lines)
