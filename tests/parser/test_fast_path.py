"""The fillable fast path: one qpdf open reads a form of ours without decoding any page. It must give the
same result as pypdf's full checks and `get_fields()`, and every hostile variant of a real fillable form
must still end in the same `ParseError` as before (the fast path hands anything it is not sure of to pypdf).
"""
from __future__ import annotations

import hashlib
import io
import zlib
from pathlib import Path

import pikepdf
import pytest

from parser import Limits, ParseError, Sandbox, acroform, assemble, parse_bytes, parse_file
from parser.catalog import catalog
from parser.pdf import open_pdf, open_qpdf, quick_page_count
from parser.read import parse_bytes_unsandboxed

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FILLABLE = sorted(SAMPLES.glob("*/fillable/*.pdf"))
TIMESHEET = sorted(SAMPLES.glob("timesheets/fillable/*.pdf"))[0]


def _full_path(data: bytes, name: str):
    """The result as it was built before the fast path: pypdf's checks, then pypdf's get_fields()."""
    pdf = open_pdf(data, name, Limits())
    values = acroform.pypdf_values(pdf.reader)
    definition = catalog().by_field_names(values.keys())
    base = {"file": name, "sha256": hashlib.sha256(data).hexdigest(), "pages": pdf.pages}
    return assemble.result(base, definition, "fillable", acroform.readings(definition, values))


@pytest.mark.parametrize("path", FILLABLE, ids=lambda p: f"{p.parent.parent.name}-{p.name}")
def test_fast_path_result_equals_the_full_checks_and_pypdf_get_fields(path):
    data = path.read_bytes()
    with open_qpdf(data, plain=True) as pdf:
        assert quick_page_count(pdf, Limits()) == 2  # the fast path is taken: no pypdf, no decoding
    fast = parse_bytes_unsandboxed(data, str(path))
    assert fast.shape == "fillable" and fast.record is not None
    assert fast == _full_path(data, str(path))


def test_sandbox_answers_the_same_result_as_in_process():
    with Sandbox() as box:
        for path in FILLABLE[:2] + [TIMESHEET]:
            assert box.parse(path) == parse_file(path, sandbox=False)


# ------------------------------------------------------------------ hostile variants of a real form


def _variant(tmp_path: Path, name: str, change) -> Path:
    with pikepdf.open(TIMESHEET) as pdf:
        change(pdf)
        out = tmp_path / name
        pdf.save(out)
    return out


def _bomb(pdf: pikepdf.Pdf) -> None:
    # 120 MB of spaces in ~120 kB: past pypdf's 75 MB cap, which the fast path cannot rule out from the size.
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(b" " * (8 << 20)) for _ in range(15)) + comp.flush()
    stream = pikepdf.Stream(pdf, b"")
    stream.write(data, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].obj.Contents = stream


def _huge_image(pdf: pikepdf.Pdf) -> None:
    image = pikepdf.Stream(pdf, zlib.compress(b"\xff" * 1000))
    image.stream_dict.update({"/Type": pikepdf.Name.XObject, "/Subtype": pikepdf.Name.Image,
                              "/Width": 20_000, "/Height": 20_000, "/ColorSpace": pikepdf.Name.DeviceGray,
                              "/BitsPerComponent": 8, "/Filter": pikepdf.Name.FlateDecode})
    pdf.pages[1].obj.Resources.XObject = pikepdf.Dictionary({"/Im0": image})


def _many_pages(pdf: pikepdf.Pdf) -> None:
    for _ in range(11):
        pdf.add_blank_page()


def _password(tmp_path: Path) -> Path:
    out = tmp_path / "password.pdf"
    with pikepdf.open(TIMESHEET) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="slepens", owner="īpašnieks", R=6))
    return out


@pytest.mark.parametrize("build,code", [
    (lambda tmp: _variant(tmp, "bomb.pdf", _bomb), "too_large"),
    (lambda tmp: _variant(tmp, "image.pdf", _huge_image), "too_large"),
    (lambda tmp: _variant(tmp, "pages.pdf", _many_pages), "too_many_pages"),
    (_password, "encrypted"),
], ids=["content-bomb", "huge-image", "too-many-pages", "password"])
def test_a_hostile_fillable_form_ends_in_the_same_parse_error(tmp_path, build, code):
    path = build(tmp_path)
    if code != "encrypted":  # qpdf reads its fields, but the fast path does not vouch for the file
        with open_qpdf(path.read_bytes()) as pdf:
            assert acroform.qpdf_values(pdf) and quick_page_count(pdf, Limits()) is None
    with pytest.raises(ParseError) as caught:
        parse_file(path, sandbox=False)
    assert caught.value.code == code
    with Sandbox() as box:
        with pytest.raises(ParseError) as caught:
            box.parse(path)
        assert caught.value.code == code
        assert box.parse(TIMESHEET).shape == "fillable"  # the same child goes on


