"""Checks on one line of writing read from a scan: Latvian typography the model cannot write, the spaces
between digit groups, and border remains beside digits.
"""
from __future__ import annotations

import re

import cv2
import numpy as np

from parser.image import ink_parts

PAD = 12  # white pixels around a zone handed to Tesseract (parser.scan pads every zone by this)


def typography(text: str) -> tuple[str, bool]:
    """Latvian typography the `lav` model cannot write: a closing quote after „ is ”, and a hyphen or dash
    between spaces is a dash (domuzīme) "–", as the forms' routes are written ("Rīga – Ogre"): the model
    cannot tell "-" from "–", and between spaces Latvian writes only the dash. Returns the text and
    whether some character is still a guess.

    >>> typography('koris „Dziesmu vītols"')
    ('koris „Dziesmu vītols”', False)
    >>> typography('Rīga - Ogre'), typography('Rīga — Ogre'), typography('SIA "Koka rotas"')[1]
    (('Rīga – Ogre', False), ('Rīga – Ogre', False), True)
    >>> typography("Ūdrupe + Ļaudona")[1], typography("Ādaži —- Jēkabpils"), typography("Rīga – Ogre")[1]
    (True, ('Ādaži – Jēkabpils', False), False)
    >>> typography("veikals „Elvi'"), typography("„Ābeļu tirgus")
    (('veikals „Elvi”', True), ('„Ābeļu tirgus', True))
    >>> typography("Čiekurkalns – Ķekava”")[1], typography("koris „Balsis”")[1], typography("Tartu (Igaunija")[1]
    (True, False, True)
    """
    out, opened, stray = [], False, False
    for ch in text:
        if ch == "„":
            opened = True
        elif ch in "\"'" and opened:  # lav has no ” and writes " or ' for it
            ch, opened = "”", False
        elif ch in "”“":
            stray = stray or not opened  # a closing quote nothing opened: dust ("Ķekava”" at 0.85, tuning form 2467)
            opened = False
        out.append(ch)
    fixed = "".join(out)
    # a „ that nothing closes is dust at the baseline before a word ("„Ābeļu tirgus"), or a quote misread;
    # so is a bracket without its pair
    guessed = '"' in fixed or "'" in text or opened or stray or text.count("(") != text.count(")")
    fixed = re.sub(r" [-—–]{1,2} ", " – ", fixed)  # the model splits a long dash in two ("—-")
    # any other lone sign between words ("Ūdrupe + Ļaudona") is a misread dash or dust
    guessed = guessed or any(w != "–" and not any(c.isalnum() for c in w) for w in fixed.split())
    return fixed, guessed


CAPITALISED = r"[A-ZĀČĒĢĪĶĻŅŠŪŽ][^\W\d_]+"


def route_dash(text: str) -> str:
    """A dash between two places' names spaced on one side only, or with dust beside it, as the route's dash
    (domuzīme) "–": "Ļaudona -Ērgļi", "Ķegums —Ūdrupe", "Ogre -.Čiekurkalns" (tuning forms 2775, 2811, 2997).
    Only between capitalised words: "Ādažu -slimnīca" is no route.

    >>> route_dash("Ļaudona -Ērgļi"), route_dash("Ogre -.Čiekurkalns"), route_dash("Rīga- Ogre")
    ('Ļaudona – Ērgļi', 'Ogre – Čiekurkalns', 'Rīga – Ogre')
    >>> route_dash("Ādaži --Jelgava")  # the model splits a long dash in two (tuning form 3123)
    'Ādaži – Jelgava'
    >>> route_dash("Ādažu -slimnīca"), route_dash("Rīga – Ogre"), route_dash("Rīga-Jūrmala")
    ('Ādažu -slimnīca', 'Rīga – Ogre', 'Rīga-Jūrmala')
    """
    return re.sub(rf"({CAPITALISED})(?: [-–—]{{1,2}}[.,:;]?|[-–—]{{1,2}} )(?={CAPITALISED})", r"\1 – ", text)


def end_dust(text: str, field: str) -> str:
    """A place's or an address's last character when it is dust: a hyphen after a place's last word
    ("Jēkabpils – Rīga-", tuning form 2965), a full stop, comma, colon or semicolon after an address's
    postcode ("…, LV-4574.", tuning form 3022). Neither ends so when written.

    >>> end_dust("Jēkabpils – Rīga-", "entries.1.place"), end_dust("Rīgas iela 1, Ogre, LV-5001.", "applicant.address")
    ('Jēkabpils – Rīga', 'Rīgas iela 1, Ogre, LV-5001')
    >>> end_dust("Ādažu nov.", "activities.0.place")
    'Ādažu nov.'
    """
    if field.endswith("place") and re.search(r"[^\W\d_]{3}[-–—]$", text):
        return text[:-1]
    if field.endswith("address") and re.search(r"\bLV-\d{4}[.,:;]$", text):
        return text[:-1]
    return text


