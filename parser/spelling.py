"""What a Latvian reader would notice: a word read from a scan that is not Latvian, where the same word with
a mark the model may have dropped (or an "l" it may have read as "i", "n" for "ri") is — "Udens" for
"Ūdens", "Abele" for "Ābele", "Jeigavas" for "Jelgavas", "Žīgun" for "Žīguri". Such a reading is a guess
and goes to review. Where the word differs from one word only in its marks or its first letter's case, and
from no other (`only_word`), `parser.wordfix` puts it right and the ink checks judge the word put right.

The word list is Debian's `hunspell-lv` through pyenchant (`libenchant-2-2`). Without it the check says
nothing (the scan path then relies on the ink checks alone); `available()` tells which.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import combinations

# the marks the `lav` model drops: each plain letter and the marked letters it may stand for
MARKED = {"a": "ā", "e": "ē", "i": "ī", "u": "ū", "c": "č", "s": "š", "z": "ž", "g": "ģ", "k": "ķ", "l": "ļ",
          "n": "ņ", "A": "Ā", "E": "Ē", "I": "Ī", "U": "Ū", "C": "Č", "S": "Š", "Z": "Ž", "G": "Ģ", "K": "Ķ",
          "L": "Ļ", "N": "Ņ"}
# "Jeigavas" for "Jelgavas"; a capital I at a word's start for l; "Ggres" for "Ogres" (a 200-dpi scan)
# "Īstīces" for "Īslīces" (dust across an "l", 200 dpi, tuning form 932); each letter's stand-ins in turn
# "Čiekurkalhs" for "Čiekurkalns" (dust over an "n", tuning form 1219)
# "Ābeees" for "Ābeces" (a "c" closed by the blur, 200 dpi, tuning form 1616)
# "Ētgļi" for "Ērgļi" (an "r" with dust at its arm, tuning form 2671)
CONFUSED = {"i": "l", "l": "it", "I": "l", "G": "O", "e": "ac", "a": "e", "c": "e", "t": "lr", "h": "n"}  # "Ādežu" (263)
# letters the model reads for two ("Žīgun" for "Žīguri", "untversitāte" for "universitāte", "Tarty" for
# "Tartu"; independent tuning set, 200 dpi; "Ģenrūde" for "Ģertrūde", the "r"'s arm run into the "t"'s bar at
# 0.92, tuning form 2588; "Šķūrju" for "Šķūņu", the "ņ"'s comma read as a "j"'s tail at 0.91, tuning form
# 3418): each tried once, one change at a time
SPLIT = {"n": ("ri", "rt"), "ņ": ("rj",), "m": ("rn",), "t": ("i",), "y": ("u",), "h": ("li",), "d": ("cl",)}
WORD = re.compile(r"[^\W\d_]{3,}")
# the kinds of street an address names before the house number
STREETS = ("iela", "gatve", "prospekts", "bulvāris", "šoseja", "aleja", "laukums", "ceļš", "krastmala", "dambis",
           "līnija")
MAX_CHANGES = 2


@lru_cache(maxsize=1)
def _dictionary():
    try:
        import enchant

        return enchant.Dict("lv_LV")
    except Exception:  # pyenchant or the hunspell-lv word list missing: the check is unavailable
        return None


def available() -> bool:
    return _dictionary() is not None


def _variants(word: str):
    spots = [(i, MARKED[c]) for i, c in enumerate(word) if c in MARKED]
    # "a" and "e" only inside a word: at its end they are two forms of one name ("Ūdre", "Ūdra"; "Žubure"),
    # and right surnames went to review (tuning forms 288–383: 9 of 64 ordinary forms)
    spots += [(i, other) for i, c in enumerate(word) if c in CONFUSED
              and not (c in "ae" and i == len(word) - 1) for other in CONFUSED[c]]
    for n in range(1, MAX_CHANGES + 1):
        for chosen in combinations(spots, n):
            if len({i for i, _ in chosen}) < n:
                continue
            letters = list(word)
            for i, c in chosen:
                letters[i] = c
            yield "".join(letters)


def _split(word: str):
    """`word` with one letter the model may have read for two put back, or two it may have read for one
    ("Pērriava" for "Pērnava", tuning form 9071) joined (see SPLIT)."""
    for i, c in enumerate(word):
        for two in SPLIT.get(c, ()):
            yield word[:i] + two + word[i + 1:]
    for one, two in ((one, two) for one, twos in SPLIT.items() for two in twos):
        if len(two) == 2:
            start = word.find(two)
            while start >= 0:
                yield word[:start] + one + word[start + 2:]
                start = word.find(two, start + 1)


def twin(word: str) -> str | None:
    """Another Latvian word that `word`, a Latvian word itself, may have been read from or for, one letter
    read for two or two for one ("kons" for "koris": the "r"'s arm run into the "i"), or None. The word list
    vouches for neither reading of such a pair: "Ērgļu koris" read "Ērgļu kons" at 0.85, a word, passed
    unflagged (ghost tuning form 101409). None without the word list.

    >>> (twin("kons"), twin("koris"), twin("Rīga")) if available() else ("koris", "kons", None)
    ('koris', 'kons', None)
    """
    if not is_word(word):
        return None
    return next((v for v in _split(word) if len(v) != len(word) and is_word(v)), None)


def is_word(word: str) -> bool:
    """Whether `word` is Latvian (a capitalised word also as its lower-case form); False without the list."""
    d = _dictionary()
    return d is not None and (d.check(word) or (word[:1].isupper() and d.check(word.lower())))


def is_proper_name(word: str) -> bool:
    """Whether the word list has `word` as a name, capitalised, and not as a common word ("Ģertrūde", not
    "Ģints", which is "ģints" capitalised: "Ģirts" read so at 0.02, tuning form 1246). False without the list.

    >>> [is_proper_name(w) for w in ("Ģertrūde", "Ģints", "ģertrūde")] if available() else [True, False, False]
    [True, False, False]
    """
    d = _dictionary()
    return d is not None and word[:1].isupper() and d.check(word) and not d.check(word.lower())


def _unmarked(word: str):
    """`word` with one of its small letters' marks, or a capital's caron, taken off ("Jēkabpiļs" →
    "Jekabpiļs", "Jēkabpils"; "Čēsu" → "Cēsu", dust over a "C" at 200 dpi, tuning form 755). A capital's
    long mark is never dust's work (it stands clear above the line), and names such as "Ūna" and "Īvars"
    have unmarked namesakes in the word list."""
    plain = {v: k for k, v in MARKED.items() if v.islower() or v in "ČŠŽ"}
    for i, c in enumerate(word):
        if c in plain:
            yield word[:i] + plain[c] + word[i + 1:]


def doubtful_words(text: str) -> list[tuple[str, str]]:
    """(word read, a Latvian word it may have been) for every word in `text` that is not in the Latvian
    word list while such a variant is: with a mark the model may have dropped or an "l" read as "i", or
    without a mark that dust may have added ("Jēkabpiļs" for "Jēkabpils", "Rīģa" for "Rīga").

    >>> doubtful_words("Udens iela 4, Jeigava") if available() else [("Udens", "Ūdens"), ("Jeigava", "Jelgava")]
    [('Udens', 'Ūdens'), ('Jeigava', 'Jelgava')]
    >>> doubtful_words("Ūdens iela 4, Jelgava")
    []
    >>> doubtful_words("Jēkabpiļs, Rīģa") if available() else [("Jēkabpiļs", "Jēkabpils"), ("Rīģa", "Rīga")]
    [('Jēkabpiļs', 'Jēkabpils'), ('Rīģa', 'Rīga')]
    >>> doubtful_words("Žīgun – Tarty") if available() else [("Žīgun", "Žīguri"), ("Tarty", "Tartu")]
    [('Žīgun', 'Žīguri'), ('Tarty', 'Tartu')]
    >>> doubtful_words("Ķekava – jelgava") if available() else [("jelgava", "Jelgava")]
    [('jelgava', 'Jelgava')]
    >>> doubtful_words("Čēsu Valsts ģimnāzija") if available() else [("Čēsu", "Cēsu")]
    [('Čēsu', 'Cēsu')]
    """
    d = _dictionary()
    if d is None:
        return []
    out = []
    for word in WORD.findall(text):
        if d.check(word) or (word[0].isupper() and d.check(word.lower())):
            continue
        capital = (word[0].upper() + word[1:],) if word[0].islower() else ()  # "jelgava": a misread capital
        for variant in (*_variants(word), *_unmarked(word), *_split(word), *capital):
            if d.check(variant) or (variant[0].isupper() and d.check(variant.lower())):
                out.append((word, variant))
                break
    return out


def only_word(word: str) -> str | None:
    """The one Latvian word `word` stands for when it is no word itself: a mark the model dropped, added or
    put on the wrong letter ("Kekavas", "Ķēkavas", "Cēšu", "slimņīca"), or a place's capital read small
    ("jelgava"), and no other such word. None when `word` is a word, when none or several are, or without the
    word list. Only letters' marks and a first letter's case: what the ink can check letter for letter.

    >>> words = ("Kekavas", "Cēšu", "slimņīca", "jelgava")
    >>> [only_word(w) for w in words] if available() else ["Ķekavas", "Cēsu", "slimnīca", "Jelgava"]
    ['Ķekavas', 'Cēsu', 'slimnīca', 'Jelgava']
    >>> only_word("Ērgli"), only_word("Ķēvtx")
    (None, None)
    """
    if _dictionary() is None or not WORD.fullmatch(word) or not word[1:].islower() or is_word(word):
        return None
    if word[0].islower() and is_word(word[0].upper() + word[1:]):
        return word[0].upper() + word[1:]  # a place's capital: the marks are as read
    # each letter plain or with its mark; the fewest changes that make a word, and only one such word
    spots = [(i, alt) for i, c in enumerate(word) for alt in {_strip_mark(c), MARKED.get(_strip_mark(c), "")}
             if alt and alt != c]
    for n in range(1, MAX_CHANGES + 1):
        found = set()
        for chosen in combinations(spots, n):
            if len({i for i, _ in chosen}) == n:
                letters = list(word)
                for i, c in chosen:
                    letters[i] = c
                if is_word("".join(letters)):
                    found.add("".join(letters))
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _strip_mark(c: str) -> str:
    return unicodedata.normalize("NFKD", c)[0]


def unknown_common_words(text: str) -> list[str]:
    """Words in `text` written in lower case (no name, no place) that are not Latvian ("universitāje" for
    "universitāte", tuning form 365, 200 dpi: a "t" read "j", both readings alike). A common noun a reader
    does not know is more often a misreading than a rare word; an abbreviation before its full stop ("nov.")
    is left alone. Empty without the word list.

    >>> unknown_common_words("Rīgas Tehniskā universitāje") if available() else ["universitāje"]
    ['universitāje']
    >>> unknown_common_words("Rīgas Tehniskā universitāte, Ādažu nov.")
    []
    """
    if _dictionary() is None:
        return []
    return [m.group(0) for m in WORD.finditer(text) if m.group(0)[0].islower()
            and text[m.end():m.end() + 1] != "." and not is_word(m.group(0))]


def places_where(text: str) -> list[str]:
    """The places of a route ("Rīga – Ogre", places joined by the dash) written as where something is —
    a capitalised word ending in a long vowel ("Rīgā", "Ķekavā"): a route names its places as they are
    called, so such a mark is dust over the last letter (a 200-dpi scan read "Rīga – Žīguri" as "Rīgā –
    Žīguri" at 0.92, both words, tuning form 917).

    >>> places_where("Rīgā – Žīguri"), places_where("Rīga – Žīguri"), places_where("Rīgas Tehniskā universitāte")
    (['Rīgā'], [], [])
    """
    if " – " not in text:
        return []
    return [w for w in WORD.findall(text) if w[0].isupper() and w[-1] in "āēīū"]


def ends_where(text: str) -> list[str]:
    """A place's last word written as where something is — ending in a long vowel where the word without
    the mark is Latvian too ("Ķekavas vidusskolā" at 0.95 at both sizes, dust over the last "a"; ghost
    tuning form 101187, 300 dpi): a place names itself in the nominative, which never ends so. Empty
    without the word list.

    >>> ends_where("Ķekavas vidusskolā") if available() else ["vidusskolā"]
    ['vidusskolā']
    >>> ends_where("Ķekavas vidusskola"), ends_where("Rīgas Tehniskā universitāte")
    ([], [])
    """
    words = WORD.findall(text)
    if not words or words[-1][-1] not in "āēīū" or _dictionary() is None:
        return []
    last = words[-1]
    return [last] if is_word(last[:-1] + _strip_mark(last[-1])) else []


def addresses_where(text: str) -> list[str]:
    """Words of an address written as where something is, right before the house number ("Jelgavas ielā
    68"): an address names its street as it is called ("iela", "gatve"), so the mark is dust over the last
    letter (tuning form 1568, 200 dpi: "ielā" at 0.94, a word too). "Lielā iela 5" keeps its adjective.

    >>> addresses_where("Jelgavas ielā 68, Ļaudona"), addresses_where("Lielā iela 5, Rīga")
    (['ielā'], [])
    """
    return [m.group(1) for m in re.finditer(r"([^\W\d_]*[āēīū]) \d", text)]


def house_numbers_misread(text: str) -> list[str]:
    """House numbers of an address not written as one is (digits, perhaps a letter, perhaps "-" or "/" and
    the flat's number): after "iela", "gatve" … an address writes the house's number, so letters or marks
    there are misreadings ("Ķiploku iela SS-3" for "55-3" at 0.91, ghost tuning form 100200; "Ogres iela
    1:25" for "1-25" at 0.90 and 0.92, tuning form 4836).

    >>> house_numbers_misread("Ķiploku iela SS-3, Ķegums"), house_numbers_misread("Ķiploku iela 55-3, Ķegums")
    (['SS-3'], [])
    >>> house_numbers_misread("Ogres iela 1:25, Ērgļi"), house_numbers_misread("Tērbatas iela 14A/2, Rīga")
    (['1:25'], [])
    """
    streets = rf"\b(?:{'|'.join(STREETS)}) ([^\s,]+)"
    return [m.group(1) for m in re.finditer(streets, text)
            if not re.fullmatch(r"\d+[^\W\d_]?(?:[-/]\d+[^\W\d_]?)?", m.group(1))]


def streets_misread(text: str) -> list[str]:
    """Words right before a house number one letter away from a street's kind ("iela", "gatve" …) without
    being it: "Ģertrūdes ieta 26" for "iela" at 0.93, tuning form 4980 — "ieta" is a Latvian word too, so
    the word list passes it; in that place an address writes the street's kind.

    >>> streets_misread("Ģertrūdes ieta 26, Žīguri"), streets_misread("Ģertrūdes iela 26, Žīguri")
    (['ieta'], [])
    >>> streets_misread("Brīvības gatvc 5, Rīga"), streets_misread("Lielā iela 5, Rīga")
    (['gatvc'], [])
    """
    return [w for w in re.findall(r"([^\W\d_]+) \d", text) if w not in STREETS
            and any(len(w) == len(s) and sum(a != b for a, b in zip(w, s)) == 1 for s in STREETS)]


def postcodes_misread(text: str) -> list[str]:
    """Postcodes not written as Latvia's are ("LV-" and four digits): "ĻV-2123" (dust under the "L", tuning
    form 2702, 200 dpi, 0.92), "L V-4862" (a gap read as a space, ghost tuning form 100392, 300 dpi, 0.85).
    An address abroad is written without the "LV-" and is left alone.

    >>> postcodes_misread("Ļaudonas iela 18, Ķekava, ĻV-2123"), postcodes_misread("Rīgas iela 1, Ogre, LV-5001")
    (['ĻV-2123'], [])
    >>> postcodes_misread("Ērgļu iela 57, Ļaudona, L V-4862")
    ['L V-4862']

    A space read among its digits ("LV-1 050" at 0.90, tuning form 5026) is no postcode either:

    >>> postcodes_misread("Jelgavas iela 95, Rīga, LV-1 050"), postcodes_misread("Rīga, LV -1050")
    (['LV-1 050'], ['LV -1050'])
    """
    found = re.finditer(r"\b[^\W\d_]\s*[^\W\d_]\s*-\s*\d(?:\s*\d)*", text)
    return [m.group(0) for m in found if not re.fullmatch(r"LV-\d{4}", m.group(0))]


def capitals_after_small_words(text: str) -> list[str]:
    """Words begun with a capital right after a word in small letters ("Ūdens sporta Klubs": dust on the "k"
    read it "K", 0.95 at both sizes, tuning form 1856, 200 dpi; "Ēdoles dienas Centis" for "centrs" at 0.9
    and more, a name in the word list, tuning form 5187). Latvian writes a common noun small after a small
    word; a proper name there ("biedrība Cerība") is rare on these forms and goes to review. After a capital
    ("Cēsu Valsts ģimnāzija"), a comma, dash or quote, nothing is said.

    >>> capitals_after_small_words("Ūdens sporta Klubs"), capitals_after_small_words("Ēdoles dienas Centis")
    (['Klubs'], ['Centis'])
    >>> capitals_after_small_words("Cēsu Valsts ģimnāzija"), capitals_after_small_words("Rīga – Ogre")
    ([], [])
    """
    words = text.split()
    return [w for before, w in zip(words, words[1:])
            if WORD.fullmatch(before) and before[0].islower() and WORD.fullmatch(w) and w[0].isupper()
            and not w.isupper()]


def name_as_where(name: str) -> bool:
    """Whether a person's name ends in a long vowel ("Krastiņā"): a name on a form is in the nominative,
    which in Latvian never ends so; the mark is dust over the last letter (tuning form 1220, 200 dpi: right
    "Krastiņa" read "Krastiņā" at 0.91, a word too).

    >>> name_as_where("Krastiņā"), name_as_where("Krastiņa"), name_as_where("Ūna")
    (True, False, False)
    """
    return name[-1:] in ("ā", "ē", "ī", "ū")
