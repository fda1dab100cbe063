"""The checks of a number zone (a date, a time, hours, an amount, a personal code, a phone number): the
separators read against the ink, the digits against their shapes."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parser import digits, image, ocr
from parser.lines import slivers, word_gaps
from parser.zone.base import COLON_UNSEEN, NUMERIC

if TYPE_CHECKING:
    from parser.zone.base import Zone


def cleaned(z: Zone, raw: str, cap: float) -> tuple[str | None, float]:
    """(the reading with dust and lost separators dealt with as the field's shape allows, the most it may
    be trusted)."""
    if z.type == "date" and re.fullmatch(r"\d{1,2}[.:]\d{1,2}[.:]\d{4}", raw):
        raw = raw.replace(":", ".")  # a date's dot with dust above it reads ":" ("26.02:2024"); digits decide
    if z.type == "time" and re.fullmatch(r"\d{1,2}[.:]\d{2}", raw):
        raw = raw.replace(".", ":")  # a colon whose upper dot the copy lost reads "." ("11.45")
    if z.type == "time" and (bare := re.fullmatch(r"(\d{1,2}) ?(\d{2})", raw)):
        # Both dots of the colon lost ("9 00", "0715" for "9:00", "07:15": at 200 dpi a dot is 2 px and the
        # copier's blur took it; ImageMagick route, tuning forms 100043, 100007). A time's last two digits
        # are its minutes; the colon unseen, not among the readings at 0.9 and above.
        raw, cap = f"{bare.group(1)}:{bare.group(2)}", min(cap, COLON_UNSEEN)
    if z.type == "phone":
        raw = raw.strip(".,;:'|") or None  # dust beside the digits ("+371 28225587.")
    if z.type == "personal_code":
        raw = raw.strip(":;.,'|- ")  # a label's colon or a border's remains beside the digits
        raw = raw.replace(" ", "")  # a space read in a gap ("200960- 11765", ghost tuning form 101118): no ink
        if re.fullmatch(r"\d{6}-?[\d.]{5,6}", raw) and raw.count(".") == 1:
            raw = raw.replace(".", "")  # a speck among the digits ("270799-1.7225"); the check digit decides
    return raw, cap


def doubted(z: Zone, raw: str, value: str | None, line: ocr.OcrLine) -> bool:
    """Whether the ink says otherwise than the reading: spaces, a "7" read "1", a border's remains, a lone
    wide digit where the ink is a stroke, a decimal comma."""
    if z.type == "phone" and raw.count(" ") != word_gaps(z.pixels) \
            and not re.fullmatch(r"\+371 \d{8}", value or ""):
        return True  # the spaces read are not the spaces seen (a Latvian number's spaces carry nothing)
    if z.type in NUMERIC and digits.seven_read_as_one(z.pixels, line.glyphs):
        return True  # a "1" read where the ink's top is a "7"'s bar
    if z.type in NUMERIC and digits.loops_unread(z.pixels, raw):
        return True  # a loop in the ink inside a digit read without one ("9" read "3")
    if z.type in NUMERIC and slivers(z.pixels):
        return True  # a border's remains beside the digits may have been read as a "1"
    if z.type in ("number", "money") and raw.isdigit() and len(raw) == 1 \
            and not image.lone_digit_fits(z.pixels, raw):
        return True  # a wide digit read where the ink is a narrow stroke: a "1"
    if z.type in ("number", "money") and sum(not c.isdigit() for c in raw) != image.separators(z.pixels):
        return True  # a decimal comma the ink shows and the reading lost ("7,5" read "75"), or the reverse
    return False
