"""A zone's field reading: the readings Tesseract gave of it, agreed or not, judged by the checks of its kind
(`text`, `mail`, `numeric`), and the confidence that leaves."""
from __future__ import annotations

from parser import assemble, ocr
from parser.normalize import normalize
from parser.result import FieldReading, Source
from parser.zone import mail, numeric, text
from parser.zone.agree import agree
from parser.zone.base import (AGREED, DASHES, EMAIL_TAIL, LOW_DPI, LOW_DPI_DATE_CHECK, LOW_DPI_SURE,
                              LOW_DPI_TEXT_SURE, Zone, sizes_agree)
from regulation import personal_code as pk


def reading(z: Zone, line: ocr.OcrLine, check: ocr.OcrLine | None = None,
            again: ocr.OcrLine | None = None, names: tuple[str, ...] = (), names_sure: bool = False) -> FieldReading:
    """The field's value and confidence from its readings: `line` (the zone as it is), `check` (at 3/4 size;
    for an e-mail address, `lav`'s reading), `again` (an address read by `eng` at 3/4 size) and, for an
    address, `names`: the same person's given name and surname as first read (`names_sure`: both read as
    names at the review threshold or above)."""
    source = Source(page=z.page, box=z.box, method="ocr")
    raw = line.text or None
    guessed = False
    cap = 1.0  # at most this sure, whatever the readings say
    if z.type == "text":
        line, check, cap = text.prepared(z, line, check)
        raw = line.text or None
    first_text = line.text
    if check is not None and not agree(z, first_text, check.text, second_glyphs=check.glyphs,
                                       first_sure=line.confidence >= assemble.UNCERTAIN_BELOW):
        # an address `eng` read alike at two sizes may differ from `lav` only where `lav` swaps 5/s, 0/o …
        same_eng = again is not None and again.text.rstrip(EMAIL_TAIL) == line.text.rstrip(EMAIL_TAIL)
        guessed = not (z.type == "email" and same_eng and agree(z, line.text, check.text, folded=True))
    if raw and z.type == "text":
        raw, doubt, cap = text.checked(z, raw, line, check, cap)
        guessed = guessed or doubt
    if raw and z.type == "email":
        raw, guessed, cap = mail.checked(z, raw, guessed, cap, line, check, again, names, names_sure)
    if raw:
        raw, cap = numeric.cleaned(z, raw, cap)
    value = normalize(z.type, raw) if raw else None
    confidence = line.confidence_without(DASHES) if z.type == "text" else line.confidence
    if z.type == "email" and check is not None and not guessed and value is not None:
        confidence = max(confidence, 0.9)  # `eng` and `lav` agree on every letter and the syntax is valid
    if check is not None and not guessed and z.type not in ("text", "email") and agree(z, line.text, check.text):
        # Two whitelisted readings at two sizes that agree: the surer one counts (a lone "1" is read at
        # 0.3–0.7 at one size and 0.9 at the other; measured on the independent tuning set). Free text
        # keeps the first: "Ķīirills" was read alike at both sizes, at 0.41 and 0.8.
        confidence = max(confidence, check.confidence)
        if sizes_agree(line.confidence, check.confidence):
            # Both sure of their shape, if not of every digit: the two sizes confirm each other as a reader's
            # second look does (independent tuning forms 2256–2543, 300 dpi: 20 readings of 0.5–0.8 so, all
            # right; the one wrong, "11:06" for "11:00", at 0.15 and 0.15). Below 250 dpi the model alone decides.
            confidence = max(confidence, AGREED)
    if value is None:
        confidence = min(confidence, 0.2)
    if raw and numeric.doubted(z, raw, value, line):
        guessed = True
    if raw and z.type == "text" and not guessed:
        confidence = text.lifted(z, raw, line, check, confidence)
    confidence = min(confidence, cap)
    if raw and z.dpi < LOW_DPI:
        # Below 250 dpi a mark is two or three pixels: a word read with a mark lost or gained is often a word
        # too ("Ērgli"/"Ērgļi", "Ģints"/"Ģirts") and "iv" runs into "w"; the word list and the second model
        # that lift a reading (to 0.85, an address both models read alike to 0.9) cannot tell (independent
        # tuning set: silent errors on 200-dpi scans at 0.8–0.9, "sarlote" read "sarigte" by both models,
        # tuning form 1142). Only what the model itself was sure of at full size stands ("7,5" read "1,5" at
        # 0.85 at both sizes, tuning form 1172).
        own = line.confidence_without(DASHES) if z.type == "text" else line.confidence
        # The 3/4-size copy of a 200-dpi page is 150 dpi: the full-size reading must be sure of a number
        # itself ("23207560" read "23207569" at 0.87, at 3/4 size at 0.96, ghost tuning form 100496; a
        # date's "10" read "18" at 0.73 and 0.93, ghost tuning form 100829). A timesheet's times, hours and
        # amounts that add up are raised again by what confirms them (`assemble._corroborated`).
        sure = min(own, confidence)
        guessed = guessed or sure < (LOW_DPI_TEXT_SURE if z.type == "text" else LOW_DPI_SURE)
        guessed = guessed or (z.type == "date" and check is not None and check.confidence < LOW_DPI_DATE_CHECK)
    if guessed:  # '"' may have been “ or ", and " - " a hyphen: the model cannot tell
        confidence = min(confidence, 0.6)
    if value is not None and z.type == "personal_code" and not value.startswith("32") and pk.check(value).valid:
        # The check digit catches every single misread digit: an old-format code that passes it is sound.
        confidence = max(confidence, 0.85)
    if raw is None:  # ink but no characters: a scribble or a stain
        confidence = 0.0
    return FieldReading(value=value, raw=raw, confidence=round(confidence, 3), source=source)
