"""Latvian diacritics checked against the ink: the marks read and the marks on the page must agree.

The `lav` model reads a speck of dust touching an "e" as "ē" with 99 % confidence, and reading the zone again
at another size repeats the mistake (samples/timesheets/scanned/03.pdf: "universitāte" read as
"universitātē"); it also drops a real mark now and then ("Oļegs" read as "Olegs"). A printed or typed mark
stands clearly above the x-height (ā ē ī ū č š ž ģ) or below the baseline (ķ ļ ņ); a speck that only roughens
the top of a letter does not reach that high. Two checks, either failing makes the reading a guess:

- every lower-case letter read with a mark has one: a separate stroke of the right kind near it (each stroke
  confirms one letter), or its own body reaching the mark's height where a heavy scan joined them (š and ģ
  often are). Tesseract's character boxes are approximate (an LSTM model places them, often a letter off), so
  "near" is about a letter either side; a neighbour's ascender ("l", "t") never confirms a mark;
- the page has no more separate strokes above or below the letters than the characters read account for.

The baseline and the x-height come from the ink (the most common bottom of the letters, and the lowest top a
fifth of them share), not from Tesseract's line metrics, which are a pixel or two off too often for this.
Capitals' marks are only counted, not placed (they sit above the capital height).
"""
from __future__ import annotations

import unicodedata
from typing import Sequence

import numpy as np

from parser import dust
from parser.image import ink_parts, overlap
from parser.ocr import Glyph

ABOVE = set("āēīūčšžģ")
COMMA_ABOVE = set("ģ")
BELOW = set("ķļņ")
# Separate strokes each character puts above the x-height letters' tops and below the baseline: what the
# reading explains. More such strokes on the page than the reading explains is a mark the model dropped
# ("Oļegs" read as "Olegs").
STROKES_ABOVE = {**dict.fromkeys("āēīūčšžģĀĒĪŪČŠŽij'`´’‘°", 1), **dict.fromkeys('"“”ÄÖÜäöü', 2)}
STROKES_BELOW = {**dict.fromkeys("ķļņĶĻŅĢ,;", 1), "„": 2}
# Letters a stroke above or below may belong to: read with their mark, or plain where the model may have
# dropped it. A speck over a "b" or under a "u" is dust, not a lost mark ("Žubure" with a speck under its
# "u" was sent to review on the independent tuning set).
CAN_ABOVE = set("aeiucszgoAEIUCSZGOij") | set(STROKES_ABOVE)
CAN_BELOW = set("klnKLNG") | set(STROKES_BELOW)
LONE_CAPITAL_WITH_MARK = 1.54  # x-heights: a lone capital this tall carries a joined mark (_joined_marks_read)
DOT_ABOVE = set("gģijĢ'`´’‘°\"“”ÄÖÜäöü")  # a round stroke above can only be theirs
# A mark joined to its letter reaches at least this share of the x-height above it: a blurred macron on an
# "ā" stood 5 px over an x-height of 18 (0.28), in Liberation Sans 10 4 px over 19 (0.21; independent
# tuning set, forms 177–222); the width test keeps specks and ascenders' stems out.
MERGED_REACH = 0.2


