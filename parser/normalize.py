"""Turning what was read in a field into the canonical text the record wants, by the field's type.

Each normaliser returns the canonical text, or None when the reading does not have the type's shape (an OCR
misread, or a wrong entry): the caller then reports the field instead of guessing.

>>> normalize("date", "14.03.2026."), normalize("date", "2026-03-14"), normalize("date", "31.02.2026")
('2026-03-14', '2026-03-14', None)
>>> normalize("time", "8.30"), normalize("time", "08:30"), normalize("time", "25:00")
('08:30', '08:30', None)
>>> normalize("money", "12,50"), normalize("money", "1 250.5"), normalize("number", "7,5")
('12.50', '1250.50', '7.5')
>>> normalize("personal_code", "161175 19997"), normalize("personal_code", "16117519997")
('161175-19997', '161175-19997')
>>> normalize("month", "03.2026"), normalize("month", "2026-03")
('2026-03', '2026-03')
>>> normalize("phone", "+37127795465"), normalize("phone", "+371 2779 5465"), normalize("phone", "67 123 456")
('+371 27795465', '+371 27795465', '67 123 456')
>>> normalize("text", "  Jānis   Bērziņš "), normalize("text", "")
('Jānis Bērziņš', None)
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from email_validator import EmailNotValidError, validate_email

_SPACES = re.compile(r"\s+")


def _date(text: str) -> str | None:
    t = text.strip().rstrip(".")
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", t) or None
    if m:
        y, mo, d = m.groups()
    else:
        m = re.fullmatch(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})", t)
        if not m:
            return None
        d, mo, y = m.groups()
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def _time(text: str) -> str | None:
    m = re.fullmatch(r"(\d{1,2})[:.](\d{2})", text.strip())
    if not m:
        return None
    h, mi = int(m.group(1)), int(m.group(2))
    if h == 24 and mi == 0:
        return "24:00"
    if h > 23 or mi > 59:
        return None
    return f"{h:02d}:{mi:02d}"


def _decimal(text: str, places: int | None) -> str | None:
    t = _SPACES.sub("", text.strip()).replace("\u00a0", "").replace(",", ".")
    t = t.removesuffix("€").removesuffix("EUR")
    if not re.fullmatch(r"\d+(\.\d+)?", t):
        return None
    try:
        value = Decimal(t)
    except InvalidOperation:
        return None
    if places is not None:
        if value != value.quantize(Decimal(1).scaleb(-places)):
            return None
        return str(value.quantize(Decimal(1).scaleb(-places)))
    return str(value.normalize()) if "." in t else str(int(value))


def _personal_code(text: str) -> str | None:
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"\d{11}", digits):
        return None
    return f"{digits[:6]}-{digits[6:]}"


def _month(text: str) -> str | None:
    t = text.strip().rstrip(".")
    m = re.fullmatch(r"(\d{4})[-.](\d{1,2})", t) or re.fullmatch(r"(\d{1,2})[-./](\d{4})", t)
    if not m:
        return None
    a, b = m.groups()
    year, month = (a, b) if len(a) == 4 else (b, a)
    if not 1 <= int(month) <= 12:
        return None
    return f"{int(year):04d}-{int(month):02d}"


def _email(text: str) -> str | None:
    """An address whose syntax `email-validator` accepts (no DNS lookup), as written.

    >>> _email("ilze.ozola@inbox.lv"), _email("ilze.ozolaGinbox.lv"), _email("ilze..ozola@inbox.lv")
    ('ilze.ozola@inbox.lv', None, None)
    """
    t = text.strip()
    try:
        validate_email(t, check_deliverability=False)
    except EmailNotValidError:
        return None
    return t


def _phone(text: str) -> str | None:
    """A Latvian number ("+371" and 8 digits) as the form prints it, "+371 2…", whatever spaces or hyphens
    were written or read between its digits: they carry nothing ("+37127795465", a space a scan lost). Any
    other number as written, spaces made single."""
    t = _SPACES.sub(" ", text.strip())
    if not re.fullmatch(r"\+?[\d ()-]{7,20}", t):
        return None
    digits = re.sub(r"[ ()-]", "", t)
    return f"+371 {digits[4:]}" if re.fullmatch(r"\+371\d{8}", digits) else t


def _text(text: str) -> str | None:
    t = _SPACES.sub(" ", text).strip()
    return t or None


def normalize(kind: str, text: str | None) -> str | None:
    """The canonical text of `text` for a field of type `kind` (see module doc), or None."""
    if text is None:
        return None
    if kind == "date":
        return _date(text)
    if kind == "time":
        return _time(text)
    if kind == "money":
        return _decimal(text, 2)
    if kind == "number":
        return _decimal(text, None)
    if kind == "personal_code":
        return _personal_code(text)
    if kind == "month":
        return _month(text)
    if kind == "email":
        return _email(text)
    if kind == "phone":
        return _phone(text)
    return _text(text)
