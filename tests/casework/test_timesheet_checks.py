"""Stored timesheet checks (the worklist of timesheets with errors reads them) stay true: after every change
a check reads — a contract registered, another sheet of the same assistant, a sheet corrected — the worklist
says what checking every sheet afresh says. SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import text

import casework as cw
from regulation.personal_code import make
from regulation.records import Contract, Timesheet, load

ILZE = {"given_name": "Ilze", "surname": "Ozola"}


def _person(i: int) -> dict:
    return {"given_name": "Anna", "surname": f"Kalniņa{i}", "personal_code": make(dt.date(1980, 1, i), 100 + i)}


def _contract(i: int) -> Contract:
    return load(Contract, {"number": f"L-{i}", "recipient": _person(i), "assistant": ILZE, "start": "2019-01-01",
                           "end": "2019-12-31", "hours_per_week": 10,
                           "activities": [{"annex1_point": 1, "hours_per_week": 10}]})


def _sheet(i: int, start: str = "09:00", end: str = "11:00") -> Timesheet:
    days = [d for d in (dt.date(2019, 3, k) for k in range(1, 29)) if d.weekday() < 5][:8]
    return load(Timesheet, {"month": "2019-03", "recipient": _person(i), "assistant": ILZE,
                            "entries": [{"date": d.isoformat(), "start": start, "end": end, "hours": 2,
                                         "annex1_point": 1} for d in days],
                            "signed_by_assistant": True, "signed_by_recipient": True})


def _listed(reg) -> list[tuple[int, list[str]]]:
    _, items = cw.timesheet_errors(reg, "2019-03")
    return [(v.id, sorted(f.rule for f in v.errors)) for v in items]


def _afresh(reg) -> list[tuple[int, list[str]]]:
    with reg.transaction() as tx:
        tx.session.execute(text("DELETE FROM timesheet_checks"))
    return _listed(reg)


def _checked_at(reg) -> dict[int, object]:
    with reg.reading() as tx:
        return dict(tx.session.execute(text("SELECT timesheet_id, checked_at FROM timesheet_checks")).all())


def test_20_the_worklist_of_timesheets_with_errors_says_what_a_fresh_check_says(reg):
    first, _ = reg.add_timesheet(_sheet(1), "a" * 64)
    assert _listed(reg) == _afresh(reg) and [i for i, _ in _listed(reg)] == [first]  # no contract: an error
    kept = _checked_at(reg)
    assert _listed(reg) and _checked_at(reg) == kept  # read, not checked again

    reg.add_contract(_contract(1))  # the contract the sheet lacked
    assert _listed(reg) == _afresh(reg) == []

    reg.add_contract(_contract(2))
    second, _ = reg.add_timesheet(_sheet(2), "b" * 64)  # the same assistant at the same hours for another person
    both = _listed(reg)
    assert both == _afresh(reg) and {i for i, _ in both} == {first, second}

    with reg.transaction() as tx:  # the second sheet corrected: other hours, no overlap
        tx.replace_timesheet_record(second, _sheet(2, "13:00", "15:00"))
    assert _listed(reg) == _afresh(reg) == []


def test_20_a_check_stored_under_other_rules_is_made_again(reg):
    reg.add_timesheet(_sheet(3), "c" * 64)
    listed = _listed(reg)
    with reg.transaction() as tx:
        tx.session.execute(text("UPDATE timesheet_checks SET rules = 'an older release', outcome = :o"),
                           {"o": '{"contract": null, "hours_provided": "0", "hours_paid": "0", "findings": [], '
                                 '"payable": null, "provisional": false}'})
    assert _listed(reg) == listed
    with reg.reading() as tx:
        assert tx.session.execute(text("SELECT rules FROM timesheet_checks")).scalar_one() == cw.rules_digest()
