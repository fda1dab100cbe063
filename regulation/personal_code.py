"""Latvian personas kods (point 6.1): validation through python-stdnum, with the checksum caveat.

Old codes are DDMMYY-CNNNN (birth date, century digit, checksum). New codes (from 2017-07-01) start with
"32" and hold no birth date; stdnum applies the old checksum to them, which its own source calls
unconfirmed, so a failed checksum on a "32…" code is a warning, not a rejection.

>>> check("161175-19997").valid, check("161175-19997").compact
(True, '161175-19997')
>>> check("161175-19996").message_en
'invalid personal code: the check digit does not match'
>>> v = check("328673-00677"); v.valid, bool(v.warning_en)
(True, True)
>>> birth_date("161175-19997")
datetime.date(1975, 11, 16)
>>> birth_date("328673-00679") is None
True
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError
from stdnum.lv import pvn


@dataclass(frozen=True)
class Verdict:
    valid: bool
    compact: str  # "DDMMYY-NNNNN"
    message_lv: str = ""
    message_en: str = ""
    warning_lv: str = ""
    warning_en: str = ""


def _formatted(digits: str) -> str:
    return f"{digits[:6]}-{digits[6:]}"


def check(value: str) -> Verdict:
    """Validate a personal code; never raises."""
    digits = pvn.compact(str(value or ""))
    if not digits.isdigit() or len(digits) != 11:
        return Verdict(False, str(value), "personas kodam jābūt 11 cipariem formā DDMMGG-NNNNN",
                       "a personal code has 11 digits, DDMMYY-NNNNN")
    if digits[0] > "3":
        return Verdict(False, _formatted(digits), "tas ir juridiskas personas reģistrācijas numurs, nevis personas kods",
                       "this is a company registration number, not a personal code")
    try:
        pvn.validate(digits)
    except InvalidChecksum:
        if digits.startswith("32"):
            return Verdict(True, _formatted(digits),
                           warning_lv="personas koda kontrolcipars neatbilst (jaunā formāta kodiem algoritms nav apstiprināts) — pārbaudiet",
                           warning_en="the check digit does not match (unconfirmed for new-format codes) — please verify")
        return Verdict(False, _formatted(digits), "nederīgs personas kods: kontrolcipars neatbilst",
                       "invalid personal code: the check digit does not match")
    except InvalidComponent:
        return Verdict(False, _formatted(digits), "nederīgs personas kods: pirmie 6 cipari nav derīgs dzimšanas datums",
                       "invalid personal code: the first 6 digits are not a valid birth date")
    except ValidationError:
        return Verdict(False, _formatted(digits), "nederīgs personas kods", "invalid personal code")
    if not digits.startswith("32") and birth_date(digits) > dt.date.today():
        return Verdict(False, _formatted(digits), "nederīgs personas kods: dzimšanas datums ir nākotnē",
                       "invalid personal code: the birth date is in the future")
    return Verdict(True, _formatted(digits))


def birth_date(value: str) -> dt.date | None:
    """The birth date an old-format code holds; None for a "32…" code or an invalid one."""
    digits = pvn.compact(str(value or ""))
    if len(digits) != 11 or not digits.isdigit() or digits.startswith("32") or digits[0] > "3":
        return None
    try:
        return pvn.get_birth_date(digits)
    except ValidationError:
        return None


def make(birth: dt.date, serial: int) -> str:
    """A valid old-format code for a birth date and a 3-digit serial (for synthetic samples and tests).

    >>> make(dt.date(1990, 1, 1), 0)
    '010190-10001'
    >>> check(make(dt.date(2010, 5, 17), 123)).valid
    True
    """
    century = (birth.year - 1800) // 100
    head = f"{birth:%d%m%y}{century}{serial % 1000:03d}"
    return _formatted(head + pvn.calc_check_digit_pers(head))
