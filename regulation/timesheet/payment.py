"""What is paid: each step lowers the hours still payable per entry and returns its cuts (20, 22.1)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Sequence

from regulation import calendar as cal
from regulation.records import Contract, Finding, Timesheet, TimesheetEntry
from regulation.timesheet.common import (
    Cut, HUNDREDTH, Point7Span, ZERO, _absolute, _e, _finding, _h, _q, interval_minutes, same_person,
)
from regulation.timesheet.rules import _month_end, _week_of, rule_annex1_7_pool, suspended


def _cut(i: int, hours: Decimal, rule: str, lv: str, en: str) -> Cut:
    return Cut(entry=i, field=f"entries.{i}.hours", hours=_q(hours), rule=rule, reason_lv=lv, reason_en=en)


def _valid_hours(e: TimesheetEntry) -> Decimal:
    """The hours an entry can be paid for: the declared hours, not more than its time interval."""
    start, end = interval_minutes(e)
    return min(e.hours, (Decimal(end - start) / 60).quantize(HUNDREDTH))


# ---------------------------------------------------------------- what is paid
# Each step below takes the hours still payable per entry (`paid`, lowered in place) and returns its cuts.


def _cut_unpayable_entries(entries: Sequence[TimesheetEntry], first: dt.date, contract: Contract | None,
                           paid: list[Decimal]) -> list[Cut]:
    """20: more hours than the interval are not paid; nor are entries outside the month, abroad (9.2.4),
    outside the contract (14) or in a suspension (18)."""
    cuts = []
    for i, e in enumerate(entries):
        if paid[i] < e.hours:
            cuts.append(_cut(i, e.hours - paid[i], "MK942 20", "norādīts vairāk stundu nekā laika posmā",
                             "more hours than the time interval"))
        reason = None
        if (e.date.year, e.date.month) != (first.year, first.month):
            reason = ("MK942 20", "ārpus uzskaites lapas mēneša", "outside the timesheet's month")
        elif e.outside_latvia:
            reason = ("MK942 9.2.4", "ārpus Latvijas", "outside Latvia")
        elif contract is not None and not contract.start <= e.date <= contract.end:
            reason = ("MK942 14", "ārpus līguma darbības laika", "outside the contract's period")
        elif contract is not None and suspended(e.date, contract):
            reason = ("MK942 18", "pakalpojums pārtraukts", "the service is suspended")
        if reason and paid[i] > 0:
            cuts.append(_cut(i, paid[i], *reason))
            paid[i] = ZERO
    return cuts


def _cut_same_sheet_overlaps(entries: Sequence[TimesheetEntry], order: list[int], paid: list[Decimal]) -> list[Cut]:
    """20: time reported twice on one sheet is paid once (the later-starting entry loses the overlap)."""
    cuts, reach = [], None
    for k in order:
        if paid[k] == 0:
            continue
        s, t = _absolute(entries[k])
        if reach is not None and s < reach:
            overlap = min(Decimal(min(t, reach) - s) / 60, paid[k]).quantize(HUNDREDTH)
            if overlap > 0:
                paid[k] -= overlap
                cuts.append(_cut(k, overlap, "MK942 20", "laiks jau uzskaitīts citā ierakstā",
                                 "time already reported in another entry"))
        reach = t if reach is None else max(reach, t)
    return cuts


def _covered(span: tuple[int, int], intervals: Sequence[tuple[int, int]]) -> int:
    """Minutes of `span` covered by the union of `intervals`."""
    s, t = span
    cuts = sorted((max(a, s), min(b, t)) for a, b in intervals if a < t and s < b)
    total, reach = 0, s
    for a, b in cuts:
        a = max(a, reach)
        if b > a:
            total += b - a
            reach = b
    return total


def _other_sheets(timesheet: Timesheet, others: Sequence[Timesheet]) -> list[Timesheet]:
    """The same assistant's sheets for other recipients."""
    return [o for o in others if o is not timesheet and same_person(o.assistant, timesheet.assistant)
            and o.recipient.personal_code != timesheet.recipient.personal_code]


def _keeps(a_span: tuple[int, int], a_code: str, b_span: tuple[int, int], b_code: str) -> bool:
    """Of two overlapping entries on two recipients' sheets, the one that starts first is paid for the common
    time (ties: the recipient whose personal code sorts first) — the same answer from either sheet."""
    return (a_span[0], a_code) < (b_span[0], b_code)


