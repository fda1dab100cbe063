"""Scanned forms (pages that are images): align each page to the blank form by its four corner registration
squares, then read every field zone — checkboxes by their ink (OMR), text by Tesseract `lav` in single-line
mode with a character whitelist where the field's type allows — and flag every reading that is not sure.
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from parser import assemble, diacritics, image, ocr
from parser.catalog import SCAN_DPI, Catalog
from parser.errors import error
from parser.flattened import checkbox_reading
from parser.normalize import normalize
from parser.result import FieldReading, Issue, Limits, ParseResult, Source
from parser.textlayer import render_gray
from regulation import personal_code as pk

MIN_ALIGN_SCORE = 0.45  # correlation with the blank form below this: not this form
MIN_INK_PIXELS = 25  # fewer dark pixels inside a field (at 300 dpi): the field is empty
TEXT_INSET_PT = 0.5  # points to stay inside a text box's printed border
PAD = 12  # white pixels around a crop handed to Tesseract

# Characters each type can hold on the form: Tesseract then cannot read a "|" or "O" in a date.
# (E-mail addresses have no whitelist: the `lav` model has no "@" at all, so they come out unreadable and
# go to review.)
WHITELIST = {
    "date": "0123456789.-",
    "time": "0123456789:.",
    "number": "0123456789,.",
    "money": "0123456789,.",
    "personal_code": "0123456789-",
    "month": "0123456789.-",
    "phone": "0123456789+ ",
}

NAME = re.compile(  # letters, with one space, hyphen or apostrophe between parts
    r"[^\W\d_]+(?:[ '’-][^\W\d_]+)*")


@dataclass
class Zone:
    name: str
    type: str
    page: int
    box: tuple[float, float, float, float]
    pixels: np.ndarray  # black on white, padded, ready for Tesseract


def _scan_dpi(page: Any) -> float:
    """Render at the resolution the page's largest image was scanned at (150–400 dpi; 300 if unknown)."""
    width_pt = page.get_width()
    best = 0
    for obj in page.get_objects():
        if obj.type == 3:  # FPDF_PAGEOBJ_IMAGE
            w, _ = obj.get_px_size()
            best = max(best, w)
    dpi = best / width_pt * 72 if best else SCAN_DPI
    return float(min(max(dpi, 150), 400))


def parse(doc: Any, base: dict[str, Any], forms: Catalog, limits: Limits) -> ParseResult:
    scans = []
    for index in range(len(doc)):
        page = doc[index]
        dpi = _scan_dpi(page)
        if page.get_width() * page.get_height() * (dpi / 72) ** 2 > limits.max_image_pixels:
            raise error("too_large", base["file"], page=index, detail="page size")
        scans.append(render_gray(page, dpi))
        page.close()

    best = None
    for kind, definition in forms.definitions.items():
        blanks = forms.blank(kind)
        aligned = []
        for i, gray in enumerate(scans[: len(blanks)]):
            a = image.align(gray, blanks[i].gray, blanks[i].squares)
            aligned.append(a)
        scores = [a.score if a else 0.0 for a in aligned]
        score = sum(scores) / max(len(scores), 1)  # over the pages there are: a missing page is reported
        if best is None or score > best[0]:
            best = (score, definition, aligned)
    if best is None or best[0] < MIN_ALIGN_SCORE:
        return assemble.unknown(base, "scanned", _page_text(scans), forms)
    _, definition, aligned = best
    blanks = forms.blank(definition.kind)
    readings, issues = read_fields(definition, aligned, blanks)
    result = assemble.result(base, definition, "scanned", readings)
    if issues:  # page-level: a page missing or not aligned (errors), the version mark not confirmed
        errors = any(i.severity == "error" for i in issues)
        result = result.model_copy(update={"issues": issues + result.issues, "needs_review": True,
                                           "record": None if errors else result.record})
    return result


