"""Flattened and printed forms: the text inside each field's box from the text layer (pdfium), and checkboxes
by the ink inside their box on a quick low-resolution render (a printed tick may be a drawing, not text).
"""
from __future__ import annotations

from typing import Any

from parser import image
from parser.normalize import normalize
from parser.result import FieldReading, Source
from parser.textlayer import render_gray, text_in_box

CHECK_DPI = 100
CHECK_ON, CHECK_OFF = 0.12, 0.04  # ink share inside the box: above → ticked, below → empty, between → unsure


def checkbox_reading(share: float, source: Source) -> FieldReading:
    """A tick decided by the share of dark pixels inside the box, with an uncertain band between."""
    if share >= CHECK_ON:
        return FieldReading(value=True, raw=f"{share:.3f}", confidence=min(1.0, 0.9 + share), source=source)
    if share <= CHECK_OFF:
        return FieldReading(value=False, raw=f"{share:.3f}", confidence=0.99 - share, source=source)
    # Between the bands: report the nearer side, with low confidence (the caller flags it for review).
    middle = (CHECK_ON + CHECK_OFF) / 2
    return FieldReading(value=share >= middle, raw=f"{share:.3f}",
                        confidence=round(0.3 + abs(share - middle) / (CHECK_ON - CHECK_OFF), 3), source=source)


def readings(doc: Any, definition: Any) -> dict[str, FieldReading]:
    out: dict[str, FieldReading] = {}
    by_page: dict[int, list[Any]] = {}
    for f in definition.fields:
        by_page.setdefault(f.page, []).append(f)
    for index, fields in sorted(by_page.items()):
        if index >= len(doc):
            continue
        page = doc[index]
        height = page.get_height()
        textpage = page.get_textpage()
        gray = None
        for f in fields:
            box = tuple(f.rect)
            if f.type == "checkbox":
                if gray is None:
                    gray = render_gray(page, CHECK_DPI)
                zone = image.crop(gray, box, height, CHECK_DPI, inset=_inset(box))
                out[f.name] = checkbox_reading(image.ink_share(zone), Source(page=index, box=box, method="omr"))
                continue
            text = text_in_box(textpage, box)
            out[f.name] = FieldReading(value=normalize(f.type, text) if text else None, raw=text or None,
                                       confidence=0.99, source=Source(page=index, box=box, method="text"))
        textpage.close()
        page.close()
    return out


def _inset(box: tuple[float, float, float, float]) -> float:
    """Stay clear of a checkbox's printed border: a fifth of its side."""
    return min(box[2] - box[0], box[3] - box[1]) / 5
