"""Every kind rendered from its example DATA and printed to PDF by the real LibreOffice: what a citizen reads.

The PDF text (pdftotext) must keep the Latvian letters, show dates and amounts in Latvian form, list the legal
norms and the appeal instructions, and keep & < > " from the DATA; every font must be embedded (pdffonts).
Page 1 of the decision is drawn to PNG at `preview_dir()` (ASISTENTS_PREVIEW_DIR, default
<tmp>/asistents-preview) so a person can look at it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.config import EXAMPLE
from generator.documents import EXAMPLES_DIR, prepare
from generator.pdf import convert, pdf_fonts
from generator.render import render_docx

pytestmark = pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                reason="LibreOffice and poppler-utils are installed by the setup script")

EXAMPLES = sorted(p.stem for p in EXAMPLES_DIR.glob("*.json"))


def preview_dir(fallback: Path) -> Path:
    # a letter with a person's data: the test's own private folder, not a fixed name in the shared /tmp
    return Path(os.environ.get("ASISTENTS_PREVIEW_DIR") or fallback)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """All examples rendered through generator.render and converted in one LibreOffice batch."""
    work = tmp_path_factory.mktemp("templates_pdf")
    docx_paths = []
    for name in EXAMPLES:
        kind = name.split("--")[0]
        template, ctx = prepare(kind, json.loads((EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8")), EXAMPLE)
        path = work / f"{name}.docx"
        path.write_bytes(render_docx(template, ctx))
        docx_paths.append(path)
    results = convert(docx_paths, work / "pdf")
    failed = [(r.source.name, r.error) for r in results if not r.ok]
    assert not failed, failed
    return {r.source.stem: r.pdf for r in results}


def text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    return " ".join(out.replace("\u00a0", " ").split())  # one line: table cells and wraps joined


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_text_latvian_letters_and_escaping(pdfs, name):
    t = text(pdfs[name])
    assert "Parauga novada pašvaldība" in t and "sociālais dienests" in t
    assert any(c in t for c in "āēīūčšžģķļņ")
    assert "&amp;" not in t and "&lt;" not in t and "{{" not in t and "{%" not in t
    if name != "annex2":
        raw = (EXAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8")
        if "&" in raw and name != "notice_termination":  # that notice sends the decision; the facts are in it
            # & < > kept; straight quotes typeset as „…” (review point 7)
            assert "&" in t and "<" in t and ">" in t and "„" in t and "”" in t and '"' not in t, name


@pytest.mark.parametrize("name", EXAMPLES)
def test_pdf_fonts_embedded(pdfs, name):
    fonts = pdf_fonts(pdfs[name])
    assert fonts and all(f["embedded"] for f in fonts), fonts


def test_9_decision_pdf_has_every_part_of_the_act(pdfs):
    t = text(pdfs["decision"])
    assert "2021. gada 15. februārī" in t  # date of the act, locative
    assert "Līga Bērziņa" in t and "120685-11236" in t  # addressee
    for part in ("Iesniegums", "Lietas dalībnieku viedoklis", "Konstatētie fakti", "Pamatojums",
                 "Piemērotās tiesību normas", "Lēmums", "Apstrīdēšanas kārtība"):
        assert part in t, part
    assert "9.2.4. apakšpunkts" in t and "9.1.1. apakšpunkts" in t and "1. pielikums" in t
    assert "22 stundas nedēļā" in t
    assert "no 2021. gada 15. februāra līdz 2022. gada 14. februārim" in t
    assert "SIA „Koks & <Kalni>”" in t
    # point 13 with the council's name and address from configuration
    assert "pašvaldības domē (Parauga novada dome, Parauga iela 1, Paraugciems, Parauga novads, LV-0000)" in t
    assert "administratīvajā tiesā mēneša laikā" in t
    assert "Sociālā dienesta vadītāja" in t and "Anna Paraudziņa" in t


def test_9_2_3_refusal_pdf(pdfs):
    t = text(pdfs["decision--refusal"])
    assert "Atteikt piešķirt asistenta pakalpojumu" in t
    assert "spēj pārvietoties ārpus mājokļa bez asistenta" in t
    assert "Parauga novada dome" in t


def test_10_notice_of_decision_pdf(pdfs):
    t = text(pdfs["notice_decision"])
    assert "Atbildot uz Jūsu 2021. gada 1. februāra iesniegumu" in t
    assert "10 dienu laikā" in t and "likumiskā pārstāve Ērika Bērziņa" in t


def test_17_19_termination_pdf_amount_in_figures_and_words(pdfs):
    t = text(pdfs["decision_termination"])
    assert "Izbeigt asistenta pakalpojuma sniegšanu ar 2021. gada 30. jūniju" in t
    assert "1 234,56 EUR (viens tūkstotis divi simti trīsdesmit četri euro un 56 centi)" in t
    assert "līdz 2021. gada 31. jūlijam" in t
    assert "17.4. apakšpunkts" in t and "9.2.3. apakšpunkts" in t and "19.1. apakšpunkts" in t
    # prepositions govern the case: "pamatojoties uz" / "saskaņā ar" + accusative
    assert "pamatojoties uz noteikumu 17.4. apakšpunktu" in t and "Saskaņā ar noteikumu 19.1. apakšpunktu" in t


def test_18_suspension_pdf(pdfs):
    t = text(pdfs["notice_suspension"])
    assert "pārtraukt uz laiku asistenta pakalpojuma sniegšanu no 2021. gada 6. aprīļa" in t
    assert "stacionārā ārstniecības iestādē" in t
    assert "18. punkts" in t


def test_20_timesheet_pdf(pdfs):
    t = text(pdfs["notice_timesheet"])
    assert "uzskaites lapu par 2021. gada aprīli" in t and "101 stunda" in t and "94 stundas" in t
    assert "21,01 EUR (divdesmit viens euro un 01 cents)" in t


@pytest.mark.parametrize("name", ["contract", "contract--provider"])
def test_14_contract_pdf(pdfs, name):
    t = text(pdfs[name])
    for must in ("LĪGUMS Nr.", "Līguma priekšmets", "Pakalpojuma apjoms un ilgums", "triju darbdienu laikā",
                 "divas reizes gadā", "17.1.", "18. punkts", "19.2. apakšpunkts", "20. punkts", "22.1. apakšpunkts",
                 "Norēķinu kārtība", "Atbildība", "izbeigšana", "22 stundas nedēļā",
                 "no 2021. gada 1. marta līdz 2022. gada 28. februārim"):
        assert must in t, must
    if name == "contract--provider":
        assert "Biedrība „Palīgs & <Draugs>”" in t and "valdes locekle Marta Liepa" in t


def test_24_annex2_pdf(pdfs):
    t = text(pdfs["annex2"])
    assert ("Parauga novada pašvaldības sociālā dienesta pārskats par finanšu izlietojumu asistenta pakalpojuma "
            "nodrošināšanai 2021. gada martā") in t
    for must in ("Pārskata mēnesī", "No gada sākuma", "Asistentu skaits*", "14 516,21", "44 064,83", "3 912,50",
                 "līdz 2021. gada 15. aprīlim", "Inese Grāvīte-Ābele",
                 "Katru asistentu uzskaita vienu reizi neatkarīgi no tā, cik personām asistents sniedz pakalpojumu.",
                 "Katru personu uzskaita vienu reizi neatkarīgi no noslēgto līgumu skaita."):
        assert must in t, must


def test_decision_page1_png_for_a_person(pdfs, tmp_path):
    out = preview_dir(tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    prefix = out / "decision"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdfs["decision"]),
                    str(prefix)], check=True, timeout=60)
    png = prefix.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000


def test_9_1_full_grant_pdf(pdfs):
    t = text(pdfs["decision--grant"])
    assert "Piešķirt asistenta pakalpojumu 14 stundas nedēļā" in t and "Daļēji" not in t
    assert "līdz kārtējā gada beigām, no 2020. gada 26. oktobra līdz 2020. gada 31. decembrim" in t
    assert "likumiskā pārstāve Dace Šķēle" in t  # review point 6
    assert "Pārējā daļā" not in t and "Atteikt" not in t