def _cut_other_sheet_overlaps(entries: Sequence[TimesheetEntry], paid: list[Decimal], timesheet: Timesheet,
                              others: Sequence[Timesheet]) -> list[Cut]:
    """20, 19.2: one assistant cannot serve two recipients at once; time reported on two sheets is paid once —
    on the sheet whose entry began first (`_keeps`), so the other sheet's check cuts it and this one pays it."""
    mine = timesheet.recipient.personal_code
    theirs = [(_absolute(e), o.recipient.personal_code, o.recipient) for o in _other_sheets(timesheet, others)
              for e in o.entries]
    cuts = []
    for k, e in enumerate(entries):
        span = _absolute(e)
        first = [(s, who) for s, code, who in theirs if s[0] < span[1] and span[0] < s[1] and _keeps(s, code, span, mine)]
        if not first or paid[k] == 0:
            continue
        lost = min(Decimal(_covered(span, [s for s, _ in first])) / 60, paid[k]).quantize(HUNDREDTH)
        if lost > 0:
            names = ", ".join(sorted({f"{w.given_name} {w.surname}" for _, w in first}))
            paid[k] -= lost
            cuts.append(_cut(k, lost, "MK942 20", f"tas pats laiks jau apmaksāts saņēmēja {names} uzskaites lapā",
                             f"the same time is paid on the sheet of recipient {names}"))
    return cuts


class _Elsewhere:
    """Hours of this assistant on the other sheets given: the same recipient's other months (they share a
    week's grant and point 7's pool) and other recipients (they share the assistant's 40 hours)."""

    def __init__(self, timesheet: Timesheet, others: Sequence[Timesheet]):
        self.same_recipient: list[TimesheetEntry] = []
        self.same_recipient_months: dict[str, Decimal] = defaultdict(lambda: ZERO)  # month → hours provided
        # week → (start, hours, whose sheet) of the other sheets; time this sheet pays is not counted twice
        self.assistant: dict[tuple[int, int], list[tuple[int, Decimal, str]]] = defaultdict(list)
        mine = [_absolute(e) for e in timesheet.entries]
        code = timesheet.recipient.personal_code
        for other in others:
            if other is timesheet or not same_person(other.assistant, timesheet.assistant):
                continue
            same = other.recipient.personal_code == code
            if same and other.month == timesheet.month:
                continue  # a second copy of this month's sheet: not hours of their own
            who = f"{other.recipient.given_name} {other.recipient.surname}"
            for e in other.entries:
                hours = _valid_hours(e)
                if same:
                    self.same_recipient.append(e)
                    self.same_recipient_months[other.month] += hours
                else:
                    span = _absolute(e)
                    lost = _covered(span, [m for m in mine if _keeps(m, code, span, other.recipient.personal_code)])
                    hours = max(hours - Decimal(lost) / 60, ZERO).quantize(HUNDREDTH)
                self.assistant[_week_of(e.date)].append((_absolute(e)[0], hours, f"{who} ({e.date.isoformat()})"))

    def week_by_point(self, week: tuple[int, int]) -> dict[int, Decimal]:
        out: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for e in self.same_recipient:
            if _week_of(e.date) == week:
                out[e.annex1_point] += _valid_hours(e)
        return out


