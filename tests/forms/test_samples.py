"""Scans and the committed samples: image-only pages of the expected size and turn, the three shapes with
their expected records, and the same seed giving the same records."""
from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pypdf import PdfReader

from forms.build import fill, scan
from forms.definition import load, to_record
from regulation.records import Application, Timesheet, dumps, load as load_record

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

FOLDERS = {"application": "applications", "timesheet": "timesheets"}
RECORD = {"application": Application, "timesheet": Timesheet}
A4 = (595.28, 841.89)


def _images(pdf: bytes) -> list[tuple[tuple[float, float], dict]]:
    """(page size, its one image's dictionary) per page; fails if a page has text or more than one image."""
    out = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"]
        assert "/Font" not in resources
        xobjects = [x.get_object() for x in resources["/XObject"].values()]
        assert len(xobjects) == 1 and xobjects[0]["/Subtype"] == "/Image"
        out.append(((float(page.mediabox.width), float(page.mediabox.height)), xobjects[0]))
    return out


def _pdftotext(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


@pytest.fixture(scope="module")
def flattened() -> bytes:
    return fill("timesheet", {"month": "03.2021", "recipient.surname": "Ķēniņš"}, "flattened")


def test_scan_is_image_only_grey_jpeg_of_a4(flattened):
    pdf = scan(flattened, dpi=200, skew_deg=2.5, seed=3)
    assert _pdftotext(pdf).strip() == ""
    pages = _images(pdf)
    assert len(pages) == load("timesheet").pages
    for size, image in pages:
        assert size == pytest.approx(A4, abs=0.01)
        assert image["/Filter"] == "/DCTDecode" and image["/ColorSpace"] == "/DeviceGray"
        assert abs(image["/Width"] - A4[0] * 200 / 72) <= 1 and abs(image["/Height"] - A4[1] * 200 / 72) <= 1


def test_scan_turned_90_is_landscape_and_180_is_upside_down(flattened):
    (size, image), _ = _images(scan(flattened, dpi=100, rotate=90, seed=1))
    assert size == pytest.approx(A4[::-1], abs=0.01) and image["/Width"] > image["/Height"]
    upright = _gray(_images(scan(flattened, dpi=100, seed=1, noise=0))[0][1])
    turned = _gray(_images(scan(flattened, dpi=100, rotate=180, seed=1, noise=0))[0][1])
    # the turned page is the upright one upside down (up to JPEG and grain), not the upright one
    assert np.abs(turned - upright[::-1, ::-1]).mean() < 0.3 * np.abs(turned - upright).mean()


def _gray(image) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(image.get_data())), dtype=np.float32)


def test_faint_scan_is_lighter_and_same_seed_same_bytes(flattened):
    plain = scan(flattened, dpi=100, seed=7)
    assert scan(flattened, dpi=100, seed=7) == plain
    faint = scan(flattened, dpi=100, seed=7, faint=True)
    darkness = [(255 - _gray(_images(p)[0][1])).sum() for p in (plain, faint)]
    assert darkness[1] < 0.6 * darkness[0]


def test_scan_rejects_odd_turns(flattened):
    with pytest.raises(ValueError):
        scan(flattened, rotate=45)


def _samples(kind: str, shape: str):
    return sorted((SAMPLES / FOLDERS[kind] / shape).glob("[0-9][0-9].pdf"))