def marks_confirmed(pixels: np.ndarray, glyphs: Sequence[Glyph], words: Sequence[str] = ()) -> bool:
    """True when the marks on the page and in the reading agree: every lower-case letter read with a
    diacritic shows its mark in `pixels` (black writing on white, the image Tesseract read; glyph boxes are
    in its pixels), and no stroke above or below the letters is left that the reading does not explain.
    With the line's `words` (their letters the glyphs' in order), a stroke over letters where the Latvian
    word list has only the word as read and no variant with a mark there is dust, as a reader takes it
    (a speck over the "g" of "Rīga": "Rīģa" is no word).

    >>> page = np.full((50, 80), 255, np.uint8)
    >>> page[20:40, 10:26] = 0; page[20:40, 30:46] = 0   # two letters of x-height 20 on a baseline at y = 40
    >>> page[16:20, 14:18] = 0                         # a speck touching the first one's top
    >>> marks_confirmed(page, [Glyph("ē", (10, 16, 26, 40)), Glyph("e", (30, 20, 46, 40))])
    False
    >>> page[8:12, 11:25] = 0                          # a real bar above it
    >>> marks_confirmed(page, [Glyph("ē", (10, 8, 26, 40)), Glyph("e", (30, 20, 46, 40))])
    True
    """
    marked = [g for g in glyphs if g.text in ABOVE or g.text in BELOW]
    line = measured_line(pixels)
    if line is None:
        return not marked  # no letters to measure against: marks read cannot be confirmed
    labels, parts, baseline, x_height = line
    x_top = baseline - x_height
    above = [p for p in parts if p[1] + p[3] <= x_top + 0.2 * x_height and p[1] <= x_top - 0.15 * x_height
             and p[4] >= 3]
    below = [p for p in parts if p[1] >= baseline - 0.2 * x_height and p[1] + p[3] >= baseline + 0.15 * x_height
             and p[4] >= 3]
    # strokes that may be a mark: a bar or wedge over a letter that takes one, a dot or comma over one
    # that takes a dot or comma above (i, j, ģ), a comma under ķ ļ ņ; anything else is dust
    letters = [p for p in parts if p[3] >= 0.6 * x_height and p[1] <= baseline - 0.5 * x_height]
    above = [p for p in above if not _too_high(p, letters, x_top, x_height)]
    below = [p for p in below if p[1] <= baseline + LOWEST_MARK * x_height]
    counted_above = [p for p in above if _on_letter(p, letters)
                     and _under_letter(p, glyphs, CAN_ABOVE if _wide(p, x_height) else DOT_ABOVE)]
    counted_below = [p for p in below if _on_letter(p, letters) and _under_letter(p, glyphs, CAN_BELOW)]
    text = "".join(g.text for g in glyphs)
    if words and "".join(words) == text:
        counted_above = [p for p in counted_above if not dust.by_words(p, glyphs, words, CAN_ABOVE)]
        counted_below = [p for p in counted_below if not dust.by_words(p, glyphs, words, CAN_BELOW)]
    if len(counted_above) > sum(STROKES_ABOVE.get(c, 0) for c in text) or \
            len(counted_below) > sum(STROKES_BELOW.get(c, 0) for c in text):
        return False  # a mark on the page that no letter read carries
    if not _joined_marks_read(parts, glyphs, baseline, x_height):
        return False
    if not _l_commas_read(parts, glyphs, baseline, x_height) and not dust.no_word_takes_l_comma(words, text):
        return False
    used: set[int] = set()
    for g in sorted(marked, key=lambda g: g.box[0]):
        if not _confirm(g, parts, labels, above, below, used, baseline, x_height, glyphs):
            return False
    return True


# An "ļ" with its comma joined is at most this many x-heights wide: 0.19–0.36 measured in the forms' fonts
# drawn at 22–36 px (Liberation, Nimbus Roman); a bracket is 0.4–0.5 and is told apart by its reading.
JOINED_COMMA_WIDTH = 0.42
RIVAL_AT = 0.3  # a choice the model scored this high beside a marked letter is a rival reading


# How far from the letters a mark stands, at most, in x-heights (independent tuning forms 1600–1659, 1,575
# strokes, each put to the nearest letter read): a small letter's mark's foot at most 0.52 above the
# x-height, a capital's 0.53 for 95 % (above 0.6 three specks of 4–7 px, none bar-shaped: 0.61, 0.79, 1.0),
# a comma below's top 0.15 under the baseline. Specks farther off are dust, not a lost mark ("Ērgle"
# with a speck 0.7 above its "e", "Ņečajevs" with one 0.79 under its "N"; tuning forms 2034, 1981).
HIGHEST_MARK = {"small": 0.6, "capital": 0.9}
LOWEST_MARK = 0.45


