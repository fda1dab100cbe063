"""Latvian formatting: every month in each case, money in figures and words, hour agreement, points."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator import lv
from generator.lv import NBSP

LOCATIVE = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī",
            "oktobrī", "novembrī", "decembrī"]
GENITIVE = ["janvāra", "februāra", "marta", "aprīļa", "maija", "jūnija", "jūlija", "augusta", "septembra",
            "oktobra", "novembra", "decembra"]
DATIVE = ["janvārim", "februārim", "martam", "aprīlim", "maijam", "jūnijam", "jūlijam", "augustam", "septembrim",
          "oktobrim", "novembrim", "decembrim"]


@pytest.mark.parametrize("m", range(1, 13))
def test_date_lv_locative_every_month(m):
    assert lv.date_lv(dt.date(2026, m, 23)) == f"2026. gada 23. {LOCATIVE[m - 1]}"


@pytest.mark.parametrize("m", range(1, 13))
def test_date_dative_every_month(m):
    assert lv.date_dative(dt.date(2021, m, 1)) == f"2021. gada 1. {DATIVE[m - 1]}"


@pytest.mark.parametrize("m", range(1, 13))
def test_date_genitive_every_month(m):
    assert lv.date_genitive(dt.date(2012, m, 18)) == f"2012. gada 18. {GENITIVE[m - 1]}"


def test_april_genitive_alternates_consonant():
    assert lv.month_genitive(4) == "aprīļa" and lv.month_locative(4) == "aprīlī"


def test_date_short_has_closing_stop_and_leading_zeros():
    assert lv.date_short(dt.date(2026, 1, 5)) == "05.01.2026."


def test_weekdays_iso():
    assert [lv.weekday(i) for i in range(1, 8)] == ["pirmdiena", "otrdiena", "trešdiena", "ceturtdiena",
                                                    "piektdiena", "sestdiena", "svētdiena"]
    with pytest.raises(ValueError):
        lv.weekday(0)


@pytest.mark.parametrize("value, text", [
    ("0", "0,00 EUR"), ("0.5", "0,50 EUR"), ("1", "1,00 EUR"), ("999.99", "999,99 EUR"),
    ("1234.56", "1 234,56 EUR"), ("1000000", "1 000 000,00 EUR"), ("2.005", "2,01 EUR"), ("2.2024", "2,20 EUR"),
])
def test_money_grouping_no_break_spaces(value, text):
    out = lv.money(Decimal(value))
    assert out.replace(NBSP, " ") == text
    assert " " not in out  # only no-break spaces: "1 234,56 EUR" never wraps


def test_money_refuses_float():
    with pytest.raises(TypeError):
        lv.money(1.5)


@pytest.mark.parametrize("n, words", [
    (0, "nulle"), (1, "viens"), (11, "vienpadsmit"), (21, "divdesmit viens"), (100, "simts"),
    (101, "simts viens"), (110, "simts desmit"), (200, "divi simti"), (1000, "viens tūkstotis"),
    (1001, "viens tūkstotis viens"), (1100, "viens tūkstotis simts"), (2000, "divi tūkstoši"),
    (21000, "divdesmit viens tūkstotis"), (101000, "simts viens tūkstotis"), (1000000, "viens miljons"),
    (1001000, "viens miljons viens tūkstotis"), (2000000, "divi miljoni"),
    (1234567, "viens miljons divi simti trīsdesmit četri tūkstoši pieci simti sešdesmit septiņi"),
])
def test_number_words(n, words):
    assert lv.number_words(n) == words


@pytest.mark.parametrize("value, words", [
    ("1234.56", "viens tūkstotis divi simti trīsdesmit četri euro un 56 centi"),
    ("21", "divdesmit viens euro un 00 centu"),  # an int-valued amount is euros, never cents
    ("0.01", "nulle euro un 01 cents"),
    ("0.11", "nulle euro un 11 centi"),
    ("5.21", "pieci euro un 21 cents"),
    ("101.10", "simts viens euro un 10 centi"),
    ("1000", "viens tūkstotis euro un 00 centu"),
    ("370.005", "trīs simti septiņdesmit euro un 01 cents"),
])
def test_money_words(value, words):
    assert lv.money_words(Decimal(value)) == words


def test_money_words_int_is_euros_not_cents():
    assert lv.money_words(21).startswith("divdesmit viens euro")
    assert "eiro" not in lv.money_words(Decimal("7"))


@pytest.mark.parametrize("value, text", [
    ("0", "0 stundu"), ("1", "1 stunda"), ("2", "2 stundas"), ("11", "11 stundas"), ("20", "20 stundas"),
    ("21", "21 stunda"), ("31", "31 stunda"), ("40", "40 stundas"), ("2.5", "2,5 stundas"), ("1.5", "1,5 stundas"),
    ("20.00", "20 stundas"), ("0.25", "0,25 stundas"),
])
def test_hours_agreement(value, text):
    assert lv.hours(Decimal(value), per_week=False).replace(NBSP, " ") == text
    assert lv.hours(Decimal(value)).replace(NBSP, " ") == text + " nedēļā"


@pytest.mark.parametrize("p, annex, text", [
    ("9.2.3", None, "9.2.3. apakšpunkts"), ("13", None, "13. punkts"), ("11.¹", None, "11.¹ punkts"),
    ("7", 1, "1. pielikuma 7. punkts"), ("22.1.", None, "22.1. apakšpunkts"),
])
def test_point(p, annex, text):
    assert lv.point(p, annex=annex) == text


def test_point_rejects_text():
    with pytest.raises(ValueError):
        lv.point("drop table")


def test_personal_code_display():
    assert lv.personal_code("12068511236") == "120685-11236"
    with pytest.raises(ValueError):
        lv.personal_code("1206")


# ---------------------------------------------------------------- many values: words read back independently

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_UNITS = {"nulle": 0, "viens": 1, "divi": 2, "trīs": 3, "četri": 4, "pieci": 5, "seši": 6, "septiņi": 7,
          "astoņi": 8, "deviņi": 9, "desmit": 10, "vienpadsmit": 11, "divpadsmit": 12, "trīspadsmit": 13,
          "četrpadsmit": 14, "piecpadsmit": 15, "sešpadsmit": 16, "septiņpadsmit": 17, "astoņpadsmit": 18,
          "deviņpadsmit": 19, "divdesmit": 20, "trīsdesmit": 30, "četrdesmit": 40, "piecdesmit": 50,
          "sešdesmit": 60, "septiņdesmit": 70, "astoņdesmit": 80, "deviņdesmit": 90}
_SCALE = {"tūkstotis": 10**3, "tūkstoši": 10**3, "miljons": 10**6, "miljoni": 10**6}


def read_back(words: str) -> int:
    """A Latvian cardinal read back to a number, checking the agreement of every scale noun on the way."""
    total, group = 0, 0
    for w in words.split():
        if w in _UNITS:
            group += _UNITS[w]
        elif w in ("simts", "simti"):
            assert (w == "simts") == (group in (0, 1)), words  # "simts" alone or after "viens"; "divi simti"
            group = (group or 1) * 100
        elif w in _SCALE:
            assert group > 0, f"bare {w!r} in {words!r}"  # "viens tūkstotis", never a bare "tūkstotis"
            singular = group % 10 == 1 and group % 100 != 11
            assert (w in ("tūkstotis", "miljons")) == singular, words
            total += group * _SCALE[w]
            group = 0
        else:
            raise AssertionError(f"unknown word {w!r} in {words!r}")
    return total + group


@settings(max_examples=2000, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999))
def test_number_words_read_back(n):
    words = lv.number_words(n)
    assert "simtu" not in words
    assert read_back(words) == n


@settings(max_examples=1000, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False))
def test_money_words_read_back(d):
    words = lv.money_words(d)
    euros, rest = words.split(" euro un ")
    cents, noun = rest.split(" ")
    assert read_back(euros) * 100 + int(cents) == int(d * 100)
    assert noun == lv.plural(int(cents), "cents", "centi", "centu")
    assert "eiro" not in words
    figures = lv.money(d).replace(NBSP, "").replace("EUR", "").replace(",", ".")
    assert Decimal(figures) == d
