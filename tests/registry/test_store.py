"""The register on SQLite and PostgreSQL: schema, cases, contracts, timesheets and the queries the rules need."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

import registry
from registry import models
from alembic.script import ScriptDirectory

from registry.migrate import config, current, downgrade
from regulation.records import Decision, load

SHA_A, SHA_B, SHA_C = "a" * 64, "b" * 64, "c" * 64
HEAD = ScriptDirectory.from_config(config()).get_current_head()


def test_migrations_up_from_empty_match_the_models(db_url):
    reg = registry.open(db_url, migrate=False)
    try:
        assert current(reg.engine) is None
        assert "applications" not in inspect(reg.engine).get_table_names()
        reg.migrate()
        assert current(reg.engine) == HEAD
        with reg.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                    models.Base.metadata)
        assert diff == []
        reg.migrate()  # a second upgrade is a no-op
        assert current(reg.engine) == HEAD
        downgrade(reg.engine, "base")  # and every revision goes down again
        assert current(reg.engine) is None and "applications" not in inspect(reg.engine).get_table_names()
    finally:
        reg.close()


def _copied_at_0001(source: str, target, tables: tuple[str, ...]) -> None:
    """Rows written by today's code (in `source`, at head) copied into a register still at revision 0001, in
    the columns that revision has: today's code writes tables 0001 did not have."""
    from sqlalchemy import MetaData, create_engine, insert, select

    old = MetaData()
    old.reflect(target.engine, only=list(tables))
    new = MetaData()
    src = create_engine(source)
    new.reflect(src, only=list(tables))
    with src.connect() as a, target.engine.begin() as b:
        for name in tables:
            cols = [c.name for c in old.tables[name].columns]
            rows = [dict(r._mapping) for r in a.execute(select(*[new.tables[name].c[c] for c in cols]))]
            if rows:
                b.execute(insert(old.tables[name]), rows)
    src.dispose()


def test_0002_upgrades_a_register_holding_data(db_url, build, tmp_path):
    today = f"sqlite:///{tmp_path / 'today.db'}"
    with registry.open(today) as scratch:
        scratch.add_timesheet(build.timesheet("2019-03", 1, days=[("2019-03-04", 3)]), SHA_A)
        scratch.add_timesheet(build.timesheet("2019-03", 1, days=[("2019-03-04", 5)]), SHA_B)
    reg = registry.open(db_url, migrate=False)
    try:
        reg.migrate("0001")
        _copied_at_0001(today, reg, ("people", "assistants", "timesheets", "timesheet_entries"))
        reg.migrate("0002")
        assert current(reg.engine) == "0002"
        assert [reg.timesheet(i).state for i in (1, 2)] == ["accepted", "conflict"]
        index = {ix["name"] for ix in inspect(reg.engine).get_indexes("timesheets")}
        assert "uq_timesheets_one_accepted" in index
    finally:
        reg.close()


def test_sqlite_is_wal_with_foreign_keys(tmp_path):
    with registry.open(f"sqlite:///{tmp_path / 'r.db'}") as reg, reg.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_default_url_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ASISTENTS_DB_URL", f"sqlite:///{tmp_path / 'env.db'}")
    with registry.open() as reg:
        assert reg.url.endswith("env.db")
    assert (tmp_path / "env.db").exists()


def test_foreign_keys_are_enforced(reg):
    with pytest.raises(Exception), reg.transaction() as tx:
        tx.session.execute(text("INSERT INTO assessments (application_id, record, created_at) "
                                "VALUES (999, '{}', CURRENT_TIMESTAMP)"))


def test_identical_source_hash_is_one_application(reg, build):
    app = build.application(1)
    first = reg.add_application(app, SHA_A)
    assert reg.add_application(app, SHA_A) == first
    assert reg.add_application(build.application(1, received="2019-04-01"), SHA_B) != first
    assert reg.counts()["applications"] == 2
    assert reg.case_by_source(SHA_A) == first
    second = reg.case_by_source(SHA_B)
    assert reg.case_ids() == [first, second]
    assert reg.case_ids(received_from=dt.date(2019, 4, 1)) == [second]
    assert reg.case_ids(received_to=dt.date(2019, 3, 1)) == [first]


