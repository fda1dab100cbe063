"""Point 22.1 hourly rates (MK 656 tariff 2016–2020, Annex 4 in 2021), 22.2 contributions and payable()."""
from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from asistents.cli import main
from regulation.parameters import Dated, OutOfForce, load
from regulation.rates import employer_contribution_rate, parse_month, payable, rate

# REGULATION.md "Money": the 2021 Annex 4 table, EUR per hour, adult / minor assistant.
ANNEX4_2021 = {
    1: ("3.1250", "3.5714"), 2: ("3.1250", "3.5714"), 3: ("2.7174", "3.1056"), 4: ("3.1646", "3.6232"),
    5: ("3.1447", "3.5971"), 6: ("3.1447", "3.5971"), 7: ("2.8409", "3.2468"), 8: ("2.8409", "3.2468"),
    9: ("2.8409", "3.2468"), 10: ("2.9762", "3.4014"), 11: ("2.9940", "3.4247"), 12: ("3.0120", "3.4483"),
}


@pytest.mark.parametrize("month, expected, hours", [
    ("2016-01", "2.2024", 168),  # seed 000: "TLmin = 370 / 168 = 2,2024"
    ("2016-03", "2.0109", 184),
    ("2016-11", "2.1023", 176),
])
def test_22_1_mk656_rates_given_in_regulation(month, expected, hours):
    d = rate(month)
    assert d.rate == Decimal(expected)
    assert d.normal_hours == hours
    assert d.method == "mk656_minimum_tariff"
    assert d.minimum_wage == Decimal("370")


# The Welfare Ministry's table of minimum hourly tariff rates for 2016 (5-day, 40-hour week): total normal
# hours and the rate per month (published by the ministry, lm.gov.lv/text/2525; reproduced by ifinanses.lv).
MINISTRY_2016 = {1: (168, "2.2024"), 2: (168, "2.2024"), 3: (184, "2.0109"), 4: (168, "2.2024"), 5: (176, "2.1023"),
                 6: (176, "2.1023"), 7: (168, "2.2024"), 8: (184, "2.0109"), 9: (176, "2.1023"), 10: (168, "2.2024"),
                 11: (176, "2.1023"), 12: (176, "2.1023")}
# The same ministry table for 2021 (a year with transferred days off and working Saturdays); MK 942 priced
# 2021 by Annex 4 instead, so this checks only the MK 656 counting.
MINISTRY_2021 = {1: (168, "2.9762"), 2: (160, "3.1250"), 3: (184, "2.7174"), 4: (176, "2.8409"), 5: (168, "2.9762"),
                 6: (176, "2.8409"), 7: (176, "2.8409"), 8: (176, "2.8409"), 9: (176, "2.8409"), 10: (168, "2.9762"),
                 11: (176, "2.8409"), 12: (184, "2.7174")}


@pytest.mark.parametrize("month", range(1, 13))
def test_22_1_every_2016_month_matches_the_ministrys_table(month):
    hours, expected = MINISTRY_2016[month]
    d = rate(f"2016-{month:02d}")
    assert (d.normal_hours, d.rate) == (hours, Decimal(expected))


@pytest.mark.parametrize("month", range(1, 13))
def test_22_1_mk656_counting_matches_the_ministrys_2021_table(month):
    base = load()
    method = dict(base.series)
    method["hourly_rate_method"] = (Dated(dt.date(2016, 1, 1), "mk656_minimum_tariff", "test", "H"),)
    params = dataclasses.replace(base, series=method)
    hours, expected = MINISTRY_2021[month]
    d = rate(f"2021-{month:02d}", params=params)
    assert d.method == "mk656_minimum_tariff"
    assert (d.normal_hours, d.rate) == (hours, Decimal(expected))


