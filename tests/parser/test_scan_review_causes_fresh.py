"""Right readings sent to review on a fresh batch of the independent generator's tuning family
(bench/independent, forms 1536–1631, scored once before they were looked at): a phone number whose space
after "+371" the scan lost, at one size or both. Read by real Tesseract."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from parser import ocr  # noqa: E402
from parser.normalize import normalize  # noqa: E402
from tests.parser.test_scan_silent_causes import _field  # noqa: E402

pytestmark = pytest.mark.skipif(not ocr.available(), reason="tesseract is not installed")


@pytest.mark.parametrize("n", [1548, 1576])
def test_phone_number_whose_space_the_scan_lost_is_one_number(n, tmp_path):
    """Tuning form 1548: "+371 27795465" read "+37127795465" at 0.85 and 0.93; 1576: "+371 22543533" at 0.71
    beside "+37122543533" at 3/4 size, 0.91. A Latvian number's spaces carry nothing: one canonical value."""
    want, read = _field(n, "applicant.phone", tmp_path)
    assert read.value == want and read.confidence >= 0.8, (want, read)
    assert normalize("phone", "+3712 7795465") == "+371 27795465"
    assert normalize("phone", "+371 2779546") == "+371 2779546"  # seven digits: as read, and in doubt elsewhere
