"""The monthly timesheet check (point 20): one test per rule, the samples, the command, and a property."""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asistents.cli import main
from regulation.personal_code import make
from regulation.records import Contract, Timesheet, load
from regulation.timesheet import check_timesheet

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "records" / "timesheet"
ANNA = {"given_name": "Anna", "surname": "Kalniņa", "personal_code": make(dt.date(1980, 4, 12), 1)}
OSKARS = {"given_name": "Oskars", "surname": "Krūmiņš", "personal_code": make(dt.date(1968, 2, 3), 5)}
ILZE = {"given_name": "Ilze", "surname": "Ozola", "personal_code": make(dt.date(1975, 9, 3), 2)}


def entry(date, start, end, hours=None, point=1, **more):
    if hours is None:
        s, e = (dt.datetime.strptime(x, "%H:%M") for x in (start, end))
        hours = (e - s).seconds / 3600
    return {"date": date, "start": start, "end": end, "hours": str(hours), "annex1_point": point, **more}


def sheet(entries, month="2019-03", recipient=ANNA, assistant=ILZE, signed=True):
    return load(Timesheet, {"month": month, "recipient": recipient, "assistant": assistant, "entries": entries,
                            "signed_by_assistant": signed, "signed_by_recipient": signed})


def contract(hours=20, activities=None, start="2019-01-01", end="2019-12-31", recipient=ANNA, **more):
    acts = activities if activities is not None else {1: 10, 5: 8, 7: 2}
    return load(Contract, {"number": "AP-7", "recipient": recipient, "assistant": ILZE, "start": start, "end": end,
                           "hours_per_week": hours, **more,
                           "activities": [{"annex1_point": p, "hours_per_week": h} for p, h in acts.items()]})


def rules(result, severity="error"):
    return [f.rule for f in result.findings if f.severity == severity]


def fields(result):
    return {f.field for f in result.findings if f.severity == "error"}


# ---------------------------------------------------------------- single entries


def test_20_hours_equal_end_minus_start():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00", 2), entry("2019-03-05", "09:00", "11:30", 3)]),
                        contract())
    assert rules(r) == ["MK942 20"] and fields(r) == {"entries.1.hours"}
    f = r.findings[0]
    assert "3 h" in f.message_lv and "2,5 h" in f.message_lv and "2.5 h" in f.message_en
    assert r.hours_provided == Decimal("5") and r.hours_paid == Decimal("4.5")
    assert [(c.entry, c.hours, c.rule) for c in r.cuts] == [(1, Decimal("0.5"), "MK942 20")]


def test_20_hours_tolerance_of_a_hundredth():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "09:20", "0.33")]), contract())
    assert rules(r) == [] and r.hours_paid == Decimal("0.33")


def test_20_fewer_hours_than_the_interval_pays_the_declared_hours():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "12:00", 2)]), contract())
    assert rules(r) == ["MK942 20"] and r.hours_paid == Decimal("2")


def test_20_entry_past_midnight():
    r = check_timesheet(sheet([entry("2019-03-15", "22:00", "01:00", 3, point=5)]), contract())
    assert rules(r) == [] and r.hours_paid == Decimal("3")


def test_20_entries_outside_the_month_are_not_paid():
    r = check_timesheet(sheet([entry("2019-02-28", "09:00", "11:00"), entry("2019-03-01", "09:00", "11:00")]), contract())
    assert rules(r) == ["MK942 20"] and fields(r) == {"entries.0.date"}
    assert r.paid_by_entry == [Decimal("0"), Decimal("2")]


def test_14_entries_outside_the_contract_period():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00"), entry("2019-03-20", "09:00", "11:00")]),
                        contract(start="2019-03-10"))
    assert rules(r) == ["MK942 14"] and fields(r) == {"entries.0.date"}
    assert r.hours_paid == Decimal("2") and r.cuts[0].rule == "MK942 14"


def test_14_no_contract_in_the_register():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00")]))
    assert rules(r) == ["MK942 14"] and "reģistrā nav līguma" in r.findings[0].message_lv
    assert r.payable is None and r.rules_version == "MK942 2016-01-01 redakcija"


def test_14_timesheet_of_another_recipient_or_assistant():
    other = {"given_name": "Māris", "surname": "Kalns", "personal_code": make(dt.date(1990, 1, 20), 3)}
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00")], recipient=OSKARS, assistant=other), contract())
    assert fields(r) == {"recipient.personal_code", "assistant"}


