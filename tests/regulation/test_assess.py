"""The decision proposal as a whole: redactions, deadlines (9, 10), duration (9.1.2), attachments (7), outcome."""
from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from regulation.assess import assess, pending_findings
from regulation.parameters import OutOfForce
from regulation.personal_code import make
from regulation.records import Activity, Application, Assessment, Decision, Opinion, Person, dumps, load

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "records" / "assess"


def application(received: dt.date = dt.date(2019, 3, 4), activities=None, **extra) -> Application:
    extra.setdefault("attachments", ["7.2", "7.4"])
    return Application(received_on=received,
                       applicant=Person(given_name="Māra", surname="Žagare", personal_code=make(dt.date(1975, 11, 16), 42)),
                       activities=activities or [Activity(annex1_point=1, hours_per_week=Decimal(15))], **extra)


def assessment(**over) -> Assessment:
    base = dict(disability_group="II", opinion=Opinion(kind="assistance_need", issued_on=dt.date(2015, 6, 1)),
                can_move_without_assistant=False, cannot_move_with_assistant=False, activities_meet_annex1=True)
    base.update(over)
    return Assessment(**base)


def sample(name: str):
    data = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return load(Application if "received_on" in data else Assessment, data)


# ------------------------------------------------------------- redactions


def test_redaction_2015_12_31_not_encoded():
    with pytest.raises(OutOfForce) as e:
        assess(application(dt.date(2015, 12, 31)), assessment())
    assert "nav iekodēta" in e.value.message_lv and "2015-12-31" in e.value.message_en


@pytest.mark.parametrize("on,version", [
    (dt.date(2016, 1, 1), "MK942 2016-01-01 redakcija"),
    (dt.date(2019, 8, 16), "MK942 2016-01-01 redakcija"),
    (dt.date(2019, 8, 17), "MK942 2019-08-17 redakcija"),
    (dt.date(2020, 3, 12), "MK942 2020-03-12 redakcija"),
    (dt.date(2021, 1, 1), "MK942 2021-01-01 redakcija"),
    (dt.date(2021, 6, 30), "MK942 2021-01-01 redakcija"),
])
def test_redaction_in_force(on, version):
    d = assess(application(on), assessment())
    assert d.rules_version == version and d.outcome == "grant"


def test_redaction_2021_07_01_repealed_names_mk_316():
    with pytest.raises(OutOfForce) as e:
        assess(application(dt.date(2021, 6, 20)), assessment(), on=dt.date(2021, 7, 1))
    assert "Nr. 316" in e.value.message_lv and "MK 316" in e.value.message_en


def test_on_defaults_to_receipt_date():
    d = assess(application(dt.date(2018, 5, 2)), assessment())
    assert d.decided_on == dt.date(2018, 5, 2)


# ------------------------------------------------------------- deadlines (9, 10)


@pytest.mark.parametrize("received,due", [
    (dt.date(2019, 1, 31), dt.date(2019, 2, 28)),
    (dt.date(2020, 1, 31), dt.date(2020, 2, 29)),
    (dt.date(2019, 3, 4), dt.date(2019, 4, 4)),
    (dt.date(2019, 12, 15), dt.date(2020, 1, 15)),
])
def test_9_deadline_received_31_january(received, due):
    assert assess(application(received), assessment()).deadlines.decide_by == due


def test_10_notify_within_10_days_of_decision():
    d = assess(application(dt.date(2019, 3, 4)), assessment(), on=dt.date(2019, 3, 25))
    assert d.deadlines.notify_by == dt.date(2019, 4, 4)


def test_9_late_decision_warned():
    d = assess(application(dt.date(2019, 1, 31)), assessment(), on=dt.date(2019, 3, 1))
    f = next(f for f in d.findings if f.rule == "MK942 9")
    assert f.severity == "warning" and "2019-02-28" in f.message_lv and "MK 942 9. punkts" in f.message_lv
    assert "MK942 9" not in [f.rule for f in assess(application(dt.date(2019, 1, 31)), assessment(),
                                                     on=dt.date(2019, 2, 28)).findings]


# ------------------------------------------------------------- duration (9.1.2)


