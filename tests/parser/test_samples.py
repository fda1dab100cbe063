"""Every sample built by `forms/` reads back as its expected record (fillable, flattened); scans are read
right or flagged for review, never silently wrong."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from parser import parse_file
from regulation.records import RECORD_KINDS, load, to_jsonable

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

KIND_DIRS = {"applications": "application", "timesheets": "timesheet"}


def _files(shape: str) -> list[tuple[str, object]]:
    out = []
    for folder, kind in KIND_DIRS.items():
        out += [(kind, p) for p in sorted((SAMPLES / folder / shape).glob("*.pdf"))]
    return out


def _expected(pdf) -> dict:
    return json.loads(pdf.with_suffix(".expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind,pdf", _files("fillable"), ids=lambda v: getattr(v, "name", v))
def test_fillable_sample_reads_as_expected(kind, pdf):
    result = parse_file(pdf, sandbox=False)
    assert (result.kind, result.shape) == (kind, "fillable")
    assert result.record is not None, result.issues
    assert to_jsonable(result.record) == to_jsonable(load(RECORD_KINDS[kind], _expected(pdf)))
    assert all(f.confidence == 1.0 for f in result.fields.values())


@pytest.mark.parametrize("kind,pdf", _files("flattened"), ids=lambda v: getattr(v, "name", v))
def test_flattened_sample_reads_as_expected(kind, pdf):
    result = parse_file(pdf, sandbox=False)
    assert (result.kind, result.shape) == (kind, "flattened")
    assert result.record is not None, result.issues
    assert to_jsonable(result.record) == to_jsonable(load(RECORD_KINDS[kind], _expected(pdf)))