def _cut_point7_pool(entries: Sequence[TimesheetEntry], order: list[int], paid: list[Decimal], contract: Contract,
                     g7: Decimal, pool_weeks: int, elsewhere: _Elsewhere, emergencies: list[dict],
                     ceiling: Decimal | None, first: dt.date) -> tuple[list[Cut], list[Finding], list[Point7Span]]:
    """1. pielikuma 7. punkts: the four-week norm, in spans of `pool_weeks` ISO weeks from the Monday of the
    contract's first week (our reading, L: the law does not say where a span begins), hours of earlier sheets of
    the span first. 11.¹ during a declared emergency: point 7 may use the unused hours of points 1–6 "nepārsniedzot
    personas iepriekšējos trijos kalendāra mēnešos vidēji vienā mēnesī izmantoto stundu skaitu" — with that
    `ceiling` known, the month's point 7 hours are paid up to it where it is more than the span's norm."""
    start_monday = contract.start - dt.timedelta(days=contract.start.weekday())
    norm = g7 * pool_weeks

    def block_of(day: dt.date) -> int:
        return (day - start_monday).days // 7 // pool_weeks

    used: dict[int, Decimal] = defaultdict(lambda: ZERO)  # block → hours paid so far
    for e in elsewhere.same_recipient:
        if e.annex1_point == 7 and e.date >= contract.start:
            used[block_of(e.date)] += _valid_hours(e)
    reported = defaultdict(lambda: ZERO, used)  # block → hours reported, for the finding
    in_emergency: dict[int, bool] = defaultdict(bool)
    cuts, month_used = [], ZERO
    for k in order:
        e = entries[k]
        if e.annex1_point != 7:
            continue
        b = block_of(e.date)
        reported[b] += e.hours
        emergency = any(p["start"] <= e.date <= p["end"] for p in emergencies)
        in_emergency[b] |= emergency
        room = max(norm - used[b], ZERO)
        if emergency and ceiling is not None:
            room = max(room, ceiling - month_used)
        if paid[k] > room:
            rule, lv = (("MK942 11.¹", "pārsniegts 11.¹ punkta apjoms (iepriekšējo trīs mēnešu vidējais)")
                        if emergency and ceiling is not None else
                        ("MK942 1. pielikuma 7. punkts", "pārsniegta četru nedēļu norma"))
            cuts.append(_cut(k, paid[k] - room, rule, lv, "the four-week norm (or the 11.¹ ceiling) is exceeded"))
            paid[k] = room
        used[b] += paid[k]
        month_used += paid[k]
    findings: list[Finding] = []
    touched = sorted({block_of(entries[k].date) for k in order if entries[k].annex1_point == 7})
    month_last = _month_end(first)
    in_month = set(range(block_of(max(first, contract.start)), block_of(min(month_last, contract.end)) + 1))
    for b in touched:
        if in_emergency[b] and ceiling is not None:
            continue  # judged by the 11.¹ ceiling below
        findings += rule_annex1_7_pool(b, reported[b], g7, pool_weeks, in_emergency[b] and ceiling is None)
        if reported[b] > norm:
            p7_days = [entries[k].date for k in order if entries[k].annex1_point == 7] + \
                [e.date for e in elsewhere.same_recipient if e.annex1_point == 7]
            for n in (b - 1, b + 1):  # the pooled hours cluster on both sides of the boundary with a known neighbour
                edge = start_monday + dt.timedelta(weeks=max(b, n) * pool_weeks)
                near = [d for d in p7_days if abs((d - edge).days) <= 7]
                if n in in_month and reported[n] < norm and {block_of(d) for d in near} >= {b, n}:
                    findings.append(_straddle(b, n, start_monday, pool_weeks, reported[b] - norm, norm - reported[n]))
    if ceiling is not None and any(in_emergency.values()):
        month_p7 = sum((entries[k].hours for k in order if entries[k].annex1_point == 7), ZERO)
        if month_p7 > max(ceiling, norm):
            findings.append(_finding(
                "MK942 11.¹", "error",
                f"ārkārtējās situācijas laikā 7. punkta pasākumiem uzskaitītas {_h(month_p7)} h, bet iepriekšējo trīs "
                f"mēnešu vidējais izmantoto stundu skaits ir {_h(ceiling)} h; pārsniegums netiek apmaksāts",
                f"during the emergency {_e(month_p7)} h of point 7, but the previous three months' average is "
                f"{_e(ceiling)} h; the excess is not paid", "entries"))
    spans = []
    for b in sorted(in_month | set(touched)):
        start = start_monday + dt.timedelta(weeks=b * pool_weeks)
        spans.append(Point7Span(index=b + 1, start=start, end=start + dt.timedelta(weeks=pool_weeks, days=-1),
                                norm=_q(norm), reported=_q(reported[b]), paid=_q(used[b])))
    return cuts, findings, spans


def _straddle(b: int, n: int, monday: dt.date, weeks: int, excess: Decimal, room: Decimal) -> Finding:
    """A pooled excess next to a span with unused norm: another choice of where spans begin might pay it."""
    def dates(x: int) -> str:
        s = monday + dt.timedelta(weeks=x * weeks)
        return f"{s.isoformat()}–{(s + dt.timedelta(weeks=weeks, days=-1)).isoformat()}"
    return _finding("MK942 1. pielikuma 7. punkts", "warning",
                    f"{b + 1}. četru nedēļu posmā ({dates(b)}) pārsniegums {_h(excess)} h, bet blakus esošajā "
                    f"{n + 1}. posmā ({dates(n)}) neizmantotas {_h(room)} h: apvienotās stundas šķērso posmu robežu, "
                    "kuru noteikumi nenosaka (rīks posmus skaita no līguma pirmās nedēļas pirmdienas) — pārbaudiet",
                    f"span {b + 1} ({dates(b)}) exceeds its norm by {_e(excess)} h while the neighbouring span "
                    f"{n + 1} ({dates(n)}) has {_e(room)} h unused: the pooled hours straddle a span boundary the "
                    "regulation does not fix — please check", "entries")


