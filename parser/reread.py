"""Numbers read again, larger, where the first reading lost something the ink shows; e-mail addresses `eng`
read two ways at its two sizes, read again larger (`emails`).

At 8 pt a decimal comma is a few pixels and a lone digit a small island: the model drops the comma ("2,5"
read "25" at both sizes), reads a lone "3" as nothing, or a lone "4" at 0.6. Enlarged, it reads them
(independent tuning set: "2,5", "4,5" right at 1.5×; "3" read "" at 1× and "3" at 1.5×; lone "4" and "1"
read at 0.95 at 2× where they were at 0.6–0.7; in one-word mode at 0.5–0.9). At most two more Tesseract
calls, only for the zones that need them.
A larger reading replaces the first only where the ink or another reading backs it; otherwise the field
stays as read, a guess (`parser.zone`).
"""
from __future__ import annotations

import dataclasses

import cv2
import numpy as np

from parser import assemble, digits, image, ocr
from parser.normalize import normalize
from parser.result import FieldReading
from parser.zone import Zone, reading
from parser.zone.agree import agree
from parser.zone.base import EMAIL_DUST, LOW_DPI, is_name, sizes_agree

ALONE_AT_MOST = 0.85  # a reading only the larger copy backs: not among the readings at 0.9 and above
IN_DOUBT = 0.6  # … and on a page scanned below LOW_DPI: the likelier value, still for a person to check
NUMBERS = ("number", "money")
SHAPED = ("date", "time")  # read again only when what was read is no date or time ("06.91.2024")


def at_most(z: Zone) -> float:
    """How sure a text or an address read again larger can be: enlarging a page scanned below 250 dpi adds
    no pixels, and there both models read "sarlote" as "sarigte" at 1.5× and 2× (tuning form 1142)."""
    return ALONE_AT_MOST if z.dpi >= LOW_DPI else IN_DOUBT