def test_9_2_4_outside_latvia_is_not_paid():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00", outside_latvia=True, transport_eur="12.00"),
                               entry("2019-03-05", "09:00", "11:00")]), contract())
    assert rules(r) == ["MK942 9.2.4"] and fields(r) == {"entries.0.outside_latvia"}
    assert r.hours_paid == Decimal("2") and r.payable.transport == Decimal("0.00")


def test_18_suspended_days():
    c = contract(suspensions=[{"start": "2019-03-10", "end": "2019-03-15", "reason": "hospital"},
                              {"start": "2019-03-28", "reason": "long_term_care"}])
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00"), entry("2019-03-12", "09:00", "11:00"),
                               entry("2019-03-18", "09:00", "11:00"), entry("2019-03-29", "09:00", "11:00")]), c)
    assert rules(r) == ["MK942 18", "MK942 18"] and fields(r) == {"entries.1.date", "entries.3.date"}
    assert "stacionārā ārstniecības iestādē" in r.findings[0].message_lv
    assert r.hours_paid == Decimal("4")


def test_20_missing_signatures():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00")], signed=False), contract())
    assert fields(r) == {"signed_by_assistant", "signed_by_recipient"}
    assert r.hours_paid == Decimal("2")  # the hours are priced; the errors say what to collect


# ---------------------------------------------------------------- weeks and pools


def test_9_1_1_weekly_hours_per_activity_and_total():
    # Week 11 of 2019: 12 h of point 1 (granted 10) and 9 h of point 5 (granted 8): 21 h against 20.
    es = [entry(f"2019-03-{d:02d}", "08:00", "11:00") for d in (11, 12, 13, 14)]
    es += [entry(f"2019-03-{d:02d}", "12:00", "15:00", point=5) for d in (11, 12, 13)]
    r = check_timesheet(sheet(es), contract(hours=20))
    msgs = [f.message_lv for f in r.findings if f.rule == "MK942 9.1.1"]
    assert len(msgs) == 3
    assert any("1. punkta" in m and "12 h" in m for m in msgs) and any("5. punkta" in m and "9 h" in m for m in msgs)
    assert any("uzskaitītas 21 h" in m for m in msgs)
    assert r.hours_paid == Decimal("18")  # 10 + 8, then within the 20 h total
    assert r.weeks[2].iso_week == 11 and r.weeks[2].paid == Decimal("18")


def test_9_1_1_activity_not_granted():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00", point=6)]), contract())
    assert rules(r) == ["MK942 9.1.1"] and "nav piešķirts" in r.findings[0].message_lv
    assert r.hours_paid == 0


def test_9_1_1_total_counts_point_7_before_other_activities():
    # Grants per activity add up to more than the weekly total (11.3): the total still binds.
    c = contract(hours=12, activities={1: 10, 5: 10, 7: 2})
    es = [entry("2019-03-04", "08:00", "10:00", point=7)] + [entry(f"2019-03-{d:02d}", "11:00", "15:00") for d in (5, 6)] + \
         [entry("2019-03-07", "11:00", "15:00", point=5)]
    r = check_timesheet(sheet(es), c)
    assert r.hours_paid == Decimal("12") and "MK942 9.1.1" in rules(r)


def test_annex1_7_four_week_norm_may_be_used_at_once():
    r = check_timesheet(sheet([entry("2019-03-16", "10:00", "18:00", point=7)]), contract())
    assert rules(r) == [] and r.hours_paid == Decimal("8")


def test_annex1_7_four_week_norm_exceeded():
    r = check_timesheet(sheet([entry("2019-03-16", "10:00", "18:00", point=7), entry("2019-03-23", "10:00", "12:00", point=7)]),
                        contract())
    assert rules(r) == ["MK942 1. pielikuma 7. punkts"] and "8 h" in r.findings[0].message_lv
    assert r.hours_paid == Decimal("8") and r.cuts[0].entry == 1


def test_annex1_7_pool_blocks_start_with_the_contract():
    # Contract from Monday 2019-03-04: blocks are weeks 10–13 and 14–17; 8 h in each block is fine.
    c = contract(start="2019-03-04")
    r = check_timesheet(sheet([entry("2019-03-30", "10:00", "18:00", point=7)]), c, others=[
        sheet([entry("2019-04-06", "10:00", "18:00", point=7)], month="2019-04")])
    assert rules(r) == []