def test_case_holds_what_was_decided_and_generated(reg, build):
    code = build.code(1)
    case_id = reg.add_application(build.application(1, representative=2), SHA_A, case_number="2019/17")
    decision = load(Decision, {
        "outcome": "grant", "decided_on": "2019-03-20", "hours_per_week": 10,
        "activities": [{"annex1_point": 1, "requested": 10, "granted": 10}],
        "duration": {"kind": "until_year_end", "start": "2019-04-01", "end": "2019-12-31"}, "grounds": [],
        "findings": [{"rule": "MK942 9", "severity": "info", "message_lv": "x", "message_en": "x"}],
        "deadlines": {"decide_by": "2019-04-01", "notify_by": "2019-03-30"}, "rules_version": "MK942 2016-01-01 redakcija"})
    reg.add_decision(case_id, decision)
    reg.add_contract(build.contract("L-1", 1, start="2019-04-01"), case_id)
    doc = reg.add_document(case_id, "decision_grant", "out/lemums.docx", "t" * 64, "i" * 64, decision.rules_version)
    case = reg.case(case_id)
    assert case.case_number == "2019/17"
    assert case.application.representative is not None
    assert case.decisions == [decision]
    assert [c.number for c in case.contracts] == ["L-1"]
    assert [(d.id, d.kind, d.template_sha256, d.rules_version) for d in case.documents] == [
        (doc, "decision_grant", "t" * 64, "MK942 2016-01-01 redakcija")]
    second = reg.add_application(build.application(1, received="2020-01-10"), SHA_B)
    assert [c.id for c in reg.history(code)] == [case_id, second]
    with pytest.raises(registry.RegistryError):
        reg.add_decision(9999, decision)


def test_contract_same_number_different_content_is_refused(reg, build):
    first = reg.add_contract(build.contract("L-1", 1))
    assert reg.add_contract(build.contract("L-1", 1)) == first
    with pytest.raises(registry.RegistryError):
        reg.add_contract(build.contract("L-1", 1, hours=30))
    assert reg.replace_contract(build.contract("L-1", 1, hours=30)) == first
    assert reg.contract("L-1").hours_per_week == Decimal("30")


def test_14_contracts_in_force_on_boundary_days(reg, build):
    reg.add_contract(build.contract("L-1", 1, start="2019-03-01", end="2019-05-31"))
    reg.add_contract(build.contract("L-2", 2, build.assistant("Rita Liepa"), start="2019-06-01", end="2019-06-30"))
    code = build.code(1)
    assert reg.contract_in_force(code, dt.date(2019, 2, 28)) is None
    assert reg.contract_in_force(code, dt.date(2019, 3, 1)).number == "L-1"
    assert reg.contract_in_force(code, dt.date(2019, 5, 31)).number == "L-1"
    assert reg.contract_in_force(code, dt.date(2019, 6, 1)) is None
    assert reg.contract_in_force(code, dt.date(2019, 4, 1), assistant=registry.assistant_key("Ilze", "Ozola")).number == "L-1"
    assert reg.contract_in_force(code, dt.date(2019, 4, 1), assistant=registry.assistant_key("Rita", "Liepa")) is None
    assert [c.number for c in reg.contracts_in_force(dt.date(2019, 5, 31))] == ["L-1"]
    assert [c.number for c in reg.contracts_in_force(dt.date(2019, 6, 1))] == ["L-2"]
    assert reg.contracts_in_force(dt.date(2019, 7, 1)) == []


def test_18_suspension_is_stored_on_the_contract(reg, build):
    from regulation.records import Suspension

    reg.add_contract(build.contract("L-1", 1))
    reg.add_suspension("L-1", Suspension(start=dt.date(2019, 5, 2), end=dt.date(2019, 5, 20), reason="hospital"))
    assert reg.contract_in_force(build.code(1), dt.date(2019, 5, 10)).suspensions[0].reason == "hospital"


