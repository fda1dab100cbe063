"""One text zone of a scan as a field reading: the zone's pixels, the readings Tesseract gave of it (the zone
as it is, again at 3/4 size, an e-mail address also by the other model) and what the ink and a Latvian
reader check of them. A reading is a guess when the readings disagree, when the ink shows a mark the reading
lacks (or the reverse), when a word is not Latvian but the same word with or without a mark is (hunspell-lv),
when the model itself weighed a name's letter without its mark, when its shape does not fit the field, or when
the page was scanned below 250 dpi and the model was not sure; the field's confidence says so.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import cv2
import numpy as np

from parser import address, assemble, diacritics, digits, dots, faint, image, ocr, rivals, spelling, wordfix
from parser.lines import end_dust, route_dash, slivers, typography, word_gaps
from parser.normalize import normalize
from parser.result import FieldReading, Source
from regulation import personal_code as pk

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


def _plain(text: str) -> str:
    """Text without spaces and marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c) and not c.isspace())


LOW_DPI = 250  # a scan below this resolution …
LOW_DPI_SURE = 0.9  # … keeps a text, address or number reading only at this confidence or above
COLON_UNSEEN = 0.85  # a time read without its colon: its digits alone
WORD_LIST_SURE = 0.85  # a word put right by the word list (`parser.wordfix`): sure enough to keep, not among
# the readings at 0.9 and above
AGREED, AGREED_LEAST, AGREED_SURER = 0.85, 0.5, 0.6  # a number read alike at two sizes, each this sure
# at least and one as sure as the third: this sure
NUMERIC = {"date", "time", "number", "money", "personal_code", "month", "phone"}
STRAYS_OUTSIDE = {"date", "time", "number", "money", "personal_code", "month"}  # no mark before or after


# a word that is only a dash (the model splits a long one in two, "—-"): the route convention decides it
DASHES = {a + b for a in "-–—" for b in ("", "-", "–", "—")}


EMAIL_TAIL = ".,;:_-"
EMAIL_DUST = ".,;:-'"  # read before an address's first letter or after its last: dust ("-ceslavs…", tuning 354)
EDGE_DUST = ".,:;'\"„”|!`´-"
ENG_FOLD = str.maketrans("50", "so")  # `eng`'s side of address.LAV_FOLD


