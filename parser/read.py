"""One file in, one `ParseResult` out: open and check the PDF, tell its shape and kind, read the fields the
way the shape allows, then build and validate the regulation record.

Shapes: **fillable** (AcroForm values, exact), **flattened** (the text layer inside each field's box),
**scanned** (no text layer: align the page image to the blank form, OCR and OMR each field zone).

A fillable form of ours is read from one qpdf open: its pages are never rendered nor their content decoded,
so the checks that guard decoding are made from the objects alone (`parser.pdf.quick_page_count`). Any
other file, and any file those checks are not sure of, gets pypdf's full checks (`parser.pdf.open_pdf`).
This module runs inside the sandbox's child; `parser.parse_file` is the public entry point.
"""
from __future__ import annotations

import hashlib
import warnings
from typing import Any

import pypdfium2 as pdfium
from pypdf.errors import LimitReachedError, PdfReadError

from parser import acroform, assemble, flattened, scan, textlayer
from parser.catalog import catalog
from parser.errors import error
from parser.pdf import QPDF_ERRORS, check_bytes, open_pdf, open_qpdf, quick_page_count
from parser.result import Limits, ParseResult

MIN_TEXT_CHARS = 20  # fewer characters than this in the text layer: treat the pages as images


def parse_bytes_unsandboxed(data: bytes, name: str, *, limits: Limits | None = None) -> ParseResult:
    """Read `data` (the bytes of file `name`) in this process. Raises `ParseError` for unreadable files.

    The order matters: AcroForm values first (exact), then the text layer (a flattened or printed form is
    known by its version mark), and only pages without text go to OCR.
    """
    limits = limits or Limits()
    check_bytes(data, name, limits)
    sha = hashlib.sha256(data).hexdigest()
    forms = catalog()

    values, pages = _qpdf_fields(data, limits)
    if values and pages is not None:
        definition = forms.by_field_names(values.keys())
        if definition is not None:
            base = {"file": name, "sha256": sha, "pages": pages}
            return assemble.result(base, definition, "fillable", acroform.readings(definition, values))

    # Every other file as before the fast path: pypdf's checks first, then the fields read again (what qpdf
    # read above may miss objects: a hybrid file's stream was ignored, or qpdf would have repaired it).
    pdf = open_pdf(data, name, limits)
    base = {"file": name, "sha256": sha, "pages": pdf.pages}
    values = _field_values(pdf, name)
    if values:
        definition = forms.by_field_names(values.keys())
        if definition is not None:
            readings = acroform.readings(definition, values)
            return assemble.result(base, definition, "fillable", readings)

    try:
        with textlayer.document(pdf.data) as doc:
            texts = textlayer.page_texts(doc)
            text = "\n".join(texts)
            if len(text.strip()) >= MIN_TEXT_CHARS:
                definition = forms.by_text(text)
                if definition is None:
                    return assemble.unknown(base, None, text, forms)
                readings = flattened.readings(doc, definition)
                return assemble.result(base, definition, "flattened", readings)
            return scan.parse(doc, base, forms, limits)
    except pdfium.PdfiumError as e:  # pdfium refusing a file pypdf could open
        raise error("damaged", name, detail=str(e)[:200]) from None


def _field_values(pdf: Any, name: str) -> dict[str, dict[str, Any]]:
    """`acroform.field_values` for a file open_pdf passed; what pypdf raises on its fields is a ParseError."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return acroform.field_values(pdf.reader, pdf.data)
    except LimitReachedError as e:  # e.g. a field's value is a stream that inflates past pypdf's cap
        raise error("too_large", name, detail=str(e)[:200]) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as e:
        raise error("damaged", name, detail=f"{type(e).__name__}: {e}"[:200]) from None


def _qpdf_fields(data: bytes, limits: Limits) -> tuple[dict | None, int | None]:
    """The AcroForm values of a plain file (`open_qpdf`), None for any other, and the page count when the
    file passes the fast path's checks (None: the values do not count, and `open_pdf` must check the file)."""
    try:
        with open_qpdf(data, plain=True) as pdf:
            values = acroform.qpdf_values(pdf)
            return values, quick_page_count(pdf, limits) if values else None
    except QPDF_ERRORS:
        return None, None  # a password, streams to decode, repairs: open_pdf first, as for any file
