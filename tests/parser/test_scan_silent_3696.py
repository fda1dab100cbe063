"""Silent errors found on 200-dpi scans of fresh tuning batches after stop 16 (independent generator's tuning
forms 3696–4143 and ghost-route tuning forms 100222–100629, each scored once before it was looked at), each
now in doubt. Read by real Tesseract."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from parser import cases  # noqa: E402
from parser.ocr import Glyph  # noqa: E402
from tests.parser.test_scan_silent_3408 import _ghost_field  # noqa: E402
from tests.parser.test_scan_silent_causes import _field  # noqa: E402
from tests.parser.test_scan_silent_causes_fresh import pytestmark  # noqa: E402,F401


@pytest.mark.parametrize("family,n,name", [
    ("ghost", 100256, "applicant.surname"),      # "Šteins" read "Štems" at 0.91: "i" and "n" blotted into one
    ("ghost", 100313, "recipient.given_name"),   # "Ņikita" read "Ņikta" at 0.90: an "i" run into the "t"
    ("ghost", 100373, "assistant.surname"),      # "Jurēviča" read "Jutēviča" at 0.90: a speck on the "r"
    ("tuning", 3746, "preferred_assistant.surname"),  # "Ābelis" read "Ābeļis" at 0.92: a speck under the "l"
])
def test_name_on_a_200_dpi_scan_read_below_0_93_is_doubtful(family, n, name, tmp_path):
    """On a 200-dpi scan a name, place or address stands only where the model read it at 0.93 or more: every
    such silent error on the tuning batches was read at 0.90–0.92, each misread its own way."""
    want, read = (_ghost_field(n, name, tmp_path) if family == "ghost" else _field(n, name, tmp_path))
    assert read.value != want and read.confidence < 0.8, read


def test_l_read_where_the_model_weighed_its_comma_and_the_ink_has_one_is_doubtful(tmp_path):
    """"Ķegums – Ērgļi" read "Ķegums – Ērgli" at 0.92 (ghost form 100367, 200 dpi), "ļ" at 0.43 beside the
    "l": the comma had joined the "l"'s foot, and the blur joined that to the "i", so no stroke count saw it.
    "Ērgli" is a Latvian word too."""
    want, read = _ghost_field(100367, "entries.6.place", tmp_path)
    assert read.value != want and read.confidence < 0.8, read


def test_small_k_read_as_a_capital_is_not_taken(tmp_path):
    """"Cēsu koncertzāle" read "Cēsu Koncertzāle" at 0.96 at both sizes (tuning form 3782, 200 dpi): both are
    words, but the "k"'s arm stops at the x-height. The reading is doubted (read again larger, it comes out
    right, still for a person to check)."""
    want, read = _field(3782, "activities.6.place", tmp_path)
    assert read.confidence < 0.8, read


def test_small_k_read_capital_judges_the_arm_not_the_height():
    """A "k" with a speck over its arm (as on form 3782) is still a "k"; a "K" with its arm up is not doubted."""
    page = np.full((50, 80), 255, np.uint8)
    page[22:40, 24:34] = 0
    page[22:40, 50:60] = 0
    page[8:40, 4:8] = 0
    for i in range(10):
        page[30 - i, 8 + i] = 0
        page[30 + i, 8 + i] = 0
    page[10:14, 14:18] = 0  # a speck apart, at the capitals' height
    glyphs = [Glyph("K", (4, 8, 19, 40)), Glyph("o", (24, 22, 34, 40))]
    assert cases.small_k_read_capital(page, glyphs)
    for i in range(10, 20):
        page[30 - i, 8 + i] = 0
    assert not cases.small_k_read_capital(page, glyphs)


def test_name_where_the_smaller_copy_weighed_another_letter_is_doubtful(tmp_path):
    """"Ķirills" read "Ķrrills" at 0.90 (tuning form 3891, 300 dpi): at full size the model weighed "i" at
    0.37 beside the first "r", at 3/4 size, reading the same, at 0.84."""
    want, read = _field(3891, "assistant.given_name", tmp_path)
    assert read.value != want and read.confidence < 0.8, read


def test_postcode_split_by_a_space_is_doubtful(tmp_path):
    """"…, Ļaudona, LV-4862" read "…, Ļaudona, L V-4862" at 0.85 (ghost form 100392, 300 dpi)."""
    want, read = _ghost_field(100392, "applicant.address", tmp_path)
    assert read.confidence < 0.8, read


def test_phone_on_a_200_dpi_scan_stands_only_where_the_full_size_reading_is_sure(tmp_path):
    """"23207560" read "23207569" at 0.87 at full size and 0.96 at 3/4 size (ghost form 100496, 200 dpi; a
    stroke of dust inside the last "0"). A phone number has no check digit and no sum to meet."""
    want, read = _ghost_field(100496, "representative.phone", tmp_path)
    assert read.value != want and read.confidence < 0.8, read
