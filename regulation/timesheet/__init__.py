"""The monthly timesheet check (point 20): findings with citations, hours per ISO week, and what is payable.

20: "Asistents vai asistenta pakalpojuma sniedzējs, kas ir juridiska persona, reizi mēnesī iesniedz sociālajā
dienestā pakalpojuma uzskaites lapu par iepriekšējā mēnesī sniegto asistenta pakalpojumu, un sociālais dienests
kontrolē šo noteikumu 14. punktā minētā līguma saistību izpildi."

Each rule is a small pure function returning findings. Payment follows 20 and 22.1: only hours actually provided
are paid, never above the hours granted in the contract, and never above 40 hours a week per assistant; every
hour not paid is listed as a `Cut` with its reason.

Design choices (REGULATION.md does not settle them; said in the findings and in `assumptions_lv`):
- the point 7 four-week pool runs in spans of four ISO weeks counted from the contract's first week (their
  dates are in `point7_spans`); an excess clustered on both sides of a span boundary is a warning;
- the assistant's 40 hours a week across recipients are taken in time order: the hours past the 40th are cut
  on the sheet where they arise, and the other sheets' messages name it;
- time one assistant reports for two recipients at once is paid once, on the sheet whose entry began first;
- a sheet not of the contract's recipient, assistant or provider pays nothing under the contract;
- a minor assistant (Annex 4) is judged by the personal code's birth date on the month's first day;
- payable figures are `provisional` while any error stands;
- a week that crosses the month boundary is checked with the hours this check can see (this timesheet and the
  `others` given, e.g. the previous month's timesheet of the same recipient).

>>> import datetime as dt
>>> from regulation.records import load, Timesheet
>>> ts = load(Timesheet, {"month": "2019-03", "recipient": {"given_name": "Anna", "surname": "Kalniņa",
...     "personal_code": "161175-19997"}, "assistant": {"given_name": "Ilze", "surname": "Ozola"},
...     "entries": [{"date": "2019-03-04", "start": "09:00", "end": "12:00", "hours": 3, "annex1_point": 5}],
...     "signed_by_assistant": True, "signed_by_recipient": True})
>>> [f.rule for f in check_timesheet(ts).findings]
['MK942 14']
"""
from __future__ import annotations

from regulation.timesheet.check import check_timesheet
from regulation.timesheet.common import Cut, Point7Span, TimesheetCheck, WeekHours, interval_minutes, same_person

__all__ = ["Cut", "Point7Span", "TimesheetCheck", "WeekHours", "check_timesheet", "interval_minutes", "same_person"]
