"""`check_timesheet`: one monthly timesheet against its contract and the assistant's other sheets (20)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Sequence

from regulation import calendar as cal
from regulation import parameters as _parameters
from regulation.parameters import OutOfForce, Parameters
from regulation.rates import payable
from regulation.records import Contract, Finding, Timesheet
from regulation.timesheet.common import (
    Point7Span, TimesheetCheck, WeekHours, ZERO, _absolute, _e, _finding, _h, _q, _value,
)
from regulation.timesheet.rules import (
    _week_of, assistant_is_minor, rule_11_3_recipient_40_hours, rule_14_contract_parties,
    rule_14_entries_in_contract, rule_14_no_contract, rule_18_suspended_days, rule_20_entries_in_month,
    rule_20_hours_match_times, rule_20_overlaps, rule_20_signatures, rule_3_assistant_40_hours,
    rule_9_1_1_weekly_per_activity, rule_9_1_1_weekly_total, rule_9_2_4_outside_latvia, rule_in_force,
)
from regulation.timesheet.payment import (
    _Elsewhere, _cut, _cut_assistant_week, _cut_other_sheet_overlaps, _cut_point7_pool, _cut_same_sheet_overlaps,
    _cut_unpayable_entries, _cut_week_grants, _valid_hours, emergency_ceiling,
)


# ---------------------------------------------------------------- the check


def check_timesheet(timesheet: Timesheet, contract: Contract | None = None, others: Sequence[Timesheet] = (),
                    params: Parameters | None = None) -> TimesheetCheck:
    """Check one monthly timesheet against its contract and the assistant's other timesheets (`others`:
    other recipients' sheets of the same weeks, the same recipient's neighbouring months)."""
    params = params or _parameters.load()
    entries = timesheet.entries
    first = timesheet.first_day
    last = cal.add_month(first) - dt.timedelta(days=1)

    findings, version = rule_in_force(timesheet, contract, params)
    parties: list[Finding] = []
    spans: list[Point7Span] = []
    assumptions: list[str] = []
    ceiling: Decimal | None = None
    findings += rule_20_signatures(timesheet)
    findings += rule_20_hours_match_times(entries)
    findings += rule_20_entries_in_month(timesheet)
    findings += rule_9_2_4_outside_latvia(entries)
    findings += rule_20_overlaps(timesheet, others)
    if contract is None:
        findings += rule_14_no_contract()
    else:
        parties = rule_14_contract_parties(timesheet, contract)
        findings += parties
        findings += rule_14_entries_in_contract(timesheet, contract)
        findings += rule_18_suspended_days(entries, contract)
    minor, age_findings = assistant_is_minor(timesheet, contract)
    findings += age_findings

    paid = [_valid_hours(e) for e in entries]
    order = sorted(range(len(entries)), key=lambda k: _absolute(entries[k]))
    cuts = _cut_unpayable_entries(entries, first, contract, paid)
    cuts += _cut_same_sheet_overlaps(entries, order, paid)
    cuts += _cut_other_sheet_overlaps(entries, paid, timesheet, others)
    elsewhere = _Elsewhere(timesheet, others)
    week_keys = sorted({_week_of(d) for d in cal.month_days(first.year, first.month)})
    in_week: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k in order:
        in_week[_week_of(entries[k].date)].append(k)

    if contract is not None:
        granted = {a.annex1_point: a.hours_per_week for a in contract.activities}
        g7 = None if 7 not in granted else min(granted[7], contract.hours_per_week)  # within the weekly total
        if g7 is not None:
            emergencies = (params.value("emergency_periods", last)
                           if last >= params.series["emergency_periods"][0].start else [])
            if any(p["start"] <= last and first <= p["end"] for p in emergencies):
                ceiling = emergency_ceiling(timesheet, elsewhere,
                                            Decimal(params.value("emergency_point7_fallback_weekly", last)))
                assumptions.append(
                    "11.¹: griesti – iepriekšējo trīs kalendāra mēnešu vidējais izmantoto stundu skaits mēnesī "
                    + (f"= {_h(ceiling)} h" if ceiling is not None else
                       "nav aprēķināms: dodiet šīs personas iepriekšējo trīs mēnešu uzskaites lapas (--others) vai "
                       "reģistrējiet tās"))
            pool_weeks = int(_value(params, "point7_pool_weeks", first))
            pool_cuts, pool_findings, spans = _cut_point7_pool(entries, order, paid, contract, g7, pool_weeks,
                                                               elsewhere, emergencies, ceiling, first)
            cuts += pool_cuts
            findings += pool_findings
            assumptions.append(
                f"1. pielikuma 7. punkts: četru nedēļu posmus skaita pēc kārtas no līguma pirmās nedēļas pirmdienas "
                f"({(contract.start - dt.timedelta(days=contract.start.weekday())).isoformat()}); noteikumi posma "
                "sākumu nenosaka. Posmi: " + "; ".join(f"{s.index}. {s.start.isoformat()}–{s.end.isoformat()}"
                                                      for s in spans))
        for w in week_keys:
            before = elsewhere.week_by_point(w)
            declared = defaultdict(lambda: ZERO, before)  # the week's hours, other months' sheets included
            for k in in_week[w]:
                declared[entries[k].annex1_point] += entries[k].hours
            findings += rule_9_1_1_weekly_per_activity(w, dict(declared), contract)
            counted = sum((h for p, h in declared.items() if p != 7 or g7 is None), ZERO) + (
                min(declared.get(7, ZERO), g7) if g7 is not None else ZERO)
            findings += rule_9_1_1_weekly_total(w, counted, contract)
            cuts += _cut_week_grants(entries, in_week[w], paid, contract, g7, before)

    assistant_limit = Decimal(_value(params, "assistant_weekly_max", first))
    weeks: list[WeekHours] = []
    for w in week_keys:
        ks = in_week[w]
        by_point: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for k in ks:
            by_point[entries[k].annex1_point] += entries[k].hours
        declared_total = sum(by_point.values(), ZERO)
        if contract is None:
            findings += rule_11_3_recipient_40_hours(w, declared_total, Decimal(_value(params, "weekly_total_max", first)))
        assistant_total = declared_total + sum((h for _, h, _ in elsewhere.assistant[w]), ZERO)
        week_cuts, there = _cut_assistant_week(entries, ks, paid, elsewhere.assistant[w], assistant_limit)
        findings += rule_3_assistant_40_hours(w, assistant_total, assistant_limit, there)
        cuts += week_cuts
        weeks.append(WeekHours(
            iso_year=w[0], iso_week=w[1], days_in_month=[d for d in cal.month_days(first.year, first.month)
                                                         if _week_of(d) == w],
            hours=_q(declared_total), by_point={p: _q(h) for p, h in sorted(by_point.items())},
            granted=None if contract is None else contract.hours_per_week, assistant_total=_q(assistant_total),
            paid=_q(sum((paid[k] for k in ks), ZERO))))

    if contract is not None and parties:
        # 14: a sheet of another recipient, assistant or provider is not this contract's: nothing is paid under it.
        for k in range(len(entries)):
            if paid[k] > 0:
                cuts.append(_cut(k, paid[k], "MK942 14", "uzskaites lapa nav šī līguma pušu",
                                 "the sheet is not of this contract's parties"))
                paid[k] = ZERO
    paid = [_q(h) for h in paid]
    provided = _q(sum((e.hours for e in entries), ZERO))
    total_paid = _q(sum(paid, ZERO))
    money = None
    if contract is not None and version is not None and not parties:
        transport = sum((e.transport_eur for i, e in enumerate(entries) if paid[i] > 0), ZERO)
        try:
            money = payable(total_paid, timesheet.month, minor, contract.contributions_apply, transport, params)
        except OutOfForce as e:
            findings.append(_finding("MK942 22.1", "error", e.message_lv, e.message_en, "month"))
    cut_total = _q(sum((c.hours for c in cuts), ZERO))
    if cut_total > 0:
        findings.append(_finding(
            "MK942 20", "info",
            f"no {_h(provided)} uzskaitītajām stundām apmaksājamas {_h(total_paid)} h; nav apmaksātas {_h(cut_total)} h "
            "(tikai faktiski sniegtās un ne vairāk par piešķirtajām stundām, 20., 22.1.)",
            f"of {_e(provided)} hours reported {_e(total_paid)} h are payable; {_e(cut_total)} h are not paid "
            "(only hours actually provided, never above the granted hours, 20, 22.1)", "entries"))
    provisional = money is not None and any(f.severity == "error" for f in findings)
    return TimesheetCheck(month=timesheet.month, findings=findings, weeks=weeks, hours_provided=provided,
                          hours_paid=total_paid, hours_cut=cut_total, paid_by_entry=paid, cuts=cuts, payable=money,
                          provisional=provisional, point7_spans=spans, assumptions_lv=assumptions,
                          emergency_ceiling=ceiling, rules_version=version)
