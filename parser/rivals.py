"""A name the model read unsure of, where its only rival readings are a letter with or without its mark and
the ink shows which.

Tesseract scores a word low when it weighed another path: "Ķirša" at 0.64 with "ī" beside its "i" at 0.61,
"Ģērmanis" at 0.53 with "G" 0.77 beside "Ģ" 0.66 (independent tuning set, forms 2314 and 1842; right names
sent to review). A place's words are checked against the word list; a name has none, but where the model's
doubt is only a mark, the ink settles it. Dust adds ink and never takes it away, so the two ways are not
alike: a letter read with its mark needs a stroke of the mark's shape (a bar over an "i" is wider than its
dot; a comma below is narrow, apart or joined to the letter's foot), and one read without needs no ink at all where the mark would stand. Any
other rival (an "n" beside an "r": "Ģints" for "Ģirts"), or a letter whose best choice is under 0.6,
settles nothing.

The other way round, a name whose letter the model read with another letter beside it, scored 0.6 or more,
is in doubt whatever its word's score ("Ķirills" read "Ķrrills" at 0.85, "i" beside the first "r" at 0.70,
tuning form 2412). Of 670 names on tuning forms 1600–1775, 10 right ones had another letter at 0.6 or more,
7 of them already in doubt; of the other 3, one ("Īvāne") had only its neighbour's letter, which is not
counted.
"""
from __future__ import annotations

import unicodedata
from typing import Sequence

import numpy as np

from parser import spelling
from parser.diacritics import BELOW, RIVAL_AT, mark_shaped, measured_line
from parser.ocr import Glyph

LETTER_SURE = 0.6  # the best choice for the letter: below it the model doubts its shape, not only a mark
# ("Ģērmanis" right with "G" 0.77 and "Ģ" 0.66, tuning form 1842)
MARK_BELOW = set(BELOW) | set("ĶĻŅĢ")  # an upper-case "Ģ" has its comma below


def settled(pixels: np.ndarray, glyphs: Sequence[Glyph], *, doubt_needed: bool = True) -> bool:
    """True when some letter had a rival (a choice scored `RIVAL_AT` or more other than the letter read),
    every such letter's rivals are it with its mark taken off or put on, the model scored one of them
    `LETTER_SURE` or more, and the ink in `pixels` shows the letter as read. Without `doubt_needed`, a
    reading with no rival at all is settled too.

    >>> page = np.full((60, 70), 255, np.uint8)
    >>> page[14:44, 4:20] = 0; page[24:44, 26:40] = 0; page[24:44, 46:60] = 0     # "Gaa": a capital, x-height 20
    >>> doubted = [Glyph("G", (4, 14, 20, 44), (("Ģ", 0.9), ("G", 0.6))), Glyph("a", (26, 24, 40, 44)),
    ...            Glyph("a", (46, 24, 60, 44))]
    >>> settled(page, doubted)
    True
    >>> page[47:53, 10:14] = 0                                                  # a comma under it: a "Ģ"
    >>> settled(page, doubted)
    False
    """
    line = measured_line(pixels)
    if line is None:
        return False
    labels, parts, baseline, x_height = line
    doubted = False
    for g in glyphs:
        # the choices are the model's per step and may differ from the letter the line was read with
        # ("Ģērmanis" read with "Ģ" whose choices were "G" 0.77, "Ģ" 0.66): the letter read counts as one
        options = {a for a, score in g.alternatives if score >= RIVAL_AT} | {g.text}
        if len(options) == 1:
            continue
        if max((score for _, score in g.alternatives), default=0.0) < LETTER_SURE:
            return False
        if any(len(a) != 1 or _base(a) != _base(g.text) for a in options):
            return False
        for marked in options - {_base(g.text)}:
            if _shows_mark(labels, parts, g.box, marked, baseline, x_height, as_read=marked == g.text) \
                    != (marked == g.text):
                return False
        doubted = True
    return doubted or not doubt_needed


OTHER_LETTER_AT = 0.6


