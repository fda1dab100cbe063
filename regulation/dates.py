"""Dates as a clerk types them: `23.11.2021.` (the Latvian way, with or without the closing full stop), `1.2.2026`
or ISO `2021-11-23` — one parser for records (JSON/YAML), spreadsheet cells and command options.

>>> parse_date("23.11.2021."), parse_date("1.2.2026"), parse_date(" 2021-11-23 ")
(datetime.date(2021, 11, 23), datetime.date(2026, 2, 1), datetime.date(2021, 11, 23))
>>> try:
...     parse_date("31.02.2020.")
... except DateInputError as e:
...     print(e.message_lv, "/", e.message_en)
šāda datuma nav: 31.02.2020. / no such date: 31.02.2020.
"""
from __future__ import annotations

import datetime as dt
import re

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
FORMS_LV = "DD.MM.GGGG. vai GGGG-MM-DD"


class DateInputError(ValueError):
    """A typed date that is no date: said in Latvian and English, quoting what was typed."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en


def parse_date(value: str | dt.date) -> dt.date:
    """`value` as a date: a `date` as it is (a datetime's day), text in one of the forms above. A form that
    names a day the calendar lacks (`31.02.2020.`) is "no such date", anything else a wrong form."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    dmy, iso = _DMY.match(text), _ISO.match(text)
    if dmy:
        d, m, y = (int(x) for x in dmy.groups())
    elif iso:
        y, m, d = (int(x) for x in iso.groups())
    else:
        raise DateInputError(f"jābūt datumam formā {FORMS_LV} (ievadīts: {text})",
                             f"a date is typed as DD.MM.YYYY. or YYYY-MM-DD (typed: {text})")
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise DateInputError(f"šāda datuma nav: {text}", f"no such date: {text}") from None
