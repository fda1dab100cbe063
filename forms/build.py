"""The blank forms as printable, fillable A4 PDFs, filled copies in three shapes, and office-copier scans.

- `build_blank(kind)`: the page drawn with reportlab (DejaVu Sans embedded: every Latvian letter), four
  solid corner registration squares and the version mark on every page, then an AcroForm added with pypdf.
  reportlab's own AcroForm accepts only the 14 standard fonts (no ā č ē …), so the fields are made with
  pypdf, whose appearance generator can use an embedded TrueType font from the form's /DR.
- `fill(kind, values, shape)`: "fillable" (the AcroForm values set, fields kept) or "flattened" (the
  same page printed with the values as text, no fields left).
- `scan(pdf, …)`: the pages rendered grey with pdfium, skewed, speckled, faint or turned, JPEG-compressed
  and wrapped as an image-only PDF (no text layer), like an office copier.

>>> import pypdf, io
>>> r = pypdf.PdfReader(io.BytesIO(build_blank("application")))
>>> len(r.pages), r.metadata.subject, r.get_fields()["activities.0.weekdays.1"]["/_States_"]
(2, 'ASIST-IESN-2026.1', ['/1', '/Off'])
"""
from __future__ import annotations

import functools
import io
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from forms.definition import FormDefinition, FormField, Kind, from_record, load

Shape = Literal["fillable", "flattened"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILE, FONT_BOLD_FILE = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
FIELD_FONT = "/DejaVu"  # the fields' appearance font in the AcroForm's /DR

SQUARE = 14.0  # side of a registration square, points
SQUARE_MARGIN = 20.0  # from the page edge to the square
MARK_Y = 24.0  # baseline of the version mark, centred at the foot of every page
MARK_SIZE = 8.0
PRODUCER = "asistents forms"

# The characters the fields' font must draw: ASCII, every Latvian letter, the Baltic neighbours' letters a
# name or place may hold, and the punctuation a clerk types. The embedded field font is cut down to these
# (≈ 25 kB, not 700 kB): pypdf parses the font's maps again for every field it fills, so fewer glyphs also
# make filling faster.
_FIELD_CHARS = (set(range(0x20, 0x7F))
                | {ord(c) for c in "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ" "äöüõéąęėįųÄÖÜÕÉĄĘĖĮŲ" "–—‘’‚“”„•…€№·§°«»\u00a0"})


# ---------------------------------------------------------------- the printed page


# reportlab keeps process-wide state (the registered fonts, each font's subset per document) and is not safe
# from two threads at once; the web workbench draws blank forms (for crops) in its thread pool. Two threads
# drawing at once failed with KeyError 'DejaVuSans-Bold' (one found the regular face registered, the bold one
# not yet) and, once fonts were registered under a lock, still 1 run in 34 of 6 threads × 8 processes.
_REPORTLAB = threading.RLock()


def _register_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    registered = pdfmetrics.getRegisteredFontNames()
    for name, file in ((FONT, FONT_FILE), (FONT_BOLD, FONT_BOLD_FILE)):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(file)))


@contextmanager
def _canvas(buf: io.BytesIO, d: FormDefinition) -> Iterator[Any]:
    """A canvas for form `d` writing into `buf`, drawn and saved by one thread at a time (`_REPORTLAB`)."""
    from reportlab.pdfgen import canvas

    with _REPORTLAB:
        _register_fonts()
        c = canvas.Canvas(buf, pagesize=d.page_size, invariant=1, pageCompression=1, initialFontName=FONT)
        c.setTitle(d.title_lv)
        c.setSubject(d.version)
        c.setKeywords(d.version)
        c.setCreator(PRODUCER)
        c.setAuthor("")
        yield c
        c.save()