def _too_high(part: tuple[int, ...], letters: list[tuple[int, ...]], x_top: float, x_height: float) -> bool:
    """A stroke higher above the letters under it than any mark stands: over small letters only, 0.6
    x-height above their tops; over a capital or an ascender, 0.9."""
    under = [p for p in letters if p[5] != part[5] and overlap(p[0], p[0] + p[2], part[0], part[0] + part[2]) > 0]
    small = bool(under) and all(p[1] >= x_top - 0.25 * x_height for p in under)
    return x_top - (part[1] + part[3]) > HIGHEST_MARK["small" if small else "capital"] * x_height


def model_doubts_mark(glyphs: Sequence[Glyph], above_only: bool = False) -> bool:
    """Whether the model itself gave a small letter's mark a rival: the same letter without the mark scored
    0.3 or more among its choices (`ocr.read_lines(choices=True)`). "Ķirills" read "Ķīrills" had "i" at 0.62,
    "Ābelis" read "Ābeļis" had "l" at 0.41, both silent (tuning forms 480, 453). On tuning forms 0–287 no right
    name of 1,086 had such a rival; 4 wrong ones of 18 had. Only names use it: a place's word list
    already weighs its marks, and there right readings had rivals too. `above_only` (for the copy at 3/4
    size): a comma below ("ņ", "ļ") is a few pixels there and right "Lapiņš", "Kļaviņš" had "n" at 0.4–0.5.

    >>> model_doubts_mark([Glyph("ī", (0, 0, 9, 9), (("ī", 0.96), ("i", 0.62)))])
    True
    >>> model_doubts_mark([Glyph("ī", (0, 0, 9, 9), (("ī", 0.96), ("i", 0.1))), Glyph("Ķ", (9, 0, 19, 9), (("K", 0.6),))])
    False
    """
    for g in glyphs:
        plain = unicodedata.normalize("NFKD", g.text)[:1]
        if len(g.text) == 1 and g.text.islower() and plain != g.text and not (above_only and g.text in "ķļņ") \
                and any(a == plain and score >= RIVAL_AT for a, score in g.alternatives):
            return True
    return False


WEDGES = set("čšžČŠŽ")


def mark_shaped(part: tuple[int, ...], letter: str, x_height: float) -> bool:
    """Whether a stroke above has the shape of `letter`'s bar or wedge: a third of the x-height wide (an
    "i"'s dot is not: "Ķirills" read "Ķīirills" on a blurred dot, tuning form 0; bars of ā ē ī ū measured
    0.39 of it and up), a bar wider than tall by a fifth, a wedge at least as wide as tall ("ž" in DejaVu
    Sans 8 at 300 dpi: 8 px by 7, its letter sent to review on tuning forms 2298, 2338, 2430).

    >>> mark_shaped((0, 0, 8, 7, 35, 1), "ž", 20), mark_shaped((0, 0, 8, 7, 35, 1), "ā", 20)
    (True, False)
    >>> mark_shaped((0, 0, 3, 5, 11, 1), "ž", 20)
    False
    """
    ratio = 1.0 if letter in WEDGES else 1.2
    return part[2] >= ratio * part[3] and part[2] >= 0.33 * x_height


