"""Scanned forms (pages that are images): align each page to the blank form by its four corner registration
squares, then read every field zone — checkboxes by their ink (OMR), text by Tesseract `lav` in single-line
mode with a character whitelist where the field's type allows, e-mail addresses by `eng` (which has "@")
checked by `lav` — and flag every reading that is not sure.

Each text zone is cropped where its box really is (a local match against the blank form) and whatever the
blank form prints there (the box's border) is painted out first. A reading is a guess when the two sizes it
is read at disagree, when the ink shows a mark the reading lacks (or the reverse), when a word is not
Latvian but the same word with a mark is (hunspell-lv), or when its shape does not fit the field.
Measured on the independent set in bench/independent (`bench/bench_parser.py --independent-only`).
"""
from __future__ import annotations

import os
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from parser import assemble, diacritics, image, ocr, spelling
from parser.lines import PAD, edge_specks_removed, slivers, typography, word_gaps
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

# Characters each type can hold on the form: Tesseract then cannot read a "|" or "O" in a date.
WHITELIST = {
    "date": "0123456789.-",
    "time": "0123456789:.",
    "number": "0123456789,.",
    "money": "0123456789,.",
    "personal_code": "0123456789-",
    "month": "0123456789.-",
    "phone": "0123456789+ ",
    # the `lav` model has no "@": e-mail addresses are read by `eng`, limited to what an address holds
    "email": "abcdefghijklmnopqrstuvwxyz0123456789@._-+",
}
DIGITS = "0123456789.,:-+ "  # the numeric fields share one call (one model load) with the union
# How each group is read: (whitelist, page segmentation mode, model). All in single-line mode: measured on
# the independent tuning set, --psm 8 ("one word") lost decimal commas ("17,5" read "175").
Group = tuple[str | None, int, str]


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
            readings[f.name] = _tick(page, blanks[f.page].gray, box, height, threshold, source)
            continue
        pixels = _text_zone(page, box, height, threshold, blank=blanks[f.page].gray)
        if pixels is None:
            readings[f.name] = FieldReading(value=None, raw=None, confidence=0.97, source=source)
            continue
        if f.type in STRAYS_OUTSIDE:
            pixels = image.strays_removed(pixels)
        elif f.type == "email":
            pixels = image.strays_removed(pixels, between_only=True)  # "_" sits below the letters
        elif f.type == "text":
            pixels = edge_specks_removed(pixels)
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

    groups: dict[Group, list[Zone]] = {}
    fields = {f.name: f for f in definition.fields}
    for z in zones:
        groups.setdefault(_group_key(z.type, z.pixels), []).append(z)
    groups.setdefault((None, 7, "lav"), []).extend(marks.values())
    mark_text: dict[int, str] = {}
    emails = [z for z in zones if z.type == "email"]
    text_key: Group = (None, 7, "lav")
    if emails:
        groups.setdefault(text_key, [])
    first: dict[str, ocr.OcrLine] = {}
    second: dict[str, ocr.OcrLine] = {}
    third: dict[str, ocr.OcrLine] = {}  # an e-mail address read by `eng` again at 3/4 size
    for key, group in groups.items():
        # Every zone is read twice in the same Tesseract call, the second time at 3/4 size: a reading the
        # two do not agree on is a guess (this catches confident misreads such as a diacritic from dust).
        # An e-mail address is read by `eng` (which has "@") and read again by `lav` in the text call:
        # two models agreeing on every letter (measured: `eng` alone gives right readings 0.3–0.9).
        whitelist, psm, lang = key
        twice = [z for z in group if z.type != "email" and z.name in fields]
        extra = emails if key == text_key else []
        smaller = [z for z in group if z.type == "email"]
        images = [z.pixels for z in group] + [_smaller(z.pixels) for z in twice] + [z.pixels for z in extra] \
            + [_smaller(z.pixels) for z in smaller]
        lines = ocr.read_lines(images, whitelist=whitelist, psm=psm, lang=lang)
        first.update((z.name, line) for z, line in zip(group, lines))
        second.update(zip((z.name for z in twice + extra), lines[len(group):]))
        third.update(zip((z.name for z in smaller), lines[len(group) + len(twice) + len(extra):]))
    for z in zones + list(marks.values()):
        if z.name in fields:
            readings[z.name] = _reading(z, first[z.name], second.get(z.name), third.get(z.name))
        else:
            mark_text[z.page] = first[z.name].text

    for i, text in mark_text.items():
        if _edition(definition.version) not in _edition(text):
            issues.append(Issue(
                field=None, severity="warning", code="uncertain", page=i,
                message_lv=f"{i + 1}. lapas versijas atzīmi nevarēja apstiprināt (nolasīts «{text}», gaidīts "
                           f"«{definition.version}») — pārbaudiet, vai veidlapa ir pareizā versija",
                message_en=f"page {i + 1}: the version mark could not be confirmed (read '{text}', expected "
                           f"'{definition.version}') — check the form is the right edition"))
    return readings, issues