def _draw_page(c, d: FormDefinition, page: int) -> None:
    from reportlab.lib.utils import simpleSplit

    width, height = d.page_size
    c.setFillGray(0)
    for x in (SQUARE_MARGIN, width - SQUARE_MARGIN - SQUARE):
        for y in (SQUARE_MARGIN, height - SQUARE_MARGIN - SQUARE):
            c.rect(x, y, SQUARE, SQUARE, stroke=0, fill=1)
    c.setFont(FONT, MARK_SIZE)
    c.drawCentredString(width / 2, MARK_Y, d.version_mark(page))

    for t in d.texts:
        if t.page != page:
            continue
        font = FONT_BOLD if t.bold else FONT
        c.setFont(font, t.size)
        lines = simpleSplit(t.text, font, t.size, t.width) if t.width else [t.text]
        for i, line in enumerate(lines):
            y = t.y - i * t.size * 1.2
            if t.align == "center":
                c.drawCentredString(t.x, y, line)
            elif t.align == "right":
                c.drawRightString(t.x, y, line)
            else:
                c.drawString(t.x, y, line)

    c.setLineWidth(0.5)
    for ln in d.lines:
        if ln.page == page:
            c.line(ln.x0, ln.y, ln.x1, ln.y)

    for f in d.on_page(page):
        x0, y0, x1, y1 = f.rect
        c.setLineWidth(0.8 if f.type == "checkbox" else 0.6)
        c.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
        if f.caption_lv:
            if f.type == "checkbox":
                c.setFont(FONT, 8)
                c.drawString(x1 + 3, y0 + 1.5, f.caption_lv)
            else:
                c.setFont(FONT, 6.5)
                c.drawString(x0 + 0.5, y1 + 2, f.caption_lv)


@functools.lru_cache(maxsize=None)
def _printed(kind: Kind) -> bytes:
    """The blank form as printed: every page drawn, no fields."""
    d = load(kind)
    buf = io.BytesIO()
    with _canvas(buf, d) as c:
        for page in range(d.pages):
            _draw_page(c, d, page)
            c.showPage()
    return buf.getvalue()


# ---------------------------------------------------------------- the AcroForm


@functools.lru_cache(maxsize=1)
def _field_font_file() -> bytes:
    """DejaVu Sans cut down to the characters of `_FIELD_CHARS` (fontTools' subsetter)."""
    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = []
    options.hinting = False
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's timestamp table: nothing to draw with
    font = subset.load_font(str(FONT_FILE), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(_FIELD_CHARS))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def _checkbox_appearance(writer, w: float, h: float, on: bool):
    from pypdf.generic import ArrayObject, DecodedStreamObject, FloatObject, NameObject

    stream = DecodedStreamObject()
    stream.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
                   NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(w), FloatObject(h)])})
    # A cross drawn with two strokes: no font needed, and a scanner sees it as ink inside the box.
    m = min(w, h) * 0.2
    data = f"q 0 G 1.3 w {m:.2f} {m:.2f} m {w - m:.2f} {h - m:.2f} l S {m:.2f} {h - m:.2f} m {w - m:.2f} {m:.2f} l S Q" \
        if on else ""
    stream.set_data(data.encode())
    return writer._add_object(stream)


