"""The Latvian working calendar and the regulation's deadlines.

Public holidays, transferred days off and working Saturdays come from the pinned `holidays` package
(Latvia 2013–2026). Working Saturdays are not a public API there: they are read from
`LatviaStaticHolidays.special_public_holidays`, whose entries (month, day, from_month, from_day) say that
(month, day) is a day off transferred from the Saturday (from_month, from_day) — which becomes a working day.

"N dienu laikā" counts calendar days, "N darbdienu laikā" working days, "mēneša laikā" ends on the same
date of the next month, or on its last day where that date does not exist.

>>> add_month(dt.date(2026, 1, 31))
datetime.date(2026, 2, 28)
>>> add_days(dt.date(2026, 11, 23), 10)
datetime.date(2026, 12, 3)
>>> add_working_days(dt.date(2026, 11, 13), 3)  # 18 Nov is a public holiday
datetime.date(2026, 11, 19)
>>> is_working_day(dt.date(2026, 6, 27))  # a working Saturday, for the day off on 22 June
True
>>> is_pre_holiday(dt.date(2026, 11, 17))
True
"""
from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import holidays
from holidays.countries.latvia import LatviaStaticHolidays

FIRST_YEAR, LAST_YEAR = 2013, 2026  # the years the pinned `holidays` release covers for Latvia


class CalendarOutOfRange(ValueError):
    """A date outside the years whose Latvian calendar is known."""

    def __init__(self, year: int):
        super().__init__(
            f"Latvijas darba dienu kalendārs zināms {FIRST_YEAR}.–{LAST_YEAR}. gadam, ne {year}. gadam / "
            f"the Latvian working calendar is known for {FIRST_YEAR}–{LAST_YEAR}, not {year}"
        )
        self.year = year


@dataclass(frozen=True)
class YearCalendar:
    public_holidays: frozenset[dt.date]  # statutory holidays (Darba likums art. 134), any weekday
    observed: frozenset[dt.date]  # Mondays given off because a holiday fell on a weekend
    transferred_off: frozenset[dt.date]  # days off moved from a working Saturday
    working_saturdays: frozenset[dt.date]
    names: dict[dt.date, str]


@lru_cache(maxsize=32)
def year_calendar(year: int) -> YearCalendar:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CalendarOutOfRange(year)
    table = holidays.country_holidays("LV", years=year, language="en_US")
    public, observed, transferred = set(), set(), set()
    for day, name in table.items():
        if "(observed)" in name:
            observed.add(day)
        elif name.startswith("Day off (substituted"):
            transferred.add(day)
        else:
            public.add(day)
    saturdays = set()
    specials = LatviaStaticHolidays.special_public_holidays.get(year, ())
    if specials and not isinstance(specials[0], tuple):
        specials = (specials,)
    for entry in specials:
        if len(entry) == 4 and isinstance(entry[2], int):
            saturdays.add(dt.date(year, entry[2], entry[3]))
    names = {d: n for d, n in holidays.country_holidays("LV", years=year, language="lv").items()}
    return YearCalendar(frozenset(public), frozenset(observed), frozenset(transferred), frozenset(saturdays), names)


def is_public_holiday(day: dt.date) -> bool:
    """A statutory public holiday (whatever weekday it falls on); not transferred or observed days off."""
    return day in year_calendar(day.year).public_holidays


def is_day_off(day: dt.date) -> bool:
    """Any non-working day: weekend (unless a working Saturday), holiday, transferred or observed day off."""
    cal = year_calendar(day.year)
    if day in cal.working_saturdays:
        return False
    return day.weekday() >= 5 or day in cal.public_holidays or day in cal.observed or day in cal.transferred_off


def is_working_day(day: dt.date) -> bool:
    return not is_day_off(day)


def is_pre_holiday(day: dt.date) -> bool:
    """A working day whose next calendar day is a public holiday (Darba likums art. 135: one hour shorter)."""
    return is_working_day(day) and is_public_holiday(day + dt.timedelta(days=1))


def month_days(year: int, month: int) -> list[dt.date]:
    return [dt.date(year, month, d) for d in range(1, _calendar.monthrange(year, month)[1] + 1)]


def working_days(year: int, month: int) -> list[dt.date]:
    return [d for d in month_days(year, month) if is_working_day(d)]


def add_days(day: dt.date, n: int) -> dt.date:
    """"N dienu laikā": N calendar days later."""
    return day + dt.timedelta(days=n)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """"N darbdienu laikā": the N-th working day after `day`."""
    current = day
    while n > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            n -= 1
    return current


def add_month(day: dt.date, months: int = 1) -> dt.date:
    """"Mēneša laikā": the same date `months` later, or that month's last day where the date does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, _calendar.monthrange(year, month + 1)[1]))


def iso_week(day: dt.date) -> tuple[int, int]:
    """(ISO year, ISO week): the unit of the regulation's 'stundas nedēļā'."""
    iso = day.isocalendar()
    return iso.year, iso.week
