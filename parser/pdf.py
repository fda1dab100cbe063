"""Opening an untrusted PDF: the checks that turn broken and hostile files into a clear `ParseError` early.

pypdf is the gatekeeper: it caps decompressed streams (75 MB by default), so every page's content and the
declared size of every image are checked with it before pdfium renders or reads anything.
"""
from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass

from pypdf import PdfReader
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


def open_pdf(data: bytes, name: str, limits: Limits) -> OpenedPdf:
    """Check `data` and open it with pypdf, or raise the `ParseError` that says why it cannot be read."""
    if not data:
        raise error("empty", name)
    if len(data) > limits.max_bytes:
        raise error("too_large", name, detail=f"{len(data)} bytes, the limit is {limits.max_bytes}")
    if b"%PDF-" not in data[:1024]:
        raise error("not_pdf", name)
    if b"%%EOF" not in data[-2048:]:
        raise error("truncated", name)
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
