"""Alignment primitives on a page drawn here: corner squares found, a turned and skewed scan warped back."""
from __future__ import annotations

import io

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from parser import align, image
from parser.textlayer import render_gray


def _page() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    w, h = A4
    for x, y in ((18, h - 32), (w - 32, h - 32), (w - 32, 18), (18, 18)):
        c.rect(x, y, 14, 14, fill=1, stroke=0)
    c.setFont("Helvetica", 14)
    c.drawString(60, h - 80, "Asistenta pakalpojums")  # asymmetric content tells 0 from 180 degrees
    for i in range(10):
        c.rect(200, 700 - i * 40, 300, 20)
    c.rect(60, 100, 120, 500, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def _render(data: bytes, dpi: float) -> np.ndarray:
    doc = pdfium.PdfDocument(data)
    try:
        return render_gray(doc[0], dpi)
    finally:
        doc.close()


def _scan(gray: np.ndarray, turn: int, skew: float) -> np.ndarray:
    rotated = np.rot90(gray, k=-turn // 90).copy()
    h, w = rotated.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), skew, 1.0)
    m[:, 2] += (25, -15)  # a shift as well
    out = cv2.warpAffine(rotated, m, (w + 40, h + 40), borderValue=255)
    noise = np.random.default_rng(1).integers(0, 40, out.shape, dtype=np.uint8)
    return cv2.subtract(out, noise)


def test_corner_squares_found_in_order():
    gray = _render(_page(), 300)
    squares = align.corner_squares(gray)
    assert squares is not None
    tl, tr, br, bl = squares
    assert tl[0] < tr[0] and tl[1] < bl[1] and br[0] > bl[0] and br[1] > tr[1]


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_turned_skewed_scan_aligns_to_the_blank(turn):
    page = _page()
    blank = _render(page, 300)
    squares = align.corner_squares(blank)
    scan = _scan(_render(page, 200), turn, skew=1.5)
    aligned = align.align(scan, blank, squares)
    assert aligned is not None
    assert aligned.rotation == turn
    assert aligned.score > 0.8
    found = align.corner_squares(aligned.image)
    assert np.abs(found - squares).max() < 4  # pixels at 300 dpi


def test_checkbox_ink_share_separates_ticked_from_empty():
    empty = np.full((40, 40), 255, np.uint8)
    ticked = empty.copy()
    cv2.line(ticked, (5, 5), (35, 35), 0, 4)
    cv2.line(ticked, (35, 5), (5, 35), 0, 4)
    assert image.ink_share(empty) == 0.0
    assert image.ink_share(ticked) > 0.15


def test_remove_lines_keeps_text_drops_borders():
    ink = np.zeros((60, 400), np.uint8)
    ink[2, :] = 255  # a border line
    cv2.putText(ink, "12.50", (20, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 255, 3)
    cleaned = image.remove_lines(ink)
    assert cleaned[2].sum() == 0
    assert cleaned[10:].sum() == ink[10:].sum()


def test_corner_square_the_copier_cut_to_a_quarter_is_placed_by_the_other_three():
    # tuning forms 308 and 380 (200 dpi, 2.9° skew, 3.7 mm shift): 10 of the square's 40 px were left at
    # the image's right edge, and a small filled mark nearer the corner was taken for it
    gray = _render(_page(), 200)
    full = align.corner_squares(gray)
    right = int(round((A4[0] - 32 + 3.5) * 200 / 72))  # keep a quarter of the top-right square's width
    cut = gray[:, :right].copy()
    x, y = right - 40, 150
    cut[y:y + 14, x:x + 14] = 0  # a filled tick box, a third of the squares' size
    found = align.corner_squares(cut)
    assert found is not None
    assert np.abs(found - full).max() < 4


def test_corner_square_with_dust_stuck_to_its_side_is_still_found():
    # tuning form 4292 (200 dpi): a speck on the bottom-left square's corner left it 80 % full of its
    # rotated rectangle, under the 80 % a square must fill; the page was set aside as unreadable
    gray = _render(_page(), 200)
    full = align.corner_squares(gray)
    x, y = (int(round(v)) for v in full[3])  # bottom-left square's centre
    side = int(round(14 * 200 / 72))
    dusty = gray.copy()
    for k in range(10):  # a streak of dust 2 px wide leaving its bottom-right corner
        dusty[y + side // 2 + k:y + side // 2 + k + 2, x + side // 2 + k:x + side // 2 + k + 2] = 0
    found = align.corner_squares(dusty)
    assert found is not None
    assert np.abs(found - full).max() < 3
