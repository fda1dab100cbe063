"""Latvian formatting for documents: dates, money (in figures and in words), hours, points of the regulation.

Built on babel (`lv_LV` month and day names, number grouping) and num2words (`lang="lv"`), with the faults
LESSONS.md lists corrected here: babel has only the nominative month name, a letter needs the locative
("23. novembrī") or the genitive ("18. decembra"); num2words writes "tūkstotis" for 1000, "simtu viens" for
101, "eiro" for the currency, and reads an int given to `to="currency"` as cents — so only whole numbers are
passed to it and the currency words are ours.

Spaces: amounts and "N stundas" use a no-break space (U+00A0) between the figure groups and before the unit,
so a line never breaks inside "1 234,56 EUR" (babel's own lv_LV grouping character is U+00A0 too).

>>> import datetime as dt
>>> date_lv(dt.date(2026, 11, 23))
'2026. gada 23. novembrī'
>>> date_short(dt.date(2026, 11, 3))
'03.11.2026.'
>>> money(Decimal("1234.56")).replace(NBSP, " ")
'1 234,56 EUR'
>>> money_words(Decimal("1234.56"))
'viens tūkstotis divi simti trīsdesmit četri euro un 56 centi'
>>> hours(Decimal("21")).replace(NBSP, " "), hours(Decimal("2.5"), per_week=False).replace(NBSP, " ")
('21 stunda nedēļā', '2,5 stundas')
>>> point("9.2.3"), point("7", annex=1)
('9.2.3. apakšpunkts', '1. pielikuma 7. punkts')
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date, get_day_names, get_month_names
from babel.numbers import format_decimal
from num2words import num2words

LOCALE = "lv_LV"
NBSP = "\u00a0"
CENT = Decimal("0.01")

__all__ = [
    "NBSP", "date_lv", "date_genitive", "date_short", "month", "month_locative", "month_genitive", "month_dative", "month_accusative", "weekday",
    "date_dative", "date_accusative",
    "month_year_lv", "number", "money", "money_words", "number_words", "hours", "hours_number", "point",
    "point_genitive", "point_accusative", "personal_code", "plural",
]


# ---------------------------------------------------------------- months and days


def month(m: int) -> str:
    """The month's name in the nominative (babel): `month(3)` → 'marts'."""
    return get_month_names("wide", context="format", locale=LOCALE)[m]


def _decline(nominative: str, ending_is: str, ending_s: str) -> str:
    # Latvian month names are 2nd declension in -is (janvāris) or 1st in -s (marts, maijs); babel has
    # only the nominative, so the case ending is put on its stem.
    if nominative.endswith("is"):
        return nominative[:-2] + ending_is
    if nominative.endswith("s"):
        return nominative[:-1] + ending_s
    raise ValueError(f"unexpected month name {nominative!r}")


def month_locative(m: int) -> str:
    """'novembrī', 'martā' — "in November" as a date in a letter says it.

    >>> [month_locative(m) for m in (1, 3, 5, 6, 8, 9)]
    ['janvārī', 'martā', 'maijā', 'jūnijā', 'augustā', 'septembrī']
    """
    return _decline(month(m), "ī", "ā")


def month_genitive(m: int) -> str:
    """'decembra', 'marta' — as in "2012. gada 18. decembra noteikumi".

    >>> month_genitive(12), month_genitive(3), month_genitive(2)
    ('decembra', 'marta', 'februāra')
    """
    g = _decline(month(m), "a", "a")
    # 2nd declension genitive alternates a final l → ļ (aprīlis → aprīļa); r and br do not alternate.
    return g[:-2] + "ļa" if g.endswith("la") and month(m).endswith("lis") else g


def month_dative(m: int) -> str:
    """'novembrim', 'martam' — after "līdz" (until).

    >>> month_dative(11), month_dative(3)
    ('novembrim', 'martam')
    """
    return _decline(month(m), "im", "am")