def test_annex1_7_pool_counts_the_previous_months_sheet():
    c = contract(start="2019-02-25")  # blocks: weeks 9–12
    previous = sheet([entry("2019-02-28", "10:00", "16:00", point=7)], month="2019-02")
    r = check_timesheet(sheet([entry("2019-03-09", "10:00", "14:00", point=7)]), c, others=[previous])
    assert rules(r) == ["MK942 1. pielikuma 7. punkts"] and r.hours_paid == Decimal("2")


def test_11_1_emergency_point_7_excess_is_a_warning():
    c = contract(start="2020-01-01", end="2020-12-31")
    r = check_timesheet(sheet([entry("2020-04-04", "09:00", "19:00", point=7)], month="2020-04"), c)
    assert rules(r) == [] and rules(r, "warning") == ["MK942 11.¹"]


def test_11_3_recipient_over_40_hours_without_contract():
    es = [entry(f"2019-03-{d:02d}", "08:00", "17:00") for d in (4, 5, 6, 7, 8)]
    r = check_timesheet(sheet(es))
    assert "MK942 11.3" in rules(r)


def test_3_assistant_40_hours_across_recipients():
    mine = [entry(f"2019-03-{d:02d}", "08:00", "12:00") for d in (4, 5, 6, 7, 8)]  # 20 h for Anna
    theirs = [entry(f"2019-03-{d:02d}", "13:00", "18:00") for d in (4, 5, 6, 7, 8)]  # 25 h for Oskars
    r = check_timesheet(sheet(mine), contract(hours=20, activities={1: 20}), others=[sheet(theirs, recipient=OSKARS)])
    week = r.weeks[1]
    assert week.assistant_total == Decimal("45") and week.hours == Decimal("20")
    # the 41st hour falls on Oskars's Friday afternoon: cut there, named here (review point 13)
    assert "MK942 3" in rules(r, "warning") and "Oskars Krūmiņš" in r.findings[0].message_lv
    assert r.hours_paid == Decimal("20")
    oskars = contract(hours=25, activities={1: 25}, recipient=OSKARS)
    r = check_timesheet(sheet(theirs, recipient=OSKARS), oskars, others=[sheet(mine)])
    assert "MK942 3" in rules(r) and r.hours_paid == Decimal("20")


def test_22_1_hours_past_the_40th_are_cut_in_time_order():
    # Oskars's hours come first each day; Anna's Friday hours are past the 40th.
    mine = [entry(f"2019-03-{d:02d}", "13:00", "17:00") for d in (4, 5, 6, 7, 8)]  # 20 h
    theirs = [entry(f"2019-03-{d:02d}", "08:00", "12:00") for d in (4, 5, 6, 7, 8)] + [
        entry("2019-03-09", "08:00", "13:00")]  # 25 h, the Saturday after Anna's Friday
    r = check_timesheet(sheet(mine), contract(hours=20, activities={1: 20}), others=[sheet(theirs, recipient=OSKARS)])
    assert r.hours_paid == Decimal("20")  # 4 × 8 + 8 = 40 by Friday afternoon; Saturday is Oskars's
    theirs[0]["end"], theirs[0]["hours"] = "12:30", "4.5"
    theirs[1]["end"], theirs[1]["hours"] = "12:30", "4.5"
    r = check_timesheet(sheet(mine), contract(hours=20, activities={1: 20}), others=[sheet(theirs, recipient=OSKARS)])
    assert r.hours_paid == Decimal("19")
    cut = [c for c in r.cuts if c.rule == "MK942 22.1"]
    assert [(c.entry, c.hours) for c in cut] == [(4, Decimal("1"))]


def test_20_overlap_with_another_recipient():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00")]), contract(),
                        others=[sheet([entry("2019-03-04", "10:30", "12:00")], recipient=OSKARS)])
    assert rules(r) == ["MK942 20"] and fields(r) == {"entries.0.start"} and "citam saņēmējam" in r.findings[0].message_lv


def test_20_touching_intervals_do_not_overlap():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00")]), contract(),
                        others=[sheet([entry("2019-03-04", "11:00", "12:00")], recipient=OSKARS)])
    assert rules(r) == []


def test_20_overlap_on_the_same_sheet_is_paid_once():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00"), entry("2019-03-04", "10:00", "12:00", point=5)]),
                        contract())
    assert rules(r) == ["MK942 20"] and r.hours_paid == Decimal("3")


# ---------------------------------------------------------------- redactions


