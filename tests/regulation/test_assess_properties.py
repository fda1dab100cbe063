"""Invariants of the decision proposal over generated applications (Hypothesis)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regulation import parameters
from regulation.assess import assess, pending_findings
from regulation.personal_code import make
from regulation.records import Activity, Application, Assessment, Opinion, Person

PARAMS = parameters.load()
CAPS = {1: 20, 2: 20, 3: 40, 4: 20, 5: 20, 6: 20, 7: 2}

hours = st.decimals(min_value=0, max_value=60, places=1, allow_nan=False, allow_infinity=False)
activity = st.builds(Activity, annex1_point=st.integers(1, 7), hours_per_week=hours,
                     institution_transport=st.booleans(), outside_latvia=st.booleans())
dates = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2021, 6, 30))


@st.composite
def cases(draw):
    received = draw(dates)
    birth = draw(st.dates(min_value=dt.date(1940, 1, 1), max_value=received - dt.timedelta(days=365 * 4)))
    app = Application(
        received_on=received,
        applicant=Person(given_name="Ģirts", surname="Ķēniņš", personal_code=make(birth, draw(st.integers(0, 999)))),
        activities=draw(st.lists(activity, min_size=1, max_size=6)),
        visual_benefit=draw(st.booleans()),
        attachments=draw(st.lists(st.sampled_from(["7.1", "7.2", "7.3", "7.4", "7.5", "7.6"]), unique=True)),
    )
    asm = Assessment(
        disability_group=draw(st.sampled_from(["I", "II", "III", None])),
        opinion=Opinion(kind=draw(st.sampled_from(["assistance_need", "special_care"])), issued_on=dt.date(2015, 1, 1)),
        residence_status=draw(st.sampled_from(["home", "home", "home", "hospital"])),
        can_move_without_assistant=draw(st.sampled_from([False, False, True, None])),
        cannot_move_with_assistant=draw(st.sampled_from([False, False, True, None])),
        activities_meet_annex1=draw(st.sampled_from([True, True, False, None])),
        increase_reason=draw(st.sampled_from([None, None, "liels attālums"])),
        technical_aids_reduction=draw(st.none() | st.dictionaries(st.integers(1, 7), hours, max_size=3)),
        rehabilitation_plan=draw(st.none() | st.lists(st.integers(1, 7), unique=True)),
        hours_used_previous_months=draw(st.none() | st.lists(hours, min_size=3, max_size=3)),
        institution_transport_help=draw(st.sampled_from([True, False, None])),
    )
    on = draw(st.none() | st.dates(min_value=received, max_value=min(received + dt.timedelta(days=60), dt.date(2021, 6, 30))))
    return app, asm, on


def _in_emergency(on: dt.date) -> bool:
    return any(p["start"] <= on <= p["end"] for p in PARAMS.series["emergency_periods"][0].value)


@settings(max_examples=400, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_invariants(case):
    app, asm, on = case
    d = assess(app, asm, on)
    limit = 30 if app.visual_benefit else 40
    # total ≤ 40 h/week (Invaliditātes likums 12(1)3; 11.3), ≤ 30 with the visual benefit (12(1)3.¹)
    assert d.hours_per_week <= limit
    assert d.hours_per_week == sum((a.granted for a in d.activities), Decimal(0))
    assert len(d.activities) == len(app.activities)
    for a, asked in zip(d.activities, app.activities):
        # granted ≤ requested: 11.3 lifts a point's cap, never above what was asked
        assert 0 <= a.granted <= a.requested == asked.hours_per_week
        if a.granted != a.requested:
            assert a.reason
        if asked.outside_latvia:
            assert a.granted == 0  # 9.2.4
    if asm.increase_reason is None:
        for point, cap in CAPS.items():
            got = sum((a.granted for a in d.activities if a.annex1_point == point), Decimal(0))
            emergency7 = point == 7 and _in_emergency(d.decided_on)
            assert got <= (10 if emergency7 else cap)
    if d.outcome == "refuse":
        assert d.hours_per_week == 0 and d.duration is None
    elif d.outcome == "pending":  # 8.3: waits for the assessment; no term, no grounds, never a refusal
        assert d.duration is None and not d.grounds and pending_findings(d)
    else:
        assert d.hours_per_week > 0
        if d.duration is not None:
            assert d.duration.start <= d.duration.end
            # point 1 of the review: only a decision made once MK 316 was adopted (18.05.2021) is cut by it
            if d.decided_on >= dt.date(2021, 5, 18):
                assert d.duration.end <= dt.date(2021, 12, 31)
    if d.outcome == "grant":  # nothing refused on a ground; hours may only be capped (9.1.1, 11, Annex 1)
        assert not d.grounds
    if d.outcome == "partial":
        assert d.grounds and any(a.granted < a.requested for a in d.activities)
    assert d.deadlines.notify_by == d.decided_on + dt.timedelta(days=10)