@pytest.mark.parametrize("month", range(1, 13))
def test_22_1_every_2016_month_is_370_over_eight_hours_a_weekday(month):
    # 2016 had no transferred days off nor working Saturdays: the normal hours are 8 × every Monday–Friday,
    # holidays included (counted here with the standard library, independently of the holiday calendar).
    weekdays = sum(1 for week in calendar.monthcalendar(2016, month) for i, day in enumerate(week) if day and i < 5)
    d = rate(dt.date(2016, month, 1))
    assert d.normal_hours == 8 * weekdays
    assert d.working_day_hours + d.holiday_hours == d.normal_hours
    assert d.rate == (Decimal(370) / (8 * weekdays)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


@pytest.mark.parametrize("month", range(1, 13))
def test_22_1_annex4_2021_both_columns(month):
    adult, minor = ANNEX4_2021[month]
    a, m = rate(f"2021-{month:02d}"), rate(f"2021-{month:02d}", minor=True)
    assert (a.rate, m.rate) == (Decimal(adult), Decimal(minor))
    assert a.method == m.method == "annex4_table"
    assert any("4. pielikums" in s for s in a.sources)


def test_22_1_annex4_formula_cross_check_matches_all_24_values():
    # 500 / (day hours × working days − one hour per pre-holiday day) — a cross-check, not the source.
    for month in range(1, 13):
        for minor, column in ((False, 0), (True, 1)):
            d = rate(f"2021-{month:02d}", minor=minor)
            assert d.cross_check_rate == Decimal(ANNEX4_2021[month][column]), (month, minor)
            assert not any("nesakrīt" in n for n in d.notes_lv)


def test_22_1_minor_2016_uses_seven_hour_days_and_says_its_confidence():
    d = rate("2016-01", minor=True)
    assert d.day_hours == 7 and d.normal_hours == 7 * 21
    assert d.rate == Decimal("2.5170")
    assert any("ticamība" in n for n in d.notes_lv) and any("confidence" in n for n in d.notes_en)


@pytest.mark.parametrize("month, day", [("2018-11", "2018-11-19"), ("2019-05", "2019-05-06")])
def test_22_1_monday_off_for_a_weekend_holiday_is_flagged(month, day):
    d = rate(month)
    assert any(day in n for n in d.notes_lv) and any(day in n for n in d.notes_en)
    assert not any("2018-11-19" in n for n in rate("2018-10").notes_lv)


def test_22_1_transferred_day_off_and_working_saturday_cancel_out():
    # April 2018: 21 weekdays, Easter Monday 2 April a holiday, 30 April off, Saturday 21 April worked.
    d = rate("2018-04")
    assert d.working_days == 21 - 1 - 1 + 1 and d.holidays_mon_fri == 1 and d.normal_hours == 168
    assert d.rate == Decimal("2.5595")


def test_22_1_rates_follow_the_minimum_wage_by_year():
    assert rate("2017-02").minimum_wage == Decimal("380")
    assert rate("2018-02").minimum_wage == Decimal("430")
    assert rate("2020-12").minimum_wage == Decimal("430")


@pytest.mark.parametrize("month, says", [
    ("2015-12", "nav iekodēta"),
    ("2013-01", "nav iekodēta"),
    ("2022-01", "Nr. 316"),
    ("2012-12", "vēl nebija spēkā"),
])
def test_22_1_outside_force_is_an_error_saying_what_applies(month, says):
    with pytest.raises(OutOfForce) as e:
        rate(month)
    assert says in e.value.message_lv and e.value.message_en


def test_22_1_after_repeal_only_for_old_contracts():
    d = rate("2021-07")
    assert d.rate == Decimal("2.8409")
    assert any("2021-07-01" in n for n in d.notes_lv)
    assert d.rules_version.startswith("MK942 2021-01-01 redakcija; līgums turpinās pārejas kārtībā līdz 2021-12-31")


@pytest.mark.parametrize("bad", ["2016-13", "2016-1", "janvāris", "", "2016/01"])
def test_bad_month_is_a_bilingual_value_error(bad):
    with pytest.raises(ValueError, match="GGGG-MM.*YYYY-MM"):
        parse_month(bad)


def test_22_1_rate_accepts_a_date_and_a_custom_parameter_set():
    assert rate(dt.date(2016, 1, 15)).month == "2016-01"
    assert rate("2016-01", params=load()).rate == Decimal("2.2024")


def test_22_2_employer_contribution_rates_by_date():
    assert employer_contribution_rate(dt.date(2016, 6, 1)) == Decimal("0.2359")
    assert employer_contribution_rate(dt.date(2018, 1, 1)) == Decimal("0.2409")
    assert employer_contribution_rate(dt.date(2020, 12, 31)) == Decimal("0.2409")
    assert employer_contribution_rate(dt.date(2021, 1, 1)) == Decimal("0.2359")


def test_22_1_payable_rounds_half_up_to_cents():
    p = payable(Decimal("0.2"), "2021-01")  # 0.2 × 3.1250 = 0.625 → 0.63 (half-even would give 0.62)
    assert p.remuneration == Decimal("0.63")
    assert p.contributions == Decimal("0.15")  # 0.63 × 0.2359 = 0.1486…
    assert p.total == Decimal("0.78")


def test_22_2_no_contributions_when_they_do_not_apply():
    p = payable(Decimal("10"), "2019-03", contributions_apply=False, transport_eur=Decimal("3.20"))
    assert p.remuneration == Decimal("25.60")  # 10 × 2.5595 = 25.595 → 25.60
    assert p.contributions == Decimal("0.00") and p.contribution_rate == 0
    assert p.transport == Decimal("3.20") and p.total == Decimal("28.80")


def test_22_1_payable_minor_uses_the_minor_column():
    assert payable(Decimal("10"), "2021-03", minor=True).remuneration == Decimal("31.06")


def test_payable_rejects_negative_hours():
    with pytest.raises(ValueError):
        payable(Decimal("-1"), "2019-03")


def test_cli_rate_json(capsys):
    assert main(["rate", "2016-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rate"] == "2.2024" and data["normal_hours"] == 168 and data["method"] == "mk656_minimum_tariff"


def test_cli_rate_minor_text(capsys):
    assert main(["rate", "2021-03", "--minor"]) == 0
    out = capsys.readouterr().out
    assert "3.1056" in out and "nepilngadīgs" in out and "4. pielikum" in out


@pytest.mark.parametrize("bad", ["2016-13", "2022-01"])
def test_cli_rate_bad_month_exits_2(bad, capsys):
    assert main(["rate", bad]) == 2
    err = capsys.readouterr().err
    assert "Kļūda" in err and "Error" in err