def test_20_same_person_month_different_file_is_flagged_not_merged(reg, build):
    ts = build.timesheet("2019-03", 1, days=[("2019-03-04", 3)])
    first, flags = reg.add_timesheet(ts, SHA_A)
    assert flags == []
    again, flags = reg.add_timesheet(ts, SHA_A)  # the same file again: the same entry
    assert again == first and [f.severity for f in flags] == ["info"]
    other = build.timesheet("2019-03", 1, days=[("2019-03-04", 3), ("2019-03-05", 4)])
    second, flags = reg.add_timesheet(other, SHA_B)
    assert second != first
    assert [(f.rule, f.severity) for f in flags] == [("MK942 20", "warning")]
    assert reg.timesheet(second).state == "conflict" and reg.timesheet(second).conflicts_with == first
    # not merged: only the accepted sheet counts
    assert reg.used_hours_by_month(build.code(1), ["2019-03"]) == {"2019-03": Decimal("3.00")}
    assert reg.other_timesheets(registry.assistant_key("Ilze", "Ozola"), "2019-03") == [ts]
    reg.resolve_timesheet(second, accept=True)
    assert reg.timesheet(first).state == "rejected"
    assert reg.used_hours_by_month(build.code(1), ["2019-03"]) == {"2019-03": Decimal("7.00")}


def test_20_a_sheet_corrected_to_another_month_or_person_moves_there(reg, build):
    """A review correcting a sheet's month or recipient: the stored sheet is counted where the record now
    says, and meeting an accepted sheet there makes it the conflicting one (not a second accepted one)."""
    misread = build.timesheet("2019-08", 1, days=[("2019-08-05", 3)])  # "03" read as "08"
    ts_id, _ = reg.add_timesheet(misread, SHA_A)
    with reg.transaction() as tx:
        tx.replace_timesheet_record(ts_id, build.timesheet("2019-03", 1, days=[("2019-03-05", 3)]))
    assert reg.used_hours_by_month(build.code(1), ["2019-03", "2019-08"]) == {"2019-03": Decimal("3.00"),
                                                                    "2019-08": Decimal("0.00")}
    with reg.reading() as tx:
        assert [t.id for t in tx.timesheets("2019-03")] == [ts_id] and list(tx.timesheets("2019-08")) == []
    theirs, _ = reg.add_timesheet(build.timesheet("2019-03", 2, days=[("2019-03-06", 4)]), SHA_B)
    with reg.transaction() as tx:  # recipient 2's own sheet is accepted; ours is corrected to be theirs too
        tx.replace_timesheet_record(ts_id, build.timesheet("2019-03", 2, days=[("2019-03-05", 3)]))
    assert reg.timesheet(ts_id).state == "conflict" and reg.timesheet(ts_id).conflicts_with == theirs
    assert reg.used_hours_by_month(build.code(1), ["2019-03"]) == {"2019-03": Decimal("0.00")}


def test_3_assistant_hours_by_iso_week_across_recipients(reg, build):
    ilze = build.assistant("Ilze Ozola")
    # ISO week 18 of 2019 runs from Monday 29 April to Sunday 5 May: it crosses the month boundary.
    reg.add_timesheet(build.timesheet("2019-04", 1, ilze, [("2019-04-29", 8), ("2019-04-30", "7.5")]), SHA_A)
    reg.add_timesheet(build.timesheet("2019-05", 2, ilze, [("2019-05-02", 6), ("2019-05-06", 2)]), SHA_B)
    reg.add_timesheet(build.timesheet("2019-05", 3, build.assistant("Rita Liepa"), [("2019-05-02", 9)]), SHA_C)
    hours = reg.assistant_hours_by_week(registry.assistant_key("Ilze", "Ozola"), [(2019, 17), (2019, 18), (2019, 19)])
    assert hours == {(2019, 17): Decimal("0.00"), (2019, 18): Decimal("21.50"), (2019, 19): Decimal("2.00")}
    # the assistant record works as well as the key; `excluding` leaves one file out
    from regulation.records import Assistant

    assert reg.assistant_hours_by_week(Assistant(given_name="ILZE", surname="ozola"), [(2019, 18)],
                                       excluding=SHA_B) == {(2019, 18): Decimal("15.50")}
    others = reg.other_timesheets(registry.assistant_key("Ilze", "Ozola"), "2019-05", excluding=SHA_A)
    assert [o.recipient.personal_code for o in others] == [build.code(2)]