@pytest.mark.parametrize("kind,months,end", [
    (None, None, dt.date(2020, 3, 3)),
    ("one_year", None, dt.date(2020, 3, 3)),
    ("one_time", None, dt.date(2019, 3, 4)),
    ("one_month", None, dt.date(2019, 4, 3)),
    ("months", 3, dt.date(2019, 6, 3)),
    ("until_year_end", None, dt.date(2019, 12, 31)),
])
def test_9_1_2_duration_kinds(kind, months, end):
    d = assess(application(), assessment(duration_kind=kind, months=months))
    assert d.duration.kind == (kind or "one_year") and d.duration.start == dt.date(2019, 3, 4) and d.duration.end == end


def test_9_1_2_duration_starts_on_given_start():
    d = assess(application(), assessment(start=dt.date(2019, 4, 1)))
    assert (d.duration.start, d.duration.end) == (dt.date(2019, 4, 1), dt.date(2020, 3, 31))


def test_9_1_2_months_without_count_is_pending():
    d = assess(application(), assessment(duration_kind="months"))
    assert d.duration is None and [f.field for f in pending_findings(d)] == ["assessment.months"]


def test_9_1_2_duration_cut_at_opinion_validity():
    opinion = Opinion(kind="assistance_need", issued_on=dt.date(2018, 1, 1), valid_until=dt.date(2019, 9, 30))
    d = assess(application(), assessment(opinion=opinion))
    assert d.duration.end == dt.date(2019, 9, 30)
    f = next(f for f in d.findings if f.rule == "MK942 9.1.2")
    assert "17.3" in f.message_lv and f.field == "assessment.opinion.valid_until"


def test_1_decision_before_mk_316_was_adopted_runs_its_year():
    """A grant decided on 2020-11-16 applies MK 942 as it stood then: nothing knew of MK 316 (adopted 18.05.2021)."""
    d = assess(application(dt.date(2020, 11, 2)), assessment(), on=dt.date(2020, 11, 16))
    assert d.duration.end == dt.date(2021, 11, 15)
    assert not any("316" in f.message_lv or "316" in f.message_en for f in d.findings)
    d = assess(application(dt.date(2021, 3, 1)), assessment())
    assert d.duration.end == dt.date(2022, 2, 28) and not any("316" in f.message_lv for f in d.findings)


def test_1_decision_after_mk_316_was_adopted_runs_to_the_transition_end():
    d = assess(application(dt.date(2021, 5, 20)), assessment(), on=dt.date(2021, 6, 1))
    assert d.duration.end == dt.date(2021, 12, 31)
    f = next(f for f in d.findings if f.rule == "MK942 9.1.2")
    assert "ar MK 18.05.2021. noteikumiem Nr. 316" in f.message_lv and "2021. gada 31. decembrim" in f.message_lv
    assert "noteikumi Nr. 316 zaudē" not in f.message_lv


def test_9_1_2_start_after_opinion_end_is_an_error():
    opinion = Opinion(kind="assistance_need", issued_on=dt.date(2018, 1, 1), valid_until=dt.date(2019, 3, 31))
    d = assess(application(), assessment(opinion=opinion, start=dt.date(2019, 4, 15)))
    assert d.duration is None and any(f.rule == "MK942 9.1.2" and f.severity == "error" for f in d.findings)


# ------------------------------------------------------------- attachments (7)


def test_7_1_representative_authority_missing():
    rep = Person(given_name="Ilze", surname="Žagare", personal_code=make(dt.date(1950, 1, 5), 9))
    d = assess(application(representative=rep), assessment())
    assert [f.rule for f in d.findings if f.field == "attachments"] == ["MK942 7.1"]
    ok = assess(application(representative=rep, attachments=["7.1", "7.2", "7.4"]), assessment())
    assert not [f for f in ok.findings if f.field == "attachments"]


def test_7_2_opinion_missing_unless_in_information_system():
    d = assess(application(attachments=["7.4"]), assessment(opinion=None))
    assert [f.rule for f in d.findings if f.field == "attachments"] == ["MK942 7.2"]
    # review point 2: the opinion the assessment records (issued 01.06.2015) is not "missing" — the facts win
    d = assess(application(attachments=["7.4"]), assessment())
    assert not [f for f in d.findings if f.rule == "MK942 7.2"]
    in_is = assess(application(attachments=["7.4"]), assessment(opinion_in_information_system=True))
    assert not [f for f in in_is.findings if f.field == "attachments"]