def test_empty_user_password_form_is_read_on_the_fast_path_with_the_same_values(tmp_path):
    """Editing restricted, no password to open: common for filled forms, and read like the original."""
    out = tmp_path / "restricted.pdf"
    with pikepdf.open(TIMESHEET) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="", owner="ipasnieks", R=4))
    with open_qpdf(out.read_bytes()) as pdf:
        assert pdf.is_encrypted and quick_page_count(pdf, Limits()) == 2
    result = parse_file(out, sandbox=False)
    original = parse_file(TIMESHEET, sandbox=False)
    assert result.shape == "fillable" and result.record == original.record and result.fields == original.fields


def test_the_fast_path_never_decodes_page_content(tmp_path):
    """Page content the fillable path does not read: broken Flate data there does not stop the fields."""
    def garble(pdf: pikepdf.Pdf) -> None:
        stream = pikepdf.Stream(pdf, b"")
        stream.write(b"x\x9c" + b"\x00not deflate\xff" * 50, filter=pikepdf.Name.FlateDecode)
        pdf.pages[0].obj.Contents = stream

    path = _variant(tmp_path, "garbled.pdf", garble)
    assert parse_file(path, sandbox=False).record == parse_file(TIMESHEET, sandbox=False).record


def test_a_cyclic_field_tree_ends(tmp_path):
    """A field that is its own grandchild: the walk skips what it has seen (before, it went round building
    ever longer names until memory ran out)."""
    def cycle(pdf: pikepdf.Pdf) -> None:
        group = next(f for f in pdf.Root.AcroForm.Fields if str(f.get("/T")) == "entries")
        row = group.Kids[0]  # entries.0, whose kids are the row's fields
        row.Kids = pikepdf.Array([*row.Kids, group])

    path = _variant(tmp_path, "cyclic.pdf", cycle)
    with Sandbox(Limits(wall_seconds=30)) as box:
        result = box.parse(path)
    assert result.kind == "timesheet" and result.shape == "fillable"


def test_parse_bytes_takes_the_fast_path_too():
    data = TIMESHEET.read_bytes()
    assert parse_bytes(data, "t.pdf", sandbox=False).fields == parse_file(TIMESHEET, sandbox=False).fields


def test_qpdf_from_a_stream_reads_the_same_as_from_memory():
    data = TIMESHEET.read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        slow = acroform.qpdf_values(pdf)
    with open_qpdf(data) as pdf:
        assert acroform.qpdf_values(pdf) == slow


# ------------------------------------------------------------------ files the fast path leaves to pypdf first


def test_object_streams_are_read_after_pypdf_checked_them(tmp_path):
    """qpdf would decode cross-reference and object streams with no cap: such a file takes the full path."""
    out = tmp_path / "objstm.pdf"
    with pikepdf.open(TIMESHEET) as pdf:
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    with pytest.raises(pikepdf.PdfError):
        with open_qpdf(out.read_bytes(), plain=True):
            pass
    result = parse_file(out, sandbox=False)
    assert result.shape == "fillable" and result.record == parse_file(TIMESHEET, sandbox=False).record


