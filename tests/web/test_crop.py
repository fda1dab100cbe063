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


def test_crops_drawn_from_many_threads_at_once_are_the_crops_drawn_one_by_one():
    """The workbench draws crops in its thread pool, and pdfium must never run in two threads at once: without
    the lock, pdfium here refused sound files ("Data format error") — a crop the clerk never saw."""
    from concurrent.futures import ThreadPoolExecutor

    page, box = _box(CODE_FIELD)
    files = [(SCANNED / "01.pdf", True), (ROOT / "samples/applications/fillable/01.pdf", False),
             (SCANNED / "02.pdf", True), (ROOT / "samples/applications/fillable/02.pdf", False)]

    def draw(job):
        path, scanned = job
        return page_crops(path.read_bytes(), page, {CODE_FIELD: box}, kind="application", scanned=scanned)

    alone = [draw(job) for job in files]
    for _ in range(3):
        with ThreadPoolExecutor(max_workers=16) as pool:
            assert list(pool.map(draw, files * 8)) == alone * 8


def test_a_page_asked_for_by_many_fields_at_once_is_drawn_once():
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from web.ui.review_crop import CropCache

    cache, drawn, lock = CropCache(), [], threading.Lock()

    def draw():
        with lock:
            drawn.append(1)
        time.sleep(0.2)  # long enough for every other request to arrive while the page is being drawn
        return {"a": b"png"}

    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda _: cache.page(("sha", 1), draw), range(8)))
    assert got == [{"a": b"png"}] * 8 and len(drawn) == 1
    assert cache.page(("sha", 1), lambda: {"a": b"other"}) == {"a": b"png"}  # kept for the next field