def read_fields(definition: Any, aligned: list[image.Alignment | None], blanks: list[Any]) \
        -> tuple[dict[str, FieldReading], list[Issue]]:
    height = definition.page_size[1]
    readings: dict[str, FieldReading] = {}
    issues: list[Issue] = []
    zones: list[Zone] = []
    for i, a in enumerate(aligned):
        if a is None:
            issues.append(Issue(
                field=None, severity="error", code="unreadable", page=i,
                message_lv=f"{i + 1}. lapā neatrada četrus stūru reģistrācijas kvadrātus — skenējiet lapu vēlreiz "
                           "visu (ar malām) vai ievadiet datus ar roku",
                message_en=f"page {i + 1}: the four corner registration squares were not found — scan the whole "
                           "page again (with its margins) or enter the data by hand"))
    missing_pages = {i for i in range(len(blanks)) if i >= len(aligned) or aligned[i] is None}
    for i in sorted(missing_pages):
        if i >= len(aligned):
            issues.append(Issue(
                field=None, severity="error", code="missing", page=i,
                message_lv=f"trūkst veidlapas {i + 1}. lapas — skenējiet visas lapas",
                message_en=f"page {i + 1} of the form is missing — scan all pages"))

    thresholds = {i: page_threshold(a.image) for i, a in enumerate(aligned) if a is not None}
    for f in definition.fields:
        box = tuple(f.rect)
        if f.page in missing_pages:
            continue
        page = aligned[f.page].image
        threshold = thresholds[f.page]
        source = Source(page=f.page, box=box, method="omr" if f.type == "checkbox" else "ocr")
        if f.type == "checkbox":
            inset = min(box[2] - box[0], box[3] - box[1]) / 5
            zone = image.crop(page, box, height, SCAN_DPI, inset=inset)
            readings[f.name] = checkbox_reading(image.ink_share(zone, threshold), source)
            continue
        pixels = _text_zone(page, box, height, threshold)
        if pixels is None:
            readings[f.name] = FieldReading(value=None, raw=None, confidence=0.97, source=source)
            continue
        zones.append(Zone(f.name, f.type, f.page, box, pixels))

    # The version mark on each page is read in the same call as the text fields: a scan of another
    # edition of the form is not read as this one.
    marks: dict[int, Zone] = {}
    for i, a in enumerate(aligned):
        box = blanks[i].mark_box if i < len(blanks) else None
        if a is None or box is None:
            continue
        box = (box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2)
        pixels = _text_zone(a.image, box, height, thresholds[i], inset=0.0)
        marks[i] = Zone(f"(versija {i + 1})", "text", i, box, pixels if pixels is not None else np.full((20, 20), 255, np.uint8))

    groups: dict[str | None, list[Zone]] = {}
    fields = {f.name: f for f in definition.fields}
    for z in zones:
        # Our own whitelists: the form's text whitelist lacks ":" and quotes that places do hold.
        wl = WHITELIST.get(z.type)
        groups.setdefault(_group_key(wl), []).append(z)
    groups.setdefault(None, []).extend(marks.values())
    mark_text: dict[int, str] = {}
    for key, group in groups.items():
        # Every zone is read twice in the same Tesseract call, the second time at 3/4 size: a reading the
        # two do not agree on is a guess (this catches confident misreads such as a diacritic from dust).
        images = [z.pixels for z in group] + [_smaller(z.pixels) for z in group if z.name in fields]
        lines = ocr.read_lines(images, whitelist=key)
        second = iter(lines[len(group):])
        for z, line in zip(group, lines):
            if z.name in fields:
                readings[z.name] = _reading(z, line, next(second))
            else:
                mark_text[z.page] = line.text

    for i, text in mark_text.items():
        if definition.version.replace(" ", "") not in text.replace(" ", ""):
            issues.append(Issue(
                field=None, severity="warning", code="uncertain", page=i,
                message_lv=f"{i + 1}. lapas versijas atzīmi nevarēja apstiprināt (nolasīts «{text}», gaidīts "
                           f"«{definition.version}») — pārbaudiet, vai veidlapa ir pareizā versija",
                message_en=f"page {i + 1}: the version mark could not be confirmed (read '{text}', expected "
                           f"'{definition.version}') — check the form is the right edition"))
    return readings, issues


