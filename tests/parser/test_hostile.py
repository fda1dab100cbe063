"""Hostile and broken input: every file ends in a clear ParseError within bounded time, and the next file
still parses in the same sandbox."""
from __future__ import annotations

import time

import pytest

from parser import Limits, ParseError, Sandbox, parse_bytes, parse_file


def _good_file(corpus):
    return next(p for p, code in corpus.items() if p.name == "letter.pdf")


def test_every_hostile_file_is_a_parse_error_and_the_next_file_still_parses(hostile_corpus):
    good = _good_file(hostile_corpus)
    with Sandbox() as box:
        for path, code in hostile_corpus.items():
            if code is None:
                continue
            started = time.monotonic()
            with pytest.raises(ParseError) as caught:
                box.parse(path)
            assert time.monotonic() - started < 30, path.name
            e = caught.value
            assert e.code == code, (path.name, e)
            assert e.file == str(path)
            assert e.message_lv and e.message_en and e.message_lv != e.message_en
            assert box.parse(good).kind == "unknown"  # the same sandbox goes on


@pytest.mark.parametrize("code", ["empty", "not_pdf", "truncated", "encrypted", "too_many_pages", "too_large"])
def test_unsandboxed_reader_raises_the_same_errors(hostile_corpus, code):
    for path, expected in hostile_corpus.items():
        if expected == code:
            with pytest.raises(ParseError) as caught:
                parse_file(path, sandbox=False)
            assert caught.value.code == code


def test_wall_time_limit_kills_the_child_and_the_next_file_parses(hostile_corpus):
    good = _good_file(hostile_corpus)
    bomb = next(p for p in hostile_corpus if p.name == "bomb.pdf")
    # A bomb takes pypdf about a second to hit its cap: with a 0.2 s wall limit the child is killed first.
    with Sandbox(Limits(wall_seconds=0.2)) as box:
        with pytest.raises(ParseError) as caught:
            box.parse(bomb)
        assert caught.value.code == "timeout"
    with Sandbox() as box:
        assert box.parse(good).kind == "unknown"


def test_encrypted_with_empty_user_password_is_read(hostile_corpus):
    path = next(p for p in hostile_corpus if p.name == "encrypted-no-password.pdf")
    result = parse_file(path)
    assert result.kind == "unknown"
    assert "vēstule" in (result.text or "")


def test_parse_bytes_reports_the_given_name():
    with pytest.raises(ParseError) as caught:
        parse_bytes(b"hello", "vēstule.pdf")
    assert caught.value.file == "vēstule.pdf" and caught.value.code == "not_pdf"


def test_missing_file_is_not_found(tmp_path):
    with pytest.raises(ParseError) as caught:
        parse_file(tmp_path / "nav.pdf")
    assert caught.value.code == "not_found"


def test_address_space_limit_applies_to_the_child(hostile_corpus):
    letter = next(p for p in hostile_corpus if p.name == "letter.pdf")
    # 64 MB cannot hold the interpreter with NumPy and OpenCV: the child fails, the parent reports it.
    with Sandbox(Limits(memory_bytes=64 * 1024 ** 2)) as box:
        with pytest.raises(ParseError) as caught:
            box.parse(letter)
    assert caught.value.code in ("memory", "crashed")
    with Sandbox() as box:
        assert box.parse(letter).kind == "unknown"


def test_another_edition_of_the_form_is_unknown(tmp_path):
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawString(72, 760, "Iesniegums par asistenta pakalpojuma pieskirsanu")
    c.drawString(250, 24, "ASIST-IESN-2019.3 · 1/2")  # an older edition's mark
    c.showPage()
    c.save()
    result = parse_bytes(buf.getvalue(), "old.pdf", sandbox=False)
    assert result.kind == "unknown" and result.form_version is None
    assert "ASIST-IESN-2026.1" in result.issues[0].message_en and "2019.3" in result.text