def _agree(z: Zone, first: str, second: str, folded: bool = False, second_glyphs: tuple = (),
           first_sure: bool = True) -> bool:
    """Whether the reading at 3/4 size confirms the first: alike after spacing and the route dash; for
    an amount alike in value ("9,5" and "9.5"); for a number, a separator the smaller image lost counts
    when the ink shows exactly the separators the first reading has ("3,5" beside "35")."""
    a, b = " ".join(first.split()), " ".join(second.split())
    if z.type == "text":
        a, b = typography(a)[0], typography(b)[0]
    if z.type == "email":
        a = a.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST)  # dust beside the address: the other reading drops it too
        b = b.lstrip(EMAIL_DUST)
    if a == b or (z.type == "text" and b.strip(EDGE_DUST) == a):
        return True  # dust the smaller copy alone shows at an end ("Čakstiņa:") does not touch the first
    if z.type == "text" and a.strip(EDGE_DUST) == b:
        return True  # dust only the first shows at an end: the rules for a reading's ends judge it
    if z.type == "text" and _plain(a) == _plain(b) and len(a) == len(b):
        # The smaller copy lost a mark ("Ērgļi" / "Ērgli"): the first reading's marks are checked against the
        # ink on their own (diacritics.marks_confirmed). A mark only the smaller copy has, and its own ink
        # shows, is one the first may have lost ("Ērgli" beside "Ērgļi", both Latvian words: a silent error
        # at 200 dpi); one its ink does not show is noise ("vidusskola" beside "vidusskolā"; tuning set).
        if all(x == y or _plain(y) == y for x, y in zip(a, b)):
            return True
        if _words_beside_non_words(a.split(), b.split(), first_sure):
            return True  # the first a word where the smaller copy's mark makes none ("Ģirts" beside "Ģīrts")
        return not (second_glyphs and diacritics.marks_confirmed(smaller(z.pixels), second_glyphs, second.split()))
    if z.type == "text" and _words_beside_non_words(a.split(), b.split(), first_sure):
        return True
    if z.type == "email" and a.count("@") == 1:
        # `lav` drops the "@" or writes up to three characters in its place ("kirillsjurevics(Oexample.lv")
        local, domain = a.split("@")
        b = _plain(b)  # an address is ASCII: a mark `lav` reads over a letter is dust ("zanisaboļs", tuning 330)
        if "_" in local:  # the underscore sits below the line: `lav` drops it or reads a space
            local, b = local.replace("_", ""), b.replace("_", "")
        if folded:  # and reads "5" as "s", "0" as "o", "l" as "I": only where `eng` read alike at two sizes
            local, domain, b = local.translate(ENG_FOLD), domain.translate(ENG_FOLD), b.translate(address.LAV_FOLD)
        return b.startswith(local) and b.endswith(domain) and len(b) - len(local) - len(domain) <= 3
    if z.type in ("number", "money", "phone") and normalize(z.type, a) is not None \
            and normalize(z.type, a) == normalize(z.type, b):  # "+371 2254…" beside "+3712254…": one number
        return True
    if z.type in STRAYS_OUTSIDE and re.sub(r"\D", "", a) == re.sub(r"\D", "", b) and a:
        return sum(not c.isdigit() for c in a) == image.separators(z.pixels)
    return False


def _words_beside_non_words(first: list[str], second: list[str], sure: bool = True) -> bool:
    """Whether the two readings differ only where the first reads a Latvian word and the smaller copy no
    word at all ("veikals" beside "veikais"): a reader takes the word (hunspell-lv)."""
    if len(first) != len(second):
        return False
    pairs = [(x.strip(EDGE_DUST), y.strip(EDGE_DUST)) for x, y in zip(first, second) if x != y]
    # Letter for letter, unless the model was sure of the first: where the smaller copy reads one letter for
    # two, an unsure first reading may have split one too ("Ģints" at 0.53 beside "Ģins" for the name "Ģirts",
    # "ģints" a Latvian word: tuning form 497; "Ģirts" at 0.96 beside "Ģins" on tuning form 172 is right)
    return bool(pairs) and all(x.isalpha() and (sure or len(x) == len(y)) and spelling.is_word(x)
                               and not spelling.is_word(y) and not _mark_unsettled(x, y) for x, y in pairs)


def _mark_unsettled(first: str, second: str) -> bool:
    """Whether the smaller copy reads another letter where the first reads one with a mark, and the word
    is Latvian without that mark too: the word list cannot tell which, and the copies disagree just there
    ("augstskolā" at 0.94 beside "augstskold", a speck joined to the "a"; "augstskola" was written: tuning
    form 2168, 200 dpi).

    >>> _mark_unsettled("augstskolā", "augstskold"), _mark_unsettled("veikals", "veikais")
    (True, False)
    """
    return len(first) == len(second) and any(
        x != y and _plain(x) != x and spelling.is_word(first[:i] + _plain(x) + first[i + 1:])
        for i, (x, y) in enumerate(zip(first, second)))


