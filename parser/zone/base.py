"""A text zone of a scan and what every reading rule shares: the field's kind, the resolution, the shapes."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np

NAME = re.compile(  # letters, with one space, hyphen or apostrophe between parts
    r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


@dataclass
class Zone:
    name: str
    type: str
    page: int
    box: tuple[float, float, float, float]
    pixels: np.ndarray  # black on white, padded, ready for Tesseract
    edges: frozenset[str] = frozenset()  # "right": the writing reaches the box's right border
    dpi: float = 300.0  # the resolution the page was scanned at
    grey: np.ndarray | None = None  # the grey page under `pixels` (same shape), for marks too faint for them


def is_name(field: str) -> bool:
    """Whether a form field holds a person's given name or surname (no word list checks those)."""
    return field.endswith(("given_name", "surname"))


def plain(text: str) -> str:
    """Text without spaces and marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c) and not c.isspace())


LOW_DPI = 250  # a scan below this resolution …
LOW_DPI_SURE = 0.9  # … keeps an address or number reading only at this confidence or above,
LOW_DPI_TEXT_SURE = 0.93  # … and a name, place or street address only at this: the silent errors on 200-dpi
# scans of the independent tuning set were read at 0.90–0.92 ("Ņikta" for "Ņikita", "Štems" for "Šteins",
# "Jutēviča" for "Jurēviča", "Ērgli" for "Ērgļi", "Ābeļis" for "Ābelis"; forms 3696–3935, ghost 100222–100437).
# The price, on the 200-dpi scans of tuning forms 3840–3935 and ghost 100366–100437: 96 right readings more
# in review, against the 2 wrong ones caught there; review is a clerk's minute, a silent error is a letter.
LOW_DPI_DATE_CHECK = 0.85  # … and a date only where its 3/4-size copy (150 dpi) is this sure too: nothing on a
# form adds a date up, and two digits run together read as one sure shape at full size alone ("09.04.2024"
# read "08.04.2024" at 0.95, at 0.78–0.80 at 3/4, 1.5×, 2× and 3×; the "9"'s tail touches the "0": ghost
# tuning form 101327). The price on 200-dpi tuning forms 7192–7431 and ghost 101458–101697: 7 of 627 right
# dates kept at 0.9 and above go to review.
COLON_UNSEEN = 0.85  # a time read without its colon: its digits alone
WORD_LIST_SURE = 0.85  # a word put right by the word list (`parser.wordfix`): sure enough to keep, not among
# the readings at 0.9 and above
AGREED, AGREED_LEAST, AGREED_SURER = 0.85, 0.5, 0.6  # a number read alike at two sizes, each this sure
# at least and one as sure as the third: this sure
NUMERIC = {"date", "time", "number", "money", "personal_code", "month", "phone"}
STRAYS_OUTSIDE = {"date", "time", "number", "money", "personal_code", "month"}  # no mark before or after


def sizes_agree(one: float, two: float) -> bool:
    """Whether two readings of a number alike at two sizes, at confidences `one` and `two`, confirm each other
    (each at least AGREED_LEAST, one at least AGREED_SURER): then the number is AGREED sure."""
    return min(one, two) >= AGREED_LEAST and max(one, two) >= AGREED_SURER


# a word that is only a dash (the model splits a long one in two, "—-"): the route convention decides it
DASHES = {a + b for a in "-–—" for b in ("", "-", "–", "—")}


EMAIL_TAIL = ".,;:_-"
EMAIL_DUST = ".,;:-'"  # read before an address's first letter or after its last: dust ("-ceslavs…", tuning 354)
EDGE_DUST = ".,:;'\"„”|!`´-"
ENG_FOLD = str.maketrans("50", "so")  # `eng`'s side of address.LAV_FOLD


def smaller(pixels: np.ndarray) -> np.ndarray:
    """The zone at 3/4 size, thresholded again: the second reading's image."""
    small = cv2.resize(pixels, None, fx=0.75, fy=0.75, interpolation=cv2.INTER_AREA)
    return cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]

