"""A letter's case checked against the ink where the two cases differ in shape, not only in size: a "K" read
where the ink is a "k".

`lav` read "Cēsu koncertzāle" as "Cēsu Koncertzāle" at 0.96, alike at both sizes (tuning form 3782, DejaVu
Sans Condensed at 200 dpi; a speck stood over the "k"'s arm). Both are Latvian words, so the word list cannot
tell. The ink can: a "K"'s upper arm rises from its stem to the capitals' height, a "k"'s only to the
x-height.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from parser.diacritics import measured_line
from parser.image import overlap
from parser.ocr import Glyph

ARM_RISES = 0.15  # x-heights above the x-height letters' tops: an arm this high is a capital's
REACH = 1.0  # x-heights right of the stem where the arm stands (a neighbour joined further on is not it)


def small_k_read_capital(pixels: np.ndarray, glyphs: Sequence[Glyph]) -> bool:
    """Whether a "K" or "Ķ" was read where the ink beside its stem stays below the capitals' height: the
    letter is a "k" (or "ķ").

    >>> page = np.full((50, 80), 255, np.uint8)
    >>> page[22:40, 24:34] = 0; page[22:40, 50:60] = 0     # two x-height letters: x-height 18, baseline 40
    >>> page[8:40, 4:8] = 0                                 # a tall stem ...
    >>> for i in range(10): page[30 - i, 8 + i] = 0; page[30 + i, 8 + i] = 0   # ... arms up to the x-height
    >>> small_k_read_capital(page, [Glyph("K", (4, 8, 19, 40)), Glyph("o", (24, 22, 34, 40))])
    True
    >>> for i in range(10, 20): page[30 - i, 8 + i] = 0                          # the upper arm to the top
    >>> small_k_read_capital(page, [Glyph("K", (4, 8, 19, 40)), Glyph("o", (24, 22, 34, 40))])
    False
    """
    capitals = [g for g in glyphs if g.text in "KĶ"]
    line = measured_line(pixels) if capitals else None
    if line is None:
        return False
    labels, parts, baseline, x_height = line
    x_top = baseline - x_height
    high = x_top - ARM_RISES * x_height
    for g in capitals:
        tall = [p for p in parts if p[1] <= x_top - 0.2 * x_height and abs(p[1] + p[3] - baseline) <= 0.2 * x_height
                and overlap(p[0], p[0] + p[2], g.box[0], g.box[2]) > 0]
        if not tall:
            continue
        body = max(tall, key=lambda p: overlap(p[0], p[0] + p[2], g.box[0], g.box[2]))
        ink = labels[:, body[0]:body[0] + body[2]] == body[5]
        rises = ink[: max(0, int(high)) + 1].any(axis=0)  # columns whose ink reaches the capitals' height
        stem_end = next((i for i, up in enumerate(rises) if not up), None)
        if stem_end is None or not rises[0]:
            continue  # no stem standing alone at the left: not a letter this can judge
        if not rises[stem_end:stem_end + int(REACH * x_height) + 1].any():
            return True
    return False