def _add_fields(pdf: bytes, d: FormDefinition) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject,
                               TextStringObject)
    from pypdf.generic._font import Font

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    fonts = DictionaryObject()
    # pypdf's Font builds a Type0 (Identity-H) font with the whole subset embedded, so the appearance
    # generator can encode any of its characters; `_add_to_writer` registers its parts as indirect objects.
    Font.from_truetype_font_file(io.BytesIO(_field_font_file()))._add_to_writer(
        writer, fonts, NameObject(FIELD_FONT))
    fonts[NameObject("/ZaDb")] = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/ZapfDingbats")}))
    acro = DictionaryObject({
        NameObject("/Fields"): ArrayObject(),
        NameObject("/DR"): DictionaryObject({NameObject("/Font"): fonts}),
        # A viewer honouring NeedAppearances redraws ticks from /MK /CA in ZapfDingbats, which it must find here.
        NameObject("/DA"): TextStringObject(f"{FIELD_FONT} 9 Tf 0 g"),
    })
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(acro)

    parents: dict[str, Any] = {}

    def parent_of(path: str):
        """The non-terminal field for a dotted prefix ("activities.0"), created on first use."""
        if path in parents:
            return parents[path]
        head, _, tail = path.rpartition(".")
        node = DictionaryObject({NameObject("/T"): TextStringObject(tail), NameObject("/Kids"): ArrayObject()})
        ref = writer._add_object(node)
        if head:
            up = parent_of(head)
            node[NameObject("/Parent")] = up
            up.get_object()["/Kids"].append(ref)
        else:
            acro["/Fields"].append(ref)
        parents[path] = ref
        return ref

    for f in d.fields:
        page = writer.pages[f.page]
        x0, y0, x1, y1 = f.rect
        head, _, tail = f.name.rpartition(".")
        widget = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in f.rect]),
            NameObject("/F"): NumberObject(4),  # printable
            NameObject("/T"): TextStringObject(tail),
            NameObject("/TU"): TextStringObject(f.label_lv),
            NameObject("/P"): page.indirect_reference,
        })
        if f.type == "checkbox":
            on = NameObject("/" + f.export_value)
            widget.update({
                NameObject("/FT"): NameObject("/Btn"), NameObject("/V"): NameObject("/Off"),
                NameObject("/AS"): NameObject("/Off"),
                NameObject("/AP"): DictionaryObject({NameObject("/N"): DictionaryObject({
                    on: _checkbox_appearance(writer, x1 - x0, y1 - y0, True),
                    NameObject("/Off"): _checkbox_appearance(writer, x1 - x0, y1 - y0, False)})}),
                NameObject("/MK"): DictionaryObject({NameObject("/CA"): TextStringObject("8")}),  # ✘
                NameObject("/DA"): TextStringObject("/ZaDb 0 Tf 0 g"),
            })
        else:
            widget.update({
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/DA"): TextStringObject(f"{FIELD_FONT} {f.font_size:g} Tf 0 g"),
                NameObject("/Q"): NumberObject(0),
            })
            if f.max_length:
                widget[NameObject("/MaxLen")] = NumberObject(f.max_length)
        ref = writer._add_object(widget)
        if head:
            up = parent_of(head)
            widget[NameObject("/Parent")] = up
            up.get_object()["/Kids"].append(ref)
        else:
            acro["/Fields"].append(ref)
        if "/Annots" not in page:
            page[NameObject("/Annots")] = ArrayObject()
        page["/Annots"].append(ref)

    writer.add_metadata({"/Title": d.title_lv, "/Subject": d.version, "/Keywords": d.version,
                         "/Creator": PRODUCER, "/Producer": PRODUCER, "/ASISTFormVersion": d.version})
    return _written(writer)


def _written(writer) -> bytes:
    """The writer's PDF with its larger uncompressed streams (the font, appearance streams) deflated."""
    from pypdf.generic import EncodedStreamObject, StreamObject

    for i, obj in enumerate(writer._objects):
        if isinstance(obj, StreamObject) and not isinstance(obj, EncodedStreamObject) \
                and "/Filter" not in obj and len(obj.get_data()) > 256:
            packed = obj.flate_encode()
            packed.indirect_reference = obj.indirect_reference
            writer._objects[i] = packed
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@functools.lru_cache(maxsize=None)
def build_blank(kind: Kind) -> bytes:
    """The fillable blank `kind` form (A4, AcroForm, DejaVu Sans embedded) as PDF bytes."""
    return _add_fields(_printed(kind), load(kind))


# ---------------------------------------------------------------- filling


def _field_values(kind: Kind, values: Any) -> dict[str, Any]:
    """`values` as flat field values: a record (model or nested dict with "received_on"/"month") is converted."""
    if hasattr(values, "model_dump") or (isinstance(values, dict) and any(
            isinstance(v, (dict, list)) for v in values.values())):
        return from_record(kind, values)
    return dict(values)