def test_assistant_known_by_name_then_by_code_is_one_assistant(reg, build):
    by_name = build.assistant("Ilze Ozola")
    by_code = build.assistant("Ilze Ozola", code_n=1)
    reg.add_timesheet(build.timesheet("2019-04", 1, by_name, [("2019-04-01", 4)]), SHA_A)
    reg.add_timesheet(build.timesheet("2019-04", 2, by_code, [("2019-04-02", 5)]), SHA_B)
    week = [(2019, 14)]
    key = registry.assistant_key(**{k: by_code[k] for k in ("given_name", "surname", "personal_code")})
    assert reg.assistant_hours_by_week(key, week) == {(2019, 14): Decimal("9.00")}
    assert reg.assistant_hours_by_week(registry.assistant_key("Ilze", "Ozola"), week) == {(2019, 14): Decimal("9.00")}
    with reg.reading() as tx:
        assert tx.session.query(models.AssistantRow).count() == 1


def test_11_1_used_hours_of_the_three_previous_months(reg, build):
    reg.add_timesheet(build.timesheet("2020-01", 1, days=[("2020-01-06", 10), ("2020-01-07", "2.25")]), SHA_A)
    reg.add_timesheet(build.timesheet("2020-03", 1, days=[("2020-03-02", 5)]), SHA_B)
    reg.add_timesheet(build.timesheet("2020-03", 1, build.assistant("Rita Liepa"), [("2020-03-03", 4)]), SHA_C)
    reg.add_timesheet(build.timesheet("2020-03", 2, days=[("2020-03-04", 7)]), "d" * 64)  # someone else
    assert reg.previous_months_used(build.code(1), "2020-04") == [Decimal("12.25"), Decimal("0.00"), Decimal("9.00")]
    assert reg.used_hours_by_month(build.code(1), ["2020-01", "2020-04"]) == {
        "2020-01": Decimal("12.25"), "2020-04": Decimal("0.00")}


def test_16_assistant_changes_in_a_year(reg, build):
    a, b, c = build.assistant("Ilze Ozola"), build.assistant("Rita Liepa"), build.assistant("Juris Kalns")
    reg.add_contract(build.contract("L-1", 1, a, start="2018-06-01", end="2019-02-28"))
    reg.add_contract(build.contract("L-2", 1, b, start="2019-03-01", end="2019-05-31"))
    reg.add_contract(build.contract("L-3", 1, b, start="2019-06-01", end="2019-08-31"))  # same assistant: no change
    reg.add_contract(build.contract("L-4", 1, c, start="2019-09-01", end="2019-12-31"))
    reg.add_contract(build.contract("L-5", 1, a, start="2020-01-01", end="2020-12-31"))
    reg.add_contract(build.contract("L-9", 2, c, start="2019-01-01", end="2019-12-31"))  # another person
    changes = reg.assistant_changes_in_year(build.code(1), 2019)
    assert [(ch.contract_number, ch.previous_contract_number, ch.assistant.surname) for ch in changes] == [
        ("L-2", "L-1", "Liepa"), ("L-4", "L-3", "Kalns")]
    assert [ch.on for ch in reg.assistant_changes_in_year(build.code(1), 2020)] == [dt.date(2020, 1, 1)]
    assert reg.assistant_changes_in_year(build.code(2), 2019) == []


def test_timesheet_context_gives_check_timesheet_its_inputs(reg, build):
    reg.add_contract(build.contract("L-1", 1, start="2019-01-01", end="2019-12-31"))
    april = build.timesheet("2019-04", 1, days=[("2019-04-29", 8)])
    may = build.timesheet("2019-05", 1, days=[("2019-05-02", 8)])
    june = build.timesheet("2019-06", 1, days=[("2019-06-03", 8)])
    for sha, ts in ((SHA_A, april), (SHA_B, may), (SHA_C, june)):
        reg.add_timesheet(ts, sha)
    contract, others = reg.timesheet_context(may, SHA_B)
    assert contract.number == "L-1"
    assert others == [april]  # the previous month, never a later one