def emergency_ceiling(timesheet: Timesheet, elsewhere: _Elsewhere, fallback_weekly: Decimal) -> Decimal | None:
    """11.¹: the person's average monthly hours of the previous three calendar months, from the same recipient's
    sheets given (or held by the register); None when any of the three is missing. No use in them: at most
    `fallback_weekly` hours a week for point 7 — taken as that many hours × the month's days / 7 (our reading)."""
    first = timesheet.first_day
    months = [cal.add_month(first, -n).strftime("%Y-%m") for n in (1, 2, 3)]
    if any(m not in elsewhere.same_recipient_months for m in months):
        return None
    total = sum((elsewhere.same_recipient_months[m] for m in months), ZERO)
    if total == 0:
        days = (_month_end(first) - first).days + 1
        return _q(fallback_weekly * days / 7)
    return _q(total / 3)


def _cut_week_grants(entries: Sequence[TimesheetEntry], ks: list[int], paid: list[Decimal], contract: Contract,
                     g7: Decimal | None, before: dict[int, Decimal]) -> list[Cut]:
    """9.1.1, 14, 20: within one week, each activity within its grant, then the contract's weekly total (point 7
    takes its weekly share of the total first; `before` are the week's hours on earlier sheets)."""
    granted = {a.annex1_point: a.hours_per_week for a in contract.activities}
    cuts = []
    if granted:
        used = defaultdict(lambda: ZERO, before)
        for k in ks:
            p = entries[k].annex1_point
            if p == 7 and g7 is not None:
                continue
            room = max(granted.get(p, ZERO) - used[p], ZERO)
            if paid[k] > room:
                lv = "pārsniegtas pasākumam piešķirtās stundas nedēļā" if p in granted else "pasākums līgumā nav piešķirts"
                en = "the activity's weekly hours are exceeded" if p in granted else "the activity is not granted"
                cuts.append(_cut(k, paid[k] - room, "MK942 9.1.1", lv, en))
                paid[k] = room
            used[p] += paid[k]
    total_used = sum((h for p, h in before.items() if p != 7 or g7 is None), ZERO)
    if g7 is not None:
        total_used += min(before.get(7, ZERO) + sum((paid[k] for k in ks if entries[k].annex1_point == 7), ZERO), g7)
    for k in ks:
        if entries[k].annex1_point == 7 and g7 is not None:
            continue
        room = max(contract.hours_per_week - total_used, ZERO)
        if paid[k] > room:
            cuts.append(_cut(k, paid[k] - room, "MK942 9.1.1", "pārsniegtas līgumā piešķirtās stundas nedēļā",
                             "the contract's weekly hours are exceeded"))
            paid[k] = room
        total_used += paid[k]
    return cuts


def _cut_assistant_week(entries: Sequence[TimesheetEntry], ks: list[int], paid: list[Decimal],
                        elsewhere: list[tuple[int, Decimal, str]], limit: Decimal) -> tuple[list[Cut], list[str]]:
    """3, 22.1: the assistant's hours of a week, all recipients, taken in time order (ties: the other sheet
    first); the hours past `limit` are cut on the sheet where they arise — on this sheet here, and where they
    arise on another sheet, that sheet is named (returned) and this one is not cut."""
    timeline = [(s, h, None, who) for s, h, who in elsewhere] + [(_absolute(entries[k])[0], paid[k], k, "")
                                                                 for k in ks]
    timeline.sort(key=lambda x: (x[0], x[2] is not None))
    cuts, running, there = [], ZERO, []
    for _, h, k, who in timeline:
        room = max(limit - running, ZERO)
        if k is not None:
            if paid[k] > room:
                cuts.append(_cut(k, paid[k] - room, "MK942 22.1",
                                 "asistentam pārsniegtas 40 stundas nedēļā visiem saņēmējiem kopā",
                                 "the assistant's 40 hours a week across recipients are exceeded"))
                paid[k] = room
            h = paid[k]
        elif h > room:
            there.append(who)
            h = room
        running += h
    return cuts, there