def month_accusative(m: int) -> str:
    """'novembri', 'martu' — after "ar" (from … on: "ar 2021. gada 30. jūniju").

    >>> month_accusative(11), month_accusative(6)
    ('novembri', 'jūniju')
    """
    return _decline(month(m), "i", "u")


def weekday(iso_day: int) -> str:
    """ISO weekday 1 = pirmdiena … 7 = svētdiena (babel counts from 0 = Monday).

    >>> weekday(1), weekday(7)
    ('pirmdiena', 'svētdiena')
    """
    if not 1 <= iso_day <= 7:
        raise ValueError(f"weekday must be 1–7, not {iso_day}")
    return get_day_names("wide", context="format", locale=LOCALE)[iso_day - 1]


def date_lv(d: dt.date) -> str:
    """'2026. gada 23. novembrī' — the date of a letter or an event (locative)."""
    return f"{d.year}. gada {d.day}. {month_locative(d.month)}"


def date_genitive(d: dt.date) -> str:
    """'2012. gada 18. decembra' — a date that qualifies a noun (noteikumi, lēmums, līgums).

    >>> date_genitive(dt.date(2012, 12, 18))
    '2012. gada 18. decembra'
    """
    return f"{d.year}. gada {d.day}. {month_genitive(d.month)}"


def date_dative(d: dt.date) -> str:
    """'2026. gada 23. novembrim' — "līdz …" (by, until).

    >>> date_dative(dt.date(2021, 4, 15))
    '2021. gada 15. aprīlim'
    """
    return f"{d.year}. gada {d.day}. {month_dative(d.month)}"


def date_accusative(d: dt.date) -> str:
    """'2021. gada 30. jūniju' — "ar …" (with effect from).

    >>> date_accusative(dt.date(2021, 6, 30))
    '2021. gada 30. jūniju'
    """
    return f"{d.year}. gada {d.day}. {month_accusative(d.month)}"


def date_short(d: dt.date) -> str:
    """'23.11.2026.' — the numeric form with the closing full stop Latvian ordinals take."""
    return format_date(d, "dd.MM.y.", locale=LOCALE)


_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in_text(text: str) -> str:
    """ISO dates in a rule's message ('2021-06-30', as `regulation` writes them) in the numeric Latvian form
    a letter uses; the grammatical case of a spelled-out date would depend on the sentence around it.

    >>> dates_in_text("ilgums saīsināts līdz 2021-06-30; no 2021-07-01 piemēro MK 316")
    'ilgums saīsināts līdz 30.06.2021.; no 01.07.2021. piemēro MK 316'
    >>> dates_in_text("atzinums nr. 2021-13-45 (nav datums)")
    'atzinums nr. 2021-13-45 (nav datums)'
    """
    def one(m: re.Match) -> str:
        try:
            return date_short(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return m[0]

    return _ISO_DATE.sub(one, text)


def month_year_lv(year: int, m: int) -> str:
    """'2021. gada marts' — a reporting month.

    >>> month_year_lv(2021, 3)
    '2021. gada marts'
    """
    return f"{year}. gada {month(m)}"


# ---------------------------------------------------------------- numbers and money


def _decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, float):
        raise TypeError("money and hours are Decimal, never float")
    return value if isinstance(value, Decimal) else Decimal(str(value))


def number(value: Decimal | int | str, places: int | None = None) -> str:
    """A number with Latvian grouping and decimal comma; `places=None` keeps only the significant decimals.

    >>> number(Decimal("2.50")), number(Decimal("20.00")), number(Decimal("12345.6"), 2).replace(NBSP, " ")
    ('2,5', '20', '12 345,60')
    """
    d = _decimal(value)
    if places is None:
        d = d.normalize() if d != d.to_integral_value() else d.quantize(Decimal(1))
        frac = max(0, -d.as_tuple().exponent)
        pattern = "#,##0" + ("." + "0" * frac if frac else "")
    else:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(d, format=pattern, locale=LOCALE, decimal_quantization=False, group_separator=True)


