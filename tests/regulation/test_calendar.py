"""The Latvian working calendar: holidays, transferred days, working Saturdays and the regulation's terms."""
from __future__ import annotations

import datetime as dt

import pytest

from regulation import calendar as cal

D = dt.date


@pytest.mark.parametrize("day", [D(2016, 1, 1), D(2016, 3, 25), D(2016, 3, 28), D(2016, 5, 4), D(2016, 6, 23),
                                 D(2016, 6, 24), D(2016, 11, 18), D(2016, 12, 24), D(2016, 12, 26), D(2016, 12, 31),
                                 D(2018, 7, 9), D(2018, 9, 24)])
def test_public_holidays_are_days_off(day):
    assert cal.is_public_holiday(day) and cal.is_day_off(day) and not cal.is_working_day(day)


def test_monday_off_for_a_weekend_holiday_is_a_day_off_not_a_holiday():
    # 18 Nov 2018 was a Sunday and 4 May 2019 a Saturday: the next Monday is a day off (Darba likums 134).
    for day in (D(2018, 11, 19), D(2019, 5, 6)):
        assert cal.is_day_off(day) and not cal.is_public_holiday(day)
        assert day in cal.year_calendar(day.year).observed


@pytest.mark.parametrize("off, saturday", [(D(2018, 4, 30), D(2018, 4, 21)), (D(2020, 6, 22), D(2020, 6, 13)),
                                           (D(2021, 5, 3), D(2021, 5, 8)), (D(2021, 6, 25), D(2021, 6, 19)),
                                           (D(2021, 11, 19), D(2021, 11, 13))])
def test_transferred_day_off_and_its_working_saturday(off, saturday):
    assert off.weekday() < 5 and cal.is_day_off(off) and not cal.is_public_holiday(off)
    assert saturday.weekday() == 5 and cal.is_working_day(saturday)
    assert off in cal.year_calendar(off.year).transferred_off
    assert saturday in cal.year_calendar(saturday.year).working_saturdays


def test_ordinary_weekend_is_off_and_weekday_is_working():
    assert cal.is_day_off(D(2019, 3, 16)) and cal.is_day_off(D(2019, 3, 17))
    assert cal.is_working_day(D(2019, 3, 18))


@pytest.mark.parametrize("day, expected", [
    (D(2016, 11, 17), True),  # before 18 November
    (D(2021, 4, 30), True),  # before 1 May, a Saturday: weekend holidays count
    (D(2019, 5, 3), True),  # before 4 May, a Saturday
    (D(2021, 5, 8), True),  # a working Saturday before Mother's Day
    (D(2021, 4, 1), True),  # before Good Friday
    (D(2016, 11, 16), False),
    (D(2016, 11, 19), False),  # a Saturday is not a working day
])
def test_pre_holiday_days(day, expected):
    assert cal.is_pre_holiday(day) is expected


@pytest.mark.parametrize("year, month, count", [(2016, 1, 20), (2016, 3, 21), (2018, 4, 20), (2021, 5, 20),
                                                (2021, 12, 21)])
def test_working_days_of_a_month(year, month, count):
    days = cal.working_days(year, month)
    assert len(days) == count and all(d.month == month for d in days)


@pytest.mark.parametrize("received, decide_by", [
    (D(2021, 1, 31), D(2021, 2, 28)),  # "mēneša laikā": 31 January → the last day of February
    (D(2020, 1, 31), D(2020, 2, 29)),  # a leap year
    (D(2019, 3, 31), D(2019, 4, 30)),
    (D(2019, 12, 15), D(2020, 1, 15)),
])
def test_9_month_term_ends_on_the_same_date_or_the_months_last_day(received, decide_by):
    assert cal.add_month(received) == decide_by


def test_10_ten_days_are_calendar_days():
    assert cal.add_days(D(2016, 12, 20), 10) == D(2016, 12, 30)


@pytest.mark.parametrize("start, n, expected", [
    (D(2016, 12, 23), 1, D(2016, 12, 27)),  # 24–26 December off
    (D(2018, 4, 20), 1, D(2018, 4, 21)),  # the working Saturday counts
    (D(2018, 4, 27), 1, D(2018, 5, 2)),  # 30 April transferred off, 1 May a holiday
    (D(2018, 11, 16), 1, D(2018, 11, 20)),  # Monday 19 November off
    (D(2021, 3, 1), 3, D(2021, 3, 4)),
])
def test_15_working_days_skip_days_off(start, n, expected):
    assert cal.add_working_days(start, n) == expected


def test_iso_week_at_year_boundaries():
    assert cal.iso_week(D(2021, 1, 1)) == (2020, 53)
    assert cal.iso_week(D(2019, 12, 30)) == (2020, 1)


@pytest.mark.parametrize("year", [2012, 2027])
def test_years_outside_the_known_calendar_are_an_error(year):
    with pytest.raises(cal.CalendarOutOfRange, match=str(year)):
        cal.is_working_day(D(year, 6, 1))
