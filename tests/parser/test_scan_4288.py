"""Found on fresh tuning batches after stop 17 (independent generator's tuning forms 4288+ and ghost-route
tuning forms 100738+, each scored once before it was looked at). Read by real Tesseract."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from tests.parser.test_scan_silent_3408 import _ghost_field  # noqa: E402
from tests.parser.test_scan_silent_causes import _field  # noqa: E402
from tests.parser.test_scan_silent_causes_fresh import pytestmark  # noqa: E402,F401


@pytest.mark.parametrize("name", ["entries.1.annex1_point", "entries.8.annex1_point"])
def test_lone_digit_read_alike_at_1x_and_2x_is_out_of_review(name, tmp_path):
    """Ghost form 100749 (300 dpi): a lone "1" read at 0.79 and again at 2× at 0.79 (the 3/4-size copy read
    nothing), another at 0.78 and 0.74: two sizes that agree, as a number's do, at 0.85 — not a right
    timesheet in review."""
    want, read = _ghost_field(100749, name, tmp_path)
    assert read.value == want and read.confidence == 0.85, read


def test_date_on_a_200_dpi_scan_stands_only_where_the_full_size_reading_is_sure(tmp_path):
    """Ghost form 100829 (200 dpi): "10.12.2025" read "18.12.2025" at 0.73, and at 3/4 size (150 dpi in
    effect) at 0.93; the surer smaller copy carried it, silent."""
    want, read = _ghost_field(100829, "entries.3.date", tmp_path)
    assert read.value != want and read.confidence < 0.8, read


def test_house_number_with_a_colon_is_doubtful(tmp_path):
    """Tuning form 4836 (300 dpi): "Ogres iela 1-25" read "Ogres iela 1:25" at 0.90, and at 3/4 size at 0.92,
    silent. A house number is digits, perhaps a letter, perhaps "-" or "/" and the flat's number: the reading
    is doubted (and not put right by a larger copy: it is still for a person to check)."""
    want, read = _field(4836, "applicant.address", tmp_path)
    assert read.value != want and read.confidence < 0.8, read