def _is_on(f: FormField, value: Any) -> bool:
    from forms.definition import checked

    return checked(f, value) is True


def fill(kind: Kind, values: Any, shape: Shape = "fillable") -> bytes:
    """The `kind` form filled with `values` (flat field values, or a record) in the given shape."""
    d = load(kind)
    flat = _field_values(kind, values)
    unknown = sorted(set(flat) - {f.name for f in d.fields})
    if unknown:
        raise KeyError(f"not fields of the {kind} form: {', '.join(unknown[:5])}")
    if shape == "fillable":
        return _fill_fields(d, flat)
    if shape == "flattened":
        return _fill_flat(d, flat)
    raise ValueError(f"unknown shape {shape!r}: 'fillable' or 'flattened'")


def acroform_values(d: FormDefinition, flat: dict[str, Any]) -> dict[int, dict[str, str]]:
    """Flat field values as an AcroForm holds them, by page: text as text (empty ones left out), a
    checkbox as its own export value ("/Ja", "/1" …) or "/Off"."""
    by_page: dict[int, dict[str, str]] = {}
    for name, value in flat.items():
        f = d.field(name)
        if f.type == "checkbox":
            text = "/" + f.export_value if _is_on(f, value) else "/Off"
        else:
            text = "" if value is None else str(value)
            if not text:
                continue
        by_page.setdefault(f.page, {})[name] = text
    return by_page


def _fill_fields(d: FormDefinition, flat: dict[str, Any]) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_blank(d.kind))))
    by_page = acroform_values(d, flat)
    for page, fields in by_page.items():
        writer.update_page_form_field_values(writer.pages[page], fields, auto_regenerate=False)
    writer.set_need_appearances_writer(True)
    return _written(writer)


def _fit(text: str, font: str, size: float, width: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    wide = stringWidth(text, font, size)
    return size if wide <= width else max(4.0, size * width / wide)


def _draw_values(c, d: FormDefinition, page: int, flat: dict[str, Any]) -> None:
    """The values of page `page`'s fields drawn into their boxes: a cross for a ticked box, text fitted."""
    for f in d.on_page(page):
        value = flat.get(f.name)
        x0, y0, x1, y1 = f.rect
        if f.type == "checkbox":
            if _is_on(f, value):
                m = (x1 - x0) * 0.2
                c.setLineWidth(1.3)
                c.line(x0 + m, y0 + m, x1 - m, y1 - m)
                c.line(x0 + m, y1 - m, x1 - m, y0 + m)
            continue
        text = "" if value is None else str(value)
        if not text:
            continue
        size = _fit(text, FONT, f.font_size, x1 - x0 - 4)
        c.setFont(FONT, size)
        c.drawString(x0 + 2, y0 + (y1 - y0 - size * 0.72) / 2, text)


def _fill_flat(d: FormDefinition, flat: dict[str, Any]) -> bytes:
    """The values printed into the boxes of the printed blank page (reportlab overlay merged with pypdf)."""
    from pypdf import PdfReader, PdfWriter

    buf = io.BytesIO()
    with _canvas(buf, d) as c:
        for page in range(d.pages):
            _draw_values(c, d, page, flat)
            c.showPage()
    overlay = PdfReader(io.BytesIO(buf.getvalue()))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_printed(d.kind))))
    for page, extra in zip(writer.pages, overlay.pages):
        page.merge_page(extra)
        page.compress_content_streams()
    writer.add_metadata({"/Title": d.title_lv, "/Subject": d.version, "/Keywords": d.version,
                         "/Creator": PRODUCER, "/Producer": PRODUCER, "/ASISTFormVersion": d.version})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------- scanning


