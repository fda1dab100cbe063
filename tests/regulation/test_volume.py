"""Volume: Annex 1 caps, 9.2.2, 9.2.4, 11.1, 11.3, 11.4, 11.¹ and the weekly totals (Invaliditātes likums 12(1)3, 3.¹)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regulation.assess import assess, pending_findings
from regulation.personal_code import make
from regulation.records import Activity, Application, Assessment, Opinion, Person

RECEIVED = dt.date(2019, 3, 4)


def act(point: int, hours, **kw) -> Activity:
    return Activity(annex1_point=point, hours_per_week=Decimal(str(hours)), **kw)


def application(*activities: Activity, received: dt.date = RECEIVED, **extra) -> Application:
    return Application(received_on=received,
                       applicant=Person(given_name="Jānis", surname="Ozoliņš", personal_code=make(dt.date(1980, 2, 1), 11)),
                       activities=list(activities), attachments=["7.2", "7.3", "7.4", "7.5", "7.6"], **extra)


def assessment(**over) -> Assessment:
    base = dict(disability_group="I", opinion=Opinion(kind="assistance_need", issued_on=dt.date(2016, 1, 1)),
                can_move_without_assistant=False, cannot_move_with_assistant=False, activities_meet_annex1=True)
    base.update(over)
    return Assessment(**base)


def granted(d) -> list[Decimal]:
    return [a.granted for a in d.activities]


def rules(d) -> list[str]:
    return [f.rule for f in d.findings]


@pytest.mark.parametrize("point,cap", [(1, 20), (2, 20), (3, 40), (4, 20), (5, 20), (6, 20), (7, 2)])
def test_annex1_cap_per_point(point, cap):
    within = assess(application(act(point, cap)), assessment())
    assert within.outcome == "grant" and granted(within) == [cap]
    above = assess(application(act(point, cap + 1)), assessment(), on=dt.date(2019, 3, 4))
    assert above.outcome == "grant" and granted(above) == [min(cap, 40)]
    if cap + 1 <= 40:
        f = next(f for f in above.findings if f.rule == "MK942 1. pielikums" and f.severity == "warning")
        assert f"MK 942 1. pielikuma {point}. punkts" in f.message_lv and f.field == "activities.0.hours_per_week"
        assert above.activities[0].reason


def test_annex1_caps_summed_over_activities_of_one_point():
    d = assess(application(act(1, 12), act(1, 12)), assessment())
    assert granted(d) == [12, 8]


def test_annex1_point7_pooled():
    d = assess(application(act(7, 8)), assessment())
    assert granted(d) == [2]
    f = next(f for f in d.findings if f.rule == "MK942 1. pielikums")
    assert "8 stundas" in f.message_lv and "apvienot" in f.message_lv and "MK 942 1. pielikuma 7. punkts" in f.message_lv
    within = assess(application(act(7, 2)), assessment())
    assert within.outcome == "grant"
    assert any(f.severity == "info" and "apvienot" in f.message_lv for f in within.findings)


def test_11_3_increase_with_reason():
    reason = "liels attālums līdz darbavietai, slikta sabiedriskā transporta satiksme"
    d = assess(application(act(1, 25)), assessment(increase_reason=reason))
    assert d.outcome == "grant" and granted(d) == [25] and d.hours_per_week == 25
    f = next(f for f in d.findings if f.rule == "MK942 11.3")
    assert reason in f.message_lv and f.severity == "info"
    assert "MK942 1. pielikums" not in rules(d)


def test_11_3_increase_still_within_40_hours():
    d = assess(application(act(1, 30), act(2, 20)), assessment(increase_reason="liels attālums"))
    assert d.hours_per_week == 40 and granted(d) == [30, 10]
    assert any(f.rule == "MK942 11.3" and "40" in f.message_lv and "Invaliditātes likuma" in f.message_lv
               for f in d.findings)


def test_11_3_total_40_cut_from_lowest_priority():
    d = assess(application(act(6, 20), act(1, 20), act(2, 20)), assessment())
    assert granted(d) == [0, 20, 20] and d.hours_per_week == 40 and d.outcome == "grant"


def test_law_12_1_3_1_visual_benefit_30_hours():
    d = assess(application(act(3, 36), act(5, 4), visual_benefit=True), assessment())
    assert d.hours_per_week == 30 and granted(d) == [30, 0]
    f = next(f for f in d.findings if f.rule == "Invaliditātes likums 12(1)3.¹")
    assert "3.¹ punkts" in f.message_lv and f.field == "visual_benefit"
    under = assess(application(act(3, 20), visual_benefit=True), assessment())
    assert under.outcome == "grant" and any(f.rule == "Invaliditātes likums 12(1)3.¹" for f in under.findings)


def test_11_4_technical_aids_reduction():
    d = assess(application(act(1, 25), act(5, 6)), assessment(technical_aids_reduction={1: Decimal(5), 5: Decimal(10)}))
    assert granted(d) == [15, 0]
    assert [f.field for f in d.findings if f.rule == "MK942 11.4"] == ["assessment.technical_aids_reduction"] * 2
    assert "11.4" in d.activities[0].reason


@pytest.mark.parametrize("point", [1, 2, 3, 4])
def test_11_1_institution_transport_with_help(point):
    d = assess(application(act(point, 10, institution_transport=True), act(5, 5)),
               assessment(institution_transport_help=True))
    assert granted(d) == [0, 5] and d.outcome == "partial" and "11.1" in d.grounds
    f = next(f for f in d.findings if f.rule == "MK942 11.1")
    assert "MK 942 11.1. apakšpunkts" in f.message_lv and f.field == "activities.0.institution_transport"


@pytest.mark.parametrize("point", [5, 6, 7])
def test_11_1_does_not_cover_other_activities(point):
    d = assess(application(act(point, 2, institution_transport=True)), assessment(institution_transport_help=True))
    assert granted(d) == [2] and "MK942 11.1" not in rules(d)


def test_11_1_transport_without_help_keeps_hours():
    d = assess(application(act(1, 10, institution_transport=True)), assessment(institution_transport_help=False))
    assert granted(d) == [10] and any(f.rule == "MK942 11.1" and f.severity == "info" for f in d.findings)


def test_11_1_help_not_assessed_is_pending():
    d = assess(application(act(2, 10, institution_transport=True)), assessment())
    assert [f.field for f in pending_findings(d)] == ["assessment.institution_transport_help"]


def test_9_2_4_outside_latvia_partial():
    d = assess(application(act(1, 20), act(6, 10, outside_latvia=True)), assessment())
    assert d.outcome == "partial" and d.grounds == ["9.2.4"] and granted(d) == [20, 0]
    assert "9.2.4" in d.activities[1].reason and d.duration is not None
    f = next(f for f in d.findings if f.rule == "MK942 9.2.4")
    assert f.field == "activities.1.outside_latvia" and "ārpus Latvijas" in f.message_lv


def test_9_2_4_everything_outside_latvia_refused():
    d = assess(application(act(6, 10, outside_latvia=True)), assessment())
    assert d.outcome == "refuse" and d.grounds == ["9.2.4"] and d.hours_per_week == 0


def test_9_2_2_activities_do_not_meet_annex1():
    d = assess(application(act(1, 10), act(7, 2)), assessment(activities_meet_annex1=False))
    assert d.outcome == "refuse" and d.grounds == ["9.2.2"] and granted(d) == [0, 0]
    assert "MK 942 9.2.2. apakšpunkts" in next(f for f in d.findings if f.rule == "MK942 9.2.2").message_lv


def test_9_2_2_rehabilitation_plan_partial():
    d = assess(application(act(4, 10), act(6, 5)), assessment(rehabilitation_plan=[4]))
    assert d.outcome == "partial" and d.grounds == ["9.2.2"] and granted(d) == [10, 0]
    assert "rehabilitācijas plānam" in d.activities[1].reason


def test_9_2_2_not_assessed_is_pending():
    d = assess(application(act(1, 10)), assessment(activities_meet_annex1=None))
    assert [f.field for f in pending_findings(d)] == ["assessment.activities_meet_annex1"]


EMERGENCY = dict(received=dt.date(2020, 3, 2))


def test_11_1_emergency_no_previous_use_10_hours():
    d = assess(application(act(7, 12), **EMERGENCY), assessment(hours_used_previous_months=[0, 0, 0]),
               on=dt.date(2020, 4, 1))
    assert granted(d) == [10]
    f = next(f for f in d.findings if f.rule == "MK942 11.¹")
    assert "10 stundas" in f.message_lv and "2020-06-09" in f.message_lv and "MK 942 11.¹ punkts" in f.message_lv


def test_11_1_emergency_2020_03_11_vs_2020_03_12():
    app, asm = application(act(7, 12), **EMERGENCY), assessment(hours_used_previous_months=[0, 0, 0])
    before = assess(app, asm, on=dt.date(2020, 3, 11))
    assert granted(before) == [2] and "MK942 11.¹" not in rules(before)
    assert before.rules_version == "MK942 2019-08-17 redakcija"
    first_day = assess(app, asm, on=dt.date(2020, 3, 12))
    assert granted(first_day) == [10] and first_day.rules_version == "MK942 2020-03-12 redakcija"


def test_11_1_emergency_ended():
    d = assess(application(act(7, 12), **EMERGENCY), assessment(hours_used_previous_months=[0, 0, 0]),
               on=dt.date(2020, 6, 10))
    assert granted(d) == [2]


def test_11_1_emergency_transfer_limited_by_monthly_average():
    # 13 h a month on average → 13 / (52/12) = 3.00 h a week may move from points 1–6 to point 7.
    d = assess(application(act(1, 20), act(7, 12), **EMERGENCY), assessment(hours_used_previous_months=[10, 13, 16]),
               on=dt.date(2020, 4, 1))
    assert granted(d) == [20, 2] and d.hours_per_week == 22  # the same hours, not extra ones
    f = next(f for f in d.findings if f.rule == "MK942 11.¹")
    assert "līdz 3 h nedēļā" in f.message_lv and "13 stundas" in f.message_lv
    assert "11.¹" in d.activities[1].reason


def test_11_1_emergency_transfer_limited_by_hours_of_points_1_to_6():
    d = assess(application(act(5, 1), act(7, 12), **EMERGENCY), assessment(hours_used_previous_months=[40, 40, 40]),
               on=dt.date(2020, 4, 1))
    assert "līdz 1 h nedēļā" in next(f for f in d.findings if f.rule == "MK942 11.¹").message_lv


def test_11_1_emergency_unknown_use_is_pending():
    d = assess(application(act(7, 12), **EMERGENCY), assessment(), on=dt.date(2020, 4, 1))
    assert granted(d) == [2]
    assert [f.field for f in pending_findings(d)] == ["assessment.hours_used_previous_months"]


def test_11_1_second_emergency_period():
    d = assess(application(act(7, 6), received=dt.date(2020, 12, 1)), assessment(hours_used_previous_months=[0, 0, 0]))
    assert granted(d) == [6] and "2021-04-06" in next(f for f in d.findings if f.rule == "MK942 11.¹").message_lv


def test_11_1_emergency_hours_are_not_pooled_as_the_annex1_norm():
    d = assess(application(act(7, 12), **EMERGENCY), assessment(hours_used_previous_months=[0, 0, 0]),
               on=dt.date(2020, 4, 1))
    assert not any("apvienot" in f.message_lv for f in d.findings)
    cut = next(f for f in d.findings if f.severity == "warning")
    assert cut.rule == "MK942 11.¹" and "līdz 10 h nedēļā" in cut.message_lv and "1. pielikums" not in cut.message_lv


def test_11_1_emergency_cap_not_raised_by_11_3():
    d = assess(application(act(7, 12), **EMERGENCY),
               assessment(hours_used_previous_months=[0, 0, 0], increase_reason="liels attālums"), on=dt.date(2020, 4, 1))
    assert granted(d) == [10] and "MK942 11.3" not in rules(d)