# Letters by how far they reach: a rival of the x-height alone ("a") where the ink of the letter read rises
# above it or falls below ("d", "g") is no rival
RISING, FALLING, LOW = set("bdfhklt"), set("gjpqy"), set("acemnorsuvwxz")
REACH = 0.2  # an ascender or descender reaches this far past the x-height's band, in x-heights (measured 0.29
# for the "d" and "g" of tuning forms 5215 and 5190; a round letter overshoots its band by a pixel)


def other_letter(glyphs: Sequence[Glyph], pixels: np.ndarray | None = None) -> bool:
    """Whether some letter had another letter beside it among the model's choices at `OTHER_LETTER_AT` or
    more: not the same letter with or without a mark or in the other case, and not a neighbour's letter
    (the choices are per step, and a step at a letter's edge scores its neighbour: "Īvāne" had "ī" at 0.99
    beside its "v"). With the `pixels` read, a rival of the x-height alone is not counted where the ink in
    the letter's box rises or falls as the letter read does: "Ērglis" with "a" at 0.65 beside
    its "g", "Ūdris" with "a" at 0.65 beside its "d" (tuning forms 5190, 5215: right names sent to review).

    >>> other_letter([Glyph("Ķ", (0, 0, 9, 9)), Glyph("r", (9, 0, 19, 9), (("r", 0.97), ("i", 0.70))),
    ...               Glyph("r", (19, 0, 29, 9))])
    True
    >>> other_letter([Glyph("Ī", (0, 0, 9, 9)), Glyph("v", (9, 0, 19, 9), (("v", 0.88), ("ī", 0.99))),
    ...               Glyph("ā", (19, 0, 29, 9), (("ā", 0.9), ("a", 0.7)))])
    False
    >>> page = np.full((50, 60), 255, np.uint8)
    >>> page[20:40, 5:18] = 0; page[8:40, 24:27] = 0; page[20:40, 27:37] = 0     # "o", then a "d": x-height 20
    >>> page[20:40, 42:55] = 0
    >>> d = [Glyph("o", (5, 20, 18, 40)), Glyph("d", (24, 8, 37, 40), (("d", 0.88), ("a", 0.65))),
    ...      Glyph("e", (42, 20, 55, 40))]
    >>> other_letter(d), other_letter(d, page)
    (True, False)
    """
    rivals = []
    for i, g in enumerate(glyphs):
        kin = {_base(g.text).lower()} | {_base(n.text).lower() for n in glyphs[max(0, i - 1):i + 2]}
        rivals += [(g, a) for a, score in g.alternatives if score >= OTHER_LETTER_AT and _base(a).lower() not in kin]
    if not rivals:
        return False
    line = measured_line(pixels) if pixels is not None else None  # measured only where a rival needs it
    return any(not _reach_rules_out(g, a, line) for g, a in rivals)


def _reach_rules_out(g: Glyph, rival: str, line) -> bool:
    """Whether the ink in `g`'s box reaches past the x-height's band as `g`'s letter does and the `rival`
    (of the x-height alone) cannot."""
    letter = _base(g.text)
    if line is None or rival not in LOW or letter not in RISING | FALLING:
        return False
    labels, _, baseline, x_height = line
    x0, _, x1, _ = g.box
    middle = labels[:, x0:x1]
    rows = np.nonzero((middle > 0).any(axis=1))[0]
    if rows.size == 0:
        return False
    if letter in RISING:
        return rows[0] <= baseline - x_height - REACH * x_height
    return rows[-1] >= baseline + REACH * x_height