def _group_key(whitelist: str | None) -> str | None:
    """Numeric fields share one Tesseract call with the union of digit whitelists (fewer model loads)."""
    if whitelist and set(whitelist) <= set("0123456789.,:-+ "):
        return "0123456789.,:-+ "
    return whitelist


def _text_zone(page: np.ndarray, box: tuple[float, float, float, float], height: float, threshold: int,
               inset: float = TEXT_INSET_PT) -> np.ndarray | None:
    """The field's writing as black on white (borders and dust painted white, trimmed, thresholded by Otsu
    on the writing alone), or None when the field is empty."""
    gray = image.crop(page, box, height, SCAN_DPI, inset=inset)
    if gray.size == 0:
        return None
    ink = image.binarize_fixed(gray, threshold)
    kept = image.drop_specks(np.where(image.clear_border_strokes(image.remove_lines(ink)) > 0, 0, 255).astype(np.uint8))
    bounds = image.ink_bounds((kept < 128).astype(np.uint8) * 255, MIN_INK_PIXELS)
    if bounds is None:
        return None
    x0, y0, x1, y1 = bounds
    cleaned = np.where((ink > 0) & (kept >= 128), 255, gray)[y0:y1, x0:x1]
    # Otsu on the trimmed writing alone (measured: "1,5" read right at 96 % where the grey crop gave "5" at 0 %)
    _, cleaned = cv2.threshold(cleaned.astype(np.uint8), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return cv2.copyMakeBorder(cleaned, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)


def page_threshold(page: np.ndarray) -> int:
    """The ink/paper threshold of a whole aligned page (Otsu over the printed form): faint copies get a
    higher one. Kept between 100 and 220 so that a blank page does not turn its grain into ink."""
    value, _ = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return int(min(max(value, 100), 220))


def typography(text: str) -> tuple[str, bool]:
    """Latvian typography the `lav` model cannot write: a closing quote after „ is ”, and a hyphen between
    spaces is a dash (domuzīme) "–". Returns the text and whether some character is still a guess.

    >>> typography('koris „Dziesmu vītols"')
    ('koris „Dziesmu vītols”', False)
    >>> typography('Rīga - Ogre'), typography('SIA "Koka rotas"')[1]
    (('Rīga – Ogre', True), True)
    >>> typography("veikals „Elvi'")
    ('veikals „Elvi”', True)
    """
    out, opened = [], False
    for ch in text:
        if ch == "„":
            opened = True
        elif ch in "\"'" and opened:  # lav has no ” and writes " or ' for it
            ch, opened = "”", False
        out.append(ch)
    fixed = "".join(out)
    guessed = '"' in fixed or "'" in text or " - " in fixed
    return fixed.replace(" - ", " – "), guessed


def word_gaps(pixels: np.ndarray) -> int:
    """Blank column runs wider than 0.6 × the writing's height: spaces between digit groups (a phone
    number's "+371 2…"), which Tesseract sometimes drops under a whitelist."""
    ink = pixels[PAD:-PAD, PAD:-PAD] < 128
    if not ink.any():
        return 0
    rows = np.flatnonzero(ink.any(axis=1))
    height = rows[-1] - rows[0] + 1
    blank = ~ink.any(axis=0)
    gaps, run = 0, 0
    for empty in blank:
        if empty:
            run += 1
        else:
            gaps += run >= 0.6 * height
            run = 0
    return int(gaps)


NUMERIC = {"date", "time", "number", "money", "personal_code", "month", "phone"}


def slivers(pixels: np.ndarray) -> int:
    """Hair-thin upright strokes as tall as the writing: what is left of a box border, which Tesseract
    reads as a "1" ("|15,91" → "115,91"). No digit is that thin: even a "1" has its flag and foot.

    >>> zone = np.full((60, 120), 255, np.uint8)
    >>> zone[15:45, 40:60] = 0; zone[15:45, 70:90] = 0      # two digits
    >>> slivers(zone)
    0
    >>> zone[20:44, 20:22] = 0                             # a border's remains
    >>> slivers(zone)
    1
    """
    ink = (pixels < 128).astype(np.uint8)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    if count <= 1:
        return 0
    tallest = max(int(stats[i, cv2.CC_STAT_HEIGHT]) for i in range(1, count))
    return sum(1 for i in range(1, count)
               if stats[i, cv2.CC_STAT_HEIGHT] >= 0.5 * tallest
               and stats[i, cv2.CC_STAT_WIDTH] <= max(2, 0.15 * stats[i, cv2.CC_STAT_HEIGHT]))


def _smaller(pixels: np.ndarray) -> np.ndarray:
    small = cv2.resize(pixels, None, fx=0.75, fy=0.75, interpolation=cv2.INTER_AREA)
    return cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


def _reading(z: Zone, line: ocr.OcrLine, check: ocr.OcrLine | None = None) -> FieldReading:
    source = Source(page=z.page, box=z.box, method="ocr")
    raw = line.text or None
    guessed = False
    if check is not None and " ".join(check.text.split()) != " ".join((raw or "").split()):
        guessed = True  # the second reading differs
    if raw and z.type == "text" and not diacritics.marks_confirmed(z.pixels, line.glyphs):
        guessed = True  # a mark (ā, š, ņ …) read that the ink does not show, or ink above/below not read
    if raw and z.type == "text":
        raw, typo_guess = typography(raw)
        guessed = guessed or typo_guess
        if raw[0] in "ijl" or (z.name.endswith(("given_name", "surname")) and not raw[0].isupper()):
            # lav confuses I/i/l and J/j at the start of a line; a name begins with a capital
            guessed = True
        if z.name.endswith(("given_name", "surname")) and not NAME.fullmatch(raw):
            guessed = True  # a name is letters, spaces and hyphens: a ":" or "|" is dust or a border
    if raw and z.type == "personal_code":
        raw = raw.strip(":;.,'|- ")  # a label's colon or a border's remains beside the digits
    value = normalize(z.type, raw) if raw else None
    confidence = line.confidence if value is not None else min(line.confidence, 0.2)
    if raw and z.type == "phone" and raw.count(" ") != word_gaps(z.pixels):
        guessed = True  # the spaces read are not the spaces seen
    if raw and z.type in NUMERIC and slivers(z.pixels):
        guessed = True  # a border's remains beside the digits may have been read as a "1"
    if guessed:  # '"' may have been “ or ", and " - " a hyphen: the model cannot tell
        confidence = min(confidence, 0.6)
    if value is not None and z.type == "personal_code" and not value.startswith("32") and pk.check(value).valid:
        # The check digit catches every single misread digit: an old-format code that passes it is sound.
        confidence = max(confidence, 0.85)
    if raw is None:  # ink but no characters: a scribble or a stain
        confidence = 0.0
    return FieldReading(value=value, raw=raw, confidence=round(confidence, 3), source=source)


def _page_text(scans: list[np.ndarray]) -> str:
    """The text of pages that are no known form (full-page OCR, only for documents set aside as unknown)."""
    texts = []
    with tempfile.TemporaryDirectory(prefix="asistents-ocr-") as tmp:
        for i, gray in enumerate(scans):
            name = os.path.join(tmp, f"{i}.png")
            cv2.imwrite(name, gray)
            done = subprocess.run(["tesseract", name, "stdout", "-l", "lav", "--psm", "3"], capture_output=True,
                                  env={**os.environ, "OMP_THREAD_LIMIT": "1"}, timeout=120, check=False)
            texts.append(done.stdout.decode("utf-8", errors="replace").strip())
    return "\n\n".join(t for t in texts if t)