def numbers(zones: list[Zone], first: dict[str, ocr.OcrLine], second: dict[str, ocr.OcrLine], *,
            whitelist: str) -> None:
    """Replace, in `first` (and `second`, the 3/4-size readings), the readings of number zones that
    (a) have fewer separators than the ink shows, or read as nothing or as no number ("5,5" read ",5"), or
        are dates or times read as none ("06.01.2024" read "06.91.2024", tuning form 111):
        read at 1.5× in line mode, and what that does not read at 2×; taken when it has exactly the ink's
        separators and either the first's digits or, where the first read no number, the 3/4-size
        reading's value (else at most 0.85);
    (b) are one lone digit read below the review threshold at both sizes: read at 2× in line mode; taken,
        at most 0.85, when it reads the same digit at the review threshold or above, or as `_agreed`;
    (c) read a value the 3/4-size reading does not agree with ("10.07.2020" beside "19.07.2020", tuning
        form 291; a phone number "29063708" beside "29963708", ghost tuning form 101092): read at 1.5× and
        2×; where both give the first reading's value, three readings outvote the smallest copy and the
        first stands, at most 0.85.
    (d) read a "1" where the ink's top is a "7"'s bar (`digits.seven_read_as_one`: "4,75" read "4,15" at both
        sizes, tuning forms 5227, 5243): read at 1.5× and 2×; where both read "7" there and nothing else
        otherwise, they are the reading, at most 0.85 (below 250 dpi still in doubt, `parser.zone`).
    """
    lost = [z for z in zones if z.name in first and (
        (z.type in NUMBERS and _lost(z, first[z.name]))
        or (z.type in SHAPED and first[z.name].text and normalize(z.type, first[z.name].text) is None))]
    alone = [z for z in zones if z.type in NUMBERS and z.name in first and z not in lost
             and _unsure_lone_digit(z, first[z.name], second.get(z.name))]
    split = [z for z in zones if z.type in NUMBERS + SHAPED + ("phone",) and z.name in first and z.name in second
             and z not in lost and z not in alone and normalize(z.type, first[z.name].text) is not None
             and not agree(z, first[z.name].text, second[z.name].text)]
    taken = {z.name for z in lost + alone + split}
    sevens = [z for z in zones if z.type in NUMBERS + SHAPED and z.name in first and "1" in first[z.name].text
              and z.name not in taken and digits.seven_read_as_one(z.pixels, first[z.name].glyphs)]
    # One Tesseract call for both sizes (a call's start costs as much as reading a dozen zones): 1.5× for
    # what was lost and what is disputed, 2× for what 1.5× may not read ("4,5" read "45" at 1×, 3/4 and
    # 1.5×), lone digits and the disputed again. A 2× reading of what 1.5× read is not used.
    mids, bigs = lost + split + sevens, lost + alone + split + sevens
    both = _read(mids + bigs, (1.5,) * len(mids) + (2.0,) * len(bigs), 7, whitelist)
    mid, larger = both[:len(mids)], both[len(mids):]
    mid_split = mid[len(lost):]
    for z, line, big in zip(lost, mid, larger):
        if not _take_lost(z, line, first, second):
            _take_lost(z, big, first, second)
    for z, line in zip(alone, larger[len(lost):]):
        agreed = _agreed(z, first[z.name], line)
        if line.text == first[z.name].text and (line.confidence >= assemble.UNCERTAIN_BELOW or agreed):
            first[z.name] = dataclasses.replace(line, confidence=ALONE_AT_MOST if agreed
                                                else min(line.confidence, ALONE_AT_MOST))
            if z.name in second and not second[z.name].text:
                del second[z.name]  # the smaller copy read nothing: no reading against it
    for z, one, two in zip(sevens, mid[len(lost) + len(split):], larger[len(lost) + len(alone) + len(split):]):
        if one.text == two.text and _sevens_for_ones(first[z.name].text, one.text):
            first[z.name] = dataclasses.replace(one, confidence=min(one.confidence, two.confidence, ALONE_AT_MOST))
            second[z.name] = first[z.name]  # the smaller copy read the "1" too: the ink and two larger outvote it
    for z, one, two in zip(split, mid_split, larger[len(lost) + len(alone):]):
        value = normalize(z.type, first[z.name].text)
        if normalize(z.type, one.text) == value == normalize(z.type, two.text):
            first[z.name] = dataclasses.replace(first[z.name], confidence=min(first[z.name].confidence,
                                                                              ALONE_AT_MOST))
            second[z.name] = first[z.name]  # outvoted: the smaller copy's reading no longer stands against it


def emails(zones: list[Zone], first: dict[str, ocr.OcrLine], second: dict[str, ocr.OcrLine],
           third: dict[str, ocr.OcrLine], *, whitelist: str) -> set[str]:
    """E-mail addresses in doubt that `eng` read differently at its two sizes ("hikita.abelis2@apollo.lv"
    and "…@apollo.tv", `lav` "nikita.abelis2Bapollo.lv"): read again by `eng` at 1.5× and 2× in line mode.
    Where the two larger readings are alike and `lav` agrees with them letter for letter, they replace
    `eng`'s (`first`, `third`) and the zone's name is returned: its confidence is then at most 0.85.
    Independent tuning forms 152, 160, 220, 334, 354: the larger readings were right where the first
    were not. An address `eng` read alike at both sizes is left as it is: at 1.5× `eng` once agreed with a
    letter `lav` had added ("vija.udrel15" for "vija.udre15", tuning form 324).
    """
    doubtful = [z for z in zones if z.type == "email" and z.name in first and z.name in second
                and z.name in third and first[z.name].text.strip(EMAIL_DUST)
                != third[z.name].text.strip(EMAIL_DUST)
                and reading(z, first[z.name], second[z.name], third[z.name]).confidence
                < assemble.UNCERTAIN_BELOW]
    lines = _read([z for z in doubtful for _ in (0, 1)], (1.5, 2.0) * len(doubtful), 7, whitelist, "eng")
    taken = set()
    for z, mid, large in zip(doubtful, lines[::2], lines[1::2]):
        text = mid.text.strip(EMAIL_DUST)
        if text and text == large.text.strip(EMAIL_DUST) \
                and agree(z, text, second[z.name].text, folded=True):
            first[z.name], third[z.name] = mid, large
            taken.add(z.name)
    return taken


