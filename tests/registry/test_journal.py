"""The inbox journal (insert-or-get by content hash, states, reconciliation) and the register under concurrent
writers: real processes on a SQLite file and on PostgreSQL."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import registry

ROOT = Path(__file__).resolve().parents[2]


def sha(i: int) -> str:
    return hashlib.sha256(str(i).encode()).hexdigest()


def test_claim_inserts_once_then_returns_the_existing_state(reg):
    first = reg.journal_claim(sha(1), "iesniegums.pdf", 1234)
    assert first.created and first.state == "received" and first.attempts == 0
    reg.journal_set(sha(1), "processing")
    again = reg.journal_claim(sha(1), "kopija.pdf", 1234)
    assert not again.created
    assert (again.state, again.name, again.attempts) == ("processing", "iesniegums.pdf", 1)


def test_states_pending_and_counts(reg, build):
    case_id = reg.add_application(build.application(1), sha(100))
    for i in range(4):
        reg.journal_claim(sha(i), f"f{i}.pdf", i)
    reg.journal_set(sha(0), "processing")
    reg.journal_set(sha(0), "processed", case_id=case_id)
    reg.journal_set(sha(1), "processing")  # crashed here
    reg.journal_set(sha(2), "quarantined", reason="bojāts PDF / broken PDF")
    done = reg.journal_get(sha(0))
    assert (done.state, done.case_id, done.attempts) == ("processed", case_id, 1)
    assert reg.journal_get(sha(2)).reason == "bojāts PDF / broken PDF"
    assert [e.sha256 for e in reg.journal_pending()] == [sha(1), sha(3)]
    counts = reg.journal_counts()
    assert counts["processed"] == 1 and counts["processing"] == 1 and counts["received"] == 1
    assert counts["quarantined"] == 1 and counts["failed"] == 0
    with pytest.raises(registry.RegistryError):
        reg.journal_set(sha(0), "lost")
    with pytest.raises(registry.RegistryError):
        reg.journal_set(sha(99), "processed")


def test_case_and_journal_commit_together_or_not_at_all(reg, build):
    reg.journal_claim(sha(1), "a.pdf", 1)
    with pytest.raises(RuntimeError), reg.transaction() as tx:
        case_id = tx.add_application(build.application(1), sha(1))
        tx.journal_set(sha(1), "processed", case_id=case_id)
        raise RuntimeError("crash before commit")
    assert reg.journal_get(sha(1)).state == "received"
    assert reg.counts()["applications"] == 0


# Each child gets ready (imports, opens), says so with a file, and starts when the parent creates the go file.
READY_GO = textwrap.dedent("""
    import pathlib, time
    def ready_then_wait(folder, name):
        folder = pathlib.Path(folder)
        (folder / f"ready-{name}").touch()
        while not (folder / "go").exists():
            time.sleep(0.0005)
""")

CHILD = READY_GO + textwrap.dedent("""
    import hashlib, json, sys
    import registry
    url, folder, n, me = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    reg = registry.open(url)
    ready_then_wait(folder, me)
    created = []
    for i in range(n):
        entry = reg.journal_claim(hashlib.sha256(str(i).encode()).hexdigest(), f"p{i}.pdf", i)
        if entry.created:
            created.append(i)
    print(json.dumps(created))
""")


def start_together(script: str, db_url: str, folder: Path, *args: str) -> list[subprocess.Popen]:
    procs = [subprocess.Popen([sys.executable, "-c", script, db_url, str(folder), *args, str(i)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    deadline = time.monotonic() + 120
    while len(list(folder.glob("ready-*"))) < 2:
        assert time.monotonic() < deadline and all(p.poll() is None for p in procs), "a child did not get ready"
        time.sleep(0.01)
    (folder / "go").touch()
    return procs


@pytest.mark.slow
def test_claim_is_atomic_under_two_processes(db_url, tmp_path):
    registry.open(db_url).close()  # schema in place before the race
    n = 60
    procs = start_together(CHILD, db_url, tmp_path, str(n))
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    created = sorted(results[0] + results[1])
    assert created == list(range(n))  # every file registered by exactly one of the two
    with registry.open(db_url) as reg:
        assert sum(reg.journal_counts().values()) == n


OPENER = READY_GO + textwrap.dedent("""
    import sys
    import registry
    url, folder, me = sys.argv[1], sys.argv[2], sys.argv[3]
    ready_then_wait(folder, me)
    with registry.open(url) as reg:
        print(reg.journal_claim("f" * 64, "a.pdf", 1).created)
""")


@pytest.mark.slow
def test_two_processes_open_and_migrate_a_fresh_database_at_once(db_url, tmp_path):
    procs = start_together(OPENER, db_url, tmp_path)
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        outs.append(out.strip())
    assert sorted(outs) == ["False", "True"]


TIMESHEET = READY_GO + textwrap.dedent("""
    import datetime as dt, sys
    import registry
    from regulation.personal_code import make
    from regulation.records import Timesheet, load
    url, folder, me = sys.argv[1], sys.argv[2], sys.argv[3]
    ts = load(Timesheet, {"month": "2019-03", "entries": [{"date": "2019-03-04", "start": "08:00", "end": "11:00",
        "hours": 3 + int(me), "annex1_point": 1}], "assistant": {"given_name": "Ilze", "surname": "Ozola"},
        "recipient": {"given_name": "Anna", "surname": "Kalniņa", "personal_code": make(dt.date(1970, 1, 1), 101)}})
    reg = registry.open(url)
    ready_then_wait(folder, me)
    ts_id, flags = reg.add_timesheet(ts, me * 64)
    print(reg.timesheet(ts_id).state)
""")


@pytest.mark.slow
def test_20_two_files_for_one_month_at_once_one_is_accepted(db_url, tmp_path):
    """Two different files for the same person, assistant and month stored at the same moment: one is accepted,
    the other flagged as a conflict — never both counted."""
    registry.open(db_url).close()
    procs = start_together(TIMESHEET, db_url, tmp_path)
    states = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        states.append(out.strip())
    assert sorted(states) == ["accepted", "conflict"]


def test_claim_can_start_a_new_entry_as_processing(reg):
    new = reg.journal_claim(sha(7), "a.pdf", 10, state="processing")
    assert new.created and (new.state, new.attempts) == ("processing", 1)
    again = reg.journal_claim(sha(7), "b.pdf", 10, state="processing")  # seen before: returned as it is
    assert not again.created and (again.state, again.attempts, again.name) == ("processing", 1, "a.pdf")
    assert reg.journal_set(sha(7), "processing").attempts == 2
    with pytest.raises(registry.RegistryError):
        reg.journal_claim(sha(8), "c.pdf", 10, state="processed")