def money(value: Decimal | int | str, currency: str = "EUR") -> str:
    """'1 234,56 EUR' — two decimals, rounded half up to the cent; no-break spaces."""
    return f"{number(value, 2)}{NBSP}{currency}"


def sentence_end(text: str) -> str:
    """Close a sentence with one full stop: Latvian dates and ordinals already end with one.

    >>> sentence_end("līdz 30.06.2021."), sentence_end("7.2., 7.4."), sentence_end("nav")
    ('līdz 30.06.2021.', '7.2., 7.4.', 'nav.')
    """
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def plural(n: int, one: str, many: str, zero: str | None = None) -> str:
    """The noun form a whole number takes in Latvian: ending in 1 but not 11 → singular, else plural.

    >>> [plural(n, "stunda", "stundas", "stundu") for n in (0, 1, 2, 11, 21, 101, 111)]
    ['stundu', 'stunda', 'stundas', 'stundas', 'stunda', 'stunda', 'stundas']
    """
    if n == 0 and zero is not None:
        return zero
    return one if n % 10 == 1 and n % 100 != 11 else many


_SCALES = {"tūkstotis", "tūkstoši", "miljons", "miljoni", "miljards", "miljardi"}


def number_words(n: int) -> str:
    """A whole number in words (num2words, corrected): 1000 → 'viens tūkstotis', 101 → 'simts viens'.

    >>> number_words(101000), number_words(1001000)
    ('simts viens tūkstotis', 'viens miljons viens tūkstotis')
    """
    if not isinstance(n, int) or n < 0:
        raise ValueError(f"a whole number ≥ 0 is needed, not {n!r}")
    words = num2words(n, lang="lv").split()
    out: list[str] = []
    for w in words:
        if w == "simtu":  # num2words' 101 "simtu viens": the numeral is "simts"
            w = "simts"
        if w in ("tūkstotis", "miljons", "miljards") and (not out or out[-1] in _SCALES):
            out.append("viens")  # a bare "tūkstotis" is the noun, documents write the count
        out.append(w)
    return " ".join(out)


def money_words(value: Decimal | int | str) -> str:
    """The amount in words as payment documents write it: euro in words, cents in figures.

    "euro" does not decline (the official form, not num2words' "eiro"); "cents" agrees with the number.

    >>> money_words(Decimal("21.01")), money_words(Decimal("0.11")), money_words(Decimal(100))
    ('divdesmit viens euro un 01 cents', 'nulle euro un 11 centi', 'simts euro un 00 centu')
    """
    d = _decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    if d < 0:
        raise ValueError("a negative amount has no words in a payment document")
    euros, cents = divmod(int(d * 100), 100)
    return f"{number_words(euros)} euro un {cents:02d} {plural(cents, 'cents', 'centi', 'centu')}"


# ---------------------------------------------------------------- hours


def hours_number(value: Decimal | int | str) -> str:
    """Hours as a figure: '20', '2,5'."""
    return number(value)


def hours(value: Decimal | int | str, per_week: bool = True) -> str:
    """'20 stundas nedēļā', '1 stunda', '21 stunda', '11 stundas', '2,5 stundas', '0 stundu'.

    A decimal fraction takes the genitive singular "stundas" whatever its last digit (2,5 stundas, 1,5 stundas).
    """
    d = _decimal(value)
    if d == d.to_integral_value():
        noun = plural(int(d), "stunda", "stundas", "stundu")
    else:
        noun = "stundas"
    return f"{number(d)}{NBSP}{noun}" + (f"{NBSP}nedēļā" if per_week else "")


# ---------------------------------------------------------------- points of the regulation


def _point_label(p: str) -> tuple[str, str]:
    p = p.strip().rstrip(".")
    if not p or not all(part.isdigit() or part.endswith("¹") for part in p.split(".")):
        raise ValueError(f"not a point number: {p!r}")
    # A superscript point (11.¹, 20.¹) is a point of its own, written without a closing full stop.
    text = p if p.endswith("¹") else p + "."
    return text, ("apakšpunkt" if "." in p and not p.endswith("¹") else "punkt")


