"""A corpus of hostile and broken files, built on demand (never committed as binaries).

Each builder writes one file into a folder and returns its path; `build_all(folder)` makes them all.
Every file in `HOSTILE` must end in a `ParseError` with the given code; `READABLE` files are odd but fine.
"""
from __future__ import annotations

import io
import os
import zlib
from pathlib import Path
from typing import Callable

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


def _letter_pdf(text: str = "Labdien! Šī ir vēstule, nevis veidlapa.") -> bytes:
    buf = io.BytesIO()
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("LetterDejaVu", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("LetterDejaVu", 12)  # the core Helvetica has no ā, ē, š
    c.drawString(72, 760, text)
    c.showPage()
    c.save()
    return buf.getvalue()


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def empty(folder: Path) -> Path:
    return _write(folder, "empty.pdf", b"")


def not_pdf(folder: Path) -> Path:
    return _write(folder, "not-a-pdf.pdf", "Šis ir teksta fails ar .pdf galotni.\n".encode() * 50)


def truncated(folder: Path) -> Path:
    data = _letter_pdf()
    return _write(folder, "truncated.pdf", data[: len(data) // 2])


def garbage(folder: Path) -> Path:
    body = os.urandom(4096)  # random bytes between a valid header and end marker
    return _write(folder, "garbage.pdf", b"%PDF-1.7\n" + body + b"\n%%EOF\n")


def _writer_from(data: bytes) -> PdfWriter:
    return PdfWriter(clone_from=io.BytesIO(data))


def _bytes(writer: PdfWriter) -> bytes:
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def encrypted_with_password(folder: Path) -> Path:
    writer = _writer_from(_letter_pdf())
    writer.encrypt(user_password="slepens", owner_password="īpašnieks", algorithm="AES-256")
    return _write(folder, "encrypted-password.pdf", _bytes(writer))


def encrypted_without_password(folder: Path) -> Path:
    """Encrypted with an empty user password (only editing restricted): opens without a password."""
    writer = _writer_from(_letter_pdf())
    writer.encrypt(user_password="", owner_password="īpašnieks", algorithm="AES-128")
    return _write(folder, "encrypted-no-password.pdf", _bytes(writer))


def many_pages(folder: Path, count: int = 500) -> Path:
    writer = PdfWriter()
    for _ in range(count):
        writer.add_blank_page(width=A4[0], height=A4[1])
    return _write(folder, "pages-500.pdf", _bytes(writer))


def _page_with_stream(content: StreamObject, resources: DictionaryObject | None = None) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(width=A4[0], height=A4[1])
    if resources is not None:
        page[NameObject("/Resources")] = resources
    page[NameObject("/Contents")] = writer._add_object(content)
    return _bytes(writer)


def _flate_stream(raw_chunks: int, chunk: bytes) -> StreamObject:
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(chunk) for _ in range(raw_chunks)) + comp.flush()
    stream = StreamObject()
    stream._data = data  # already compressed: written as is
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    return stream


def decompression_bomb(folder: Path) -> Path:
    """A content stream of ~1 MB that inflates to 1 GiB of spaces."""
    stream = _flate_stream(64, b" " * (16 << 20))
    return _write(folder, "bomb.pdf", _page_with_stream(stream))


def huge_image(folder: Path, side: int = 20_000) -> Path:
    """One 20,000 × 20,000 px grey image (400 Mpx) on a page: small on disk, huge in memory."""
    comp = zlib.compressobj(9)
    row = b"\xff" * side
    data = b"".join(comp.compress(row * 500) for _ in range(side // 500)) + comp.flush()
    image = StreamObject()
    image._data = data
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(side), NameObject("/Height"): NumberObject(side),
        NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8),
        NameObject("/Filter"): NameObject("/FlateDecode"),
    })
    writer = PdfWriter()
    page = writer.add_blank_page(width=A4[0], height=A4[1])
    ref = writer._add_object(image)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): ref}),
    })
    content = DecodedStreamObject()
    content.set_data(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    return _write(folder, "image-20000px.pdf", _bytes(writer))


def letter(folder: Path) -> Path:
    """A free letter: a readable PDF that is no form (kind "unknown")."""
    return _write(folder, "letter.pdf", _letter_pdf())


def blank_page(folder: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=A4[0], height=A4[1])
    return _write(folder, "blank.pdf", _bytes(writer))


# file builder → the ParseError code it must end in
HOSTILE: dict[Callable[[Path], Path], str] = {
    empty: "empty",
    not_pdf: "not_pdf",
    truncated: "truncated",
    garbage: "damaged",
    encrypted_with_password: "encrypted",
    many_pages: "too_many_pages",
    decompression_bomb: "too_large",
    huge_image: "too_large",
}

# readable, but not forms
READABLE: list[Callable[[Path], Path]] = [encrypted_without_password, letter, blank_page]

def build_all(folder: Path) -> dict[Path, str | None]:
    """Every file of the corpus → its expected ParseError code (None: it reads, as kind "unknown")."""
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[Path, str | None] = {build(folder): code for build, code in HOSTILE.items()}
    out.update({build(folder): None for build in READABLE})
    return out
