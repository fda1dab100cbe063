"""A text reading put right by the Latvian word list, as a reader puts it right: a word that is no word
where exactly one word differs from it only in its letters' marks ("Kekavas" → "Ķekavas", "slimņīca" →
"slimnīca", "Cēšu" → "Cēsu") or in a small first letter ("jelgava" → "Jelgava"), the fewest changes first.
Letter for letter, so the reading's character boxes stay and the ink checks (`parser.diacritics`) judge the
word as put right as they judge any reading: a mark added must show in the ink, and a stroke left over a
letter whose mark was taken off counts against the reading unless the word list calls it dust.

On the independent tuning forms 2256–2543 (`bench/independent`, ordinary and hard scans) 35 places and
addresses had a word `spelling.doubtful_words` names: none was right as read, and with each such word
replaced by the word it named, 30 were the value written.
"""
from __future__ import annotations

import dataclasses
import re

from parser import spelling
from parser.ocr import Glyph, OcrLine

CORE = re.compile(r"([^\w]*)([^\W\d_]+)([^\w]*)")  # a word with the punctuation around it
# two words with dust for the space between; a hyphen only before a small letter's word ("Ķekavas-vidusskola"
# at 0.9, tuning form 3221): a place's names are joined so ("Rīga-Jūrmala"), a common noun is not
JOINED = re.compile(r"([^\W\d_]{3,})(?:([.:;'’])([^\W\d_]{3,})|(-)([^\W\d_A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d_]{2,}))")


def corrected(line: OcrLine) -> OcrLine | None:
    """`line` with every word the word list puts right replaced (see the module), and a full stop, colon,
    semicolon or apostrophe joining two Latvian words, or a hyphen before a common noun, made the space it
    stands in ("Ādažu.slimnīca", "Ķekavas-vidusskola": dust in the gap), or None when nothing is put right
    or its characters cannot be matched to its boxes one for one.

    >>> glyphs = tuple(Glyph(c, (i, 0, i + 1, 1)) for i, c in enumerate("Kekavas.centrs"))
    >>> line = OcrLine("Kekavas.centrs", 0.9, 1, glyphs, (("Kekavas.centrs", 0.9),))
    >>> fixed = corrected(line) if spelling.available() else line
    >>> shown = ("Ķekavas centrs", "Ķekavascentrs", (("Ķekavas", 0.9), ("centrs", 0.9)))  # without the list
    >>> (fixed.text, "".join(g.text for g in fixed.glyphs), fixed.scored) if spelling.available() else shown
    ('Ķekavas centrs', 'Ķekavascentrs', (('Ķekavas', 0.9), ('centrs', 0.9)))
    >>> corrected(OcrLine("Ķekavas centrs", 0.9, 2)) is None
    True
    """
    tokens = line.text.split()
    if not spelling.available() or "".join(g.text for g in line.glyphs) != "".join(tokens) \
            or any(len(g.text) != 1 for g in line.glyphs):
        return None
    words: list[str] = []
    glyphs: list[Glyph] = []
    scored: list[tuple[str, float]] = []
    confidence = dict(line.scored)
    at = 0
    for token in tokens:
        own = list(line.glyphs[at:at + len(token)])
        at += len(token)
        joined = JOINED.fullmatch(token)
        second = joined and (joined.group(3) or joined.group(5))
        if joined and all(spelling.is_word(w) or spelling.only_word(w) for w in (joined.group(1), second)):
            parts = [joined.group(1), second]
            del own[len(parts[0])]  # the dust's box
        else:
            parts = [token]
        for part in parts:
            m = CORE.fullmatch(part)
            right = spelling.only_word(m.group(2)) if m else None
            if right and len(right) == len(m.group(2)):
                part = m.group(1) + right + m.group(3)
            words.append(part)
            glyphs += [dataclasses.replace(g, text=c) for g, c in zip(own[:len(part)], part)]
            own = own[len(part):]
            scored.append((part, confidence.get(token, line.confidence)))
    if words == tokens:
        return None
    return dataclasses.replace(line, text=" ".join(words), words=len(words), glyphs=tuple(glyphs),
                               scored=tuple(scored))


def capitalised(line: OcrLine) -> OcrLine:
    """`line` with its first letter a capital (the ink showed one: `parser.dots.capital_j`).

    >>> capitalised(OcrLine("jelgavas teātris", 0.9, 2, (), (("jelgavas", 0.9), ("teātris", 0.9)))).text
    'Jelgavas teātris'
    """
    glyphs = line.glyphs
    if glyphs:
        glyphs = (dataclasses.replace(glyphs[0], text=glyphs[0].text.upper()), *glyphs[1:])
    scored = line.scored
    if scored:
        scored = ((scored[0][0][:1].upper() + scored[0][0][1:], scored[0][1]), *scored[1:])
    return dataclasses.replace(line, text=line.text[:1].upper() + line.text[1:], glyphs=glyphs, scored=scored)
