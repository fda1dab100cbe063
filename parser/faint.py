"""Marks a low-resolution copy left too faint for the threshold: a bar of grey over a letter read plain.

At 200 dpi a capital's long mark is a line or two of pixels, and the copier's blur can leave it grey where
the letters are black: the threshold that keeps the letters drops the mark, and the model reads "Una" for
"Ūna" at 0.95 at both sizes (tuning form 3326, Liberation Serif 8: the bar 8 px wide, 3 tall, grey 100–180
on paper above 230, touching the "U"'s serifs). A reader sees the bar. So the grey page is looked at over
each letter: a row of grey across the middle of its top, not across its neighbours, with no black there,
over a letter read without a mark, is a mark the reading lost.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from parser.diacritics import STROKES_ABOVE, measured_line
from parser.image import overlap
from parser.ocr import Glyph

FAINT = 0.3  # of the way from the paper's grey to the ink's: darker than this is a trace of ink
ACROSS = 0.6  # share of a letter's middle a row of grey must cross to be a bar
TAKES_BAR = set("AEIUaeuCSZcsz")  # letters that carry a bar or a wedge above (an "i" has its dot)


def lost_mark(grey: np.ndarray | None, pixels: np.ndarray, glyphs: Sequence[Glyph]) -> bool:
    """Whether the grey page shows a bar over a letter read without a mark above.

    >>> pixels = np.full((60, 60), 255, np.uint8); pixels[20:44, 10:30] = 0; pixels[28:44, 36:50] = 0
    >>> grey = pixels.copy(); grey[grey == 255] = 240; grey[grey == 0] = 30
    >>> glyphs = [Glyph("U", (10, 20, 30, 44)), Glyph("n", (36, 28, 50, 44))]
    >>> lost_mark(grey, pixels, glyphs)
    False
    >>> grey[14:17, 13:27] = 150                       # a grey bar over the "U" the threshold dropped
    >>> lost_mark(grey, pixels, glyphs)
    True
    >>> lost_mark(grey, pixels, [Glyph("Ū", (10, 20, 30, 44)), Glyph("n", (36, 28, 50, 44))])
    False
    """
    if grey is None or grey.shape != pixels.shape:
        return False
    line = measured_line(pixels)
    if line is None:
        return False
    _, parts, baseline, x_height = line
    ink = pixels < 128
    if ink.sum() < 10 or (~ink).sum() < 10:
        return False
    paper, dark = float(np.median(grey[~ink])), float(np.median(grey[ink]))
    level = paper - FAINT * (paper - dark)
    for p in parts:
        x0, y0, w, h = p[:4]
        if h < 0.6 * x_height or abs(y0 + h - baseline) > 0.15 * x_height or w < 0.5 * x_height:
            continue  # a letter's body standing on the line, wide enough to carry a bar
        over = [g for g in glyphs if overlap(g.box[0], g.box[2], x0, x0 + w) > 0.3 * w]
        if not any(g.text in TAKES_BAR for g in over) or any(g.text in STROKES_ABOVE for g in over):
            continue
        top, bottom = max(0, int(y0 - 0.5 * x_height)), y0 - 1  # the row right over its top is its own blur
        middle = slice(x0 + w // 5, x0 + w - w // 5)
        if bottom <= top or ink[top:y0, x0:x0 + w].any():
            continue  # black ink over it: the other checks count that stroke
        rows = (grey[top:bottom, middle] < level).mean(axis=1)
        flanks = np.concatenate([grey[top:bottom, max(0, x0 - w // 2):x0], grey[top:bottom, x0 + w:x0 + w + w // 2]],
                                axis=1)
        beside = (flanks < level).mean(axis=1) if flanks.shape[1] else np.zeros(len(rows))
        if np.any((rows >= ACROSS) & (beside < 0.3)):
            return True
    return False
