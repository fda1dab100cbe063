"""The built PDFs: AcroForm fields as defined, an embedded font drawing Latvian letters, registration squares
and the version mark on every page, filled forms in both shapes, and the committed blanks up to date."""
from __future__ import annotations

import io
import os
import subprocess

import numpy as np
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from forms.build import FIELD_FONT, SQUARE, SQUARE_MARGIN, build_blank, fill
from forms.definition import HERE as FORMS_DIR, KINDS, load

LATVIAN = "Ķēniņš Ģirts Ļūdžāčīte"


def _text(pdf: bytes, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def _ocr_box(tmp_path, pdf: bytes, page: int, rect, height: float) -> str:
    """Tesseract (lav) reading of one box as poppler renders it at 300 dpi."""
    s = 300 / 72
    x0, y0, x1, y1 = rect
    png = tmp_path / f"box{page}"
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", "-singlefile", "-f", str(page + 1), "-l", str(page + 1),
                    "-x", str(round((x0 + 2) * s)), "-y", str(round((height - y1 + 2) * s)),
                    "-W", str(round((x1 - x0 - 4) * s)), "-H", str(round((y1 - y0 - 4) * s)), "-", str(png)],
                   input=pdf, check=True, capture_output=True)
    done = subprocess.run(["tesseract", f"{png}.png", "stdout", "-l", "lav", "--psm", "7"], capture_output=True,
                          check=True, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return done.stdout.decode().strip()


def _widgets(reader: PdfReader) -> dict[str, tuple[int, dict]]:
    """Every widget by its fully qualified field name, with its page index."""
    out = {}
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            w = annot.get_object()
            parts, node = [], w
            while node is not None:
                parts.append(node["/T"])
                node = node["/Parent"].get_object() if "/Parent" in node else None
            out[".".join(reversed(parts))] = (index, w)
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_blank_has_acroform_with_the_defined_fields(kind):
    d = load(kind)
    reader = PdfReader(io.BytesIO(build_blank(kind)))
    fields = {name: f for name, f in reader.get_fields().items() if "/FT" in f}
    assert set(fields) == {f.name for f in d.fields}
    widgets = _widgets(reader)
    assert set(widgets) == set(fields)
    for f in d.fields:
        index, w = widgets[f.name]
        assert index == f.page and [round(float(v), 2) for v in w["/Rect"]] == [round(v, 2) for v in f.rect]
        if f.type == "checkbox":
            assert fields[f.name]["/FT"] == "/Btn"
            assert sorted(fields[f.name]["/_States_"]) == sorted(["/" + f.export_value, "/Off"])
        else:
            assert w["/FT"] == "/Tx" and w.get("/MaxLen") == f.max_length
            assert w["/DA"].startswith(FIELD_FONT + " ")


@pytest.mark.parametrize("kind", KINDS)
def test_blank_embeds_its_fonts_and_marks_its_version(kind):
    d = load(kind)
    pdf = build_blank(kind)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.subject == d.version and reader.metadata["/ASISTFormVersion"] == d.version
    dr_font = reader.trailer["/Root"]["/AcroForm"]["/DR"]["/Font"][FIELD_FONT].get_object()
    descendant = dr_font["/DescendantFonts"][0].get_object()
    assert "/FontFile2" in descendant["/FontDescriptor"].get_object()
    fonts = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font on the pages embedded
    for page in range(d.pages):
        text = _text(pdf, "-f", str(page + 1), "-l", str(page + 1))
        assert d.version_mark(page) in text
    assert "Iesniegums saņemts" in _text(pdf) or kind == "timesheet"


@pytest.mark.parametrize("kind", KINDS)
def test_four_solid_corner_squares_on_every_page(kind):
    d = load(kind)
    doc = pdfium.PdfDocument(build_blank(kind))
    dpi = 100
    s = dpi / 72
    width, height = d.page_size
    for index in range(len(doc)):
        gray = np.asarray(doc[index].render(scale=s, grayscale=True).to_pil().convert("L"))
        for x in (SQUARE_MARGIN, width - SQUARE_MARGIN - SQUARE):
            for y in (SQUARE_MARGIN, height - SQUARE_MARGIN - SQUARE):
                left, top = round((x + 2) * s), round((height - y - SQUARE + 2) * s)
                inside = gray[top:top + round((SQUARE - 4) * s), left:left + round((SQUARE - 4) * s)]
                ring = gray[top - round(6 * s):top - round(3 * s), left:left + round((SQUARE - 4) * s)]
                assert inside.mean() < 30 and ring.mean() > 225, (index, x, y)


def test_committed_blanks_are_the_built_ones():
    for kind in KINDS:
        assert (FORMS_DIR / f"{kind}.pdf").read_bytes() == build_blank(kind), \
            f"forms/{kind}.pdf is stale: run `asistents forms build`"


def _values():
    return {"received_on": "14.03.2026", "applicant.given_name": "Ģirts", "applicant.surname": "Ķēniņš",
            "applicant.personal_code": "161175-19997", "applicant.address": "Ūdens iela 3, Cēsis",
            "preferred_assistant.surname": LATVIAN, "activities.0.hours_per_week": "12,5",
            "activities.0.weekdays.2": True, "activities.0.outside_latvia": True, "visual_benefit.no": True,
            "attachments.7.3": True}


def test_fillable_keeps_fields_and_sets_export_values(tmp_path):
    pdf = fill("application", _values(), "fillable")
    reader = PdfReader(io.BytesIO(pdf))
    fields = reader.get_fields()
    assert fields["applicant.surname"]["/V"] == "Ķēniņš"
    assert fields["activities.0.weekdays.2"]["/V"] == "/2" and fields["activities.0.outside_latvia"]["/V"] == "/X"
    assert fields["attachments.7.3"]["/V"] == "/X" and fields["visual_benefit.no"]["/V"] == "/Ne"
    assert fields["visual_benefit.yes"]["/V"] == "/Off"
    assert reader.trailer["/Root"]["/AcroForm"]["/NeedAppearances"]
    d = load("application")
    f = d.field("preferred_assistant.surname")
    assert _ocr_box(tmp_path, pdf, f.page, f.rect, d.page_size[1]) == LATVIAN


def test_flattened_has_no_fields_and_pdftotext_shows_the_diacritics(tmp_path):
    pdf = fill("application", _values(), "flattened")
    reader = PdfReader(io.BytesIO(pdf))
    assert "/AcroForm" not in reader.trailer["/Root"] and not reader.get_fields()
    assert all("/Annots" not in p for p in reader.pages)
    text = _text(pdf)
    for value in ("Ģirts", "Ķēniņš", "Ūdens iela 3, Cēsis", LATVIAN, "14.03.2026", "12,5"):
        assert value in text
    d = load("application")
    f = d.field("applicant.surname")
    assert _ocr_box(tmp_path, pdf, f.page, f.rect, d.page_size[1]) == "Ķēniņš"


def test_flattened_timesheet_prints_every_row():
    rows = {f"entries.{i}.date": f"{i + 1:02d}.03.2021" for i in range(31)}
    pdf = fill("timesheet", {"month": "03.2021", **rows}, "flattened")
    text = _text(pdf)
    assert all(f"{i:02d}.03.2021" in text for i in range(1, 32))


def test_fill_refuses_unknown_fields_and_shapes():
    with pytest.raises(KeyError, match="nosuch"):
        fill("application", {"nosuch": "x"})
    with pytest.raises(ValueError, match="shape"):
        fill("application", {}, "scanned")
