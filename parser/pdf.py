"""Opening an untrusted PDF: the checks that turn broken and hostile files into a clear `ParseError` early.

pypdf is the gatekeeper: it caps decompressed streams (75 MB by default), so every page's content and the
declared size of every image are checked with it before pdfium renders or reads anything (`open_pdf`).

A fillable form needs none of that decoding: its values are read from the field tree with qpdf and no page
is rendered or read, and no stream is decoded at all. `open_qpdf(plain=True)` + `quick_page_count` are the
checks that fast path makes instead (header, end marker, size, cross-reference tables that qpdf reads without
repairs, no password, the page count, declared image sizes, and content streams whose filters could not
inflate past pypdf's cap); any doubt sends the file through `open_pdf`, whose verdict then stands, so a
hostile file ends in the same `ParseError` either way.
"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import warnings
from dataclasses import dataclass
from typing import Iterator

import pikepdf
from pypdf import PdfReader, get_configuration
from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError
from pypdf.generic import IndirectObject

from parser.errors import error
from parser.result import Limits

logging.getLogger("pypdf").setLevel(logging.ERROR)  # broken files are reported as ParseError, not log noise


@dataclass
class OpenedPdf:
    reader: PdfReader
    data: bytes  # decrypted bytes where the file was encrypted with an empty password (pdfium reads these)
    pages: int


def check_bytes(data: bytes, name: str, limits: Limits) -> None:
    """The checks on the bytes alone: empty, too large, no PDF header, no end marker (still being written)."""
    if not data:
        raise error("empty", name)
    if len(data) > limits.max_bytes:
        raise error("too_large", name, detail=f"{len(data)} bytes, the limit is {limits.max_bytes}")
    if b"%PDF-" not in data[:1024]:
        raise error("not_pdf", name)
    if b"%%EOF" not in data[-2048:]:
        raise error("truncated", name)


def open_pdf(data: bytes, name: str, limits: Limits) -> OpenedPdf:
    """Check `data` and open it with pypdf, or raise the `ParseError` that says why it cannot be read."""
    check_bytes(data, name, limits)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                # An empty user password only restricts editing: such forms are common and readable.
                try:
                    if not reader.decrypt(""):
                        raise error("encrypted", name)
                except (FileNotDecryptedError, NotImplementedError):
                    raise error("encrypted", name) from None
                data = _decrypted_bytes(reader)
                reader = PdfReader(io.BytesIO(data), strict=False)
            count = len(reader.pages)
    except LimitReachedError as e:
        raise error("too_large", name, detail=str(e)[:200]) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as e:
        raise error("damaged", name, detail=f"{type(e).__name__}: {e}"[:200]) from None
    if count == 0:
        raise error("damaged", name, detail="no pages")
    if count > limits.max_pages:
        raise error("too_many_pages", name, detail=f"{count} pages, a form has at most {limits.max_pages}")
    for index, page in enumerate(reader.pages):
        _check_page(page, index, name, limits)
    return OpenedPdf(reader, data, count)


def _decrypted_bytes(reader: PdfReader) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=reader)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _check_page(page, index: int, name: str, limits: Limits) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()  # decompressed under pypdf's cap
            for width, height in _image_sizes(page.get("/Resources"), depth=0):
                if width * height > limits.max_image_pixels:
                    raise error("too_large", name, page=index,
                                detail=f"an image of {width} × {height} px, the limit is {limits.max_image_pixels} px")
    except LimitReachedError as e:
        raise error("too_large", name, page=index, detail=str(e)[:200]) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as e:
        raise error("damaged", name, page=index, detail=f"{type(e).__name__}: {e}"[:200]) from None


def _image_sizes(resources, depth: int):
    """Declared (width, height) of every image a page's resources hold, form XObjects included (bounded depth)."""
    if depth > 8:
        raise error("damaged", None, detail="resources nested too deep")
    if isinstance(resources, IndirectObject):
        resources = resources.get_object()
    if not resources or "/XObject" not in resources:
        return
    xobjects = resources["/XObject"]
    if isinstance(xobjects, IndirectObject):
        xobjects = xobjects.get_object()
    for ref in xobjects.values():
        obj = ref.get_object()
        subtype = obj.get("/Subtype")
        if subtype == "/Image":
            yield int(obj.get("/Width", 0)), int(obj.get("/Height", 0))
        elif subtype == "/Form":
            yield from _image_sizes(obj.get("/Resources"), depth + 1)


# ------------------------------------------------------------------ the fillable fast path (qpdf, no decoding)


# What qpdf (or a walk over a broken object tree) can raise: the caller then leaves the file to pypdf.
QPDF_ERRORS = (pikepdf.PikepdfError, KeyError, AttributeError, ValueError, TypeError, IndexError, RuntimeError)


