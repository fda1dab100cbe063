"""Found on fresh tuning batches of stop 20 (independent generator's tuning forms 5392–7431 and ghost-route
tuning forms 101218–101697, each batch scored once before it was looked at). Read by real Tesseract."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.parser.test_scan_silent_3408 import _ghost_field  # noqa: E402
from tests.parser.test_scan_silent_causes_fresh import pytestmark  # noqa: E402,F401


def test_date_at_200_dpi_its_smaller_copy_is_unsure_of_is_doubtful(tmp_path):
    """Ghost tuning form 101327 (200 dpi): "09.04.2024" read "08.04.2024" at 0.95 and at 0.8 at 3/4 size,
    silent — the "9"'s tail touches the "0" before it. Nothing on a timesheet adds a date up."""
    want, read = _ghost_field(101327, "entries.3.date", tmp_path)
    assert want == "2024-04-09"
    assert read.value == want or read.confidence < 0.8, read
