"""`parser.crop.page_crops`: the picture of a field on a scanned copy lands on the field — read back with
Tesseract and compared with the value the sample generator wrote there (samples/…/NN.expected.json), on a
copy turned upside down (02) and one skewed by 2.9° (01). And a fillable PDF shows its typed value."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest

from parser.crop import page_crops

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ROOT / "samples/applications/scanned"
# the box of the personal code in the application form (forms/application.yaml), points
CODE_FIELD = "applicant.personal_code"


def _box(name: str):
    from forms.definition import load

    field = next(f for f in load("application").fields if f.name == name)
    return field.page, tuple(field.rect)


def _ocr(png: bytes) -> str:
    out = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "6", "-l", "lav",
                          "-c", "tessedit_char_whitelist=0123456789-"], input=png, capture_output=True,
                         timeout=60, env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return out.stdout.decode().strip()


@pytest.mark.parametrize("sample", ["01", "02"])
def test_scanned_field_crop_shows_the_field(sample):
    scan = json.loads((SCANNED / f"{sample}.scan.json").read_text())
    assert sample != "02" or scan["rotate"] == 180
    expected = json.loads((SCANNED / f"{sample}.expected.json").read_text())["applicant"]["personal_code"]
    page, box = _box(CODE_FIELD)
    crops = page_crops((SCANNED / f"{sample}.pdf").read_bytes(), page, {CODE_FIELD: box}, kind="application",
                       scanned=True, margin_pt=1)
    picture = cv2.imdecode(np.frombuffer(crops[CODE_FIELD], np.uint8), cv2.IMREAD_GRAYSCALE)
    height_pt = box[3] - box[1] + 2
    assert abs(picture.shape[0] - height_pt * 150 / 72) <= 2  # the box's size at 150 dpi
    assert expected in _ocr(crops[CODE_FIELD]).replace(" ", "")


def test_fillable_field_crop_shows_the_typed_value():
    fillable = ROOT / "samples/applications/fillable/01.pdf"
    expected = json.loads(fillable.with_suffix(".expected.json").read_text())["applicant"]["personal_code"]
    page, box = _box(CODE_FIELD)
    crops = page_crops(fillable.read_bytes(), page, {CODE_FIELD: box}, kind="application", scanned=False,
                       margin_pt=1)
    assert expected in _ocr(crops[CODE_FIELD]).replace(" ", "")
