"""The checks of a text zone's reading (a name, a place, an address): its marks against the ink, its words
against the Latvian word list, its punctuation against how Latvian writes places and addresses."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parser import assemble, cases, diacritics, dots, faint, ocr, rivals, spelling, wordfix
from parser.lines import end_dust, route_dash, typography
from parser.zone.base import DASHES, EDGE_DUST, NAME, WORD_LIST_SURE, is_name, smaller

if TYPE_CHECKING:
    from parser.zone.base import Zone


def prepared(z: Zone, line: ocr.OcrLine, check: ocr.OcrLine | None) \
        -> tuple[ocr.OcrLine, ocr.OcrLine | None, float]:
    """The readings as a reader would take them before judging them: a capital "J" the model read small, a
    place's or address's word put right by the word list (`parser.wordfix`; a name has no list), the copy at
    3/4 size put right alike to compare like with like; and the most the reading may then be trusted."""
    cap = 1.0
    if line.text and dots.capital_j(z.pixels, line.glyphs):
        line = wordfix.capitalised(line)  # the ink shows a capital: no dot, and it rises to the capitals' height
    if line.text and not is_name(z.name) and (fixed := wordfix.corrected(line)) is not None:
        # read as the word list has it; every check judges it as any reading
        line, cap = fixed, WORD_LIST_SURE
    if check is not None and not is_name(z.name):
        check = wordfix.corrected(check) or check
    return line, check, cap


def checked(z: Zone, raw: str, line: ocr.OcrLine, check: ocr.OcrLine | None, cap: float) -> tuple[str, bool, float]:
    """(the reading with dust dropped by rule, whether it is a guess, the most it may be trusted)."""
    guessed = False
    if not diacritics.marks_confirmed(z.pixels, line.glyphs, line.text.split()):
        guessed = True  # a mark (ā, š, ņ …) read that the ink does not show, or ink above/below not read
    if faint.lost_mark(z.grey, z.pixels, line.glyphs):
        guessed = True  # a bar of grey over a letter read plain: a mark too faint for the threshold ("Una")
    if rivals.comma_weighed_and_inked(z.pixels, line.glyphs, None if is_name(z.name) else line.text):
        guessed = True  # a plain "l" read where the model weighed "ļ" and the ink has a comma's foot ("Ērgli")
    if cases.small_k_read_capital(z.pixels, line.glyphs):
        guessed = True  # a "K" whose arm stays at the x-height: a "k" ("Cēsu Koncertzāle", both words)
    if is_name(z.name) and dots.undotted_i(z.pixels, line.glyphs):
        guessed = True  # an "i" whose dot the ink does not show: an "l" ("Ērgie" for "Ērgle"); a place's
        # word list catches it there ("poliklīnika"'s blurred "i" is one stroke too: 4 right places doubted)
    cleaned = end_dust(route_dash(raw) if z.name.endswith("place") else raw, z.name)
    if cleaned != raw:  # dust dropped by rule: sure enough to keep, not among the readings at 0.9 and above
        raw, cap = cleaned, min(cap, WORD_LIST_SURE)
    raw, typo_guess = typography(raw)
    guessed = guessed or typo_guess
    if spelling.doubtful_words(raw) or spelling.places_where(raw) \
            or (z.name.endswith("place") and spelling.ends_where(raw)) \
            or (z.name.endswith("address") and (spelling.addresses_where(raw) or spelling.postcodes_misread(raw)
                                                or spelling.house_numbers_misread(raw)
                                                or spelling.streets_misread(raw))):
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
    if is_name(z.name) and (diacritics.model_doubts_mark(line.glyphs) or (
            check is not None and check.text == line.text
            and diacritics.model_doubts_mark(check.glyphs, above_only=True))):
        # the model weighed the letter without its mark too, at either size ("Ķirills" read "Ķīrills" with
        # "i" at 0.10 and, at 3/4 size, 0.32; tuning form 778): no word list decides a name
        guessed = True
    weighed = rivals.other_letter(line.glyphs, z.pixels) or (
        check is not None and check.text == line.text and rivals.other_letter(check.glyphs, smaller(z.pixels)))
    if is_name(z.name) and weighed and not rivals.word_settles(raw, line.glyphs):
        # the model weighed another letter ("Ķrrills" at 0.85, "i" beside an "r" at 0.70), at either size
        # ("Ķrrills" at 0.90 and 0.25, "i" at 0.84 only at 3/4 size, tuning form 3891; of 394 right names kept
        # on tuning forms 3840–3935 and ghost 100366–100437, one, "Īrisa", had such a letter at 3/4 size)
        guessed = True
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
    return raw, guessed, cap


def lifted(z: Zone, raw: str, line: ocr.OcrLine, check: ocr.OcrLine | None, confidence: float) -> float:
    """The confidence of a reading no check doubted, raised where the word list or the ink vouches for what
    the model was unsure of."""
    if check is None or confidence >= assemble.UNCERTAIN_BELOW:
        return confidence
    if not is_name(z.name) and latvian_where_unsure(line) and not _other_word_at_3_4(line, check):
        # Read alike at two sizes, its marks seen in the ink, and every word the model was unsure of is a
        # Latvian word ("Ķegums" at 0.35): as sure as a reader checking it against the word list, but not
        # counted among the readings at 0.9 and above. Not a name: the list does not hold names, and "Ģirts"
        # read "Ģints" at 0.02 and 0.05 is a word (tuning form 1246; 3 of 1,104 names on forms 0–287 were
        # lifted so, all right).
        return 0.85
    if is_name(z.name) and check.text == line.text and rivals.settled(z.pixels, line.glyphs) \
            and rivals.settled(smaller(z.pixels), check.glyphs, doubt_needed=False):
        # Read alike at two sizes, the model's only doubt a letter's mark, and the ink shows which ("Ķirša" at
        # 0.64 with "ī" beside its "i": the ink has a dot, no bar): as sure as a place the word list backs
        return 0.85
    if is_name(z.name) and check.text == line.text and rivals.word_settles(raw, line.glyphs):
        return 0.85  # read alike at two sizes, and the word list has the name and no rival's word
    return confidence


def latvian_where_unsure(line: ocr.OcrLine) -> bool:
    """Whether every word read below the review threshold is a Latvian word (hunspell-lv) and no other
    word's twin (`spelling.twin`), punctuation around it aside; False without the word list or when such a
    word holds a digit."""
    unsure = [w for w, c in line.scored if c < assemble.UNCERTAIN_BELOW and w not in DASHES]
    cores = [w.strip(EDGE_DUST) for w in unsure]
    # a word with a twin ("kons" and "koris", ghost tuning form 101409) is one the list cannot choose
    return bool(cores) and all(c.isalpha() and spelling.is_word(c) and not spelling.twin(c) for c in cores)


def _other_word_at_3_4(line: ocr.OcrLine, check: ocr.OcrLine) -> bool:
    """Whether the smaller copy read another Latvian word in some word's place: "Ķiploku ielā 72" at 0.69
    beside "Ķiploku iela 72" (dust over the "a", tuning form 802) — two words, and the list cannot choose."""
    first, second = line.text.split(), check.text.split()
    if len(first) != len(second):
        return False
    return any(x != y and y.strip(EDGE_DUST).isalpha() and spelling.is_word(y.strip(EDGE_DUST))
               for x, y in zip(first, second))

