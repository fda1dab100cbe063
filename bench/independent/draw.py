"""Flatten a filled form the way PDF viewers and office suites draw field values, into a printed page image.

The blank page comes from the fillable PDF in `forms/` (rendered by pdfium without its widgets), the field
boxes from its AcroForm widgets (read with pypdf), and the values are drawn with FreeType (Pillow) in one
of several fonts and sizes, placed as a viewer places them:

- "viewer": text vertically centred in the box on the font's ascent + descent, about 2 pt left padding
  (pdf.js, poppler, Chromium);
- "capcentre": the capital height centred in the box (Acrobat-like);
- "office": the baseline low in the box, a font's descent above its bottom (LibreOffice's export).

Checkboxes get an "X" or a ✔ centred in their box. Nothing here is shared with `forms/build.py` or the
parser.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
PRINT_DPI = 600
FONTS = {
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "Liberation Sans": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "Nimbus Sans": "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf",
    "DejaVu Sans Condensed": "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf",
    "Liberation Serif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
}
PLACEMENTS = ("viewer", "capcentre", "office")


@dataclass(frozen=True)
class Widget:
    name: str
    page: int
    rect: tuple[float, float, float, float]  # PDF points, origin bottom-left
    checkbox: bool


@dataclass(frozen=True)
class Style:
    font: str
    size: float  # points, for boxes at least 16 pt tall; smaller boxes scale it down
    placement: str
    pad_pt: float
    ink: int  # grey level of the toner


def full_name(annot) -> str:
    """A widget's field name with its parents' ("applicant.surname")."""
    parts = []
    node = annot
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return ".".join(reversed(parts))


@lru_cache(maxsize=4)
def widgets(kind: str) -> tuple[Widget, ...]:
    reader = PdfReader(str(ROOT / "forms" / f"{kind}.pdf"))
    out = []
    for i, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            if a.get("/Subtype") != "/Widget":
                continue
            ft = a.get("/FT") or (a.get("/Parent").get_object().get("/FT") if a.get("/Parent") else None)
            out.append(Widget(full_name(a), i, tuple(float(v) for v in a["/Rect"]), ft == "/Btn"))
    return tuple(out)


@lru_cache(maxsize=4)
def _blank_pages(kind: str) -> tuple[np.ndarray, ...]:
    pdf = pdfium.PdfDocument(str(ROOT / "forms" / f"{kind}.pdf"))
    pages = []
    for i in range(len(pdf)):
        bitmap = pdf[i].render(scale=PRINT_DPI / 72, grayscale=True, may_draw_forms=False)
        pages.append(np.array(bitmap.to_pil().convert("L")))
    pdf.close()
    return tuple(pages)


def pick_style(rng: random.Random) -> Style:
    font = rng.choices(list(FONTS), weights=[4, 4, 2, 1, 1])[0]
    return Style(font=font, size=rng.choice([8, 8, 8, 9, 10]), placement=rng.choice(PLACEMENTS),
                 pad_pt=rng.uniform(1.5, 2.5), ink=rng.randint(0, 45))


@lru_cache(maxsize=64)
def _font(path: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, px)


def _draw_text(draw: ImageDraw.ImageDraw, text: str, box_px: tuple[float, float, float, float], style: Style,
               rng: random.Random) -> None:
    left, top, right, bottom = box_px
    height_pt = (bottom - top) * 72 / PRINT_DPI
    size_pt = min(style.size, height_pt * 0.62)  # a viewer shrinks the font for a low box
    font = _font(FONTS[style.font], max(8, round(size_pt * PRINT_DPI / 72)))
    ascent, descent = font.getmetrics()
    cap = -font.getbbox("H", anchor="ls")[1]
    centre = (top + bottom) / 2 + rng.uniform(-0.3, 0.3) * PRINT_DPI / 72
    if style.placement == "viewer":
        baseline = centre - (ascent + descent) / 2 + ascent
    elif style.placement == "capcentre":
        baseline = centre + cap / 2
    else:
        baseline = bottom - descent - 1.0 * PRINT_DPI / 72
    x = left + style.pad_pt * PRINT_DPI / 72
    draw.text((x, baseline), text, font=font, fill=style.ink, anchor="ls")


def _draw_check(draw: ImageDraw.ImageDraw, box_px: tuple[float, float, float, float], style: Style,
                rng: random.Random) -> None:
    left, top, right, bottom = box_px
    side = bottom - top
    glyph = rng.choice(["X", "X", "✔"])
    font = _font(FONTS["DejaVu Sans"], max(8, round(side * 0.85)))
    draw.text(((left + right) / 2, (top + bottom) / 2), glyph, font=font, fill=style.ink, anchor="mm")


def printed_pages(kind: str, written: dict[str, str], style: Style, rng: random.Random) -> list[np.ndarray]:
    """The form's pages at PRINT_DPI with `written` drawn into its fields (grey, 0 = black)."""
    pages = [Image.fromarray(p.copy()) for p in _blank_pages(kind)]
    draws = [ImageDraw.Draw(p) for p in pages]
    by_name = {w.name: w for w in widgets(kind)}
    s = PRINT_DPI / 72
    for name, text in written.items():
        w = by_name[name]
        x0, y0, x1, y1 = w.rect
        page_h = pages[w.page].height / s
        box = (x0 * s, (page_h - y1) * s, x1 * s, (page_h - y0) * s)
        if w.checkbox:
            _draw_check(draws[w.page], box, style, rng)
        else:
            _draw_text(draws[w.page], text, box, style, rng)
    return [np.array(p) for p in pages]
