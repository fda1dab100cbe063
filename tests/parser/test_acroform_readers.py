"""The qpdf walk and pypdf's get_fields() read the same AcroForm values (the fast path must not change results)."""
from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from parser import acroform
from parser.pdf import open_qpdf

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILES = sorted(SAMPLES.glob("*/fillable/*.pdf"))


def _plain(values):
    return {k: (v["type"], None if v["value"] is None else str(v["value"]), sorted(v["states"]))
            for k, v in values.items()}


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.parent.name}-{p.name}")
def test_qpdf_and_pypdf_read_the_same_values(path):
    data = path.read_bytes()
    reader = PdfReader(path)
    fast = acroform.field_values(reader, data)
    slow = acroform.field_values(reader)
    assert fast and _plain(fast) == _plain(slow)
    with open_qpdf(data, plain=True) as pdf:  # as the fast path opens it
        assert acroform.qpdf_values(pdf) == fast
    assert any(v["type"] == "/Btn" and v["value"] not in (None, "/Off") for v in fast.values())


def test_damaged_bytes_fall_back_to_pypdf():
    path = FILES[0]
    reader = PdfReader(path)
    assert acroform.field_values(reader, b"not a pdf") == acroform.field_values(reader)
