"""Every step the regulation forbids is refused — with a Latvian and an English message and the point — and
leaves the register as it was; on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

import casework as cw
from regulation.records import Application, Assessment, Assistant, load

A1 = Assistant(given_name="Ilze", surname="Ozola")


def _case(reg, h, n: int, until: str, assessment: dict | None = None) -> int:
    """A case taken (through casework) as far as `until`: received | proposal | adopted | notified | in_service."""
    from intake.register import register_application

    with reg.transaction() as tx:
        case_id = register_application(tx, load(Application, h.application(n)), f"{n:064d}", None).case_id
    if until == "received":
        return case_id
    cw.assess(reg, case_id, load(Assessment, assessment or h.assessment()), by="klerks")
    if until == "proposal":
        return case_id
    cw.adopt(reg, case_id, by="vadītāja", on=dt.date(2019, 3, 20))
    if until == "adopted":
        return case_id
    cw.notify(reg, case_id, by="klerks", how="post", on=dt.date(2019, 3, 22))
    if until == "notified":
        return case_id
    cw.register_contract(reg, case_id, by="klerks", assistant=A1, start=dt.date(2019, 4, 1))
    return case_id


def _refused(call, point: str):
    with pytest.raises(cw.CaseworkError) as e:
        call()
    err = e.value
    assert err.forbidden and err.point == point, (err.point, str(err))
    assert err.message_lv != err.message_en and err.message_lv and err.message_en
    return err


def _unchanged(reg, case_id: int, call, point: str) -> cw.CaseworkError:
    before = cw.case_show(reg, case_id)
    err = _refused(call, point)
    after = cw.case_show(reg, case_id)
    assert (after.summary, after.timeline, after.contracts, len(after.audit)) == \
        (before.summary, before.timeline, before.contracts, len(before.audit))
    return err


def test_8_3_adopting_a_pending_proposal_is_refused(reg, h):
    case_id = _case(reg, h, 601, "received")
    assert cw.case_show(reg, case_id).summary.state == "awaiting_assessment"
    err = _unchanged(reg, case_id, lambda: cw.adopt(reg, case_id, by="vadītāja"), "8.3")
    assert "izvērtējum" in err.message_lv and "assessment" in err.message_en


def test_8_3_an_incomplete_assessment_keeps_it_pending(reg, h):
    case_id = _case(reg, h, 602, "received")
    step = cw.assess(reg, case_id, load(Assessment, {"disability_group": "II"}), by="klerks")
    assert step.details["outcome"] == "pending" and step.state == "awaiting_assessment"
    _refused(lambda: cw.adopt(reg, case_id, by="vadītāja"), "8.3")


def test_9_1_1_a_contract_above_the_decisions_hours_is_refused(reg, h):
    case_id = _case(reg, h, 603, "notified")
    err = _unchanged(reg, case_id, lambda: cw.register_contract(
        reg, case_id, by="klerks", assistant=A1, activities={1: Decimal(25)}), "9.1.1")
    assert "25" in err.message_lv and "20" in err.message_en


def test_9_1_2_a_contract_outside_the_decisions_term_is_refused(reg, h):
    case_id = _case(reg, h, 604, "notified")
    _unchanged(reg, case_id, lambda: cw.register_contract(
        reg, case_id, by="klerks", assistant=A1, start=dt.date(2019, 4, 1), end=dt.date(2020, 12, 31)), "9.1.2")


def test_16_a_third_change_of_assistant_in_a_year_is_refused(reg, h):
    case_id = _case(reg, h, 605, "in_service")
    for i, (name, day) in enumerate((("Jānis Bērziņš", 6), ("Anna Liepa", 13))):
        given, surname = name.split()
        cw.change_assistant(reg, case_id, by="klerks", assistant=Assistant(given_name=given, surname=surname),
                            on=dt.date(2019, 5, day), reason="pamatots iesniegums")
    err = _unchanged(reg, case_id, lambda: cw.change_assistant(
        reg, case_id, by="klerks", assistant=Assistant(given_name="Zane", surname="Kalna"), on=dt.date(2019, 6, 3)),
        "16")
    assert "2 reizes" in err.message_lv and "2 times" in err.message_en
    # a new calendar year allows a change again
    cw.change_assistant(reg, case_id, by="klerks", assistant=Assistant(given_name="Zane", surname="Kalna"),
                        on=dt.date(2020, 1, 6))


def test_10_notifying_before_adoption_is_refused(reg, h):
    case_id = _case(reg, h, 606, "proposal")
    _unchanged(reg, case_id, lambda: cw.notify(reg, case_id, by="klerks", how="post"), "10")


def test_14_a_contract_before_notification_or_after_a_refusal_is_refused(reg, h):
    case_id = _case(reg, h, 607, "adopted")
    _unchanged(reg, case_id, lambda: cw.register_contract(reg, case_id, by="klerks", assistant=A1), "14")
    refused_case = _case(reg, h, 608, "adopted", {**h.assessment(), "can_move_without_assistant": True})
    _unchanged(reg, refused_case, lambda: cw.register_contract(reg, refused_case, by="klerks", assistant=A1), "14")


def test_18_suspending_without_a_running_service_and_resuming_without_a_suspension_are_refused(reg, h):
    case_id = _case(reg, h, 609, "notified")
    _unchanged(reg, case_id, lambda: cw.suspend(reg, case_id, by="klerks", reason="hospital",
                                                start=dt.date(2019, 5, 6)), "18")
    running = _case(reg, h, 610, "in_service")
    _unchanged(reg, running, lambda: cw.resume(reg, running, by="klerks", on=dt.date(2019, 5, 20)), "18")


def test_17_terminating_a_case_not_in_service_is_refused(reg, h):
    case_id = _case(reg, h, 611, "proposal")
    _unchanged(reg, case_id, lambda: cw.terminate(reg, case_id, by="klerks", ground="17.1",
                                                  on=dt.date(2019, 6, 30)), "17")


def test_11_a_contract_above_40_hours_a_week_is_refused_by_the_regulation():
    from casework.service import check_contract
    from regulation.records import Contract

    c = load(Contract, {"number": "X-1", "recipient": {"given_name": "A", "surname": "B",
                                                        "personal_code": "120480-10012"},
                        "assistant": {"given_name": "C", "surname": "D"}, "start": "2019-04-01", "end": "2019-12-31",
                        "hours_per_week": 45, "activities": [{"annex1_point": 1, "hours_per_week": 45}]})
    errors, warnings = check_contract(c, None)
    assert [e.point for e in errors] == ["11"] and [w.point for w in warnings] == ["11.3"]
    assert "40" in errors[0].message_lv and "40" in errors[0].message_en


def test_audit_log_is_append_only(reg, h):
    from sqlalchemy import text

    case_id = _case(reg, h, 612, "received")
    assert cw.audit_log(reg, case=case_id)
    for sql in ("UPDATE audit SET actor = 'x'", "DELETE FROM audit"):
        with pytest.raises(Exception), reg.transaction() as tx:
            tx.session.execute(text(sql))
    assert all(a.by == "iesūtne" for a in cw.audit_log(reg, case=case_id))


def test_a_logged_view_goes_to_the_audit_log_and_a_missing_case_is_refused(reg, h):
    case_id = _case(reg, h, 613, "received")
    view = cw.case_show(reg, case_id, viewed_by="revidents")
    assert view.audit[-1].action == "view" and view.audit[-1].by == "revidents"
    with pytest.raises(cw.CaseworkError) as e:
        cw.case_show(reg, 999, viewed_by="revidents")
    assert "999" in e.value.message_lv and not e.value.forbidden
    assert [a.action for a in cw.audit_log(reg, user="revidents")] == ["view"]


def test_3_one_assistant_is_engaged_at_most_40_hours_a_week_across_recipients(reg, h):
    """Two recipients' contracts of 20 h with one assistant reach the 40 h of point 3 exactly; a third
    recipient's contract with the same assistant over the same time is refused and leaves the case as it was,
    by contract and by a change of assistant (16) alike; with another assistant it is registered."""
    first, second = _case(reg, h, 611, "in_service"), _case(reg, h, 612, "in_service")
    assert [c.hours_per_week for k in (first, second) for c in cw.case_show(reg, k).contracts] == [20, 20]
    third = _case(reg, h, 613, "notified")
    err = _unchanged(reg, third, lambda: cw.register_contract(reg, third, by="klerks", assistant=A1,
                                                              start=dt.date(2019, 5, 1)), "3")
    assert "60" in err.message_lv and "40" in err.message_lv
    rita = Assistant(given_name="Rita", surname="Liepa")
    cw.register_contract(reg, third, by="klerks", assistant=rita, start=dt.date(2019, 5, 1))
    _unchanged(reg, third, lambda: cw.change_assistant(reg, third, by="klerks", assistant=A1,
                                                       on=dt.date(2019, 6, 1)), "3")
