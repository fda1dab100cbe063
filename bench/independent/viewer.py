"""A third way to fill and flatten the two forms, for measuring: the values are put into the fillable PDF's
fields with pypdf, without appearance streams, and poppler (`pdftoppm`, the engine of Evince and Okular)
draws them, choosing its own font, size and placement; the printed page then goes through the copier
simulator. Neither the parser nor `draw.py` (FreeType placed by this project) draws the text here.
Forms 100000 and up may be looked at while tuning; forms below 100000 are only scored by
`bench/bench_parser.py --viewer N` (never listed form by form)."""
from __future__ import annotations

import random
import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np
from pypdf import PdfReader, PdfWriter
from pypdf.generic import BooleanObject, NameObject, TextStringObject

from bench.independent import Form, describe, draw, scanner, values

ROOT = Path(__file__).resolve().parents[2]


def printed_pages(kind: str, written: dict[str, str]) -> list[np.ndarray]:
    """The form's pages at draw.PRINT_DPI, its fields filled with `written`, as poppler renders them."""
    writer = PdfWriter(clone_from=PdfReader(str(ROOT / "forms" / f"{kind}.pdf")))
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            a = ref.get_object()
            name = draw.full_name(a)
            if name not in written:
                continue
            ft = a.get("/FT") or (a["/Parent"].get_object().get("/FT") if a.get("/Parent") else None)
            target = a if "/T" in a else a["/Parent"].get_object()
            if ft == "/Btn":
                on = next(k for k in a["/AP"]["/N"].keys() if k != "/Off")
                target[NameObject("/V")] = NameObject(on)
                a[NameObject("/AS")] = NameObject(on)
            else:
                target[NameObject("/V")] = TextStringObject(written[name])
                if "/AP" in a:
                    del a["/AP"]  # poppler draws the value itself
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    with tempfile.TemporaryDirectory(prefix="asistents-viewer-") as tmp:
        pdf = Path(tmp, "filled.pdf")
        writer.write(str(pdf))
        subprocess.run(["pdftoppm", "-r", str(draw.PRINT_DPI), "-gray", str(pdf), str(Path(tmp, "p"))],
                       check=True, capture_output=True)
        return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted(Path(tmp).glob("p-*.pgm"))]


def make(n: int) -> Form:
    """Form n of the "viewer" family: values and scan conditions drawn as in bench.independent.make; the
    Form's `style` is None (poppler chooses font, size and placement)."""
    kind, hard = describe("viewer", n)
    rng = random.Random(f"independent:viewer:{n}")
    written, expected = (values.application if kind == "application" else values.timesheet)(rng)
    conditions = scanner.pick(rng, hard)
    noise = np.random.default_rng(rng.randrange(2**32))
    pages = [scanner.scan_page(p, conditions, noise) for p in printed_pages(kind, written)]
    return Form("viewer", n, kind, hard, written, expected, None, conditions, scanner.to_pdf(pages, conditions))