def test_29_1_contract_before_2016_is_paid_under_old_norms_until_2016_06_30():
    c = contract(start="2015-07-01", end="2016-12-31", concluded_on="2015-06-20")
    r = check_timesheet(sheet([entry("2016-03-01", "09:00", "11:00")], month="2016-03"), c)
    assert rules(r) == ["MK942 29.¹"] and r.payable is None and r.rules_version is None
    r = check_timesheet(sheet([entry("2016-07-01", "09:00", "11:00")], month="2016-07"), c)
    assert rules(r) == [] and r.payable is not None


def test_29_1_contract_concluded_in_2015_starting_2016_uses_the_new_norms():
    c = contract(start="2016-01-01", end="2016-12-31", concluded_on="2015-12-15")
    r = check_timesheet(sheet([entry("2016-01-04", "09:00", "11:00")], month="2016-01"), c)
    assert rules(r) == [] and r.payable.rate == Decimal("2.2024")


@pytest.mark.parametrize("month, concluded, ok", [
    ("2021-06", "2021-01-10", True),
    ("2021-08", "2021-05-10", True),
    ("2021-08", "2021-07-05", False),
    ("2022-01", "2021-05-10", False),
    ("2015-12", "2015-01-10", False),
])
def test_out_of_force_months(month, concluded, ok):
    day = f"{month}-02"
    c = contract(start=concluded, end="2022-12-31", concluded_on=concluded)
    r = check_timesheet(sheet([entry(day, "09:00", "11:00")], month=month), c)
    assert (r.payable is not None) is ok
    assert ok or rules(r)[0] in {"MK942", "MK942 29.¹"}


# ---------------------------------------------------------------- payment


def test_22_1_payable_of_the_2019_sample():
    r = check_timesheet(load(Timesheet, json.loads((SAMPLES / "timesheet_2019-03.json").read_text())),
                        load(Contract, json.loads((SAMPLES / "contract_2019-03.json").read_text())))
    assert r.findings == []
    p = r.payable
    assert (p.hours, p.rate, p.remuneration) == (Decimal("34.5"), Decimal("2.5595"), Decimal("88.30"))
    assert (p.contributions, p.transport, p.total) == (Decimal("21.27"), Decimal("8.00"), Decimal("117.57"))


def test_22_1_minor_assistant_2021_sample():
    r = check_timesheet(load(Timesheet, json.loads((SAMPLES / "timesheet_2021-03.json").read_text())),
                        load(Contract, json.loads((SAMPLES / "contract_2021-03.json").read_text())))
    assert rules(r) == [] and r.payable.rate == Decimal("3.1056") and r.payable.minor
    assert r.weeks[3].hours == 0  # the hospital week (18)


def test_22_2_self_employed_assistant_no_contributions():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "11:00")]), contract(engagement="self_employed"))
    assert r.payable.contributions == 0 and r.payable.total == r.payable.remuneration


def test_errors_sample_findings():
    r = check_timesheet(load(Timesheet, json.loads((SAMPLES / "timesheet_errors_2019-10.json").read_text())),
                        load(Contract, json.loads((SAMPLES / "contract_errors_2019-10.json").read_text())))
    assert {"entries.2.hours", "signed_by_recipient"} <= fields(r)
    assert {"MK942 20", "MK942 9.1.1", "MK942 3"} <= set(rules(r))
    assert r.hours_provided == Decimal("46") and r.hours_paid == Decimal("40") and r.hours_cut == Decimal("6")


# ---------------------------------------------------------------- the command