CAPITAL_COMMAS = {"L": "Ļ", "K": "Ķ", "N": "Ņ", "G": "Ģ"}


def _capital_comma_only(first: str, smaller: str) -> bool:
    """Whether the 3/4-size reading differs from the first only by a capital's comma ("Laksa" / "Ļaksa")."""
    pairs = [(a, b) for a, b in zip(first, smaller) if a != b]
    return len(first) == len(smaller) and bool(pairs) and all(CAPITAL_COMMAS.get(a) == b for a, b in pairs)


def texts(doubtful: list[Zone], first: dict[str, ocr.OcrLine], second: dict[str, ocr.OcrLine]) \
        -> dict[str, FieldReading]:
    """Text zones whose reading is in doubt (`doubtful`, as `parser.zone.reading` found them), read again at
    1.5× and 2× in line mode. Where the two larger readings are alike and pass every check the first must
    pass (`parser.zone.reading` on the 1.5× image: the marks in the ink, the Latvian word list, the shape of
    a place), they are the field's reading, at most 0.85. Otherwise the first reading stays, in doubt.
    Names are not read again: no word list checks them, and the larger copies can repeat a misreading the
    smaller one did not make ("Ūdre" read "Ūdie" at 1×, 1.5× and 2×, "Ūdre" at 3/4; tuning form 379). A
    person known by personal code has the register's spelling (`parser.crosscheck`) — except where the first
    reading lacks only a capital's comma the 3/4-size copy reads ("Laksa" at 0.15 beside "Ļaksa" at 0.91,
    tuning form 1285; "Kirša"/"Ķirša", 1306): then both larger readings must read the smaller copy's name.
    At 8 pt a capital's comma ("Ķekava" read "Kekava") or a word the smaller copy misreads sends a form to
    review; enlarged, the model reads what a person sees (independent tuning forms 288–383).
    """
    names = {z.name: second[z.name].text for z in doubtful if is_name(z.name) and z.name in first
             and z.name in second and _capital_comma_only(first[z.name].text, second[z.name].text)}
    doubtful = [z for z in doubtful if z.type == "text" and (z.name in names or not is_name(z.name))]
    if not doubtful:
        return {}
    images = [_enlarged(z.pixels, f) for z in doubtful for f in (1.5, 2.0)]
    lines = ocr.read_lines(images, psm=7, lang="lav")
    out = {}
    for i, z in enumerate(doubtful):
        one, two = lines[2 * i], lines[2 * i + 1]
        if not one.text.strip() or " ".join(one.text.split()) != " ".join(two.text.split()):
            continue
        if z.name in names and one.text != names[z.name]:
            continue
        larger = _larger(z, images[2 * i])
        r = reading(larger, one, one)
        if r.value is not None and r.confidence >= assemble.UNCERTAIN_BELOW:
            out[z.name] = r.model_copy(update={"confidence": min(r.confidence, at_most(z))})
    return out


def _larger(z: Zone, pixels: np.ndarray) -> Zone:
    """`z` with its enlarged `pixels`, and its grey enlarged to the same size: the checks that look at the
    grey (`parser.faint`) judge the larger reading as they judged the first."""
    grey = None if z.grey is None else cv2.resize(z.grey, (pixels.shape[1], pixels.shape[0]),
                                                    interpolation=cv2.INTER_CUBIC)
    return dataclasses.replace(z, pixels=pixels, grey=grey)


