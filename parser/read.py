"""One file in, one `ParseResult` out: open and check the PDF, tell its shape and kind, read the fields the
way the shape allows, then build and validate the regulation record.

Shapes: **fillable** (AcroForm values, exact), **flattened** (the text layer inside each field's box),
**scanned** (no text layer: align the page image to the blank form, OCR and OMR each field zone).
This module runs inside the sandbox's child; `parser.parse_file` is the public entry point.
"""
from __future__ import annotations

import hashlib

import pypdfium2 as pdfium

from parser import acroform, assemble, flattened, scan, textlayer
from parser.catalog import catalog
from parser.errors import error
from parser.pdf import open_pdf
from parser.result import Limits, ParseResult

MIN_TEXT_CHARS = 20  # fewer characters than this in the text layer: treat the pages as images


def parse_bytes_unsandboxed(data: bytes, name: str, *, limits: Limits | None = None) -> ParseResult:
    """Read `data` (the bytes of file `name`) in this process. Raises `ParseError` for unreadable files.

    The order matters: AcroForm values first (exact), then the text layer (a flattened or printed form is
    known by its version mark), and only pages without text go to OCR.
    """
    limits = limits or Limits()
    sha = hashlib.sha256(data).hexdigest()
    pdf = open_pdf(data, name, limits)
    forms = catalog()
    base = {"file": name, "sha256": sha, "pages": pdf.pages}

    values = acroform.field_values(pdf.reader, pdf.data)
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