def _confirm(glyph: Glyph, parts: list[tuple[int, ...]], labels: np.ndarray, above: list[tuple[int, ...]],
             below: list[tuple[int, ...]], used: set[int], baseline: float, x_height: float,
             glyphs: Sequence[Glyph]) -> bool:
    """One letter's mark: a separate stroke of the right kind near it (each stroke confirms one letter), or
    the letter's own body reaching the mark's height where a heavy scan joined them."""
    x0, _, x1, _ = glyph.box
    reach = max(x1 - x0, 0.8 * x_height)
    lo, hi = x0 - reach, x1 + reach  # about a letter either side: the boxes are often that far off
    centre = (x0 + x1) / 2
    if glyph.text in BELOW:
        # a comma is narrow (3–6 px at an x-height of 16–24 on the tuning forms); a blot as wide as half a
        # letter under an "n" is dust ("Ģērmanis" read "Ģērmaņis", tuning form 338: 8 px at 19)
        candidates = [p for p in below if p[2] <= 0.35 * x_height]
    elif glyph.text in COMMA_ABOVE:
        # a comma, not a capital's bar: "Ērgle" read "Ērģle" took the "Ē"'s bar two letters off (tuning form 413)
        candidates = [p for p in above if not _wide(p, x_height)]
    else:
        candidates = [p for p in above if mark_shaped(p, glyph.text, x_height)]
    near = [p for p in candidates if p[5] not in used and p[0] < hi and p[0] + p[2] > lo]
    if near:
        mark = min(near, key=lambda p: abs(p[0] + p[2] / 2 - centre))
        used.add(mark[5])
        return True
    x_top = baseline - x_height  # the x-height letters' tops
    if glyph.text in BELOW:
        # a comma joined to its letter's foot ("ļ" in a serif face): a narrow tail below the baseline of
        # some letter within reach
        for p in parts:
            if p[0] < hi and p[0] + p[2] > lo and p[1] <= baseline - 0.3 * x_height \
                    and p[1] + p[3] >= baseline + 0.2 * x_height:
                tail = labels[int(baseline + 0.15 * x_height):, p[0]:p[0] + p[2]] == p[5]
                if 0 < int(tail.any(axis=0).sum()) <= 0.35 * x_height:
                    return True
    # the letter's body: the one under its box first, then within a letter either side (the boxes are often
    # a letter off: "Ādaži" had the "ž" box over the "a" and its joined caron on the next body)
    band = [p for p in parts if p[1] + p[3] >= x_top + 0.5 * x_height and p[1] <= baseline - 0.3 * x_height
            and p[5] not in used and overlap(p[0], p[0] + p[2], lo, hi) > 0]
    band.sort(key=lambda p: (-overlap(p[0], p[0] + p[2], x0, x1), abs(p[0] + p[2] / 2 - centre)))
    for body in band:
        if _capitals_own(body, glyph, glyphs):
            continue
        if _carries_joined_mark(glyph.text, body, labels, baseline, x_height):
            used.add(body[5])
            return True
    return False


def _capitals_own(body: tuple[int, ...], glyph: Glyph, glyphs: Sequence[Glyph]) -> bool:
    """Whether ink is a capital's (read so, its box over the ink more than the marked letter's): its height is
    its own, not a mark joined to it ("Ķirills" read "Ķīrills" at 0.91, the "ī" box half over the "Ķ", whose
    top was taken for the bar; ghost tuning form 100117, a serif face at 300 dpi)."""
    def over(g: Glyph) -> int:
        return overlap(g.box[0], g.box[2], body[0], body[0] + body[2])

    owner = max(glyphs, key=over, default=None)
    return owner is not None and owner is not glyph and owner.text.isupper() and over(owner) > over(glyph)


def _carries_joined_mark(letter: str, body: tuple[int, ...], labels: np.ndarray, baseline: float,
                         x_height: float) -> bool:
    """Whether a letter's body has the mark of `letter` joined to it: ink below the baseline for ķ ļ ņ; for
    a mark above, ink reaching a mark's height, and for a bar or wedge that ink wide (an ascender's stem —
    "l", "t", "d" — or a speck is not)."""
    x_top = baseline - x_height
    ink = labels[:, body[0]:body[0] + body[2]] == body[5]
    if letter in BELOW:
        return bool(ink[int(baseline + 0.2 * x_height):].any())
    if not ink[: max(0, int(x_top - MERGED_REACH * x_height)) + 1].any():
        return False  # nothing of it reaches the height of a mark
    if letter in COMMA_ABOVE:
        # a "g" with its comma joined also reaches below the line; an "l" or "E" beside it does not
        # ("Ērgle" read "Ērģle", tuning form 413)
        return bool(ink[int(baseline + 0.2 * x_height):].any())
    return int(ink[: max(0, int(x_top - 0.1 * x_height)) + 1].any(axis=0).sum()) >= 0.35 * x_height