@pytest.mark.parametrize("point,code", [(1, "7.4"), (2, "7.5"), (3, "7.5"), (4, "7.6"), (6, "7.3")])
def test_7_3_to_7_6_confirmation_by_activity(point, code):
    d = assess(application(activities=[Activity(annex1_point=point, hours_per_week=Decimal(2))], attachments=["7.2"]),
               assessment())
    f = next(f for f in d.findings if f.field == "attachments")
    assert f.rule == f"MK942 {code}" and f.severity == "warning" and f"MK 942 {code}. apakšpunkts" in f.message_lv
    assert d.outcome == "grant"  # a missing attachment warns; it does not refuse


@pytest.mark.parametrize("point", [5, 7])
def test_7_no_confirmation_for_points_5_and_7(point):
    d = assess(application(activities=[Activity(annex1_point=point, hours_per_week=Decimal(2))], attachments=["7.2"]),
               assessment())
    assert not [f for f in d.findings if f.field == "attachments"]


# ------------------------------------------------------------- outcome and record


def test_outcome_grant_partial_refuse():
    assert assess(application(), assessment()).outcome == "grant"
    # hours cut to the Annex 1 cap: the volume the service sets (9.1.1), still a grant
    assert assess(application(activities=[Activity(annex1_point=1, hours_per_week=Decimal(21))]), assessment()).outcome == "grant"
    # part of the request refused on a ground (9.2.4): partial
    assert assess(application(activities=[Activity(annex1_point=1, hours_per_week=Decimal(10)),
                                          Activity(annex1_point=7, hours_per_week=Decimal(2), outside_latvia=True)]),
                  assessment()).outcome == "partial"
    assert assess(application(), assessment(disability_group="III")).outcome == "refuse"


def test_activities_reason_only_when_hours_differ():
    d = assess(application(activities=[Activity(annex1_point=1, hours_per_week=Decimal(25)),
                                       Activity(annex1_point=5, hours_per_week=Decimal(5))]), assessment())
    assert d.activities[0].reason and d.activities[1].reason is None
    assert [(a.requested, a.granted) for a in d.activities] == [(25, 20), (5, 5)]


_RULE = re.compile(r"^(MK942 (\d+(\.\d+)*|\d+\.¹|1\. pielikums)|Invaliditātes likums 12\(1\)3\.¹)$")


@pytest.mark.parametrize("over", [{}, {"can_move_without_assistant": None}, {"opinion": None},
                                  {"residence_status": "prison"}, {"increase_reason": "liels attālums"}])
def test_findings_cite_their_point(over):
    app = application(activities=[Activity(annex1_point=1, hours_per_week=Decimal(25)),
                                  Activity(annex1_point=7, hours_per_week=Decimal(8), outside_latvia=True)],
                      attachments=[], representative=None)
    d = assess(app, assessment(**over))
    assert d.findings
    for f in d.findings:
        assert _RULE.match(f.rule), f.rule
        assert f.message_lv.endswith(").") and f.message_en.endswith(").")
        assert ("MK 942" in f.message_lv) or ("Invaliditātes likuma" in f.message_lv)


def test_decision_round_trips_as_json():
    d = assess(application(activities=[Activity(annex1_point=1, hours_per_week=Decimal("25.5"))]), assessment())
    again = load(Decision, dumps(d))
    assert again == d and again.hours_per_week == Decimal(20)


def test_sample_adult_work_25h_grants_20():
    d = assess(sample("adult_work_25h.json"), sample("adult_eligible.json"))
    assert d.hours_per_week == 20 and d.outcome == "grant" and d.grounds == []
    assert any(f.rule == "MK942 1. pielikums" and "1. pielikum" in f.message_lv for f in d.findings)
    assert not pending_findings(d)


def test_sample_adult_moves_alone_refused_9_2_3():
    d = assess(sample("adult_work_25h.json"), sample("adult_moves_alone.json"))
    assert d.outcome == "refuse" and d.grounds == ["9.2.3"]


def test_sample_child_and_visual_cases():
    child = assess(sample("child_school.json"), sample("child_assessment.json"))
    assert child.outcome == "grant" and child.hours_per_week == 17 and child.duration.end == dt.date(2020, 6, 19)
    visual = assess(sample("visual_student.json"), sample("visual_assessment.json"))
    assert visual.hours_per_week == 30 and visual.duration.end == dt.date(2020, 12, 31)
