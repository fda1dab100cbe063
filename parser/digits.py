"""Digits checked against the ink: a "1" read where the ink is a "7".

`lav` reads a "7" as "1" now and then, alike at both sizes and sure of it ("27.09.2025" read "21.09.2025" at
0.85, tuning form 3547, DejaVu Sans Condensed 8 at 300 dpi; "4,75" read "4,15"). The two differ at the top:
a "7" begins with a bar across its whole width, a "1" with its stem and the start of its flag.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from parser.image import ink_parts, overlap
from parser.ocr import Glyph

# The width of a lone digit's top rows over its height. Tuning forms 3504–3551 (every "1" and "7" of a
# right reading in a date, time or amount, 200 and 300 dpi, five fonts): 1,072 "1"s at 0.12–0.46, 269
# "7"s at 0.54–0.71 but one; the "7" read "1" at 0.58.
SEVEN_TOP = 0.5
ALONE = 0.75  # a part this narrow for its height is one digit (two run together are wider)


def seven_read_as_one(pixels: np.ndarray, glyphs: Sequence[Glyph]) -> bool:
    """Whether a "1" was read where the ink is one digit whose top is a bar as wide as a "7"'s.

    >>> page = np.full((40, 60), 255, np.uint8)
    >>> page[8:32, 10:24] = 255; page[8:11, 10:24] = 0; page[11:32, 16:19] = 0   # a "7": a bar, then a stem
    >>> page[8:32, 36:39] = 0; page[8:12, 33:36] = 0                             # a "1": a stem and its flag
    >>> seven_read_as_one(page, [Glyph("1", (10, 8, 24, 32)), Glyph("1", (33, 8, 39, 32))])
    True
    >>> seven_read_as_one(page, [Glyph("7", (10, 8, 24, 32)), Glyph("1", (33, 8, 39, 32))])
    False
    """
    ones = [g for g in glyphs if g.text == "1"]
    if not ones:
        return False
    labels, parts = ink_parts(pixels)
    tallest = max((p[3] for p in parts), default=0)
    digits = [p for p in parts if p[3] >= 0.6 * tallest and p[2] <= ALONE * p[3]]
    for g in ones:
        found = max(digits, key=lambda p: overlap(p[0], p[0] + p[2], g.box[0], g.box[2]), default=None)
        if found is None or overlap(found[0], found[0] + found[2], g.box[0], g.box[2]) <= 0:
            continue
        x0, y0, w, h = found[:4]
        rows = max(2, round(0.12 * h))
        top = int((labels[y0:y0 + rows, x0:x0 + w] == found[5]).any(axis=0).sum())
        if top >= SEVEN_TOP * h:
            return True
    return False