def _joined_marks_read(parts: list[tuple[int, ...]], glyphs: Sequence[Glyph], baseline: float,
                       x_height: float) -> bool:
    """A capital's long mark or caron that a blurred or low-resolution scan joined to its letter leaves no
    separate stroke to count; its letter then stands taller than the line's other capitals and ascenders.
    Such a letter must be read with a mark ("Ābele", not "Abele")."""
    tall = [p for p in parts if abs(p[1] + p[3] - baseline) <= 2 and p[3] >= 1.25 * x_height]
    if len(tall) == 1 and tall[0][3] >= LONE_CAPITAL_WITH_MARK * x_height:
        # No other capital or ascender to compare with ("Ivars"): a capital is 1.33–1.48 x-heights tall in
        # the forms' fonts (font metrics); "Īvars" in Liberation Serif, its bar joined to the serif, measured
        # 1.59 (27 px over 17) and was read "Ivars" (tuning form 105)
        over = [g for g in glyphs if overlap(g.box[0], g.box[2], tall[0][0], tall[0][0] + tall[0][2]) > 0.3 * tall[0][2]]
        return not (any(g.text in "AEIUCSZG" for g in over) and not any(g.text in STROKES_ABOVE for g in over))
    if len(tall) < 2:
        return True
    usual = float(np.median([p[1] for p in tall]))
    for p in tall:
        if p[1] >= usual - 0.2 * x_height:  # ascenders stand 0.05 x-height above capitals; a bar 0.3
            continue
        over = [g for g in glyphs if overlap(g.box[0], g.box[2], p[0], p[0] + p[2]) > 0.3 * p[2]]
        if any(g.text in "AEIUCSZG" for g in over) and not any(g.text in STROKES_ABOVE for g in over):
            return False
    return True


def _l_commas_read(parts: list[tuple[int, ...]], glyphs: Sequence[Glyph], baseline: float,
                   x_height: float) -> bool:
    """An "ļ" whose comma a scan joined to its stem is one narrow stroke from the ascenders' height to below
    the baseline, and one whose comma stands apart is such a stem on the baseline with a comma under it; the
    reading must have as many "ļ" as the ink shows such strokes ("Ērgļi" read "Ērgli", both Latvian words,
    silent on tuning forms 455 and 458: 5 px wide, 31 tall, 0.26 x-height below the line at
    an x-height of 19; on 1787, Liberation Serif at 200 dpi: 6 px at an x-height of 17, 0.35). Brackets and
    slashes are as narrow and reach as low: with one read, nothing is said. A "J" that descends (DejaVu Sans
    Condensed: 0.38–0.40 wide) or a "j" whose dot the blur joined is not counted."""
    text = "".join(g.text for g in glyphs)
    if any(c in text for c in "()[]{}/|\\"):
        return True
    js = [g.box for g in glyphs if g.text in "Jj"]
    # narrow strokes rising to the ascenders' height: an "l"'s stem, not under a "J"
    rising = [p for p in parts if p[2] <= JOINED_COMMA_WIDTH * x_height and p[1] <= baseline - 1.2 * x_height
              and not any(overlap(b[0], b[2], p[0], p[0] + p[2]) > 0.5 * p[2] for b in js)]
    joined = [p for p in rising if p[3] >= 1.5 * x_height and p[1] + p[3] >= baseline + 0.2 * x_height]
    # An "l" with its comma apart, right under its stem, counts too, whatever letter the model's boxes put
    # there: in "Ērgli – Šauļi" (tuning form 1987, 300 dpi) the boxes stood a letter off, the comma under
    # "Šauļi"'s "ļ" fell in the box of its "i", and the comma under "Ērgli"'s "l" was taken for that "ļ"'s.
    below = [p for p in parts if baseline - 0.1 * x_height <= p[1] <= baseline + 0.4 * x_height
             and p[3] <= 0.6 * x_height and p[4] >= 3]
    apart = [p for p in rising if p[3] >= 1.2 * x_height and abs(p[1] + p[3] - baseline) <= 0.15 * x_height
             and any(overlap(c[0], c[0] + c[2], p[0], p[0] + p[2]) > 0 for c in below)]
    # A capital "Ļ" explains such a stroke only where its box lies over it: its comma is not an "l"'s ("Ērgļi –
    # Ļaudona" read "Ērgli – Ļaudona" at 0.92, ghost tuning form 100031: the "Ļ"'s foot joins its stem, the
    # comma under "Ērgļi"'s "l" was counted for it)
    capitals = [g.box for g in glyphs if g.text == "Ļ"]
    strokes = joined + apart
    explained = sum(any(overlap(b[0], b[2], p[0], p[0] + p[2]) > 0 for p in strokes) for b in capitals)
    return len(strokes) <= text.count("ļ") + explained