@contextlib.contextmanager
def open_qpdf(data: bytes, *, plain: bool = False) -> Iterator[pikepdf.Pdf]:
    """`data` opened with pikepdf (qpdf); raises what `pikepdf.open` raises (one of `QPDF_ERRORS`).

    `plain`: only a file qpdf can read without decoding any stream at all: cross-reference tables, not
    streams (so no object streams either), and no repairs. qpdf decodes those streams with no size cap (a
    1 GiB Flate stream took 8 s and 1 GiB here before a MemoryError), while pypdf caps them; any other file
    raises here and is left to `open_pdf`.

    The bytes go into an anonymous in-memory file that qpdf maps: from a `BytesIO` qpdf calls back into
    Python for every read, which made walking our timesheet's field tree 2-4x slower (measured here).
    """
    options = {"ignore_xref_streams": True, "attempt_recovery": False} if plain else {}
    if not hasattr(os, "memfd_create"):  # not Linux: the slower stream still works
        with pikepdf.open(io.BytesIO(data), **options) as pdf:
            yield pdf
        return
    fd = os.memfd_create("asistents-pdf", os.MFD_CLOEXEC)
    with os.fdopen(fd, "w+b") as f:
        f.write(data)
        f.flush()
        f.seek(0)
        with pikepdf.open(f, access_mode=pikepdf.AccessMode.mmap, **options) as pdf:
            yield pdf


# The most bytes one encoded byte can decode to, per filter: deflate's maximum ratio is 1032:1 (zlib's
# technical documentation), RunLength makes at most 128 bytes from 2, ASCII85's "z" 4 bytes from 1, hex
# halves. Any other filter (LZW, predictors, image codecs) is left to pypdf's own check.
_MAX_EXPANSION = {"/FlateDecode": 1032, "/RunLengthDecode": 64, "/ASCII85Decode": 4, "/ASCIIHexDecode": 1}


def quick_page_count(pdf: pikepdf.Pdf, limits: Limits) -> int | None:
    """The page count when `pdf` passes, without decoding any stream, every check `open_pdf` makes; None
    when it is not sure (qpdf repaired something, a page's content could inflate past pypdf's cap, an image
    is too large, too many or no pages...): then `open_pdf` decides.

    Content is never inflated here: from the encoded length and the filters alone, a content stream that
    could not decode to more than pypdf's cap cannot fail pypdf's size check."""
    if pdf.get_warnings() or "/XRefStm" in pdf.trailer:
        return None  # qpdf had to repair the file, or a hybrid file's stream was not read: pypdf decides
    try:
        count = len(pdf.pages)
        if not 0 < count <= limits.max_pages:
            return None
        cap = min(get_configuration().zlib_maximum_output_length,
                  get_configuration().run_length_maximum_output_length)
        for page in pdf.pages:
            contents = page.obj.get("/Contents")
            streams = [contents] if isinstance(contents, pikepdf.Stream) else list(contents or [])
            if not all(isinstance(s, pikepdf.Stream) and _decodes_within(s, cap) for s in streams):
                return None
            if any(w * h > limits.max_image_pixels for w, h in _qpdf_image_sizes(page.obj.get("/Resources"), 0)):
                return None
    except (*QPDF_ERRORS, RecursionError, _TooDeep):
        return None
    return None if pdf.get_warnings() else count


def _decodes_within(stream: pikepdf.Stream, cap: int) -> bool:
    if "/DecodeParms" in stream.stream_dict or "/DP" in stream.stream_dict:
        return False  # predictors: pypdf checks their sizes itself
    filters = stream.stream_dict.get("/Filter")
    names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
    size = len(stream.read_raw_bytes())
    for f in names:
        expansion = _MAX_EXPANSION.get(str(f))
        if expansion is None:
            return False
        size *= expansion
        if size > cap:
            return False
    return True


class _TooDeep(Exception):
    pass


def _qpdf_image_sizes(resources, depth: int):
    """As `_image_sizes`, through qpdf: only dictionaries are read."""
    if depth > 8:
        raise _TooDeep
    if not isinstance(resources, pikepdf.Dictionary) or "/XObject" not in resources:
        return
    for obj in resources.XObject.values():
        if not isinstance(obj, pikepdf.Stream):
            continue
        subtype = obj.stream_dict.get("/Subtype")
        if subtype == pikepdf.Name.Image:
            yield int(obj.stream_dict.get("/Width", 0)), int(obj.stream_dict.get("/Height", 0))
        elif subtype == pikepdf.Name.Form:
            yield from _qpdf_image_sizes(obj.stream_dict.get("/Resources"), depth + 1)
