"""Timesheet checks of the review's points 11–15, each case worked out by hand from MK 942 (figures in comments).

The JSON is read as `asistents check-timesheet --json` prints it: money and rates as exact decimal strings.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from asistents.cli import main
from regulation.personal_code import make
from regulation.records import Contract, Timesheet, load, to_jsonable
from regulation.timesheet import check_timesheet

ANNA = {"given_name": "Anna", "surname": "Kalniņa", "personal_code": make(dt.date(1980, 4, 12), 1)}
OSKARS = {"given_name": "Oskars", "surname": "Krūmiņš", "personal_code": make(dt.date(1968, 2, 3), 5)}
ILZE = {"given_name": "Ilze", "surname": "Ozola", "personal_code": make(dt.date(1975, 9, 3), 2)}


def entry(date, start, end, point=1):
    s, e = (dt.datetime.strptime(x, "%H:%M") for x in (start, end))
    return {"date": date, "start": start, "end": end, "hours": str((e - s).seconds / 3600), "annex1_point": point}


def sheet(entries, month="2019-03", recipient=ANNA, assistant=ILZE, **more):
    return load(Timesheet, {"month": month, "recipient": recipient, "assistant": assistant, "entries": entries,
                            "signed_by_assistant": True, "signed_by_recipient": True, **more})


def contract(hours=20, acts=None, start="2019-01-01", end="2019-12-31", recipient=ANNA, assistant=ILZE, **more):
    acts = acts or {1: 10, 5: 8, 7: 2}
    return load(Contract, {"number": "AP-7", "recipient": recipient, "assistant": assistant, "start": start,
                           "end": end, "hours_per_week": hours, **more,
                           "activities": [{"annex1_point": p, "hours_per_week": h} for p, h in acts.items()]})


def errors(r):
    return [f for f in r.findings if f.severity == "error"]


# ---------------------------------------------------------------- 11 a sheet not of the contract's parties


def test_11_sheet_of_another_recipient_pays_nothing_under_the_contract():
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "12:00")], recipient=OSKARS), contract())
    assert any(f.rule == "MK942 14" and f.field == "recipient.personal_code" for f in errors(r))
    assert r.hours_paid == 0 and r.payable is None and r.paid_by_entry == [Decimal("0.00")]


def test_11_sheet_of_another_assistant_pays_nothing():
    other = {"given_name": "Pēteris", "surname": "Liepa", "personal_code": make(dt.date(1990, 1, 5), 3)}
    r = check_timesheet(sheet([entry("2019-03-04", "09:00", "12:00")], assistant=other), contract())
    assert any(f.field == "assistant" for f in errors(r)) and r.hours_paid == 0 and r.payable is None


def test_11_sheet_from_a_provider_not_party_to_the_contract_pays_nothing():
    s = sheet([entry("2019-03-04", "09:00", "12:00")], provider={"name": "SIA Palīgi", "registration_number": "40003000001"})
    r = check_timesheet(s, contract())
    assert any(f.field == "provider" and "SIA Palīgi" in f.message_lv for f in errors(r))
    assert r.hours_paid == 0 and r.payable is None
    # the contract's own provider is a party: 3 h × 2.5595 (2019-03) = 7.68 + 24.09 % 1.85 = 9.53
    c = contract(provider={"name": "SIA Palīgi", "registration_number": "40003000001"})
    r = check_timesheet(s, c)
    assert not errors(r) and r.payable.total == Decimal("9.53")


# ---------------------------------------------------------------- 12 is_minor against the personal code


def test_12_seventeen_year_old_recorded_as_adult_is_an_error_and_priced_as_a_minor():
    teen = {"given_name": "Roberts", "surname": "Kalns", "personal_code": make(dt.date(2003, 5, 10), 8)}
    c = contract(start="2021-01-01", end="2021-12-31", assistant=teen)
    s = sheet([entry("2021-03-01", "09:00", "14:00"), entry("2021-03-02", "09:00", "14:00")], month="2021-03",
              assistant=teen)
    r = check_timesheet(s, c)
    assert {f.field for f in errors(r)} == {"assistant.is_minor", "contract.assistant.is_minor"}
    assert "17 gadi" in errors(r)[0].message_lv
    # Annex 4, March 2021: minor 3.1056 (adult 2.7174); 10 h × 3.1056 = 31.056 → 31.06
    assert r.payable.minor and r.payable.rate == Decimal("3.1056") and r.payable.remuneration == Decimal("31.06")
    assert r.provisional


def test_12_forty_five_year_old_recorded_as_minor_is_an_error_and_priced_as_an_adult():
    adult = {**ILZE, "personal_code": make(dt.date(1976, 1, 20), 4), "is_minor": True}
    c = contract(start="2021-01-01", end="2021-12-31", assistant={**adult, "is_minor": False})
    r = check_timesheet(sheet([entry("2021-03-01", "09:00", "19:00")], month="2021-03", assistant=adult), c)
    assert [f.field for f in errors(r)] == ["assistant.is_minor"] and "45 gadi" in errors(r)[0].message_lv
    # 10 h × 2.7174 = 27.174 → 27.17
    assert not r.payable.minor and r.payable.remuneration == Decimal("27.17")


# ---------------------------------------------------------------- 13 one assistant, two recipients


def test_13_overlap_with_another_recipient_is_paid_once():
    # Anna 09:00–11:00 and Oskars 10:30–12:00 on 04.03.2019: the half hour 10:30–11:00 is paid once, on Anna's
    # sheet (her entry began first): Anna 2 h, Oskars 1 h — 3 h for 09:00–12:00.
    anna = sheet([entry("2019-03-04", "09:00", "11:00")])
    oskars = sheet([entry("2019-03-04", "10:30", "12:00")], recipient=OSKARS)
    a = check_timesheet(anna, contract(), others=[oskars])
    o = check_timesheet(oskars, contract(recipient=OSKARS), others=[anna])
    assert a.hours_paid == Decimal("2") and o.hours_paid == Decimal("1")
    assert [c.hours for c in o.cuts] == [Decimal("0.50")] and "Anna Kalniņa" in o.cuts[0].reason_lv


def test_13_the_40_hour_excess_is_cut_where_it_arises_and_named_on_the_other_sheet():
    # Week 11 of 2019: Anna Mon–Fri 08:00–12:00 (20 h), Oskars Mon–Fri 13:00–18:00 (25 h). In time order the 41st
    # hour is Friday 16:00 on Oskars's sheet: Oskars is paid 20 h, Anna 20 h; Anna's sheet names Oskars's.
    days = (11, 12, 13, 14, 15)
    anna = sheet([entry(f"2019-03-{d}", "08:00", "12:00") for d in days])
    oskars = sheet([entry(f"2019-03-{d}", "13:00", "18:00") for d in days], recipient=OSKARS)
    a = check_timesheet(anna, contract(acts={1: 20}), others=[oskars])
    o = check_timesheet(oskars, contract(hours=25, acts={1: 25}, recipient=OSKARS), others=[anna])
    assert a.hours_paid == Decimal("20") and o.hours_paid == Decimal("20")
    warn = [f for f in a.findings if f.rule == "MK942 3"]
    assert warn[0].severity == "warning" and "Oskars Krūmiņš (2019-03-15)" in warn[0].message_lv
    assert [f.rule for f in errors(o)] == ["MK942 3"]


# ---------------------------------------------------------------- 14 point 7 spans and 11.¹


def test_14_point_7_spans_are_dated_the_assumption_said_and_a_straddling_excess_warned():
    # Contract from Tue 01.01.2019: spans count from Mon 31.12.2018 in 28 days — span 3 is 25.02.–24.03.2019,
    # span 4 25.03.–21.04.2019. 5 + 5 h on 22–23.03 (span 3, norm 8: 2 h cut) and 2 h on 26.03 (span 4).
    s = sheet([entry("2019-03-22", "09:00", "14:00", 7), entry("2019-03-23", "09:00", "14:00", 7),
               entry("2019-03-26", "09:00", "11:00", 7)])
    r = check_timesheet(s, contract())
    spans = [(x.index, x.start, x.end, x.reported, x.paid) for x in r.point7_spans]
    assert spans == [(3, dt.date(2019, 2, 25), dt.date(2019, 3, 24), Decimal("10.00"), Decimal("8.00")),
                     (4, dt.date(2019, 3, 25), dt.date(2019, 4, 21), Decimal("2.00"), Decimal("2.00"))]
    assert any("2018-12-31" in a and "nenosaka" in a for a in r.assumptions_lv)
    straddle = [f for f in r.findings if f.severity == "warning" and "robežu" in f.message_lv]
    assert len(straddle) == 1 and "2019-02-25–2019-03-24" in straddle[0].message_lv
    assert r.hours_paid == Decimal("10")


def test_14_11_1_ceiling_is_the_previous_three_months_average():
    # April 2020 is in the emergency (12.03.–09.06.2020). Anna's January, February and March sheets hold
    # 20 + 16 + 12 h: the 11.¹ ceiling is 48 / 3 = 16 h. April: 10 + 10 h of point 7 → 16 h paid, 4 h cut (11.¹).
    c = contract(start="2020-01-01", end="2020-12-31")
    prev = [sheet([entry("2020-01-06", "08:00", "18:00"), entry("2020-01-07", "08:00", "18:00")], month="2020-01"),
            sheet([entry("2020-02-03", "08:00", "16:00"), entry("2020-02-04", "08:00", "16:00")], month="2020-02"),
            sheet([entry("2020-03-02", "08:00", "14:00"), entry("2020-03-03", "08:00", "14:00")], month="2020-03")]
    april = sheet([entry("2020-04-06", "08:00", "18:00", 7), entry("2020-04-14", "08:00", "18:00", 7)], month="2020-04")
    r = check_timesheet(april, c, others=prev)
    assert r.emergency_ceiling == Decimal("16.00") and r.hours_paid == Decimal("16")
    assert [(c.rule, c.hours) for c in r.cuts] == [("MK942 11.¹", Decimal("4.00"))]
    assert any(f.rule == "MK942 11.¹" and "16 h" in f.message_lv for f in errors(r))
    # without the previous months the ceiling is unknown, and the output says what to give
    r = check_timesheet(april, c)
    assert r.emergency_ceiling is None and any("--others" in a for a in r.assumptions_lv)


# ---------------------------------------------------------------- 15 provisional, exact strings, rules_version


def test_15_json_money_as_exact_strings_and_provisional_while_errors_stand(capsys, tmp_path):
    # 2019-03: 10 h × 2.5595 = 25.595 → 25.60; contributions 24.09 % = 6.17; transport 8.90
    s = sheet([{**entry("2019-03-04", "08:00", "18:00"), "transport_eur": "8.9"}])
    c = contract(acts={1: 20})
    files = {"s": tmp_path / "s.json", "c": tmp_path / "c.json"}
    files["s"].write_text(s.model_dump_json(), encoding="utf-8")
    files["c"].write_text(c.model_dump_json(), encoding="utf-8")
    assert main(["check-timesheet", str(files["s"]), "--contract", str(files["c"]), "--json"]) == 0
    p = json.loads(capsys.readouterr().out)
    assert p["payable"]["rate"] == "2.5595" and p["payable"]["remuneration"] == "25.60"
    assert p["payable"]["transport"] == "8.90" and p["payable"]["total"] == "40.67" and p["provisional"] is False
    unsigned = s.model_copy(update={"signed_by_recipient": False})
    files["s"].write_text(unsigned.model_dump_json(), encoding="utf-8")
    assert main(["check-timesheet", str(files["s"]), "--contract", str(files["c"]), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["provisional"] is True
    assert main(["check-timesheet", str(files["s"]), "--contract", str(files["c"])]) == 1
    assert "PROVIZORISKI" in capsys.readouterr().out


def test_15_rules_version_of_2021_07_to_12_says_the_contract_runs_on():
    c = contract(start="2021-03-01", end="2022-02-28")
    r = check_timesheet(sheet([entry("2021-08-02", "09:00", "12:00")], month="2021-08"), c)
    assert r.rules_version.startswith("MK942 2021-01-01 redakcija; līgums turpinās pārejas kārtībā līdz 2021-12-31")
    assert to_jsonable(r)["payable"]["rate"] == "2.8409"
