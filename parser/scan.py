"""Scanned forms (pages that are images): align each page to the blank form by its four corner registration
squares, then read every field zone — checkboxes by their ink (OMR), text by Tesseract `lav` in single-line
mode with a character whitelist where the field's type allows, e-mail addresses by `eng` (which has "@")
checked by `lav` — and flag every reading that is not sure.

Each text zone is cropped where its box really is (a local match against the blank form) and whatever the
blank form prints there (the box's border) is painted out first; `parser.zone` makes each zone's readings
a field reading and says how sure it is.
Measured on the independent set in bench/independent (`bench/bench_parser.py --independent-only`).
"""
from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
import unicodedata
from typing import Any

import cv2
import numpy as np

from parser import align, assemble, image, ocr, reread
from parser.lines import PAD, edge_specks_removed
from parser.catalog import SCAN_DPI, Catalog
from parser.errors import error
from parser.flattened import checkbox_reading
from parser.result import FieldReading, Issue, Limits, ParseResult, Source
from parser.textlayer import render_gray
from parser.zone import Zone, reading
from parser.zone.base import NAME, STRAYS_OUTSIDE, is_name, smaller

MIN_ALIGN_SCORE = 0.45  # correlation with the blank form below this: not this form
MIN_INK_PIXELS = 25  # fewer dark pixels inside a field (at 300 dpi): the field is empty
TEXT_INSET_PT = 0.5  # points to stay inside a text box's printed border
EDGE_PX = 8  # writing this near the crop's right side touches the border (the inset, the border's mask, blur)

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
    dpis = []
    for index in range(len(doc)):
        page = doc[index]
        dpi = _scan_dpi(page)
        if page.get_width() * page.get_height() * (dpi / 72) ** 2 > limits.max_image_pixels:
            raise error("too_large", base["file"], page=index, detail="page size")
        scans.append(render_gray(page, dpi))
        dpis.append(dpi)
        page.close()

    best = None
    for kind, definition in forms.definitions.items():
        blanks = forms.blank(kind)
        aligned = []
        for i, gray in enumerate(scans[: len(blanks)]):
            a = align.align(gray, blanks[i].gray, blanks[i].squares)
            aligned.append(dataclasses.replace(a, dpi=dpis[i]) if a is not None else None)
        # over the pages that aligned: a page missing, or one whose corner squares were not found, is
        # reported by read_fields, and the other pages still say which form this is
        scores = [a.score for a in aligned if a is not None]
        score = sum(scores) / len(scores) if scores else 0.0
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


def read_fields(definition: Any, aligned: list[align.Alignment | None], blanks: list[Any]) \
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
    # Each field of such a page is named too: a review lists fields, and one that lists none of the page's
    # would let a person finish it with the page's ticks and values left out (tuning form 4292).
    why = {i: ("trūkst", "is missing") if i >= len(aligned) else ("netika atpazīta", "was not recognised")
           for i in missing_pages}
    issues += [Issue(field=f.name, severity="warning", code="unreadable", page=f.page,
                     message_lv=f"lauks «{f.label_lv}» nav nolasīts: veidlapas {f.page + 1}. lapa {why[f.page][0]} — "
                                "ievadiet to pēc oriģināla",
                     message_en=f"the field '{f.name}' was not read: page {f.page + 1} of the form "
                                f"{why[f.page][1]} — enter it from the original")
               for f in definition.fields if f.page in missing_pages]

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
        edges: set[str] = set()
        grey: dict = {}
        pixels = _text_zone(page, box, height, threshold, blank=blanks[f.page].gray, edges=edges, grey=grey)
        if pixels is None:
            readings[f.name] = FieldReading(value=None, raw=None, confidence=0.97, source=source)
            continue
        if f.type in STRAYS_OUTSIDE:
            pixels = image.strays_removed(pixels)
        elif f.type == "email":
            pixels = image.strays_removed(pixels, between_only=True)  # "_" sits below the letters
        elif f.type == "text":
            pixels = edge_specks_removed(pixels, name=is_name(f.name))
        zones.append(Zone(f.name, f.type, f.page, box, pixels, frozenset(edges), aligned[f.page].dpi,
                          grey.get("grey")))

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
        emails_again = [z for z in group if z.type == "email"]
        images = [z.pixels for z in group] + [smaller(z.pixels) for z in twice] + [z.pixels for z in extra] \
            + [smaller(z.pixels) for z in emails_again]
        lines = ocr.read_lines(images, whitelist=whitelist, psm=psm, lang=lang, choices=key == text_key)
        first.update((z.name, line) for z, line in zip(group, lines))
        second.update(zip((z.name for z in twice + extra), lines[len(group):]))
        third.update(zip((z.name for z in emails_again), lines[len(group) + len(twice) + len(extra):]))
    reread.numbers(zones, first, second, whitelist=DIGITS)
    larger = reread.emails(zones, first, second, third, whitelist=WHITELIST["email"])
    for z in zones + list(marks.values()):
        if z.name in fields:
            readings[z.name] = reading(z, first[z.name], second.get(z.name), third.get(z.name),
                                       _names(z, first), _names_sure(z, first))
            if z.name in larger:  # read again larger: sure enough to keep, not among those at 0.9 and above
                r = readings[z.name]
                readings[z.name] = r.model_copy(update={"confidence": min(r.confidence, reread.at_most(z))})
        else:
            mark_text[z.page] = first[z.name].text
    readings.update(reread.texts([z for z in zones if readings[z.name].raw
                                  and readings[z.name].confidence < assemble.UNCERTAIN_BELOW], first, second))

    for i, text in mark_text.items():
        if _edition(definition.version) not in _edition(text):
            issues.append(Issue(
                field=None, severity="warning", code="uncertain", page=i,
                message_lv=f"{i + 1}. lapas versijas atzīmi nevarēja apstiprināt (nolasīts «{text}», gaidīts "
                           f"«{definition.version}») — pārbaudiet, vai veidlapa ir pareizā versija",
                message_en=f"page {i + 1}: the version mark could not be confirmed (read '{text}', expected "
                           f"'{definition.version}') — check the form is the right edition"))
    return readings, issues