def _classic_update(data: bytes, obj: pikepdf.Object, body: bytes) -> bytes:
    """`data` with object `obj` replaced by `body` in an appended update that has its own cross-reference
    table and a trailer pointing back (/Prev): how a viewer saves a filled form without rewriting it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        size, root = int(pdf.trailer.Size), pdf.Root.objgen[0]
    prev = int(data[data.rindex(b"startxref") + 9:].split()[0])
    number, generation = obj.objgen
    offset = len(data)
    update = b"%d %d obj\n" % (number, generation) + body + b"\nendobj\n"
    xref = len(data) + len(update)
    update += (b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d %05d n \ntrailer\n<< /Size %d /Root %d 0 R /Prev %d >>\n"
               b"startxref\n%d\n%%%%EOF\n" % (number, offset, generation, size, root, prev, xref))
    return data + update


def test_an_incremental_save_with_a_table_is_read_on_the_fast_path(tmp_path):
    data = TIMESHEET.read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        field = next(f for f in pdf.Root.AcroForm.Fields if str(f.get("/T")) == "assistant")
        surname = next(k for k in field.Kids if str(k.get("/T")) == "surname")
        surname.V = pikepdf.String("Ozoliņa")
        updated = _classic_update(data, surname, surname.unparse(resolved=True))
    with open_qpdf(updated, plain=True) as pdf:
        assert quick_page_count(pdf, Limits()) == 2
    result = parse_bytes(updated, "updated.pdf", sandbox=False)
    assert result.shape == "fillable" and result.fields["assistant.surname"].value == "Ozoliņa"


def test_an_incremental_save_with_a_stream_takes_the_full_path(tmp_path):
    """pypdf appends its update with a cross-reference stream: read after pypdf's checks, the newest value."""
    from pypdf import PdfWriter

    writer = PdfWriter(TIMESHEET, incremental=True)
    writer.update_page_form_field_values(None, {"assistant.surname": "Ozoliņa"}, auto_regenerate=False)
    out = tmp_path / "updated.pdf"
    with open(out, "wb") as f:
        writer.write(f)
    assert out.read_bytes().startswith(TIMESHEET.read_bytes())  # appended, not rewritten
    with pytest.raises(pikepdf.PdfError):
        with open_qpdf(out.read_bytes(), plain=True):
            pass
    assert parse_file(out, sandbox=False).fields["assistant.surname"].value == "Ozoliņa"


def _stream_value(tmp_path: Path, text: bytes, copies: int) -> Path:
    def change(pdf: pikepdf.Pdf) -> None:
        comp = zlib.compressobj(9)
        data = b"".join(comp.compress(text) for _ in range(copies)) + comp.flush()
        stream = pikepdf.Stream(pdf, b"")
        stream.write(data, filter=pikepdf.Name.FlateDecode)
        field = next(f for f in pdf.Root.AcroForm.Fields if str(f.get("/T")) == "assistant")
        next(k for k in field.Kids if str(k.get("/T")) == "surname").V = stream

    return _variant(tmp_path, f"stream-value-{copies}.pdf", change)


def test_a_hybrid_file_takes_the_full_path():
    """A table whose trailer also names a cross-reference stream (/XRefStm): qpdf, told to ignore streams,
    would see only the table's objects, so pypdf reads the file."""
    data = TIMESHEET.read_bytes()
    hybrid = data.replace(b"trailer\n<<\n", b"trailer\n<<\n/XRefStm 9\n", 1)
    assert hybrid != data
    with open_qpdf(hybrid, plain=True) as pdf:
        assert quick_page_count(pdf, Limits()) is None


def test_a_text_stream_value_is_read_by_pypdf(tmp_path):
    """A text field's /V may be a text stream: qpdf's walk leaves it to pypdf, which decodes it (the walk
    used to read it as '<pikepdf.Stream(…)>')."""
    path = _stream_value(tmp_path, b"Ozola", 1)
    with open_qpdf(path.read_bytes(), plain=True) as pdf:
        with pytest.raises(ValueError):
            acroform.qpdf_values(pdf)
    assert parse_file(path, sandbox=False).fields["assistant.surname"].value == "Ozola"


def test_a_text_stream_value_past_pypdfs_cap_is_too_large(tmp_path):
    path = _stream_value(tmp_path, b"A" * (8 << 20), 15)  # 120 MB in ~120 kB
    with pytest.raises(ParseError) as caught:
        parse_file(path, sandbox=False)
    assert caught.value.code == "too_large"


def test_field_sources_are_shared_between_results_and_frozen():
    """Each field's Source is built once per form and shared, so it must not be changeable through one result."""
    from pydantic import ValidationError

    first, second = parse_file(TIMESHEET, sandbox=False), parse_file(FILLABLE[-1], sandbox=False)
    assert first.fields["month"].source is second.fields["month"].source
    with pytest.raises(ValidationError):
        first.fields["month"].source.page = 1
    assert second.fields["month"].source.page == 0
