"""The dots of "i" and "j" checked against the ink: a stem that rises to the capitals' or ascenders' height
with no dot over it is a capital "J" or an "l", whatever the model read.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from parser.diacritics import measured_line
from parser.image import overlap
from parser.ocr import Glyph


def capital_j(pixels: np.ndarray, glyphs: Sequence[Glyph]) -> bool:
    """Whether a line read as starting with "j" starts with a capital "J" on the page: `lav` writes "j" for
    "J" at a line's start ("jelgavas teātris", independent tuning set). A capital's stroke rises to the
    capitals' height and has no dot above it; a small "j" stops at the x-height under its dot.

    >>> page = np.full((50, 60), 255, np.uint8)
    >>> page[8:40, 10:16] = 0; page[20:40, 22:36] = 0; page[20:40, 40:54] = 0   # "J" beside two x-height letters
    >>> capital_j(page, [Glyph("j", (8, 8, 18, 40)), Glyph("e", (22, 20, 36, 40)), Glyph("a", (40, 20, 54, 40))])
    True
    >>> page[8:40, 10:16] = 255; page[20:44, 10:16] = 0; page[12:16, 10:16] = 0  # "j" with its dot
    >>> capital_j(page, [Glyph("j", (8, 12, 18, 44)), Glyph("e", (22, 20, 36, 40)), Glyph("a", (40, 20, 54, 40))])
    False
    """
    if not glyphs or glyphs[0].text != "j":
        return False
    return _stem_without_dot(pixels, glyphs[0])


def undotted_i(pixels: np.ndarray, glyphs: Sequence[Glyph]) -> bool:
    """Whether a small "i" read has no dot on the page, its own body a stem rising above the x-height: an
    "l" (tuning form 2336, 200 dpi: "Ērgle" read "Ērgie" at 0.9 at both sizes, its "l" thin at the
    x-height's top). Its body is the ink its box overlaps most (the boxes are often off); the dot may be
    half a letter either side.

    >>> page = np.full((50, 60), 255, np.uint8)
    >>> page[20:40, 4:18] = 0; page[8:40, 24:28] = 0; page[20:40, 34:48] = 0   # "a", a tall stem, "e"
    >>> glyphs = [Glyph("a", (4, 20, 18, 40)), Glyph("i", (24, 8, 28, 40)), Glyph("e", (34, 20, 48, 40))]
    >>> undotted_i(page, glyphs)
    True
    >>> page[8:18, 24:28] = 255; page[12:16, 24:28] = 0                        # an "i": a dot over a short stem
    >>> undotted_i(page, glyphs)
    False
    """
    if not any(g.text == "i" and _stem_without_dot(pixels, g, own_body=True) for g in glyphs):
        return False
    # The boxes are often a letter off ("Ābelis" with the "i" box over the "l", its dot the next stem's:
    # tuning forms 2287, 2320, 2521): where the ink has a dotted short stem for every "i" and "j" read, each
    # has its dot. Dust over an "l" does not count: that stem rises above the x-height.
    return _dotted_stems(pixels) < sum(g.text in "ij" for g in glyphs)


def _dotted_stems(pixels: np.ndarray) -> int:
    """How many narrow stems that stop at the x-height have a dot of their width right above them.

    >>> page = np.full((50, 60), 255, np.uint8)
    >>> page[20:40, 10:14] = 0; page[13:17, 10:14] = 0; page[8:40, 30:34] = 0; page[2:6, 30:34] = 0
    >>> _dotted_stems(page)  # an "i", and an "l" with a speck over it
    1
    """
    line = measured_line(pixels)
    if line is None:
        return 0
    _, parts, baseline, x_height = line
    x_top = baseline - x_height
    stems = [p for p in parts if p[2] <= 0.4 * x_height and p[3] >= 0.6 * x_height
             and abs(p[1] - x_top) <= 0.25 * x_height]
    dots = [p for p in parts if p[1] + p[3] <= x_top + 0.1 * x_height and p[2] <= 0.4 * x_height
            and p[3] <= 0.4 * x_height]
    return sum(any(overlap(d[0], d[0] + d[2], s[0], s[0] + s[2]) > 0 and s[1] - (d[1] + d[3]) <= 0.5 * x_height
                   for d in dots) for s in stems)


def _stem_without_dot(pixels: np.ndarray, glyph: Glyph, own_body: bool = False) -> bool:
    """Whether the ink at `glyph` (and half its width either side; with `own_body`, the stroke its box
    overlaps most) rises to the capitals' or ascenders' height with no dot above the x-height."""
    line = measured_line(pixels)
    if line is None:
        return False
    _, parts, baseline, x_height = line
    x_top = baseline - x_height
    x0, _, x1, _ = glyph.box
    half = (x1 - x0) / 2
    near = [p for p in parts if overlap(p[0], p[0] + p[2], int(x0 - half), int(x1 + half)) > 0]
    dot = [p for p in near if p[1] + p[3] <= x_top + 0.1 * x_height]
    bodies = near
    if own_body and near:
        bodies = [max(near, key=lambda p: (overlap(p[0], p[0] + p[2], x0, x1), p[4]))]
    stem = [p for p in bodies if p[3] >= 0.6 * x_height and p[1] <= x_top - 0.25 * x_height]
    return not dot and bool(stem)