def test_administration_costs_are_stored_per_month(reg):
    reg.set_administration(2019, 3, Decimal("12.345"))
    reg.set_administration(2019, 3, Decimal("15"))
    assert reg.administration(2019, [1, 2, 3]) == {3: Decimal("15.00")}
    with pytest.raises(registry.RegistryError):
        reg.set_administration(2019, 4, Decimal("-1"))


def test_no_repr_shows_a_personal_code(reg, build):
    reg.add_application(build.application(1), SHA_A)
    with reg.reading() as tx:
        person = tx.session.query(models.Person).one()
        assert build.code(1) not in repr(person)


def test_recipient_code_is_found_however_it_is_typed(reg, build):
    reg.add_contract(build.contract("L-1", 1))
    code = build.code(1)
    assert reg.contract_in_force(code.replace("-", ""), dt.date(2019, 5, 1)).number == "L-1"
    assert reg.contract_in_force(f" {code} ", dt.date(2019, 5, 1)).number == "L-1"


def test_database_errors_do_not_carry_personal_codes(reg, build):
    app = build.application(1)
    reg.add_application(app, SHA_A)
    with pytest.raises(registry.RegistryError) as caught, reg.transaction() as tx:
        tx.session.add(models.Person(personal_code=app.applicant.personal_code, given_name="A", surname="B"))
        tx.session.flush()
    assert "personal_code" in str(caught.value)  # names the constraint …
    assert app.applicant.personal_code not in str(caught.value)  # … never the value
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_sqlite_reader_does_not_block_a_writer(tmp_path):
    """A long report (reading) must not hold the write lock the inbox needs (reading() begins DEFERRED)."""
    url = f"sqlite:///{tmp_path / 'r.db'}"
    with registry.open(url) as report, registry.open(url) as inbox:
        with report.reading() as tx:
            assert tx.journal_counts()["received"] == 0
            assert inbox.journal_claim("e" * 64, "a.pdf", 1).created  # would wait for the lock otherwise
            assert tx.journal_get("e" * 64) is None  # the reader keeps its snapshot
        assert report.journal_get("e" * 64).state == "received"


def test_20_store_timesheet_tells_the_state_it_stored_without_reading_back(reg, build):
    ts = build.timesheet("2019-03", 1, days=[("2019-03-04", 3), ("2019-03-05", "2.5")])
    first = reg.store_timesheet(ts, SHA_A)
    assert (first.state, first.conflicts_with, first.flags) == ("accepted", None, [])
    other = reg.store_timesheet(build.timesheet("2019-03", 1, days=[("2019-03-06", 4)]), SHA_B)
    assert (other.state, other.conflicts_with) == ("conflict", first.id)
    assert [f.severity for f in other.flags] == ["warning"]
    again = reg.store_timesheet(ts, SHA_A)  # the same file after a crash: what was stored, as it was
    assert (again.id, again.state, again.conflicts_with) == (first.id, "accepted", None)
    for stored in (first, other):
        read = reg.timesheet(stored.id)
        assert (read.state, read.conflicts_with) == (stored.state, stored.conflicts_with)
    assert reg.timesheet(first.id).timesheet == ts  # the record as JSON equals the one stored
    # every line went in (one multi-row insert), with its ISO week for the weekly sums
    assert reg.assistant_hours_by_week(registry.assistant_key("Ilze", "Ozola"), [(2019, 10)]) == {
        (2019, 10): Decimal("5.50")}


def test_person_details_are_updated_only_when_given(reg, build):
    from regulation.records import Application, load

    data = {"received_on": "2019-03-01", "applicant": {**build.person(5), "phone": "+371 20000000"},
            "activities": [{"annex1_point": 1, "hours_per_week": 10}]}
    reg.add_application(load(Application, data), SHA_A)
    later = {**data, "applicant": {**build.person(5), "address": "Rīga, Brīvības iela 1"}}  # no phone this time
    reg.add_application(load(Application, later), SHA_B)
    with reg.reading() as tx:
        row = tx.session.execute(text("SELECT phone, address FROM people")).one()
    assert tuple(row) == ("+371 20000000", "Rīga, Brīvības iela 1")
