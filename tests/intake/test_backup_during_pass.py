"""A backup taken while `asistents inbox process` works through 200 files (a real process) restores into a
register whose counts and journal are the source's at the backup's moment, and which passes the checks."""
from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import registry

FILES = 200
_names = itertools.count()


def _cli(h, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "asistents.cli", *args], capture_output=True, text=True,
                          env=h.env(), cwd=h.ROOT, timeout=600)


def _inputs(h, filler, inbox: Path) -> None:
    for i in range(FILES):
        data = (filler.fill("application", h.corpus.application(3000 + i)) if i % 4 == 0
                else filler.fill("timesheet", h.corpus.timesheet(3000 + i)))
        p = inbox / f"f{i:04d}.pdf"
        p.write_bytes(data)
        h.age(p)


def _pg_database(pg_server) -> str:
    import psycopg

    name = f"p{os.getpid()}_{next(_names)}"
    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=test dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return pg_server.url(name)


def _journal(url: str) -> dict[str, tuple]:
    with registry.open(url) as reg, reg.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT sha256, state, case_id FROM journal").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_backup_during_a_200_file_pass_restores_the_register_at_that_moment(h, filler, intake_dir, tmp_path,
                                                                           backend, request):
    if backend == "sqlite":
        source, restored = f"sqlite:///{intake_dir / 'asistents.db'}", f"sqlite:///{tmp_path / 'atjaunots.db'}"
    else:
        server = request.getfixturevalue("pg_server")
        source, restored = _pg_database(server), _pg_database(server)
    _inputs(h, filler, intake_dir / "inbox")
    log = intake_dir / "intake.log.jsonl"
    logged = lambda: len(log.read_bytes().splitlines()) if log.exists() else 0  # noqa: E731
    proc = subprocess.Popen(h.inbox_cmd("process", intake_dir, "--db", source, "--json"), env=h.env(), cwd=h.ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        end = time.monotonic() + 600
        while logged() < 20 and proc.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        target = tmp_path / "kopija.bak"
        taken = _cli(h, "backup", "--db", source, "-o", str(target), "--json")
        still_running = proc.poll() is None
    finally:
        _, err = proc.communicate(timeout=1200)
    assert taken.returncode == 0, taken.stderr
    assert still_running, "the pass ended before the backup did: it was not taken during the pass"
    assert proc.returncode in (0, 1), err
    at_backup = json.loads(taken.stdout)

    back = _cli(h, "restore", str(target), "--db", restored, "--json")
    assert back.returncode == 0, back.stderr
    got = json.loads(back.stdout)
    assert got["counts"] == at_backup["counts"]
    assert got["journal_sha256"] == at_backup["journal_sha256"]
    assert got["revision"] == at_backup["revision"]
    if backend == "sqlite":
        con = sqlite3.connect(tmp_path / "atjaunots.db")
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        con.close()

    # The moment was inside the pass: some files were in, not all. What the restored register holds agrees with
    # the source: every file it had finished ended the same way there, each processed application has its case.
    final, then = _journal(source), _journal(restored)
    assert 0 < at_backup["counts"]["journal"] and len(then) < FILES == len(final), (len(then), len(final))
    assert set(then) <= set(final)
    done = {sha: v for sha, v in then.items() if v[0] not in ("received", "processing")}
    assert done and all(final[sha] == v for sha, v in done.items())
    with registry.open(restored) as reg:
        counts = reg.counts()
        cases = set(reg.case_ids())
    assert {v[1] for v in then.values() if v[1] is not None} <= cases
    assert counts["journal"] == len(then) == at_backup["counts"]["journal"]
    assert counts["applications"] == at_backup["counts"]["applications"] < FILES // 4