def word_settles(text: str, glyphs: Sequence[Glyph]) -> bool:
    """Whether the Latvian word list settles a name's letters: the list has the name as read as a name
    (hunspell-lv holds many Latvian given names and some surnames: "Ādolfs", "Ģertrūde"; not "Ģints", a
    common word capitalised, see `spelling.is_proper_name`), and no choice the model weighed for a letter
    (`RIVAL_AT` or more) makes another word in its place. Of 352 names read so on 300-dpi scans of tuning
    forms 2256–2735, none was wrong; 4 right ones read alike at both sizes had gone to review ("Ādolfs" at
    0.54, "Ģertrūde" at 0.64). "Baiba" with "r" beside its "i" makes "Barba".

    >>> word_settles("Ģertrūde", [Glyph(c, (0, 0, 1, 1)) for c in "Ģertrūde"]) if spelling.available() else True
    True
    >>> word_settles("Baiba", [Glyph(c, (0, 0, 1, 1), (("r", 0.4),) if c == "i" else ()) for c in "Baiba"])
    False

    Nor does it settle a letter whose mark the model itself preferred: the line read "Ivars" where the "I"'s
    choices were "Ī" 0.93 and "I" 0.72 (tuning form 7510, silent at 0.85). "Īvars" is a name the list lacks;
    a missing name is no evidence against its mark.

    >>> word_settles("Ivars", [Glyph(c, (0, 0, 1, 1), (("Ī", 0.93), ("I", 0.72)) if c == "I" else ())
    ...                         for c in "Ivars"])
    False
    """
    if not spelling.is_proper_name(text) or "".join(g.text for g in glyphs) != text:
        return False
    if any(_mark_preferred(g) for g in glyphs):
        return False
    return not any(spelling.is_word(text[:i] + a + text[i + 1:]) for i, g in enumerate(glyphs)
                   for a, score in g.alternatives if score >= RIVAL_AT and len(a) == 1 and a != g.text)


def _mark_preferred(g: Glyph) -> bool:
    """Whether the model's best choice for `g` is its letter with a mark put on or taken off, `RIVAL_AT` or
    more: the line's decoding overrode it."""
    best = max(g.alternatives, key=lambda a: a[1], default=None)
    return best is not None and best[1] >= RIVAL_AT and best[0] != g.text and len(best[0]) == 1 \
        and _base(best[0]) == _base(g.text)


def rival_names(text: str, glyphs: Sequence[Glyph]) -> bool:
    """Whether a name the word list does not hold becomes one it holds as a name with a letter the model
    weighed (`RIVAL_AT` or more) in its place: "Ādolfs" read "Ādolts" at 0.88 with "f" at 0.52 beside the
    "t" (tuning form 3439, 300 dpi, silent). The list names what the model half saw.

    >>> glyphs = [Glyph(c, (0, 0, 1, 1), (("f", 0.52),) if c == "t" else ()) for c in "Ādolts"]
    >>> rival_names("Ādolts", glyphs) if spelling.available() else True
    True
    >>> rival_names("Ādolfs", [Glyph(c, (0, 0, 1, 1), (("t", 0.52),) if c == "f" else ()) for c in "Ādolfs"])
    False
    """
    if "".join(g.text for g in glyphs) != text or spelling.is_word(text):
        return False
    return any(spelling.is_proper_name(text[:i] + a + text[i + 1:]) for i, g in enumerate(glyphs)
               for a, score in g.alternatives if score >= RIVAL_AT and len(a) == 1 and a != g.text)


COMMA_BELOW = {"k": "ķ", "l": "ļ", "n": "ņ"}


