"""Whether two readings of a zone say the same: the zone as it is and at 3/4 size, or `eng` and `lav` for an
e-mail address."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parser import address, diacritics, image, spelling
from parser.lines import route_dash, typography
from parser.normalize import normalize
from parser.zone.base import EDGE_DUST, EMAIL_DUST, EMAIL_TAIL, ENG_FOLD, STRAYS_OUTSIDE, is_name, plain, smaller

if TYPE_CHECKING:
    from parser.zone.base import Zone


def agree(z: Zone, first: str, second: str, folded: bool = False, second_glyphs: tuple = (),
           first_sure: bool = True) -> bool:
    """Whether the reading at 3/4 size confirms the first: alike after spacing and the route dash; for
    an amount alike in value ("9,5" and "9.5"); for a number, a separator the smaller image lost counts
    when the ink shows exactly the separators the first reading has ("3,5" beside "35")."""
    a, b = " ".join(first.split()), " ".join(second.split())
    if z.name.endswith("place"):
        # the smaller copy's route dash read "=" ("Ogre = Jēkabpils" beside "Ogre - Jēkabpils", ghost tuning
        # form 101131); the first reading's own "=" stays for its checks to judge
        b = b.replace(" = ", " - ")
    if z.type == "text":
        a, b = typography(a)[0], typography(b)[0]
    if z.name.endswith("place"):  # a route's dash joined to a place at one size, spaced at the other
        a, b = route_dash(a), route_dash(b)  # ("Ķekava- Žīguri" beside "Ķekava - Žīguri", tuning form 4983)
    if z.type == "email":
        a = a.rstrip(EMAIL_TAIL).lstrip(EMAIL_DUST)  # dust beside the address: the other reading drops it too
        b = b.lstrip(EMAIL_DUST)
    if a == b or (z.type == "text" and b.strip(EDGE_DUST) == a):
        return True  # dust the smaller copy alone shows at an end ("Čakstiņa:") does not touch the first
    if z.type == "text" and is_name(z.name) and first_letter_case_only(a, b):
        return True
    if z.type == "text" and a.strip(EDGE_DUST) == b:
        return True  # dust only the first shows at an end: the rules for a reading's ends judge it
    if z.type == "text" and plain(a) == plain(b) and len(a) == len(b):
        # The smaller copy lost a mark ("Ērgļi" / "Ērgli"): the first reading's marks are checked against the
        # ink on their own (diacritics.marks_confirmed). A mark only the smaller copy has, and its own ink
        # shows, is one the first may have lost ("Ērgli" beside "Ērgļi", both Latvian words: a silent error
        # at 200 dpi); one its ink does not show is noise ("vidusskola" beside "vidusskolā"; tuning set).
        if all(x == y or plain(y) == y for x, y in zip(a, b)):
            return True
        if words_beside_non_words(a.split(), b.split(), first_sure):
            return True  # the first a word where the smaller copy's mark makes none ("Ģirts" beside "Ģīrts")
        return not (second_glyphs and diacritics.marks_confirmed(smaller(z.pixels), second_glyphs, second.split()))
    if z.type == "text" and words_beside_non_words(a.split(), b.split(), first_sure):
        return True
    if z.type == "email" and a.count("@") == 1:
        # `lav` drops the "@" or writes up to three characters in its place ("kirillsjurevics(Oexample.lv")
        local, domain = a.split("@")
        b = plain(b)  # an address is ASCII: a mark `lav` reads over a letter is dust ("zanisaboļs", tuning 330)
        if "_" in local:  # the underscore sits below the line: `lav` drops it or reads a space
            local, b = local.replace("_", ""), b.replace("_", "")
        if folded:  # and reads "5" as "s", "0" as "o", "l" as "I": only where `eng` read alike at two sizes
            local, domain, b = local.translate(ENG_FOLD), domain.translate(ENG_FOLD), b.translate(address.LAV_FOLD)
        return b.startswith(local) and b.endswith(domain) and len(b) - len(local) - len(domain) <= 3
    if z.type in ("number", "money", "phone") and normalize(z.type, a) is not None \
            and normalize(z.type, a) == normalize(z.type, b):  # "+371 2254…" beside "+3712254…": one number
        return True
    if z.type in STRAYS_OUTSIDE and re.sub(r"\D", "", a) == re.sub(r"\D", "", b) and a:
        # a space is no ink ("200960- 11765" at 0.14 beside "200960-11765" at 0.93, ghost tuning form 101118)
        return sum(not c.isdigit() and not c.isspace() for c in a) == image.separators(z.pixels)
    if z.type in ("number", "money") and a == "1" and len(b) == 1 and b.isdigit() \
            and not image.lone_digit_fits(z.pixels, b):
        return True  # the smaller copy's other digit is wider than the ink's one stroke ("4" beside "1", ghost
        # tuning form 101091: only a "1" is so narrow)
    return False


def words_beside_non_words(first: list[str], second: list[str], sure: bool = True) -> bool:
    """Whether the two readings differ only where the first reads a Latvian word and the smaller copy no
    word at all ("veikals" beside "veikais"): a reader takes the word (hunspell-lv)."""
    if len(first) != len(second):
        return False
    pairs = [(x.strip(EDGE_DUST), y.strip(EDGE_DUST)) for x, y in zip(first, second) if x != y]
    # Letter for letter, unless the model was sure of the first: where the smaller copy reads one letter for
    # two, an unsure first reading may have split one too ("Ģints" at 0.53 beside "Ģins" for the name "Ģirts",
    # "ģints" a Latvian word: tuning form 497; "Ģirts" at 0.96 beside "Ģins" on tuning form 172 is right)
    return bool(pairs) and all(x.isalpha() and (sure or len(x) == len(y)) and spelling.is_word(x)
                               and not spelling.is_word(y) and not mark_unsettled(x, y) for x, y in pairs)


def mark_unsettled(first: str, second: str) -> bool:
    """Whether the smaller copy reads another letter where the first reads one with a mark, and the word
    is Latvian without that mark too: the word list cannot tell which, and the copies disagree just there
    ("augstskolā" at 0.94 beside "augstskold", a speck joined to the "a"; "augstskola" was written: tuning
    form 2168, 200 dpi).

    >>> mark_unsettled("augstskolā", "augstskold"), mark_unsettled("veikals", "veikais")
    (True, False)
    """
    return len(first) == len(second) and any(
        x != y and plain(x) != x and spelling.is_word(first[:i] + plain(x) + first[i + 1:])
        for i, (x, y) in enumerate(zip(first, second)))


SAME_SHAPE = set("cosvwxzčšž")  # letters whose small form is the capital drawn smaller


def first_letter_case_only(first: str, smaller_copy: str) -> bool:
    """Whether the smaller copy differs from the first only in reading a name's first letter small where the
    first reads it capital, and the letter's small form is its capital drawn smaller ("vija" at 0.74 beside
    "Vija" at 0.96, tuning form 4969): at 3/4 size nothing beside it shows the height. A name begins with a
    capital, and the letter is the same.

    >>> first_letter_case_only("Vija", "vija"), first_letter_case_only("Šteina", "šteina")
    (True, True)
    >>> first_letter_case_only("Vija", "Vija"), first_letter_case_only("Ilze", "ilze"), first_letter_case_only("Vija", "vila")
    (False, False, False)
    """
    return len(first) == len(smaller_copy) > 1 and first[0].isupper() and first[0].lower() in SAME_SHAPE \
        and smaller_copy[0] == first[0].lower() and first[1:] == smaller_copy[1:]