def scan(pdf_bytes: bytes, *, dpi: int = 200, skew_deg: float = 0.0, rotate: int = 0, noise: float = 0.0004,
         jpeg_quality: int = 50, faint: bool = False, seed: int = 0, shift_pt: tuple[float, float] = (0.0, 0.0),
         scale: float = 1.0) -> bytes:
    """An office-copier scan of `pdf_bytes`: grey JPEG pages in an image-only PDF (no text layer).

    Each page is rendered at `dpi` (fields' appearances included), scaled by `scale`, turned by `skew_deg`
    and shifted by `shift_pt` on white paper, speckled (`noise`: the share of pixels flipped to dark or
    light), faded (`faint`: ink at about 45 % strength), turned by `rotate` (0, 90, 180, 270, clockwise) and
    JPEG-compressed at `jpeg_quality`. The same arguments and `seed` give the same bytes.
    """
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    if rotate not in (0, 90, 180, 270):
        raise ValueError("rotate must be 0, 90, 180 or 270")
    rng = np.random.default_rng(seed)
    pages: list[tuple[bytes, float, float]] = []
    doc = pdfium.PdfDocument(pdf_bytes)
    doc.init_forms()  # so that filled fields (widget appearances) are printed too
    try:
        for index in range(len(doc)):
            page = doc[index]
            width_pt, height_pt = page.get_size()
            bitmap = page.render(scale=dpi / 72.0, grayscale=True, may_draw_forms=True)
            img = bitmap.to_pil().convert("L")
            page.close()
            w, h = img.size
            # skew, scale and shift about the centre, in one affine resampling (white outside the page)
            angle = math.radians(skew_deg)
            cos, sin = math.cos(angle) / scale, math.sin(angle) / scale
            dx, dy = shift_pt[0] * dpi / 72.0, -shift_pt[1] * dpi / 72.0
            cx, cy = w / 2, h / 2
            # PIL's affine maps output → input pixels
            a, b = cos, sin
            dd, e = -sin, cos
            c0 = cx - a * (cx + dx) - b * (cy + dy)
            f0 = cy - dd * (cx + dx) - e * (cy + dy)
            img = img.transform((w, h), Image.Transform.AFFINE, (a, b, c0, dd, e, f0),
                                resample=Image.Resampling.BILINEAR, fillcolor=255)
            pixels = np.asarray(img, dtype=np.float32)
            if faint:
                pixels = 255 - (255 - pixels) * 0.45
            # toner grain on the ink only (a copier prints the paper white), then specks of dust and dropouts
            ink = pixels < 235
            pixels[ink] += rng.normal(0, 18, int(ink.sum()))
            if noise > 0:
                specks = rng.random(pixels.shape)
                pixels[specks < noise / 2] = rng.uniform(0, 90)
                pixels[specks > 1 - noise / 2] = 255
            img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
            if rotate:
                img = img.rotate(-rotate, expand=True)
                if rotate in (90, 270):
                    width_pt, height_pt = height_pt, width_pt
            out = io.BytesIO()
            img.save(out, "JPEG", quality=jpeg_quality, optimize=True, dpi=(dpi, dpi))
            pages.append((out.getvalue(), width_pt, height_pt))
    finally:
        doc.close()
    return _image_pdf(pages)


def _image_pdf(pages: list[tuple[bytes, float, float]]) -> bytes:
    """JPEG pages wrapped as a PDF, one full-page image each and nothing else, the JPEG data kept as it is
    (img2pdf: no re-encoding, no fonts or text). The pages of one scan share one size."""
    import img2pdf

    size = (pages[0][1], pages[0][2])
    layout = img2pdf.get_layout_fun(pagesize=size, fit=img2pdf.FitMode.into)
    # The internal engine: through pikepdf, img2pdf 0.6.3 asks for a deterministic /ID only when
    # pikepdf.__version__ >= "6.2.0" as strings, false for 10.x, so the same scan would differ run to run.
    return img2pdf.convert([jpeg for jpeg, _, _ in pages], layout_fun=layout, nodate=True,
                           producer="asistents scan", creator="asistents scan", engine=img2pdf.Engine.internal)