def _names(z: Zone, first: dict[str, ocr.OcrLine]) -> tuple[str, ...]:
    """For an e-mail address, the same person's given name and surname as first read: what it is often
    made of (`parser.zone.reading`)."""
    person = z.name.rsplit(".", 1)[0]
    return tuple(first[f"{person}.{part}"].text for part in ("given_name", "surname")
                 if z.type == "email" and f"{person}.{part}" in first)


def _names_sure(z: Zone, first: dict[str, ocr.OcrLine]) -> bool:
    """For an e-mail address, whether both of the same person's names were read as names (a capital, then
    letters) at the review threshold or above."""
    person = z.name.rsplit(".", 1)[0]
    lines = [first.get(f"{person}.{part}") for part in ("given_name", "surname")]
    return z.type == "email" and all(line is not None and line.confidence >= assemble.UNCERTAIN_BELOW
                                     and NAME.fullmatch(line.text) is not None and line.text[:1].isupper()
                                     for line in lines)


def _edition(text: str) -> str:
    """An edition mark's letters and digits without their marks, in capitals: the mark is ASCII capitals,
    dust over its "Z" reads "Ž", dust beside its hyphens reads ":" ("ASIST:-UZSK-2026.1:- 2/2", independent
    tuning set), and an "I" after a hyphen is read small ("ASIST-iESN-2026.1", ghost tuning form 101082: a
    right application went to review). Editions differ in their year and number.

    >>> _edition("ASIST-iESN-2026.1 : 2/2"), _edition("ASIST:-UZSK-2026.1:- 2/2")
    ('ASISTIESN2026122', 'ASISTUZSK2026122')
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isalnum()).upper()


def _group_key(kind: str, pixels: np.ndarray) -> Group:
    if kind in WHITELIST and set(WHITELIST[kind]) <= set(DIGITS):
        # A lone digit is read as one word (--psm 8): in line mode a "1" alone came out empty or at 0.3
        # (independent tuning set); with more than one mark a word's separators were lost ("17,5" → "175").
        return DIGITS, 8 if reread.lone_mark(pixels) else 7, "lav"
    if kind == "email":
        return WHITELIST["email"], 8, "eng"  # one word: measured 10 of 11 right against 8 in line mode
    return WHITELIST.get(kind), 7, "lav"


def _text_zone(page: np.ndarray, box: tuple[float, float, float, float], height: float, threshold: int,
               inset: float = TEXT_INSET_PT, blank: np.ndarray | None = None,
               edges: set[str] | None = None, grey: dict | None = None) -> np.ndarray | None:
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
    if edges is not None and x1 >= kept.shape[1] - EDGE_PX:
        edges.add("right")  # the writing reaches the box's right border: more may stand past it
    painted = np.where((ink > 0) & (kept >= 128), 255, gray)
    if grey is not None:  # the grey around the writing, as the zone's pixels lie (faint marks: parser.faint)
        grey["grey"] = cv2.copyMakeBorder(painted, PAD, PAD, PAD, PAD, cv2.BORDER_CONSTANT, value=255)[
            y0:y1 + 2 * PAD, x0:x1 + 2 * PAD].astype(np.uint8)
    cleaned = painted[y0:y1, x0:x1]
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
    tick = checkbox_reading(image.ink_share(zone, threshold), source)
    if tick.confidence >= assemble.UNCERTAIN_BELOW or zone.size == 0:
        return tick
    count, _, stats, _ = cv2.connectedComponentsWithStats((zone < threshold).astype(np.uint8), connectivity=8)
    side = min(zone.shape)
    if all(max(stats[i, cv2.CC_STAT_WIDTH], stats[i, cv2.CC_STAT_HEIGHT]) < 0.4 * side for i in range(1, count)):
        return tick.model_copy(update={"value": False, "confidence": 0.9})
    return tick


def page_threshold(page: np.ndarray) -> int:
    """The ink/paper threshold of a whole aligned page (Otsu over the printed form): faint copies get a
    higher one. Kept between 100 and 220 so that a blank page does not turn its grain into ink."""
    value, _ = cv2.threshold(page, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return int(min(max(value, 100), 220))


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
