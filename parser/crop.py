"""Pictures of fields as the person wrote them: for each field's `source` (page, box in the form's points), the
part of the original page around the box, as PNG — for the clerk who checks an uncertain reading.

A scan is first warped onto the blank form with the same corner-square alignment the reader used, so the box
lands where the reader looked even on a skewed or turned copy; a fillable or typed PDF is rendered as it is
(with its form fields drawn). Files reach this only after the sandboxed parser has read them.
"""
from __future__ import annotations

import threading
from typing import Mapping

import cv2
import numpy as np
import pypdfium2 as pdfium

from parser import align, image
from parser.catalog import SCAN_DPI, catalog

Box = tuple[float, float, float, float]
MARGIN_PT = 8.0  # around the box: the field's label and border stay in view
OUT_DPI = 150  # what the clerk sees (readable at 200 % zoom without the file's full resolution)
# pdfium keeps process-wide state and must never be called from two threads at once, not even on two documents
# (pypdfium2's "Incompatibility with Threading"); the web workbench draws crops in its thread pool.
_PDFIUM = threading.Lock()


def page_crops(data: bytes, page: int, boxes: Mapping[str, Box], *, kind: str | None, scanned: bool,
               margin_pt: float = MARGIN_PT, dpi: int = OUT_DPI) -> dict[str, bytes]:
    """PNG bytes of each box (name → PNG) on page `page` (0-based) of the PDF `data`.

    `kind` ("application" | "timesheet") with `scanned=True` aligns the page to that blank form first; a page
    that cannot be aligned is cropped unaligned (the clerk still sees the region)."""
    render_dpi = SCAN_DPI if scanned and kind is not None else dpi
    with _PDFIUM:  # the blank form is rendered by pdfium too, the first time it is asked for
        gray, height_pt = _render_page(data, page, render_dpi, forms=not scanned)
        blank = catalog().blank(kind)[page] if scanned and kind is not None else None
    if blank is not None:
        aligned = align.align(gray, blank.gray, blank.squares)
        if aligned is not None:
            gray = aligned.image
            height_pt = blank.gray.shape[0] * 72.0 / SCAN_DPI
    out = {}
    for name, (x0, y0, x1, y1) in boxes.items():
        piece = image.crop(gray, (x0 - margin_pt, y0 - margin_pt, x1 + margin_pt, y1 + margin_pt), height_pt,
                           render_dpi)
        if render_dpi != dpi and piece.size:
            scale = dpi / render_dpi
            piece = cv2.resize(piece, (max(1, round(piece.shape[1] * scale)), max(1, round(piece.shape[0] * scale))),
                               interpolation=cv2.INTER_AREA)
        if not piece.size:
            piece = np.full((8, 8), 255, dtype=np.uint8)
        ok, png = cv2.imencode(".png", piece)
        assert ok
        out[name] = png.tobytes()
    return out


def _render_page(data: bytes, page: int, dpi: float, forms: bool) -> tuple[np.ndarray, float]:
    """The page grey at `dpi` and its height in points; with `forms`, a fillable form's values drawn from its
    fields."""
    doc = pdfium.PdfDocument(data)
    try:
        if forms:
            doc.init_forms()
        pdf_page = doc[page]
        try:
            bitmap = pdf_page.render(scale=dpi / 72.0, grayscale=True, may_draw_forms=forms)
            arr = bitmap.to_numpy()
            if arr.ndim == 3:
                arr = arr[:, :, 0]
            return np.ascontiguousarray(arr), pdf_page.get_height()
        finally:
            pdf_page.close()
    finally:
        doc.close()
