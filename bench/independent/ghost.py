"""A fifth measuring route, made with none of this project's drawing or scanning code: the values
(`values`) are typeset by reportlab (its own font embedding, metrics and placement: the text vertically
centred in the box about 2 pt from its left edge, as the issue describes a viewer's flattening) onto the
blank form (pypdf), Ghostscript rasterises the page at the scan's resolution (its own anti-aliasing), and
ImageMagick is the copier (`magick.copier`). Fonts: DejaVu Sans, Liberation Sans and Liberation Serif at
8–10 pt. Forms 100000 and up may be looked at while tuning; below 100000 only `bench/bench_parser.py
--ghost N` scores them. The family's seeds ("independent:ghost:n") are its own.
"""
from __future__ import annotations

import io
import random
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import img2pdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from bench.independent import Form, describe, draw, magick, values

FONTS = {
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "LiberationSans": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "LiberationSerif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
}


@lru_cache(maxsize=None)
def _font(name: str) -> str:
    # reportlab's registry is global: a name of its own here, so as not to stand in for forms/build.py's fonts
    registered = f"ghost-{name}"
    pdfmetrics.registerFont(TTFont(registered, FONTS[name]))
    return registered


def make(n: int) -> Form:
    """Form n of the "ghost" family."""
    kind, hard = describe("ghost", n)
    rng = random.Random(f"independent:ghost:{n}")
    written, expected = (values.application if kind == "application" else values.timesheet)(rng)
    font, size = _font(rng.choice(sorted(FONTS))), rng.choice([8, 8, 9, 10])
    dpi = 200 if hard else 300
    with tempfile.TemporaryDirectory(prefix="asistents-ghost-") as tmp:
        pdf = Path(tmp, "flat.pdf")
        pdf.write_bytes(_flattened(kind, written, font, size, rng))
        subprocess.run(["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pnggray", f"-r{dpi}",
                        "-dTextAlphaBits=4", "-dGraphicsAlphaBits=4", f"-sOutputFile={tmp}/p-%d.png", str(pdf)],
                       check=True, capture_output=True, timeout=120)
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem[2:]))
        scans = [magick.copier(p, dpi, hard, rng) for p in pages]
        data = img2pdf.convert([str(s) for s in scans], layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi)))
    return Form("ghost", n, kind, hard, written, expected, None, None, data)


def _flattened(kind: str, written: dict[str, str], font: str, size: float, rng: random.Random) -> bytes:
    """The blank form with `written` typeset into its boxes by reportlab, its widgets gone: a flattened PDF."""
    writer = PdfWriter(clone_from=str(draw.ROOT / "forms" / f"{kind}.pdf"))
    if "/AcroForm" in writer._root_object:
        del writer._root_object[NameObject("/AcroForm")]
    boxes = {w.name: w for w in draw.widgets(kind)}
    for i, page in enumerate(writer.pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(width, height))
        for name, text in written.items():
            w = boxes[name]
            if w.page != i:
                continue
            x0, y0, x1, y1 = w.rect
            if w.checkbox:  # an "X" filling most of the box
                side = min(x1 - x0, y1 - y0) * 0.8
                c.setFont(_font("DejaVuSans"), side)
                c.drawCentredString((x0 + x1) / 2, (y0 + y1) / 2 - side * 0.36, "X")
                continue
            pt = min(size, (y1 - y0) * 0.62)  # a viewer shrinks the font for a low box
            face = pdfmetrics.getFont(font).face
            ascent, descent = face.ascent * pt / 1000, face.descent * pt / 1000  # descent is negative
            baseline = (y0 + y1) / 2 - (ascent + descent) / 2 + rng.uniform(-0.3, 0.3)
            c.setFont(font, pt)
            c.drawString(x0 + rng.uniform(1.5, 2.5), baseline, text)
        c.showPage()
        c.save()
        overlay = PdfReader(io.BytesIO(buf.getvalue())).pages[0]
        if "/Annots" in page:
            del page[NameObject("/Annots")]
        page.merge_page(overlay)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
