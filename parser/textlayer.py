"""Reading the text layer with pdfium (pypdfium2): the whole text for kind detection, and the text inside
each field's box for flattened forms. pdfium reads a page's text in about a millisecond, against ~0.1 s for
pdfplumber's pdfminer path (LESSONS.md), which is what makes ≥ 20 pages/s possible.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterator

import numpy as np
import pypdfium2 as pdfium

VERSION_MARK = re.compile(r"ASIST-([A-Z]{4})-(\d{4}\.\d+)")


@contextmanager
def document(data: bytes) -> Iterator[pdfium.PdfDocument]:
    doc = pdfium.PdfDocument(data)
    try:
        yield doc
    finally:
        doc.close()


def page_texts(doc: pdfium.PdfDocument) -> list[str]:
    texts = []
    for page in doc:
        tp = page.get_textpage()
        texts.append(tp.get_text_range())
        tp.close()
        page.close()
    return texts


def text_in_box(textpage: pdfium.PdfTextPage, box: tuple[float, float, float, float]) -> str:
    """The text whose characters lie inside `box` (PDF points, origin bottom-left), spaces collapsed."""
    x0, y0, x1, y1 = box
    text = textpage.get_text_bounded(left=x0, bottom=y0, right=x1, top=y1)
    return " ".join(text.replace("\r", " ").replace("\n", " ").split())


def render_gray(page: pdfium.PdfPage, dpi: float) -> np.ndarray:
    """The page as an 8-bit grey image at `dpi`, without form-field widgets (only what is printed)."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True, may_draw_forms=False)
    image = bitmap.to_numpy()
    if image.ndim == 3:
        image = image[:, :, 0]
    return np.ascontiguousarray(image)