def word_gaps(pixels: np.ndarray) -> int:
    """Spaces between digit groups (a phone number's "+371 2…"), which Tesseract sometimes drops under a
    whitelist. Digits are set on one pitch (every digit as wide as "0"), so a space shows as a step between
    the centres of neighbouring marks half a pitch longer than the usual one; a gap of white alone is no
    measure, since a "1" stands in the middle of its wide cell and "11" leaves a gap as wide as a space
    (independent tuning set: "23911261" was taken for two groups).

    >>> zone = np.full((50, 300), 255, np.uint8)
    >>> for x in (20, 40, 60, 100, 120): zone[15:35, x:x + 12] = 0       # "123 45": centres 20 apart, one 40
    >>> word_gaps(zone)
    1
    >>> zone = np.full((50, 300), 255, np.uint8)
    >>> for centre, width in ((26, 12), (46, 3), (66, 3), (86, 12)): zone[15:35, centre - width // 2:][:, :width] = 0
    >>> word_gaps(zone)                                                   # "2114": thin "1"s, wide gaps
    0
    >>> zone[15:35, 92:112] = 0                                           # "21144": the last two touch
    >>> word_gaps(zone)
    0
    """
    _, parts = ink_parts(pixels)
    if not parts:
        return 0
    tallest = max(p[3] for p in parts)
    spans: list[list[float]] = []  # marks as tall as a digit, those overlapping in x taken as one
    for x, w in sorted((p[0], p[2]) for p in parts if p[3] >= 0.5 * tallest):
        if spans and x < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], x + w)
        else:
            spans.append([x, x + w])
    if len(spans) < 3:
        return 0
    centres = [(a + b) / 2 for a, b in spans]
    pitch = float(np.median(np.diff(centres)))
    narrow = float(np.median([b - a for a, b in spans]))
    split = []  # digits that touch ("84" one mark, twice as wide): each its own centre
    for a, b in spans:
        k = max(1, round((b - a) / pitch)) if b - a > 1.6 * narrow else 1
        split += [a + (b - a) * (j + 0.5) / k for j in range(k)]
    steps = np.diff(split)
    usual = float(np.median(steps))
    return int(sum(1 for s in steps if s >= 1.3 * usual))


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


def edge_specks_removed(pixels: np.ndarray, name: bool = False) -> np.ndarray:
    """A line of text (black on white) without specks standing apart before its first letter or after its
    last: copier dust that Tesseract reads as ' " or . ("Ņikita" with a speck at the capitals' height read
    'Ņikita"', "Īslīce – Ūdrupe ." — independent tuning set). A speck is a small round mark; a quote's
    strokes and an apostrophe are taller than wide and stay. A full stop (a speck on the baseline) stays
    when it stands close to its word, as a written one does; after a `name`, which never ends in one, it
    goes too.

    >>> zone = np.full((40, 140), 255, np.uint8)
    >>> zone[10:30, 10:22] = 0; zone[16:30, 26:38] = 0; zone[16:30, 42:54] = 0   # three letters
    >>> zone[12:15, 64:67] = 0                                                   # a speck after them
    >>> bool((edge_specks_removed(zone)[12:15, 64:67] == 255).all())
    True
    >>> zone[12:15, 64:67] = 255; zone[27:30, 58:61] = 0                         # a full stop: kept
    >>> bool((edge_specks_removed(zone)[27:30, 58:61] == 0).all())
    True
    >>> bool((edge_specks_removed(zone, name=True)[27:30, 58:61] == 255).all())  # not after a name
    True
    >>> zone[27:30, 58:61] = 255; zone[27:30, 72:75] = 0                         # a speck a space away
    >>> bool((edge_specks_removed(zone)[27:30, 72:75] == 255).all())
    True
    """
    from parser.diacritics import measured_line

    line = measured_line(pixels)
    if line is None:
        return pixels
    labels, parts, baseline, x_height = line
    letters = [p for p in parts if p[3] >= 0.6 * x_height]
    if not letters:
        return pixels
    left = min(p[0] for p in letters)
    right = max(p[0] + p[2] for p in letters)
    drop = []
    for x, y, w, h, area, label in parts:
        gap = left - (x + w) if x + w <= left else x - right if x >= right else -1
        if gap < (1 if name else 0.3 * x_height):
            continue
        speck = h <= 0.35 * x_height and w <= 0.35 * x_height and 0.6 <= w / max(h, 1) <= 1.7
        stop = y + h > baseline - 0.4 * x_height  # on the baseline: a full stop or a comma
        if speck and (not stop or name or gap >= 0.6 * x_height):
            drop.append(label)
    if not drop:
        return pixels
    out = pixels.copy()
    out[np.isin(labels, drop)] = 255
    return out
