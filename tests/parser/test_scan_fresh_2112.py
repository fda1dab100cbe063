"""Silent errors on fresh batches of the independent generator's tuning family (bench/independent, forms
2112 onwards, each scored once before it was looked at), each a reading a reader would doubt. Read by real
Tesseract; the word checks need hunspell-lv."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from parser import zone  # noqa: E402
from tests.parser.test_scan_silent_causes_fresh import _misread_in_doubt, needs_words, pytestmark  # noqa: E402,F401


@needs_words
def test_mark_the_smaller_copy_reads_as_another_letter_is_doubted_where_both_are_words(tmp_path):
    """Tuning form 2168 (200 dpi): "Jelgavas augstskola" read "Jelgavas augstskolā" at 0.94 — a speck joined
    to the last "a" — and "augstskold" at 3/4 size. "augstskold" is no word, but "augstskola" is as much a
    word as "augstskolā": the copies disagree at the mark, so no word list settles it."""
    _misread_in_doubt(2168, "activities.2.place", tmp_path)
    assert not zone._mark_unsettled("veikals", "veikais")  # no mark at the disagreement: the word stands