def _on_letter(part: tuple[int, ...], letters: list[tuple[int, ...]]) -> bool:
    """A mark stands over or under a letter's ink; a speck beside a dash or in a gap between words does
    not ("Ērgļi – Ķegums" with a speck under its dash)."""
    return any(p[5] != part[5] and overlap(p[0], p[0] + p[2], part[0], part[0] + part[2]) > 0 for p in letters)


def _wide(part: tuple[int, ...], x_height: float) -> bool:
    """A bar or a wedge (ā, č), not a dot: wider than tall."""
    return part[2] >= 1.2 * part[3] and part[2] >= 0.25 * x_height


def _under_letter(part: tuple[int, ...], glyphs: Sequence[Glyph], letters: set[str]) -> bool:
    """True when the stroke lies over (or under) a letter of `letters`: inside its box, or nearest by
    centre to it; or when no character was read at all."""
    if not glyphs:
        return True
    centre = part[0] + part[2] / 2
    for g in glyphs:  # inside a letter's box, or within half its width of it (the boxes are often off)
        half = (g.box[2] - g.box[0]) / 2
        if g.text in letters and g.box[0] - half <= centre <= g.box[2] + half:
            return True
    nearest = min(glyphs, key=lambda g: abs((g.box[0] + g.box[2]) / 2 - centre))
    return nearest.text in letters


def line_metrics(parts: list[tuple[int, ...]]) -> tuple[float, float] | None:
    """(baseline y, x-height) of one line of writing: the most common bottom of the letter-sized strokes,
    and the lowest top that a fifth of those standing on it share (the x-height letters)."""
    if not parts:
        return None
    tallest = max(p[3] for p in parts)
    letters = [p for p in parts if p[3] >= 0.35 * tallest and p[4] >= 10]
    if len(letters) < 2:
        return None
    baseline = _mode([p[1] + p[3] for p in letters])
    standing = [p[1] for p in letters if abs(p[1] + p[3] - baseline) <= 2]
    if not standing:
        return None
    # the lowest tops shared by a fifth of the letters: x-height letters, even where digits and capitals
    # outnumber them ("Rīgas iela 18-2, Cēsis, LV-4101")
    need = max(2, len(standing) // 5)
    x_top = next((v for v in sorted(standing, reverse=True) if sum(abs(w - v) <= 1 for w in standing) >= need),
                 _mode(standing))
    x_height = baseline - x_top
    return (float(baseline), float(x_height)) if x_height >= 4 else None


def measured_line(pixels: np.ndarray) -> tuple[np.ndarray, list[tuple[int, ...]], float, float] | None:
    """A line's ink parts (`ink_parts`: the label image and each part) with its baseline and x-height
    (`line_metrics`); None where no line of letters can be measured."""
    labels, parts = ink_parts(pixels)
    metrics = line_metrics(parts)
    return None if metrics is None else (labels, parts, *metrics)


def _mode(values: list[int]) -> int:
    """The value with the most others within ±1 pixel of it (ties: the larger, i.e. lower on the page)."""
    return max(values, key=lambda v: (sum(abs(w - v) <= 1 for w in values), v))
