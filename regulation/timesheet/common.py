"""The timesheet check's records (weeks, cuts, point 7 spans, the result) and small helpers on entries."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regulation.parameters import Parameters
from regulation.rates import Payable
from regulation.records import Assistant, Finding, Record, TimesheetEntry


ZERO = Decimal("0")
HUNDREDTH = Decimal("0.01")
TOLERANCE_MINUTES = Decimal("0.6")  # 0.01 h


# ---------------------------------------------------------------- result records


class WeekHours(Record):
    """The hours of one ISO week ("stundas nedēļā") as this timesheet reports them."""

    iso_year: int
    iso_week: int
    days_in_month: list[dt.date]  # the week's days that fall in the timesheet's month
    hours: Decimal  # declared on this timesheet
    by_point: dict[int, Decimal]  # declared, by Annex 1 point
    granted: Decimal | None  # the contract's hours per week (None without a contract)
    assistant_total: Decimal  # this assistant's declared hours that week, all recipients given
    paid: Decimal


class Cut(Record):
    """Hours of one entry that are not paid, and why."""

    entry: int  # index into `entries`
    field: str
    hours: Decimal
    rule: str
    reason_lv: str
    reason_en: str


class Point7Span(Record):
    """One four-week span of Annex 1 point 7 that this month touches: its dates, norm and hours."""

    index: int  # 1 = the span starting on the Monday of the contract's first week
    start: dt.date
    end: dt.date
    norm: Decimal
    reported: Decimal  # point 7 hours of the span on the sheets this check sees
    paid: Decimal


class TimesheetCheck(Record):
    month: str
    findings: list[Finding]
    weeks: list[WeekHours]
    hours_provided: Decimal  # as declared on the timesheet
    hours_paid: Decimal
    hours_cut: Decimal  # provided − paid, each cut listed in `cuts`
    paid_by_entry: list[Decimal]
    cuts: list[Cut]
    payable: Payable | None  # None without a contract, for a sheet not of the contract, or rules not encoded
    # The payable figures are provisional while any error stands (the clerk must resolve it first).
    provisional: bool = False
    point7_spans: list["Point7Span"] = []
    assumptions_lv: list[str] = []  # what the check assumes where the law is silent
    emergency_ceiling: Decimal | None = None  # 11.¹: the previous three months' average, when they are known
    rules_version: str | None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _value(params: Parameters, name: str, on: dt.date):
    """A parameter's value on `on`, or its first value for an earlier date (such a month already has an
    out-of-force finding; the weekly figures are still reported)."""
    return params.param(name, max(on, params.series[name][0].start)).value


def _finding(rule: str, severity: str, lv: str, en: str, field: str | None = None) -> Finding:
    return Finding(rule=rule, severity=severity, message_lv=lv, message_en=en, field=field)


def _q(value: Decimal) -> Decimal:
    """Hours to hundredths, as the timesheet writes them."""
    return value.quantize(HUNDREDTH)


def _e(value: Decimal) -> str:
    """Hours without trailing zeros: 40.00 → '40', 2.50 → '2.5'."""
    return format(value.normalize(), "f")


def _h(value: Decimal) -> str:
    """Hours as a Latvian text shows them: 2.5 → '2,5'."""
    return _e(value).replace(".", ",")


# ---------------------------------------------------------------- entries as intervals


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def interval_minutes(entry: TimesheetEntry) -> tuple[int, int]:
    """(start, end) in minutes from the entry day's midnight; an end not after the start runs past midnight."""
    start, end = _minutes(entry.start), _minutes(entry.end)
    if end <= start:
        end += 24 * 60
    return start, end


def same_person(a: Assistant, b: Assistant) -> bool:
    """The same assistant: by personal code where both have one, else by name (case-insensitive)."""
    if a.personal_code and b.personal_code:
        return a.personal_code == b.personal_code
    return (a.given_name.casefold(), a.surname.casefold()) == (b.given_name.casefold(), b.surname.casefold())


def _absolute(entry: TimesheetEntry) -> tuple[int, int]:
    start, end = interval_minutes(entry)
    base = entry.date.toordinal() * 1440
    return base + start, base + end