def smaller(pixels: np.ndarray) -> np.ndarray:
    small = cv2.resize(pixels, None, fx=0.75, fy=0.75, interpolation=cv2.INTER_AREA)
    return cv2.threshold(small, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)[1]


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
    first_text = line.text
    if raw and z.type == "text" and dots.capital_j(z.pixels, line.glyphs):
        line = wordfix.capitalised(line)  # the ink shows a capital: no dot, and it rises to the capitals' height
        raw = first_text = line.text
    if raw and z.type == "text" and not is_name(z.name) and (fixed := wordfix.corrected(line)) is not None:
        # read as the word list has it; every check below judges it as any reading (a name has no list)
        line, raw, first_text, cap = fixed, fixed.text, fixed.text, min(cap, WORD_LIST_SURE)
    if check is not None and z.type == "text" and not is_name(z.name):
        check = wordfix.corrected(check) or check  # the smaller copy put right alike, to compare like with like
    if check is not None and not _agree(z, first_text, check.text, second_glyphs=check.glyphs,
                                        first_sure=line.confidence >= assemble.UNCERTAIN_BELOW):
        # an address `eng` read alike at two sizes may differ from `lav` only where `lav` swaps 5/s, 0/o …
        same_eng = again is not None and again.text.rstrip(EMAIL_TAIL) == line.text.rstrip(EMAIL_TAIL)
        guessed = not (z.type == "email" and same_eng and _agree(z, line.text, check.text, folded=True))
    if raw and z.type == "text" and not diacritics.marks_confirmed(z.pixels, line.glyphs, line.text.split()):
        guessed = True  # a mark (ā, š, ņ …) read that the ink does not show, or ink above/below not read
    if raw and z.type == "text" and faint.lost_mark(z.grey, z.pixels, line.glyphs):
        guessed = True  # a bar of grey over a letter read plain: a mark too faint for the threshold ("Una")
    if raw and is_name(z.name) and dots.undotted_i(z.pixels, line.glyphs):
        guessed = True  # an "i" whose dot the ink does not show: an "l" ("Ērgie" for "Ērgle"); a place's
        # word list catches it there ("poliklīnika"'s blurred "i" is one stroke too: 4 right places doubted)
    if raw and z.type == "text":
        cleaned = end_dust(route_dash(raw) if z.name.endswith("place") else raw, z.name)
        if cleaned != raw:  # dust dropped by rule: sure enough to keep, not among the readings at 0.9 and above
            raw, cap = cleaned, min(cap, WORD_LIST_SURE)
        raw, typo_guess = typography(raw)
        guessed = guessed or typo_guess
        if spelling.doubtful_words(raw) or spelling.places_where(raw) \
                or (z.name.endswith("address") and (spelling.addresses_where(raw) or spelling.postcodes_misread(raw))):
            guessed = True  # "Udens" where "Ūdens" is Latvian: a mark the model may have dropped
        if not is_name(z.name) and (spelling.unknown_common_words(raw) or spelling.capitals_after_small_words(raw)):
            guessed = True  # a lower-case word that is no Latvian word ("universitāje"), a common one capitalised
        if raw[0] in "ijl" or (is_name(z.name) and not raw[0].isupper()):
            # lav confuses I/i/l and J/j at the start of a line; a name begins with a capital
            guessed = True
        if is_name(z.name) and spelling.name_as_where(raw):
            guessed = True
        if is_name(z.name) and not NAME.fullmatch(raw):
            guessed = True  # a name is letters, spaces and hyphens: a ":" or "|" is dust or a border
        if is_name(z.name) and any(len(part) < 3 for part in re.split(r"[ '’-]", raw)):
            # A Latvian name has three letters or more: a part of one or two is a name split where the ink has
            # no space ("Oskars" read "Oska rs" at 0.93 at both sizes, tuning form 1852; the white between
            # "a" and "r" was 0.29 x-height, a space between words of a place 0.32–0.37 on other forms)
            guessed = True
        if is_name(z.name) and (
                diacritics.model_doubts_mark(line.glyphs) or (check is not None and check.text == line.text
                                                              and diacritics.model_doubts_mark(check.glyphs, above_only=True))):
            # the model weighed the letter without its mark too, at either size ("Ķirills" read "Ķīrills" with
            # "i" at 0.10 and, at 3/4 size, 0.32; tuning form 778): no word list decides a name
            guessed = True
        if is_name(z.name) and rivals.other_letter(line.glyphs) and not rivals.word_settles(raw, line.glyphs):
            guessed = True  # the model weighed another letter ("Ķrrills" at 0.85, "i" beside an "r" at 0.70)
        if is_name(z.name) and rivals.rival_names(raw, line.glyphs):
            guessed = True  # a letter the model weighed makes the name the word list has ("Ādolts": "Ādolfs")
        if "right" in z.edges:
            # the writing runs to the box's right border: the rest may stand past it ("Rīgas Tehniskā
            # universit"), and a clipped word can be a word too ("Cēsu rehabilitācijas cent", tuning form 434;
            # 1 text zone of 96 tuning forms 384–479 reached the border, and it was that one)
            guessed = True
        if re.search(r"[^\W\d_]{3}\. [^\W\d_A-ZĀČĒĢĪĶĻŅŠŪŽ]|[A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d_]{2,}\. ", raw):
            guessed = True  # a full stop between a word and a small letter's word is dust ("Cēsu. koncertzāle",
            # read alike at 1.5× and 2×, tuning form 1351); an abbreviation stands before a comma or a number.
            # So is one after a name: an abbreviation is small ("nov."), and "Ogre. Ķekava" was a route whose
            # dash the scan lost (0.85, tuning form 2671)
        if re.search(r"[.,:;][^\W\d_]|[-–—][.,:;]|[.,:;][-–—]|[^\W\d_][.,:;]\d", raw):
            # a mark with a letter right after it is dust ("Jelgavas.augstskola", "Ogre -.Cēsis"), and so is
            # one beside a dash ("Īslīce.- Tartu"; tuning forms 323, 343) or between a word and a number
            # ("Žagatu iela.77" at 0.92, tuning form 1936)
            guessed = True
        if re.search(r"[^\W\d_][-–—] |(?:^| )[-–—][^\W\d_]", raw):
            # a dash joined to one word and spaced from the next ("Īslīces iela- 36", tuning form 728) is dust
            # beside a word: a hyphen joins two words, a route's dash stands between spaces
            guessed = True
        if z.name.endswith("place") and re.search(r", [^\W\d_A-ZĀČĒĢĪĶĻŅŠŪŽ]", raw):
            guessed = True  # a comma before a small letter's word in a place is dust ("Ķekavas, vidusskola"
            # at 0.92 at both sizes, tuning form 1551); places abroad are "Šauļi, Lietuva"
        if re.search(r"\d\. [A-ZĀČĒĢĪĶĻŅŠŪŽ]", raw):
            guessed = True  # a full stop between a number and a capital is a comma whose tail the copy lost
            # ("Čiekuru iela 3-23. Jelgava" at 0.91, ghost tuning form 100094, 200 dpi); "1. līnija" goes on small
        if ";" in raw:
            guessed = True  # a place or an address has commas, not semicolons: a comma with dust ("Rīgas iela
            # 10-21; Ādaži", tuning form 596)
        if z.name.endswith("place") and re.search(r"[^\W\d_]{4}[.,:;]$", raw) \
                and spelling.is_word(re.findall(r"[^\W\d_]+", raw)[-1]):
            # A place's name ends in its last letter: a full stop, comma or colon right after a Latvian word
            # is dust on the baseline, and without it the place reads as written ("Ādažu kursi.", "Ogres
            # sociālais dienests:" at both sizes; tuning forms 1689, 1726). An abbreviation ("nov.") stays.
            raw = raw[:-1]
        if not (raw[-1].isalnum() or raw[-1] in "”)"):
            # a full stop, comma, colon or star after a place or an address is more often dust on the
            # baseline ("Žīguru veikals:", tuning form 379; "Ķekava*" at 1.5× and 2× alike, 1139)
            guessed = True
    if raw and z.type == "email":
        # an address ends in its domain's letters and begins with a letter or digit: what is beside is dust
        raw = raw.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST)
        seen, read = image.underscores(z.pixels), raw.count("_")
        # the ink shows an underscore the reading lacks ("." for "_", tuning form 248); one the ink does not
        # show apart is taken only when `lav` reads it too: joined to a "j" it is no stroke of its own
        # ("aris_jurevics", tuning form 334). An "l" beside a digit may be a "1" both models misread
        # ("klavinal1" for "klavina11", tuning form 1006).
        underscores_doubted = read < seen or (read > seen and (check is None or check.text.count("_") < read))
        written = [address.as_written(n) for n in names]  # the person's names as an address writes them
        own_doubt = underscores_doubted or bool(re.search(r"l\d|\dl", raw.split("@")[0])) \
            or address.lookalikes_after_names(raw, written)
        if "@" in raw and not address.known_domain(raw.rsplit("@", 1)[1]):
            repaired = address.lav_domain(raw, check.text) if check is not None else None
            if repaired is not None and _agree(z, repaired, check.text, folded=True):
                raw, guessed = repaired, False  # `eng` read "lv" as "iv" where `lav` read it: both models agree
                cap = address.REPAIRED_AT_MOST
            else:
                guessed = True  # no such top-level domain ("apollo.iv"): a misreading
        # a mail provider's domain with one letter changed ("apolio.lv", both models alike, tuning form 1506)
        guessed = guessed or own_doubt or ("@" in raw and address.near_provider(raw.rsplit("@", 1)[1]) is not None)
        if guessed and check is not None:  # the likelier value, still in doubt
            raw = address.ones_from_lav(raw, check.text) or raw
            raw = address.domain_from_lav(raw, check.text) or raw
        if guessed:
            raw = address.with_provider(raw) or raw
        if guessed and check is not None and not underscores_doubted and _settled_by_names(z, raw, line, check, written):
            guessed, cap = False, address.REPAIRED_AT_MOST  # sure enough to keep, not among those at 0.9 and above
        if guessed and names_sure and not own_doubt and again is not None and z.dpi >= LOW_DPI \
                and raw == line.text.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST) \
                and raw == again.text.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST) and address.vouched_by_names(raw, written):
            # `eng` read it alike at two sizes, and it is the person's names, read sure in their own boxes, then
            # digits at a provider's domain: `lav`, which lacks the "@" and reads "l" for "i", is outvoted
            # (tuning forms 2256–2735, 300 dpi: of 127 addresses `eng` read alike at two sizes as the names then
            # digits at a provider's, none was wrong; 4 had gone to review. "kirilis.ivans" beside "Ķirilis"
            # read at 0.49 for "Ķirills", tuning form 2650, stays in doubt: its name was not read sure)
            guessed, cap = False, address.REPAIRED_AT_MOST
    if raw and z.type == "date" and re.fullmatch(r"\d{1,2}[.:]\d{1,2}[.:]\d{4}", raw):
        raw = raw.replace(":", ".")  # a date's dot with dust above it reads ":" ("26.02:2024"); digits decide
    if raw and z.type == "time" and re.fullmatch(r"\d{1,2}[.:]\d{2}", raw):
        raw = raw.replace(".", ":")  # a colon whose upper dot the copy lost reads "." ("11.45")
    if raw and z.type == "time" and (bare := re.fullmatch(r"(\d{1,2}) ?(\d{2})", raw)):
        # Both dots of the colon lost ("9 00", "0715" for "9:00", "07:15": at 200 dpi a dot is 2 px and the
        # copier's blur took it; ImageMagick route, tuning forms 100043, 100007). A time's last two digits
        # are its minutes; the colon unseen, not among the readings at 0.9 and above.
        raw, cap = f"{bare.group(1)}:{bare.group(2)}", min(cap, COLON_UNSEEN)
    if raw and z.type == "phone":
        raw = raw.strip(".,;:'|") or None  # dust beside the digits ("+371 28225587.")
    if raw and z.type == "personal_code":
        raw = raw.strip(":;.,'|- ")  # a label's colon or a border's remains beside the digits
        if re.fullmatch(r"\d{6}-?[\d.]{5,6}", raw) and raw.count(".") == 1:
            raw = raw.replace(".", "")  # a speck among the digits ("270799-1.7225"); the check digit decides
    value = normalize(z.type, raw) if raw else None
    confidence = line.confidence_without(DASHES) if z.type == "text" else line.confidence
    if z.type == "email" and check is not None and not guessed and value is not None:
        confidence = max(confidence, 0.9)  # `eng` and `lav` agree on every letter and the syntax is valid
    if check is not None and not guessed and z.type not in ("text", "email") and _agree(z, line.text, check.text):
        # Two whitelisted readings at two sizes that agree: the surer one counts (a lone "1" is read at
        # 0.3–0.7 at one size and 0.9 at the other; measured on the independent tuning set). Free text
        # keeps the first: "Ķīirills" was read alike at both sizes, at 0.41 and 0.8.
        confidence = max(confidence, check.confidence)
        if min(line.confidence, check.confidence) >= AGREED_LEAST and confidence >= AGREED_SURER:
            # Both sure of their shape, if not of every digit: the two sizes confirm each other as a reader's
            # second look does (independent tuning forms 2256–2543, 300 dpi: 20 readings of 0.5–0.8 so, all
            # right; the one wrong, "11:06" for "11:00", at 0.15 and 0.15). Below 250 dpi the model alone decides.
            confidence = max(confidence, AGREED)
    if value is None:
        confidence = min(confidence, 0.2)
    if raw and z.type == "phone" and raw.count(" ") != word_gaps(z.pixels) \
            and not re.fullmatch(r"\+371 \d{8}", value or ""):
        guessed = True  # the spaces read are not the spaces seen (a Latvian number's spaces carry nothing)
    if raw and z.type in NUMERIC and digits.seven_read_as_one(z.pixels, line.glyphs):
        guessed = True  # a "1" read where the ink's top is a "7"'s bar
    if raw and z.type in NUMERIC and slivers(z.pixels):
        guessed = True  # a border's remains beside the digits may have been read as a "1"
    if raw and z.type in ("number", "money") and raw.isdigit() and len(raw) == 1 \
            and not image.lone_digit_fits(z.pixels, raw):
        guessed = True  # a wide digit read where the ink is a narrow stroke: a "1"
    if raw and z.type in ("number", "money") and sum(not c.isdigit() for c in raw) != image.separators(z.pixels):
        guessed = True  # a decimal comma the ink shows and the reading lost ("7,5" read "75"), or the reverse
    if raw and z.type == "text" and not guessed and check is not None and confidence < assemble.UNCERTAIN_BELOW \
            and not is_name(z.name) \
            and _latvian_where_unsure(line) and not _other_word_at_3_4(line, check):
        # Read alike at two sizes, its marks seen in the ink, and every word the model was unsure of is a
        # Latvian word ("Ķegums" at 0.35): as sure as a reader checking it against the word list, but not
        # counted among the readings at 0.9 and above. Not a name: the list does not hold names, and "Ģirts"
        # read "Ģints" at 0.02 and 0.05 is a word (tuning form 1246; 3 of 1,104 names on forms 0–287 were
        # lifted so, all right).
        confidence = 0.85
    if raw and is_name(z.name) and not guessed and check is not None and check.text == line.text \
            and confidence < assemble.UNCERTAIN_BELOW and rivals.settled(z.pixels, line.glyphs) \
            and rivals.settled(smaller(z.pixels), check.glyphs, doubt_needed=False):
        # Read alike at two sizes, the model's only doubt a letter's mark, and the ink shows which ("Ķirša" at
        # 0.64 with "ī" beside its "i": the ink has a dot, no bar): as sure as a place the word list backs
        confidence = 0.85
    if raw and is_name(z.name) and not guessed and check is not None and check.text == line.text \
            and confidence < assemble.UNCERTAIN_BELOW and rivals.word_settles(raw, line.glyphs):
        confidence = 0.85  # read alike at two sizes, and the word list has the name and no rival's word
    confidence = min(confidence, cap)
    if raw and z.dpi < LOW_DPI:
        # Below 250 dpi a mark is two or three pixels: a word read with a mark lost or gained is often a word
        # too ("Ērgli"/"Ērgļi", "Ģints"/"Ģirts") and "iv" runs into "w"; the word list and the second model
        # that lift a reading (to 0.85, an address both models read alike to 0.9) cannot tell (independent
        # tuning set: silent errors on 200-dpi scans at 0.8–0.9, "sarlote" read "sarigte" by both models,
        # tuning form 1142). Only what the model itself was sure of stands: a text or an address at full
        # size, a number at either size ("7,5" read "1,5" at 0.85 at both, tuning form 1172).
        own = line.confidence_without(DASHES) if z.type == "text" else line.confidence
        sure = confidence if z.type in NUMERIC else min(own, confidence)
        guessed = guessed or sure < LOW_DPI_SURE
    if guessed:  # '"' may have been “ or ", and " - " a hyphen: the model cannot tell
        confidence = min(confidence, 0.6)
    if value is not None and z.type == "personal_code" and not value.startswith("32") and pk.check(value).valid:
        # The check digit catches every single misread digit: an old-format code that passes it is sound.
        confidence = max(confidence, 0.85)
    if raw is None:  # ink but no characters: a scribble or a stain
        confidence = 0.0
    return FieldReading(value=value, raw=raw, confidence=round(confidence, 3), source=source)


