"""Latvian marks checked against the ink (parser.diacritics) with real Tesseract `lav` on real images: a speck
read as a macron and a comma the model dropped both make the reading a guess; clean writing stays sure."""
from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parser import ocr, parse_file
from parser.assemble import UNCERTAIN_BELOW
from parser.diacritics import line_metrics, marks_confirmed
from parser.ocr import Glyph

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def written(text: str) -> np.ndarray:
    """`text` in a 10-point font at 300 dpi, black on white with a margin, as the scan reader crops a zone."""
    font = ImageFont.truetype(FONT, 42)
    left, top, right, bottom = font.getbbox(text)
    img = Image.new("L", (right - left + 24, bottom - top + 24), 255)
    ImageDraw.Draw(img).text((12 - left, 12 - top), text, font=font, fill=0)
    return np.array(img)


def test_clean_writing_with_every_mark_is_confirmed():
    img = written("Kļaviņš Ēriks, Rūjiena, Ģertrūde")
    line = ocr.read_lines([img])[0]
    assert line.text == "Kļaviņš Ēriks, Rūjiena, Ģertrūde"
    assert marks_confirmed(img, line.glyphs)


def test_a_mark_read_where_there_is_only_a_speck_is_not_confirmed():
    img = written("universitāte")
    glyphs = ocr.read_lines([img])[0].glyphs
    assert "".join(g.text for g in glyphs) == "universitāte" and marks_confirmed(img, glyphs)
    parts = [tuple(int(v) for v in s) for s in cv2.connectedComponentsWithStats((img < 128).astype(np.uint8))[2][1:]]
    baseline, x_height = line_metrics(parts)
    last = glyphs[-1].box
    x_top = int(baseline - x_height)
    img[x_top - 4:x_top + 1, (last[0] + last[2]) // 2 - 2:(last[0] + last[2]) // 2 + 2] = 0  # dust on the "e"
    as_model_read = [Glyph("ē", g.box) if i == len(glyphs) - 1 else g for i, g in enumerate(glyphs)]
    assert not marks_confirmed(img, as_model_read)


def test_a_comma_below_the_reading_dropped_is_noticed():
    img = written("Oļegs")
    glyphs = ocr.read_lines([img])[0].glyphs
    dropped = [Glyph("l" if g.text == "ļ" else g.text, g.box) for g in glyphs]
    assert "".join(g.text for g in dropped) == "Olegs"
    assert not marks_confirmed(img, dropped)  # the comma under the "l" is not explained


def test_hocr_of_several_images_maps_words_and_boxes_back():
    hocr = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><body>
<div class='ocr_page' id='page_1' title='image "a.png"; bbox 0 0 100 40; ppageno 0'>
 <span class='ocr_line' title="bbox 1 2 90 30; baseline 0 -3; x_size 20; x_descenders 4; x_ascenders 4">
  <span class='ocrx_word' title='bbox 1 2 40 30; x_wconf 91'><span class='ocrx_cinfo' title='x_bboxes 1 2 20 30; x_conf 99'>A</span><span class='ocrx_cinfo' title='x_bboxes 21 2 40 30; x_conf 98'>&amp;</span></span>
  <span class='ocrx_word' title='bbox 45 2 90 30; x_wconf 72'><span class='ocrx_cinfo' title='x_bboxes 45 2 90 30; x_conf 72'>ē</span></span>
 </span></div>
<div class='ocr_page' id='page_2' title='image "b.png"; bbox 0 0 100 40; ppageno 1'></div>
</body></html>"""
    first, second = ocr.lines_from_hocr(hocr, 2)
    assert (first.text, first.confidence, first.words) == ("A& ē", 0.72, 2)
    assert first.glyphs[2] == Glyph("ē", (45, 2, 90, 30))
    assert (second.text, second.confidence, second.glyphs) == ("", 0.0, ())


@pytest.mark.slow
def test_sample_speck_read_as_macron_is_flagged_not_silent():
    """samples/timesheets/scanned/03.pdf: dust on the last "e" of "universitāte" reads as "ē" at 99 %."""
    pdf = SAMPLES / "timesheets" / "scanned" / "03.pdf"
    want = json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))["entries"][0]["place"]
    got = parse_file(pdf, sandbox=False).fields["entries.0.place"]
    assert got.value == want or got.confidence < UNCERTAIN_BELOW


def test_a_border_sliver_beside_digits_makes_the_amount_a_guess():
    """fresh seed 4242, timesheets/03.pdf: a border's remains left of "15,91" was read as "115,91" at 96 %."""
    from parser.scan import WHITELIST
    from parser.zone import Zone, reading as _reading

    clean = written("15,91")
    dirty = clean.copy()
    dirty[14:clean.shape[0] - 14, 4:6] = 0  # a hair-thin upright stroke beside the first digit
    for pixels, sure in ((clean, True), (dirty, False)):
        line = ocr.read_lines([pixels], whitelist=WHITELIST["money"])[0]
        reading = _reading(Zone("entries.0.transport_eur", "money", 0, (0, 0, 1, 1), pixels), line)
        assert reading.value == "15.91" or not sure
        assert (reading.confidence >= UNCERTAIN_BELOW) is sure  # flagged whatever was read beside the stroke


@pytest.mark.parametrize("size", [30, 36])
def test_a_capital_j_that_descends_is_not_taken_for_an_l_with_its_comma_joined(size):
    """DejaVu Sans Condensed's "J" reaches below the line and is 0.38–0.40 x-height wide, within the width
    of an "ļ" whose comma the blur joined to its stem: it is not counted as one, so "Jelgava" stays sure."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf", size)
    img = Image.new("L", (420, 80), 255)
    ImageDraw.Draw(img).text((12, 12), "Jelgava – Jūrmala", font=font, fill=0)
    pixels = np.where(np.array(img) < 128, 0, 255).astype(np.uint8)
    line = ocr.read_lines([pixels])[0]
    assert line.text.startswith("Jelgava") and "Jūrmala" in line.text
    assert marks_confirmed(pixels, line.glyphs)
    dropped = [Glyph("x", g.box) if g.text == "J" else g for g in line.glyphs]  # the same ink, no "J" read
    assert not marks_confirmed(pixels, dropped)