@pytest.mark.parametrize("kind", FOLDERS)
@pytest.mark.parametrize("shape", ["fillable", "flattened", "scanned"])
def test_committed_samples_have_expected_records(kind, shape):
    files = _samples(kind, shape)
    assert len(files) >= 3
    for pdf in files:
        expected = pdf.with_name(pdf.stem + ".expected.json")
        load_record(RECORD[kind], json.loads(expected.read_text(encoding="utf-8")))  # a valid record
        data = pdf.read_bytes()
        if shape == "fillable":
            reader = PdfReader(io.BytesIO(data))
            values = {name: f.get("/V") for name, f in reader.get_fields().items() if "/FT" in f}
            record = load_record(RECORD[kind], to_record(kind, values))
            assert dumps(record) + "\n" == expected.read_text(encoding="utf-8"), pdf
        elif shape == "flattened":
            assert not PdfReader(io.BytesIO(data)).get_fields()
            assert load(kind).version_mark(0) in _pdftotext(data)
        else:
            assert _pdftotext(data).strip() == ""
            settings = json.loads(pdf.with_name(pdf.stem + ".scan.json").read_text())
            pages = _images(data)
            for size, image in pages:
                turned = settings["rotate"] in (90, 270)
                assert size == pytest.approx(A4[::-1] if turned else A4, abs=0.01)
                assert abs(image["/Width"] - size[0] * settings["dpi"] / 72) <= 1  # rendered at its dpi


@pytest.mark.parametrize("kind", FOLDERS)
def test_committed_scans_cover_the_copier_cases(kind):
    settings = [json.loads(p.read_text()) for p in sorted((SAMPLES / FOLDERS[kind] / "scanned").glob("*.scan.json"))]
    assert {s["dpi"] for s in settings} == {200, 300}
    assert any(s["rotate"] == 180 for s in settings) and any(s["faint"] for s in settings)
    assert all(abs(s["skew_deg"]) <= 3 for s in settings)


def test_same_seed_gives_the_committed_records(generator):
    for kind, make in (("application", generator.application), ("timesheet", generator.timesheet)):
        for shape in ("fillable", "flattened", "scanned"):
            for pdf in _samples(kind, shape):
                record = make(generator.DEFAULT_SEED, shape, int(pdf.stem))
                assert dumps(record) + "\n" == pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8")


def test_generated_values_fit_their_boxes(generator):
    """Every value the generator writes keeps to its field's length, pattern and OCR alphabet."""
    import re

    from forms.definition import from_record

    for kind, make in (("application", generator.application), ("timesheet", generator.timesheet)):
        d = load(kind)
        for n in range(1, 25):
            for name, value in from_record(kind, make(generator.DEFAULT_SEED, "fillable", n)).items():
                f = d.field(name)
                if f.type == "checkbox" or not value:
                    continue
                assert len(value) <= f.max_length, (name, value)
                assert f.pattern is None or re.match(f.pattern, value), (name, value)
                assert set(value) <= set(f.ocr_whitelist), (name, value, set(value) - set(f.ocr_whitelist))
                assert f.allowed is None or value in f.allowed, (name, value)


def test_generated_data_is_varied(generator):
    apps = [generator.application(generator.DEFAULT_SEED, "fillable", n) for n in range(1, 13)]
    sheets = [generator.timesheet(generator.DEFAULT_SEED, "fillable", n) for n in range(1, 13)]
    assert any(a.representative for a in apps) and any(len(a.activities) >= 2 for a in apps)
    assert any(act.outside_latvia for a in apps for act in a.activities)
    assert all(10 <= len(t.entries) <= 40 for t in sheets) and any(len(t.entries) >= 28 for t in sheets)
    assert {t.month[:4] for t in sheets} <= {"2019", "2020", "2021"}
    for t in sheets:
        for e in t.entries:
            minutes = (e.end.hour * 60 + e.end.minute) - (e.start.hour * 60 + e.start.minute)
            assert e.hours * 60 == minutes
    assert any(ch in a.applicant.surname + a.applicant.given_name for a in apps for ch in "āčēģīķļņšūž")


def test_generator_writes_the_three_shapes(generator, tmp_path):
    made = generator.generate(5, tmp_path, 1, ["timesheet"], ["fillable", "scanned"], log=lambda *_: None)
    assert [p.relative_to(tmp_path).as_posix() for p in made] == ["timesheets/fillable/01.pdf",
                                                                  "timesheets/scanned/01.pdf"]
    again = generator.timesheet(5, "scanned", 1)
    assert (tmp_path / "timesheets/scanned/01.expected.json").read_text(encoding="utf-8") == dumps(again) + "\n"
    assert (tmp_path / "timesheets/scanned/01.scan.json").exists()