def point(p: str, annex: int | None = None) -> str:
    """'9.2.3. apakšpunkts', '13. punkts', '11.¹ punkts', '1. pielikuma 7. punkts' (nominative)."""
    text, stem = _point_label(str(p))
    prefix = f"{annex}. pielikuma " if annex else ""
    return f"{prefix}{text} {stem}s"


def point_genitive(p: str, annex: int | None = None) -> str:
    """'9.2.3. apakšpunkta', '1. pielikuma 7. punkta' — "according to point …" (saskaņā ar … ).

    >>> point_genitive("17.4"), point_genitive("18")
    ('17.4. apakšpunkta', '18. punkta')
    """
    text, stem = _point_label(str(p))
    prefix = f"{annex}. pielikuma " if annex else ""
    return f"{prefix}{text} {stem}a"


def point_accusative(p: str, annex: int | None = None) -> str:
    """'9.2.3. apakšpunktu', '18. punktu' — after "saskaņā ar", "pamatojoties uz".

    >>> point_accusative("19.1"), point_accusative("17")
    ('19.1. apakšpunktu', '17. punktu')
    """
    text, stem = _point_label(str(p))
    prefix = f"{annex}. pielikuma " if annex else ""
    return f"{prefix}{text} {stem}u"


# ---------------------------------------------------------------- people


def personal_code(code: str) -> str:
    """The personas kods as documents print it, DDMMYY-NNNNN (input may lack the hyphen).

    >>> personal_code("12068511236"), personal_code(" 120685-11236 ")
    ('120685-11236', '120685-11236')
    """
    digits = "".join(c for c in str(code) if c.isdigit())
    if len(digits) != 11:
        raise ValueError("a personal code has 11 digits")
    return f"{digits[:6]}-{digits[6:]}"


# ---------------------------------------------------------------- typography

_STRAIGHT_QUOTED = re.compile(r'"([^"\n]*)"')
_GUILLEMETS = re.compile(r"«([^«»\n]*)»")
_ABBREVIATIONS = re.compile(r"\b(u|t|t\. i|utt|piem)\. (c|sk|i)\.")
_UNIT = re.compile(r"(\d) (?=(EUR|euro|eiro|cent\w*|h|min|km|%|stund\w*|dien\w*|darbdien\w*|nedēļ\w*|mēneš\w*|"
                   r"gad\w*|reiz\w*)\b)")


def typeset(text: str) -> str:
    """Latvian typography for a letter: „…” quotes (not "…" or «…»), a no-break space inside "u. c." and
    "t. sk." and between a number and its unit ("20 h", "1 234,56 EUR", "10 dienu laikā").

    >>> typeset('SIA "Koks" «Ozols» u. c., t. sk. 20 h un 5 stundas') == (
    ...     "SIA „Koks” „Ozols” u.\u00a0c., t.\u00a0sk. 20\u00a0h un 5\u00a0stundas")
    True
    >>> typeset("2021. gada 1. jūlijā")  # a date is not a number and a unit
    '2021. gada 1. jūlijā'
    """
    if not text:
        return text
    text = _GUILLEMETS.sub("„\\1”", _STRAIGHT_QUOTED.sub("„\\1”", text))
    text = _ABBREVIATIONS.sub(lambda m: f"{m.group(1)}.{NBSP}{m.group(2)}.", text)
    return _UNIT.sub(f"\\1{NBSP}", text)


def joined(*parts: str, sep: str = "; ") -> str:
    """The non-empty parts joined by `sep`: no stray separator where a value is empty.

    >>> joined("Dienas centrs", "", "svētdiena"), joined("", "otrdiena"), joined(" ", "")
    ('Dienas centrs; svētdiena', 'otrdiena', '')
    """
    return sep.join(p.strip() for p in parts if p and p.strip())
