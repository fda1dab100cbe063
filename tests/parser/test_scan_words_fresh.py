"""Silent errors on a fresh batch of the independent generator's tuning family (bench/independent, forms
1536–1631, scored once before they were looked at), each a reading a Latvian reader would doubt: a comma
before a small letter's word in a place, an address's street written as where ("ielā 68"), a "c" the blur
closed into an "e". Read by real Tesseract; the word checks need hunspell-lv."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from parser import spelling  # noqa: E402
from tests.parser.test_scan_silent_causes_fresh import _misread_in_doubt, needs_words, pytestmark  # noqa: E402,F401


def test_comma_before_a_small_letters_word_in_a_place_is_doubted(tmp_path):
    """Tuning form 1551 (300 dpi): "Ķekavas vidusskola" read "Ķekavas, vidusskola" at 0.92 at both sizes."""
    _misread_in_doubt(1551, "entries.4.place", tmp_path)


def test_address_street_written_as_where_before_the_house_number_is_doubted(tmp_path):
    """Tuning form 1568 (200 dpi): "Jelgavas iela 68" read "Jelgavas ielā 68" at 0.94 — "ielā" is a word."""
    _misread_in_doubt(1568, "applicant.address", tmp_path)
    assert spelling.addresses_where("Lielā iela 5, Rīga") == []


@needs_words
def test_c_read_as_e_where_the_word_with_c_is_latvian_is_doubtful(tmp_path):
    """Tuning form 1616 (200 dpi): "Ābeces iela" read "Ābeees iela" at 0.91 and 0.92."""
    _misread_in_doubt(1616, "applicant.address", tmp_path)
    assert spelling.doubtful_words("Ābeees iela 24") == [("Ābeees", "Ābeces")]