def comma_weighed_and_inked(pixels: np.ndarray, glyphs: Sequence[Glyph], text: str | None = None) -> bool:
    """Whether a plain "k", "l" or "n" was read where the model weighed its comma-below letter (`RIVAL_AT` or
    more) and ink stands below the line under it: the comma, joined to its letter's foot, may be what it
    weighed. "Ķegums – Ērgļi" was read "Ķegums – Ērgli" at 0.92 with "ļ" at 0.43 (ghost tuning form 100367,
    200 dpi): the comma joined the "l", whose foot the blur joined to the "i", and "Ērgli" is a word too.
    With the line's `text` (its letters the glyphs' in order), a letter counts only where its word with the
    comma is Latvian too: where it is not, the word list has decided ("Jelgavas", put right from "Jeļgavas"
    with dust under its "l", tuning form 3874).

    >>> page = np.full((50, 60), 255, np.uint8)
    >>> page[22:40, 4:16] = 0; page[8:40, 24:28] = 0; page[22:40, 36:48] = 0   # "oln": x-height 18, baseline 40
    >>> glyphs = [Glyph("o", (4, 22, 16, 40)), Glyph("l", (22, 8, 30, 40), (("l", 0.9), ("ļ", 0.43))),
    ...           Glyph("n", (36, 22, 48, 40))]
    >>> comma_weighed_and_inked(page, glyphs)
    False
    >>> page[40:46, 24:27] = 0                                                 # a comma joined to the "l"
    >>> comma_weighed_and_inked(page, glyphs)
    True
    """
    weighed = [g for i, g in enumerate(glyphs) if g.text in COMMA_BELOW
               and any(a == COMMA_BELOW[g.text] and score >= RIVAL_AT for a, score in g.alternatives)
               and (text is None or _word_with(text, i, COMMA_BELOW[g.text]) is not None)]
    if not weighed:
        return False
    line = measured_line(pixels)
    if line is None:
        return False
    labels, parts, baseline, x_height = line
    return any(_shows_mark(labels, parts, g.box, COMMA_BELOW[g.text], baseline, x_height, as_read=False)
               for g in weighed)


def _word_with(text: str, i: int, letter: str) -> str | None:
    """The word of `text` holding its `i`-th letter (spaces not counted), with `letter` in its place, where
    that is a Latvian word; else None."""
    spots = [k for k, c in enumerate(text) if not c.isspace()]
    if i >= len(spots):
        return None
    at = spots[i]
    start, end = text.rfind(" ", 0, at) + 1, text.find(" ", at)
    word = (text[:at] + letter + text[at + 1:])[start:len(text) if end < 0 else end].strip(".,;:–-")
    return word if spelling.is_word(word) else None


def _base(letter: str) -> str:
    return unicodedata.normalize("NFKD", letter)[:1]


def _shows_mark(labels: np.ndarray, parts: list[tuple[int, ...]], box: tuple[int, int, int, int], marked: str,
                baseline: float, x_height: float, *, as_read: bool) -> bool:
    """Whether the ink over the letter's box shows `marked`'s mark. For the letter as read (`as_read`), a
    stroke of the mark's shape: a comma under the line, narrow, apart or joined to its letter's foot (a
    blurred "Ģ", tuning form 2571); a bar or wedge, wider than tall and a third of the x-height wide, above
    the x-height (a capital's above the capitals' height); a comma over a "ģ".
    For the rival, any ink where its mark would stand (an "i"'s dot aside): a mark joined to its letter, or
    dust taken for one, must not settle a reading without it."""
    x0, _, x1, _ = box
    over = [p for p in parts if min(x1, p[0] + p[2]) - max(x0, p[0]) > 0 and p[4] >= 3]
    if marked in MARK_BELOW:
        if not as_read:
            return any(p[1] + p[3] >= baseline + 0.15 * x_height for p in over)
        apart = any(p[1] >= baseline - 0.1 * x_height and p[1] + p[3] >= baseline + 0.25 * x_height
                    and p[2] <= 0.35 * x_height for p in over)
        return apart or any(p[1] <= baseline - 0.5 * x_height and 0 < _width_below(labels, p, baseline + 0.2 * x_height)
                            <= 0.35 * x_height for p in over)
    top = baseline - (1.3 if marked.isupper() else 1.0) * x_height  # the letter's own top
    if not as_read and _base(marked) not in "ij":
        return any(p[1] <= top - 0.15 * x_height for p in over)
    above = [p for p in over if p[1] + p[3] <= top + 0.2 * x_height and p[1] <= top - 0.15 * x_height]
    if marked in "ģ":
        return any(p[3] >= 0.2 * x_height and p[2] <= 0.4 * x_height for p in above)
    return any(mark_shaped(p, marked, x_height) for p in above)


def _width_below(labels: np.ndarray, part: tuple[int, ...], y: float) -> int:
    """How many columns of `part`'s ink lie below the line `y`."""
    return int((labels[int(y):, part[0]:part[0] + part[2]] == part[5]).any(axis=0).sum())
