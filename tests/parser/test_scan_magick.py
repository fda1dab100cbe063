"""Causes found on copier scans made by another program: the forms drawn by bench/independent/draw.py and
scanned by ImageMagick (bench/independent/magick.py, its tuning forms 100000 and up, each batch scored once
before it was looked at). Read by real Tesseract; the scans need ImageMagick's `convert`."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.independent import magick  # noqa: E402
from parser import ocr, parse_file  # noqa: E402

pytestmark = pytest.mark.skipif(not (ocr.available() and magick.available()),
                                reason="tesseract or ImageMagick is not installed")


def _fields(n: int, names: list[str], tmp_path):
    form = magick.make(n)
    pdf = tmp_path / f"magick-{n}.pdf"
    pdf.write_bytes(form.pdf)
    result = parse_file(pdf, sandbox=False)
    return [(form.expected[name], result.fields[name]) for name in names]


def test_time_whose_colon_the_copier_lost_is_read_from_its_digits(tmp_path):
    """Magick tuning form 100043 (200 dpi): "9:00" and "07:15" read "900" and "0715" — both dots of the colon
    gone — and so unreadable. A time's last two digits are its minutes; the value is the time, below 0.9."""
    for want, read in _fields(100043, ["entries.0.start", "entries.1.start"], tmp_path):
        assert read.value == want and read.confidence < 0.9, (want, read)