def _marks(pixels: np.ndarray) -> int:
    """Separate marks of ink in a zone (black on white)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats((pixels < 128).astype(np.uint8), connectivity=8)
    return sum(1 for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= 8)


def _plain(text: str) -> str:
    """Text without spaces and marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c) and not c.isspace())


def _edition(text: str) -> str:
    """An edition mark's letters and digits without their marks: the mark is ASCII, dust over its "Z"
    reads "Ž", and dust beside its hyphens reads ":" ("ASIST:-UZSK-2026.1:- 2/2", independent tuning set)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum())


def _group_key(kind: str, pixels: np.ndarray) -> Group:
    if kind in WHITELIST and set(WHITELIST[kind]) <= set(DIGITS):
        # A lone digit is read as one word (--psm 8): in line mode a "1" alone came out empty or at 0.3
        # (independent tuning set); with more than one mark a word's separators were lost ("17,5" → "175").
        return DIGITS, 8 if _marks(pixels) == 1 else 7, "lav"
    if kind == "email":
        return WHITELIST["email"], 8, "eng"  # one word: measured 10 of 11 right against 8 in line mode
    return WHITELIST.get(kind), 7, "lav"


def _text_zone(page: np.ndarray, box: tuple[float, float, float, float], height: float, threshold: int,
               inset: float = TEXT_INSET_PT, blank: np.ndarray | None = None) -> np.ndarray | None:
    """The field's writing as black on white (borders and dust painted white, trimmed, thresholded by Otsu
    on the writing alone), or None when the field is empty. With `blank` (the blank form's page on the
    same grid), whatever the blank form prints there — the box's own border, a few pixels either side for
    what alignment leaves — is painted white first: at 200 dpi a border's remains are broken pieces that
    the line filters miss and Tesseract reads as "1", "I" or "|" (measured on the independent tuning set:
    "|19,51" read "119.51")."""
    printed_box = box
    if blank is not None:  # the writing is cropped where the box really is, the blank where it is printed
        dx, dy = image.local_shift(page, blank, box, height, SCAN_DPI)
        unit = 72.0 / SCAN_DPI
        box = (box[0] + dx * unit, box[1] - dy * unit, box[2] + dx * unit, box[3] - dy * unit)
    gray = image.crop(page, box, height, SCAN_DPI, inset=inset)
    if gray.size == 0:
        return None
    ink = image.binarize_fixed(gray, threshold)
    if blank is not None:
        mask = image.printed_mask(blank, printed_box, height, SCAN_DPI, inset)
        if mask.shape == ink.shape:
            ink = np.where(mask > 0, 0, ink).astype(np.uint8)
    kept = image.drop_specks(np.where(image.clear_border_strokes(image.remove_lines(ink)) > 0, 0, 255).astype(np.uint8))
    bounds = image.ink_bounds((kept < 128).astype(np.uint8) * 255, MIN_INK_PIXELS)
    if bounds is None:
        return None
    x0, y0, x1, y1 = bounds
    cleaned = np.where((ink > 0) & (kept >= 128), 255, gray)[y0:y1, x0:x1]
    # Otsu on the trimmed writing alone (measured: "1,5" read right at 96 % where the grey crop gave "5" at 0 %)
    _, cleaned = cv2.threshold(cleaned.astype(np.uint8), 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return cv2.copyMakeBorder(cleaned, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)


def _tick(page: np.ndarray, blank: np.ndarray, box: tuple[float, float, float, float], height: float,
          threshold: int, source: Source) -> FieldReading:
    """A checkbox read by the ink inside it, cropped where the box really is (as text zones are). Ink in
    the doubtful band that is only specks — every mark under 0.4 of the crop either way — is a speck
    of the copier, not a tick: an "X" or "✓" crosses the box (independent tuning set: a 7×8 px speck in an
    empty box of 25 px, ink share 0.05, sent two hard scans to review)."""
    dx, dy = image.local_shift(page, blank, box, height, SCAN_DPI)
    unit = 72.0 / SCAN_DPI
    box = (box[0] + dx * unit, box[1] - dy * unit, box[2] + dx * unit, box[3] - dy * unit)
    inset = min(box[2] - box[0], box[3] - box[1]) / 5
    zone = image.crop(page, box, height, SCAN_DPI, inset=inset)
    reading = checkbox_reading(image.ink_share(zone, threshold), source)
    if reading.confidence >= assemble.UNCERTAIN_BELOW or zone.size == 0:
        return reading
    count, _, stats, _ = cv2.connectedComponentsWithStats((zone < threshold).astype(np.uint8), connectivity=8)
    side = min(zone.shape)
    if all(max(stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]) < 0.4 * side for i in range(1, count)):
        return reading.model_copy(update={"value": False, "confidence": 0.9})
    return reading


def page_threshold(page: np.ndarray) -> int:
    """The ink/paper threshold of a whole aligned page (Otsu over the printed form): faint copies get a
    higher one. Kept between 100 and 220 so that a blank page does not turn its grain into ink."""
    value, _ = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return int(min(max(value, 100), 220))


NUMERIC = {"date", "time", "number", "money", "personal_code", "month", "phone"}
STRAYS_OUTSIDE = {"date", "time", "number", "money", "personal_code", "month"}  # no mark before or after


DASHES = {"-", "–", "—"}  # a word that is only a dash: the route convention decides it (typography)


EMAIL_TAIL = ".,;:_-"
EDGE_DUST = ".,:;'\"„”|!`´-"
# letters and digits the `lav` model swaps in an ASCII address (measured: "ceslavsudris56" read "…ss6")
LAV_FOLD = str.maketrans("501i", "soll")


def _agree(z: Zone, first: str, second: str, folded: bool = False) -> bool:
    """Whether the reading at 3/4 size confirms the first: alike after spacing and the route dash; for
    an amount alike in value ("9,5" and "9.5"); for a number, a separator the smaller image lost counts
    when the ink shows exactly the separators the first reading has ("3,5" beside "35")."""
    a, b = " ".join(first.split()), " ".join(second.split())
    if z.type == "text":
        a, b = typography(a)[0], typography(b)[0]
    if z.type == "email":
        a = a.rstrip(EMAIL_TAIL)  # what follows the domain is dust: the first reading drops it too
    if a == b or (z.type == "text" and b.strip(EDGE_DUST) == a):
        return True  # dust the smaller copy alone shows at an end ("Čakstiņa:") does not touch the first
    if z.type == "text" and _plain(a) == _plain(b) and len(a) == len(b):
        # The smaller copy lost or gained a mark ("Ērgļi" / "Ērgli"): the first reading's marks are checked
        # against the ink on their own (diacritics.marks_confirmed), so the sizes need only agree on letters.
        return True
    if z.type == "email" and a.count("@") == 1:
        # `lav` drops the "@" or writes up to three characters in its place ("kirillsjurevics(Oexample.lv")
        local, domain = a.split("@")
        b = b.replace(" ", "")
        if folded:  # and reads "5" as "s", "0" as "o": only where `eng` read the same at both sizes
            local, domain, b = local.translate(LAV_FOLD), domain.translate(LAV_FOLD), b.translate(LAV_FOLD)
        return b.startswith(local) and b.endswith(domain) and len(b) - len(local) - len(domain) <= 3
    if z.type in ("number", "money") and normalize(z.type, a) is not None and normalize(z.type, a) == normalize(z.type, b):
        return True
    if z.type in STRAYS_OUTSIDE and re.sub(r"\D", "", a) == re.sub(r"\D", "", b) and a:
        return sum(not c.isdigit() for c in a) == image.separators(z.pixels)
    return False


def _smaller(pixels: np.ndarray) -> np.ndarray:
    small = cv2.resize(pixels, None, fx=0.75, fy=0.75, interpolation=cv2.INTER_AREA)
    return cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


def _reading(z: Zone, line: ocr.OcrLine, check: ocr.OcrLine | None = None,
             again: ocr.OcrLine | None = None) -> FieldReading:
    source = Source(page=z.page, box=z.box, method="ocr")
    raw = line.text or None
    guessed = False
    if check is not None and not _agree(z, line.text, check.text):
        # an address `eng` read alike at two sizes may differ from `lav` only where `lav` swaps 5/s, 0/o …
        same_eng = again is not None and again.text.rstrip(EMAIL_TAIL) == line.text.rstrip(EMAIL_TAIL)
        guessed = not (z.type == "email" and same_eng and _agree(z, line.text, check.text, folded=True))
    if raw and z.type == "text" and not diacritics.marks_confirmed(z.pixels, line.glyphs, line.text.split()):
        guessed = True  # a mark (ā, š, ņ …) read that the ink does not show, or ink above/below not read
    if raw and z.type == "text":
        if diacritics.capital_j(z.pixels, line.glyphs):
            raw = "J" + raw[1:]  # the ink shows a capital: no dot, and it rises to the capitals' height
        raw, typo_guess = typography(raw)
        guessed = guessed or typo_guess
        if spelling.doubtful_words(raw):
            guessed = True  # "Udens" where "Ūdens" is Latvian: a mark the model may have dropped
        if raw[0] in "ijl" or (z.name.endswith(("given_name", "surname")) and not raw[0].isupper()):
            # lav confuses I/i/l and J/j at the start of a line; a name begins with a capital
            guessed = True
        if z.name.endswith(("given_name", "surname")) and not NAME.fullmatch(raw):
            guessed = True  # a name is letters, spaces and hyphens: a ":" or "|" is dust or a border
    if raw and z.type == "email":
        raw = raw.rstrip(".,;:_-")  # an address ends in its domain's letters: what follows is dust
    if raw and z.type == "personal_code":
        raw = raw.strip(":;.,'|- ")  # a label's colon or a border's remains beside the digits
    value = normalize(z.type, raw) if raw else None
    confidence = line.confidence_without(DASHES) if z.type == "text" else line.confidence
    if z.type == "email" and check is not None and not guessed and value is not None:
        confidence = max(confidence, 0.9)  # `eng` and `lav` agree on every letter and the syntax is valid
    if check is not None and not guessed and z.type not in ("text", "email") and _agree(z, line.text, check.text):
        # Two whitelisted readings at two sizes that agree: the surer one counts (a lone "1" is read at
        # 0.3–0.7 at one size and 0.9 at the other; measured on the independent tuning set). Free text
        # keeps the first: "Ķīirills" was read alike at both sizes, at 0.41 and 0.8.
        confidence = max(confidence, check.confidence)
    if value is None:
        confidence = min(confidence, 0.2)
    if raw and z.type == "phone" and raw.count(" ") != word_gaps(z.pixels):
        guessed = True  # the spaces read are not the spaces seen
    if raw and z.type in NUMERIC and slivers(z.pixels):
        guessed = True  # a border's remains beside the digits may have been read as a "1"
    if raw and z.type in ("number", "money") and sum(not c.isdigit() for c in raw) != image.separators(z.pixels):
        guessed = True  # a decimal comma the ink shows and the reading lost ("7,5" read "75"), or the reverse
    if raw and z.type == "text" and not guessed and check is not None and confidence < assemble.UNCERTAIN_BELOW \
            and _latvian_where_unsure(line):
        # Read alike at two sizes, its marks seen in the ink, and every word the model was unsure of is a
        # Latvian word ("Ķegums" at 0.35): as sure as a reader checking it against the word list, but not
        # counted among the readings at 0.9 and above.
        confidence = 0.85
    if guessed:  # '"' may have been “ or ", and " - " a hyphen: the model cannot tell
        confidence = min(confidence, 0.6)
    if value is not None and z.type == "personal_code" and not value.startswith("32") and pk.check(value).valid:
        # The check digit catches every single misread digit: an old-format code that passes it is sound.
        confidence = max(confidence, 0.85)
    if raw is None:  # ink but no characters: a scribble or a stain
        confidence = 0.0
    return FieldReading(value=value, raw=raw, confidence=round(confidence, 3), source=source)


def _latvian_where_unsure(line: ocr.OcrLine) -> bool:
    """Whether every word read below the review threshold is a Latvian word (hunspell-lv), punctuation
    around it aside; False without the word list or when such a word holds a digit."""
    unsure = [w for w, c in line.scored if c < assemble.UNCERTAIN_BELOW and w not in DASHES]
    cores = [w.strip(EDGE_DUST) for w in unsure]
    return bool(cores) and all(c.isalpha() and spelling.is_word(c) for c in cores)


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
