"""The case's states and the steps the regulation allows in each (regulation.lifecycle), as pure functions."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from regulation import lifecycle as lc

GRANT_PATH = [("assess", "received"), ("adopt", "proposal"), ("notify", "adopted"), ("contract", "notified"),
              ("suspend", "in_service"), ("resume", "suspended"), ("change_assistant", "in_service"),
              ("terminate", "in_service"), ("close", "terminated")]


def test_9_to_17_the_whole_path_of_a_grant_is_allowed_and_ends_closed():
    state = "received"
    for step, expected in GRANT_PATH:
        assert state == expected
        assert lc.step_allowed(state, step, outcome="grant") is None
        state = lc.next_state(state, step, outcome="grant")
    assert state == "closed"


@pytest.mark.parametrize("state", lc.STATES)
@pytest.mark.parametrize("step", ["assess", "adopt", "notify", "contract", "suspend", "resume", "terminate",
                                  "change_assistant", "close"])
def test_every_step_outside_the_table_is_refused_in_both_languages(state, step):
    refusal = lc.step_allowed(state, step, outcome="grant")
    if (step, state) in lc.TRANSITIONS and not (step == "close" and state == "notified"):
        assert refusal is None
    else:
        assert refusal is not None and refusal.message_lv and refusal.message_en and refusal.point


def test_8_3_a_pending_proposal_cannot_be_adopted():
    assert lc.step_allowed("awaiting_assessment", "adopt").point == "8.3"
    assert lc.next_state("received", "assess", pending=True) == "awaiting_assessment"
    assert lc.next_state("awaiting_assessment", "assess", pending=False) == "proposal"


def test_10_a_refusal_closes_when_notified_and_never_gets_a_contract():
    assert lc.next_state("adopted", "notify", outcome="refuse") == "closed"
    assert lc.step_allowed("notified", "contract", outcome="refuse").point == "14"
    assert lc.step_allowed("notified", "close", outcome="grant").point == "14"


def test_12_a_closed_case_takes_no_further_step():
    assert all(lc.step_allowed("closed", step) is not None for step in lc.STEP_LV)


def test_16_twice_a_year():
    assert lc.assistant_change_allowed(0) is None and lc.assistant_change_allowed(1) is None
    assert lc.assistant_change_allowed(2).point == "16"


def test_18_suspend_only_while_the_service_runs():
    assert lc.step_allowed("in_service", "suspend") is None
    for state in ("notified", "suspended", "terminated"):
        assert lc.step_allowed(state, "suspend").point == "18"


def test_9_1_1_and_9_1_2_contract_within_the_decision():
    ok = lc.contract_within_decision(Decimal(20), {1: Decimal(20)}, dt.date(2019, 4, 1), dt.date(2019, 12, 31),
                                     dt.date(2019, 3, 4), dt.date(2020, 3, 3), Decimal(20), {1: Decimal(20)})
    assert ok == []
    other_point = lc.contract_within_decision(Decimal(20), {1: Decimal(20)}, dt.date(2019, 4, 1),
                                              dt.date(2019, 12, 31), dt.date(2019, 3, 4), dt.date(2020, 3, 3),
                                              Decimal(10), {4: Decimal(10)})
    assert [r.point for r in other_point] == ["9.1.1"]  # point 4 was not granted at all


def test_9_and_10_deadlines():
    assert lc.decide_by(dt.date(2019, 3, 4)) == dt.date(2019, 4, 4)
    assert lc.notify_by(dt.date(2019, 3, 20)) == dt.date(2019, 3, 30)