def _settled_by_names(z: Zone, raw: str, line: ocr.OcrLine, check: ocr.OcrLine, written: list[str]) -> bool:
    """Whether an address in doubt is the person's names (read in their own boxes, `written` as an address
    writes them) then digits, the two models apart only where one read a "1" and the other an "l" or "i" ("baiba_ivane1" beside `lav`'s
    "baiba_ivanel", "unanecajeval7" beside "…17"; tuning forms 1470, 1512, 1530, 1008): the names end where
    the digits begin. Not where `eng` dropped a digit `lav` read (1488: one reading alone) or where the
    domain was changed or is a provider's with a letter changed."""
    if raw.count("@") != 1:
        return False
    read = line.text.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST)
    domain = raw.rsplit("@", 1)[1]
    return len(raw) == len(read) and domain == read.rsplit("@", 1)[-1] and address.known_domain(domain) \
        and address.near_provider(domain) is None \
        and address.names_then_digits(raw, written) \
        and _agree(z, raw.replace("1", "l"), check.text.replace("1", "l"), folded=True)


def _latvian_where_unsure(line: ocr.OcrLine) -> bool:
    """Whether every word read below the review threshold is a Latvian word (hunspell-lv), punctuation
    around it aside; False without the word list or when such a word holds a digit."""
    unsure = [w for w, c in line.scored if c < assemble.UNCERTAIN_BELOW and w not in DASHES]
    cores = [w.strip(EDGE_DUST) for w in unsure]
    return bool(cores) and all(c.isalpha() and spelling.is_word(c) for c in cores)


def _other_word_at_3_4(line: ocr.OcrLine, check: ocr.OcrLine) -> bool:
    """Whether the smaller copy read another Latvian word in some word's place: "Ķiploku ielā 72" at 0.69
    beside "Ķiploku iela 72" (dust over the "a", tuning form 802) — two words, and the list cannot choose."""
    first, second = line.text.split(), check.text.split()
    if len(first) != len(second):
        return False
    return any(x != y and y.strip(EDGE_DUST).isalpha() and spelling.is_word(y.strip(EDGE_DUST))
               for x, y in zip(first, second))
