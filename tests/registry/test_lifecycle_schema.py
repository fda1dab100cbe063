"""Revision 0003 on a register that holds data, on SQLite and PostgreSQL: cases with a proposal become
`proposal`, the others `received`; the audit log is append-only; down to 0002 and up again."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import text

import registry
from registry.migrate import current, downgrade


def _seed_0002(reg) -> None:
    """Two cases the 0002 schema holds: one with a decision, one without (SQL, as the rows were then)."""
    now = dt.datetime(2019, 3, 1, tzinfo=dt.timezone.utc)
    with reg.engine.begin() as conn:
        conn.execute(text("INSERT INTO people (id, personal_code, given_name, surname) "
                          "VALUES (1, '120480-10012', 'Anna', 'Kalniņa')"))
        for i, sha in ((1, "a" * 64), (2, "b" * 64)):
            conn.execute(text("INSERT INTO applications (id, person_id, received_on, source_sha256, record, created_at) "
                              "VALUES (:i, 1, :d, :sha, '{}', :now)"), dict(i=i, d=dt.date(2019, 3, 1), sha=sha, now=now))
        conn.execute(text("INSERT INTO decisions (application_id, outcome, decided_on, hours_per_week, grounds, "
                          "findings, rules_version, record, created_at) VALUES (1, 'grant', :d, 20, '[]', '[]', "
                          "'MK942', '{}', :now)"), dict(d=dt.date(2019, 3, 1), now=now))


def test_0003_upgrades_a_register_holding_data_and_goes_down_again(db_url):
    reg = registry.open(db_url, migrate=False)
    try:
        reg.migrate("0002")
        _seed_0002(reg)
        reg.migrate("0003")
        assert current(reg.engine) == "0003"
        assert [reg.case_state(1), reg.case_state(2)] == ["proposal", "received"]
        with reg.transaction() as tx:
            tx.audit("klerks", "test", "case", 1, 1, {"a": 1}, {"a": 2})
        with reg.engine.begin() as conn:
            conn.execute(text("INSERT INTO decisions (application_id, outcome, decided_on, hours_per_week, grounds, "
                              "findings, rules_version, record, created_at) VALUES (2, 'pending', :d, 0, '[]', '[]', "
                              "'MK942', '{}', :d)"), dict(d=dt.date(2019, 3, 2)))
        downgrade(reg.engine, "0002")
        assert current(reg.engine) == "0002"
        with reg.engine.connect() as conn:  # the cases stay; the pending proposal, unknown to 0002, does not
            assert conn.execute(text("SELECT count(*) FROM applications")).scalar() == 2
            assert conn.execute(text("SELECT outcome FROM decisions")).scalars().all() == ["grant"]
        reg.migrate()
        assert reg.case_state(1) == "proposal"
    finally:
        reg.close()
