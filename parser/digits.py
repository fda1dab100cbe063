"""Digits checked against the ink: a "1" read where the ink is a "7"; a loop inside a digit read without one
("29" read "23").

`lav` reads a "7" as "1" now and then, alike at both sizes and sure of it ("27.09.2025" read "21.09.2025" at
0.85, tuning form 3547, DejaVu Sans Condensed 8 at 300 dpi; "4,75" read "4,15"). The two differ at the top:
a "7" begins with a bar across its whole width, a "1" with its stem and the start of its flag.
"""
from __future__ import annotations

from typing import Sequence

import cv2
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


# The closed loops of each digit's shape (a "4" is open in some fonts: fewer loops than counted says nothing)
LOOPS = {"0": 1, "4": 1, "6": 1, "8": 2, "9": 1}
LOOP_AREA = 0.012  # a loop's white is at least this share of the tallest mark's height squared (not a pinhole)
# … and as wide as a digit's loop, in the tallest mark's heights: two digits run together close a gap between
# them that is narrower ("80" in "180679": 0.16, tuning form 4871) or wider ("29": 0.91, ghost tuning 101111)
# than the loops (0.32–0.41 there)
LOOP_WIDTH = (0.22, 0.6)
LOOP_HEIGHT = 0.3  # and as tall: a speck closing a "2"'s curve left 0.19 (tuning form 4915); loops were 0.36–0.8


def loops_unread(pixels: np.ndarray, text: str) -> bool:
    """Whether the ink (black on white) closes more loops of white than the digits read have: a "9" read "3"
    ("29.04.2022" read "23.04.2022" at 0.95, at 3/4 size at 0.94; ghost tuning form 101111, 200 dpi). Two
    digits run together close a gap between them, told from a loop by its size (`LOOP_WIDTH`, `LOOP_HEIGHT`). Blur may
    fill a loop, never make one: fewer loops than the digits' say nothing. (The model's boxes do not place
    a loop in a digit: a reading taken from a larger copy has its boxes in that copy's pixels.)

    >>> page = np.full((40, 60), 255, np.uint8)
    >>> page[8:32, 10:24] = 0; page[12:20, 14:20] = 255                       # a "9"-like mark: one loop
    >>> loops_unread(page, "3"), loops_unread(page, "9"), loops_unread(page, "8")
    (True, False, False)
    """
    contours, hierarchy = cv2.findContours((pixels < 128).astype(np.uint8), cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return False
    tallest = max(cv2.boundingRect(c)[3] for c, h in zip(contours, hierarchy[0]) if h[3] < 0)
    loops = sum(1 for c, up in zip(contours, hierarchy[0]) if up[3] >= 0
                and cv2.contourArea(c) >= LOOP_AREA * tallest * tallest
                for _, _, w, h in [cv2.boundingRect(c)]
                if LOOP_WIDTH[0] * tallest <= w <= LOOP_WIDTH[1] * tallest and h >= LOOP_HEIGHT * tallest)
    return loops > sum(LOOPS.get(c, 0) for c in text)