def _enlarged(pixels: np.ndarray, scale: float) -> np.ndarray:
    big = cv2.resize(pixels, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    return cv2.threshold(big, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


def _read(zones: list[Zone], scale: float | tuple[float, ...], psm: int, whitelist: str,
          lang: str = "lav") -> list[ocr.OcrLine]:
    if not zones:
        return []
    scales = scale if isinstance(scale, tuple) else (scale,) * len(zones)
    images = [_enlarged(z.pixels, f) for z, f in zip(zones, scales)]
    lines = ocr.read_lines(images, whitelist=whitelist, psm=psm, lang=lang)
    lone = [i for i, z in enumerate(zones) if psm == 7 and z.type in NUMBERS and lone_mark(z.pixels)]
    # A lone digit enlarged is also read as one word, and the surer reading kept: in line mode the model
    # often finds no line in it (a Liberation Serif "1" at 8 pt read "" at 1.5× and 2× in line mode, "1" at
    # 0.86 and 0.93 as a word; tuning form 1875, three such rows sent a right timesheet to review), while
    # another lone "4" was surer in line mode (tuning form 31). Either is taken only as `numbers` says.
    for i, word in zip(lone, ocr.read_lines([images[i] for i in lone], whitelist=whitelist, psm=8, lang=lang)):
        lines[i] = max(lines[i], word, key=lambda line: (bool(line.text), line.confidence))
    return lines


def _lost(z: Zone, line: ocr.OcrLine) -> bool:
    return normalize(z.type, line.text) is None or _separators(line.text) < image.separators(z.pixels)


def _unsure_lone_digit(z: Zone, line: ocr.OcrLine, check: ocr.OcrLine | None) -> bool:
    best = max(line.confidence, check.confidence if check is not None and check.text == line.text else 0.0)
    return len(line.text) == 1 and line.text.isdigit() and best < assemble.UNCERTAIN_BELOW \
        and lone_mark(z.pixels)


def _agreed(z: Zone, one: ocr.OcrLine, two: ocr.OcrLine) -> bool:
    """Whether a lone digit's readings at 1× and 2× confirm each other as two sizes of a number do in
    `parser.zone.reading`: the same digit, each at least 0.5 sure and one at least 0.6, on a page scanned at
    250 dpi or more. A lone "1" read at 0.79 and 0.79 (the 3/4-size copy read nothing), another at 0.78 and
    0.74, sent right timesheets to review (ghost tuning form 100749)."""
    return z.dpi >= LOW_DPI and one.text == two.text and sizes_agree(one.confidence, two.confidence)


def _take_lost(z: Zone, line: ocr.OcrLine, first: dict[str, ocr.OcrLine], second: dict[str, ocr.OcrLine]) -> bool:
    """Whether the larger reading `line` replaced the first (see `numbers`)."""
    value = normalize(z.type, line.text)
    if value is None or _separators(line.text) != image.separators(z.pixels):
        return False
    before, check = first[z.name], second.get(z.name)
    if normalize(z.type, before.text) is not None and _digits(line.text) != _digits(before.text):
        return False  # the first read a number with other digits: two readings disagree, a person decides
    if check is None or normalize(z.type, check.text) != value:
        second.pop(z.name, None)  # the smaller copy lost what the first lost: the larger stands alone
        if normalize(z.type, before.text) is None:
            line = dataclasses.replace(line, confidence=min(line.confidence, ALONE_AT_MOST))
    first[z.name] = line
    return True


def _sevens_for_ones(first: str, larger: str) -> bool:
    """Whether `larger` is `first` with a "7" for one or more of its "1"s and nothing else changed.

    >>> _sevens_for_ones("4,15", "4,75"), _sevens_for_ones("4,15", "4,15"), _sevens_for_ones("4,15", "4,76")
    (True, False, False)
    """
    return len(first) == len(larger) and first != larger \
        and all(a == b or (a == "1" and b == "7") for a, b in zip(first, larger))


def _separators(text: str) -> int:
    return sum(not c.isdigit() and not c.isspace() for c in text)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def lone_mark(pixels: np.ndarray) -> bool:
    """Whether a zone (black on white) holds one mark of ink (of 8 pixels or more): a lone digit."""
    return sum(1 for p in image.ink_parts(pixels)[1] if p[4] >= 8) == 1
