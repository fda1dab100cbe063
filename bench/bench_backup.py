"""Time `registry.backup` against the bare tools doing the copy alone, in the same run.

    .venv/bin/python bench/bench_backup.py [--rows 200000] [--db URL]

- backup: `registry.backup.backup` (online backup into memory in the counting read transaction, integrity
  check and counts of the exact image, unnamed file, fsync, read back, link) against the bare
  `sqlite3.Connection.backup` into a file; for `--db postgresql+psycopg://…` (an empty database of its own)
  against a bare `pg_dump --format=custom --file`;
- restore: `registry.backup.restore` against the bare online backup from the backup file into a new file
  (PostgreSQL: a bare `pg_restore --single-transaction` into a second empty database is not made here: the
  restore figure is printed alone).
The register: `--rows` inbox-journal rows as the intake writes them (one in ten with a reason).
"""
from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

import registry
from registry import backup, models as m


def fill(url: str, rows: int) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    with registry.open(url) as reg, reg.engine.begin() as conn:
        for start in range(0, rows, 5000):
            conn.execute(insert(m.JournalRow), [
                {"sha256": f"{i:064x}", "name": f"iesniegumi/2019-03/skenets-{i:06d}.pdf", "size": 180_000 + i,
                 "received_at": now, "state": "processed" if i % 10 else "needs_review",
                 "reason": None if i % 10 else "nav nolasāms lauks 'personas kods' (2. lapa); pārbaudiet oriģinālu",
                 "attempts": 1, "updated_at": now} for i in range(start, min(rows, start + 5000))])


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bare_sqlite_backup(source: Path, target: Path) -> None:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--db", help="an empty PostgreSQL database of its own (default: a SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        work = Path(tmp)
        url = args.db or f"sqlite:///{work / 'src.db'}"
        fill(url, args.rows)
        ours = timed(lambda: backup.backup(url, work / "ours.bak"))
        size = (work / "ours.bak").stat().st_size
        if args.db:
            from registry.pg_backup import libpq, pg_tool

            uri, env = libpq(backup.database_url(url))
            bare = timed(lambda: subprocess.run([pg_tool("pg_dump"), "--format=custom", "--file",
                                                 str(work / "bare.bak"), "--dbname", uri], env=env, check=True))
        else:
            bare = timed(lambda: bare_sqlite_backup(work / "src.db", work / "bare.bak"))
        print(f"backup of {args.rows} rows ({size / 1e6:.1f} MB): {ours:.2f} s; bare "
              f"{'pg_dump' if args.db else 'sqlite3 backup API'} {bare:.2f} s; ratio {ours / bare:.2f}")
        if not args.db:
            ours_r = timed(lambda: backup.restore(work / "ours.bak", f"sqlite:///{work / 'restored.db'}"))
            bare_r = timed(lambda: bare_sqlite_backup(work / "ours.bak", work / "bare-restored.db"))
            print(f"restore: {ours_r:.2f} s; bare sqlite3 backup API {bare_r:.2f} s; ratio {ours_r / bare_r:.2f}")


if __name__ == "__main__":
    main()
