"""Time the case register against the bare libraries doing the same work, in the same run.

    .venv/bin/python bench/bench_registry.py [--n 300] [--db URL]

- journal_claim (insert-or-get, its own transaction each) against bare sqlite3 `INSERT OR IGNORE` + commit per
  file on a WAL file with the same synchronous setting (SQLite only);
- add_timesheet (people/assistant look-ups, conflict check, entries) against bare SQLAlchemy Core inserts of the
  same timesheet and entry rows, both in one transaction;
- annex2.compute for one month (each timesheet streamed and checked) against bare
  `regulation.timesheet.check_timesheet` on the same records held in memory — the register's overhead is the
  ratio; the peak memory of compute (tracemalloc) is printed for n and 2n sheets to show it does not grow
  with the number of timesheets.
Default database: a SQLite file in a temporary directory; `--db postgresql+psycopg://…` for PostgreSQL.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sqlite3
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

import registry
from registry import annex2
from registry import models as m
from regulation.personal_code import make
from regulation.records import Contract, Timesheet, load
from regulation.timesheet import check_timesheet


def person(i: int) -> dict:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=i % 20000)
    return {"given_name": "Līga", "surname": f"Bērziņa{i}", "personal_code": make(birth, 100 + i // 20000)}


def records(n: int, offset: int = 0, month: int = 3) -> tuple[list[Contract], list[Timesheet]]:
    contracts, sheets = [], []
    days = [d for d in (dt.date(2019, month, k) for k in range(1, 29)) if d.weekday() < 5][:12]
    for i in range(offset, offset + n):
        assistant = {"given_name": "Ilze", "surname": f"Ozola{i // 2}"}  # every assistant serves two persons
        contracts.append(load(Contract, {"number": f"L-{i}", "recipient": person(i), "assistant": assistant,
                                         "start": "2019-01-01", "end": "2019-12-31", "hours_per_week": 10,
                                         "activities": [{"annex1_point": 1, "hours_per_week": 10}]}))
        entries = [{"date": d.isoformat(), "start": "09:00", "end": "11:00", "hours": 2, "annex1_point": 1,
                    "transport_eur": "0.80"} for d in days]
        sheets.append(load(Timesheet, {"month": f"2019-{month:02d}", "recipient": person(i), "assistant": assistant,
                                       "entries": entries, "signed_by_assistant": True, "signed_by_recipient": True}))
    return contracts, sheets


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def bench_journal(url: str, folder: Path, n: int) -> None:
    if not url.startswith("sqlite"):
        return
    with registry.open(url) as reg:
        t = time.perf_counter()
        for i in range(n):
            reg.journal_claim(sha(f"j{i}"), f"f{i}.pdf", i)
        ours = time.perf_counter() - t
    bare = sqlite3.connect(folder / "bare.db", isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("CREATE TABLE j (sha256 TEXT PRIMARY KEY, name TEXT, size INT, state TEXT)")
    t = time.perf_counter()
    for i in range(n):
        bare.execute("BEGIN IMMEDIATE")
        bare.execute("INSERT OR IGNORE INTO j VALUES (?, ?, ?, 'received')", (sha(f"j{i}"), f"f{i}.pdf", i))
        bare.execute("SELECT * FROM j WHERE sha256 = ?", (sha(f"j{i}"),)).fetchone()
        bare.execute("COMMIT")
    base = time.perf_counter() - t
    bare.close()
    print(f"journal_claim: {ours / n * 1e3:.2f} ms/file; bare sqlite3 {base / n * 1e3:.2f} ms/file; "
          f"ratio {ours / base:.1f}x")


def bench_add(url: str, n: int) -> None:
    contracts, sheets = records(n, offset=100_000, month=5)  # people and a month of their own
    with registry.open(url) as reg:
        with reg.transaction() as tx:
            for c in contracts:
                tx.add_contract(c)
        t = time.perf_counter()
        with reg.transaction() as tx:
            for i, ts in enumerate(sheets):
                tx.add_timesheet(ts, sha(f"t{i}"))
        ours = time.perf_counter() - t
        # bare: the same rows through SQLAlchemy Core, ids already known
        t = time.perf_counter()
        with reg.engine.begin() as conn:
            for i, ts in enumerate(sheets):
                tid = conn.execute(insert(m.TimesheetRow).values(
                    month=ts.first_day, recipient_id=1, assistant_id=1, provider_id=None, source_sha256=sha(f"b{i}"),
                    state="rejected", conflicts_with_id=None, hours=Decimal(24), transport_eur=Decimal("9.60"),
                    signed_by_assistant=True, signed_by_recipient=True, record={},
                    created_at=dt.datetime.now(dt.timezone.utc)).returning(m.TimesheetRow.id)).scalar_one()
                conn.execute(insert(m.TimesheetEntryRow), [dict(
                    timesheet_id=tid, date=e.date, start=e.start, end=e.end, hours=e.hours,
                    annex1_point=e.annex1_point, place=None, outside_latvia=False, transport_eur=e.transport_eur,
                    iso_year=e.date.isocalendar()[0], iso_week=e.date.isocalendar()[1]) for e in ts.entries])
        base = time.perf_counter() - t
    print(f"add_timesheet: {ours / n * 1e3:.2f} ms/sheet; bare Core inserts {base / n * 1e3:.2f} ms/sheet; "
          f"ratio {ours / base:.1f}x")


def bench_annex2(url: str, n: int) -> None:
    contracts, sheets = records(n)
    with registry.open(url) as reg:
        with reg.transaction() as tx:
            for i, (c, ts) in enumerate(zip(contracts, sheets)):
                tx.add_contract(c)
                tx.add_timesheet(ts, sha(f"a{i}"))
        t = time.perf_counter()
        report = annex2.compute(reg, 2019, 3, "Parauga novada")
        ours = time.perf_counter() - t
        tracemalloc.start()  # apart from the timing: tracing slows Python down several times
        annex2.compute(reg, 2019, 3, "Parauga novada")
        peak_n = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        more_c, more_s = records(n, offset=n)
        with reg.transaction() as tx:
            for i, (c, ts) in enumerate(zip(more_c, more_s)):
                tx.add_contract(c)
                tx.add_timesheet(ts, sha(f"a{n + i}"))
        tracemalloc.start()
        annex2.compute(reg, 2019, 3, "Parauga novada")
        peak_2n = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    by_assistant: dict[str, list[Timesheet]] = {}
    for ts in sheets:
        by_assistant.setdefault(ts.assistant.surname, []).append(ts)
    t = time.perf_counter()
    for c, ts in zip(contracts, sheets):
        check_timesheet(ts, c, [o for o in by_assistant[ts.assistant.surname] if o is not ts])
    base = time.perf_counter() - t
    assert report.month_values.recipients == n
    print(f"annex2.compute: {ours / n * 1e3:.2f} ms/sheet ({n} sheets, {ours:.2f} s); bare check_timesheet "
          f"{base / n * 1e3:.2f} ms/sheet; ratio {ours / base:.1f}x")
    print(f"annex2.compute peak memory: {peak_n / 1e6:.1f} MB for {n} sheets, {peak_2n / 1e6:.1f} MB for {2 * n}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--db", help="a database URL for an empty database (default: SQLite files in a temp dir)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        url = args.db or f"sqlite:///{folder / 'journal.db'}"
        bench_journal(url, folder, args.n)
        bench_add(args.db or f"sqlite:///{folder / 'add.db'}", args.n)
        bench_annex2(args.db or f"sqlite:///{folder / 'annex2.db'}", args.n)


if __name__ == "__main__":
    main()
