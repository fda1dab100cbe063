"""Strokes a reader takes for dust because of the words they stand in: a speck over or under a letter where
the Latvian word list (hunspell-lv, `parser.spelling`) has the word as read and not with a mark there. Without
the word list nothing is dust here, and the ink checks of `parser.diacritics` stand alone.
"""
from __future__ import annotations

from typing import Sequence

from parser import spelling
from parser.ocr import Glyph

PUNCTUATION = ",.;:()\"'„”“-–—"


def by_words(part: tuple[int, ...], glyphs: Sequence[Glyph], words: Sequence[str],
                   can: set[str]) -> bool:
    """A stroke is dust when every plain letter it may stand over (within half a letter of its box, as
    `_under_letter` takes it) lies in a word that the Latvian word list has as read but not with a mark on
    that letter ("tirgus", never "tirgūs"). Letters whose mark stands on the stroke's other side (`can`:
    those that take one on its side) are passed over: a speck under the "le" of "koncertzāle" is dust
    although "koncertzālē" is a word (tuning form 2286). Without the word list nothing is dust."""
    if not spelling.available():
        return False
    owner = [i for i, w in enumerate(words) for _ in w]  # glyph index → word index
    centre = part[0] + part[2] / 2
    near = [i for i, g in enumerate(glyphs)
            if g.box[0] - (g.box[2] - g.box[0]) / 2 <= centre <= g.box[2] + (g.box[2] - g.box[0]) / 2]
    if not near:
        return False
    starts = {i: sum(len(w) for w in words[:i]) for i in range(len(words))}
    for i in near:
        word = words[owner[i]]
        at = i - starts[owner[i]]
        core = word.strip(PUNCTUATION)  # "Rīga," is the word "Rīga"
        at -= word.index(core) if core else 0
        if not 0 <= at < len(core) or core[at] not in can:
            continue  # a comma or a dash, or a letter with no mark on that side: no mark to lose
        word = core
        if not spelling.is_word(word):
            return False
        marked = spelling.MARKED.get(word[at])
        if marked and spelling.is_word(word[:at] + marked + word[at + 1:]):
            return False  # the mark would make a word too: the reading may have lost it
    return True


def no_word_takes_l_comma(words: Sequence[str], text: str) -> bool:
    """Whether the line's words (their letters the glyphs' in order) are all Latvian and none with an "l"
    is one with an "ļ" in its place: a speck under an "l" is then dust, as a reader takes it ("koncertzāle"
    with a speck 0.23 x-height under its "l", tuning form 2286; "Ērgli" and "Ērgļi" are both words, and
    there the ink decides). False without the word list.

    >>> no_word_takes_l_comma(["Cēsu", "koncertzāle"], "Cēsukoncertzāle") if spelling.available() else True
    True
    >>> no_word_takes_l_comma(["Ērgli"], "Ērgli"), no_word_takes_l_comma(["Ļaksa"], "Ļaksa")
    (False, False)
    """
    if not words or "".join(words) != text or not spelling.available():
        return False
    cores = [w.strip(PUNCTUATION) for w in words]
    cores = [w for w in cores if w and not w.isdigit() and not all(c.isdigit() or c in PUNCTUATION for c in w)]
    if not cores or not all(w.isalpha() and spelling.is_word(w) for w in cores):
        return False
    return not any(spelling.is_word(w[:i] + ("Ļ" if c == "L" else "ļ") + w[i + 1:])
                   for w in cores for i, c in enumerate(w) if c in "lL")