def test_cli_check_timesheet_exit_codes(capsys, tmp_path):
    ok = [str(SAMPLES / "timesheet_2019-03.json"), "--contract", str(SAMPLES / "contract_2019-03.json")]
    assert main(["check-timesheet", *ok]) == 0
    assert "117,57 EUR" in capsys.readouterr().out
    bad = [str(SAMPLES / "timesheet_errors_2019-10.json"), "--contract", str(SAMPLES / "contract_errors_2019-10.json")]
    assert main(["check-timesheet", *bad, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["hours_paid"] == 40 and any(f["field"] == "entries.2.hours" for f in data["findings"])
    broken = tmp_path / "broken.json"
    broken.write_text('{"month": "2019-13"}', encoding="utf-8")
    assert main(["check-timesheet", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "broken.json" in err and "month" in err
    yaml_file = tmp_path / "t.yaml"
    yaml_file.write_text((SAMPLES / "timesheet_2021-03.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["check-timesheet", str(yaml_file), "--contract", str(SAMPLES / "contract_2021-03.json")]) == 0


# ---------------------------------------------------------------- property


@st.composite
def month_of_entries(draw):
    days = draw(st.lists(st.integers(1, 31), min_size=0, max_size=25))
    out = []
    for d in days:
        start = draw(st.integers(0, 20 * 4)) * 15
        length = draw(st.integers(1, 14 * 4)) * 15
        end = start + length
        declared = Decimal(length) / 60 + draw(st.sampled_from([Decimal(0), Decimal(0), Decimal("0.5"), Decimal("-0.25")]))
        out.append({"date": f"2019-03-{d:02d}", "start": f"{start // 60:02d}:{start % 60:02d}",
                    "end": f"{(end // 60) % 24:02d}:{end % 60:02d}", "hours": str(max(declared, Decimal(0))),
                    "annex1_point": draw(st.sampled_from([1, 2, 5, 7])),
                    "outside_latvia": draw(st.booleans()) and draw(st.booleans())})
    granted = draw(st.fixed_dictionaries({1: st.integers(0, 20), 5: st.integers(0, 20), 7: st.integers(0, 4)}))
    total = draw(st.integers(1, 40))
    return out, granted, total


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(month_of_entries())
def test_20_22_1_paid_never_above_granted_nor_provided(case):
    entries, granted, total = case
    ts = sheet(entries)
    c = contract(hours=total, activities=granted, start="2019-02-25")
    r = check_timesheet(ts, c)
    assert r.hours_paid <= r.hours_provided
    assert r.hours_paid + r.hours_cut == r.hours_provided
    for e, paid in zip(ts.entries, r.paid_by_entry):
        assert Decimal(0) <= paid <= e.hours
    g7 = min(granted[7], total)  # point 7's weekly share is within the weekly total
    week_point: dict = defaultdict(Decimal)
    block7: dict = defaultdict(Decimal)
    for e, paid in zip(ts.entries, r.paid_by_entry):
        week_point[(e.date.isocalendar()[1], e.annex1_point)] += paid
        if e.annex1_point == 7:
            block7[(e.date - dt.date(2019, 2, 25)).days // 28] += paid
    for (week, point), paid in week_point.items():
        if point != 7:
            assert paid <= granted.get(point, 0)
    for week in {w for w, _ in week_point}:
        non7 = sum((h for (w, p), h in week_point.items() if w == week and p != 7), Decimal(0))
        assert non7 + min(week_point.get((week, 7), Decimal(0)), g7) <= total
        assert sum((h for (w, _), h in week_point.items() if w == week), Decimal(0)) <= 40
    for paid in block7.values():
        assert paid <= 4 * g7


def test_3_others_of_another_assistant_do_not_count():
    someone = {"given_name": "Māris", "surname": "Kalns", "personal_code": make(dt.date(1990, 1, 20), 3)}
    mine = [entry(f"2019-03-{d:02d}", "08:00", "12:00") for d in (4, 5, 6, 7, 8)]
    theirs = [entry(f"2019-03-{d:02d}", "08:00", "17:00") for d in (4, 5, 6, 7, 8)]
    r = check_timesheet(sheet(mine), contract(hours=20, activities={1: 20}),
                        others=[sheet(theirs, recipient=OSKARS, assistant=someone)])
    assert rules(r) == [] and r.weeks[1].assistant_total == Decimal("20")


def test_cli_check_timesheet_with_others(capsys, tmp_path):
    mine = sheet([entry(f"2019-03-{d:02d}", "08:00", "12:00") for d in (4, 5, 6, 7, 8)])
    theirs = sheet([entry(f"2019-03-{d:02d}", "13:00", "18:00") for d in (4, 5, 6, 7, 8)], recipient=OSKARS)
    files = {}
    for name, record in (("mine", mine), ("theirs", theirs), ("contract", contract(hours=20, activities={1: 20}))):
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(record.model_dump_json(), encoding="utf-8")
    args = ["check-timesheet", str(files["mine"]), "--contract", str(files["contract"])]
    assert main(args) == 0
    capsys.readouterr()
    assert main([*args, "--others", str(files["theirs"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # in time order the 40th hour falls on Friday afternoon, on the other sheet: all 20 h here are paid, and the
    # warning names the sheet where the excess is cut
    assert any(f["rule"] == "MK942 3" and f["severity"] == "warning" and "Oskars" in f["message_lv"]
               for f in data["findings"]) and data["hours_paid"] == 20
