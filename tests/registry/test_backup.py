"""`asistents backup` / `asistents restore` on a real SQLite file and a real PostgreSQL server, killed with
SIGKILL on the way: the old backup stays as it was, nothing partial is left at the target name."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from sqlalchemy import insert

import registry
from registry import models as m

ROOT = Path(__file__).resolve().parents[2]
_names = itertools.count()


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "asistents.cli", *args]


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if k not in ("ASISTENTS_DB_URL", "ASISTENTS_CONFIG")}
    e["PYTHONPATH"] = str(ROOT)
    return e


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(cli(*args), capture_output=True, text=True, env=env(), cwd=ROOT, timeout=300)


def new_pg_database(pg_server) -> str:
    """A database of its own (a backup is of a whole database; a restore needs one with no tables)."""
    import psycopg

    name = f"b{os.getpid()}_{next(_names)}"
    with psycopg.connect(f"host=127.0.0.1 port={pg_server.port} user=test dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return pg_server.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def new_url(backend, tmp_path, request):
    """Makes URLs of new, empty registers of the backend under test."""
    def make() -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path / f'r{next(_names)}' / 'asistents.db'}"
        return new_pg_database(request.getfixturevalue("pg_server"))
    return make


def fill(url: str, rows: int) -> dict[str, int]:
    """A register with `rows` journal entries (big enough that a backup takes a while to write)."""
    now = dt.datetime.now(dt.timezone.utc)
    with registry.open(url) as reg:
        with reg.engine.begin() as conn:
            for start in range(0, rows, 5000):
                conn.execute(insert(m.JournalRow), [
                    {"sha256": f"{i:064x}", "name": f"fails-{i}.pdf", "size": i, "received_at": now,
                     "state": "failed", "reason": "x" * 300, "attempts": 1, "updated_at": now}
                    for i in range(start, min(rows, start + 5000))])
        return reg.counts()


def temporaries(target: Path) -> list[Path]:
    return sorted(target.parent.glob(f".{target.name}.*"))


def wait_for(condition, timeout: float = 60, step: float = 0.002) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out")
        time.sleep(step)


def test_backup_and_restore_round_trip_with_the_commands(backend, new_url, tmp_path):
    source = new_url()
    counts = fill(source, 300)
    target = tmp_path / "kopija.bak"
    p = run("backup", "--db", source, "-o", str(target), "--json")
    assert p.returncode == 0, p.stderr
    done = json.loads(p.stdout)
    assert done["counts"]["journal"] == counts["journal"] == 300
    assert done["revision"] and done["backend"] == backend
    assert (target.stat().st_mode & 0o777) == 0o600
    assert temporaries(target) == []

    restored_url = new_url()
    p = run("restore", str(target), "--db", restored_url, "--json")
    assert p.returncode == 0, p.stderr
    back = json.loads(p.stdout)
    assert back["counts"] == done["counts"]
    assert back["journal_sha256"] == done["journal_sha256"]
    with registry.open(restored_url) as reg:
        assert reg.counts() == counts
        assert reg.journal_get(f"{7:064x}").name == "fails-7.pdf"


def test_restore_never_goes_over_a_register_in_use(backend, new_url, tmp_path):
    source = new_url()
    fill(source, 10)
    live = new_url()
    fill(live, 3)
    target = tmp_path / "kopija.bak"
    assert run("backup", "--db", source, "-o", str(target)).returncode == 0
    p = run("restore", str(target), "--db", live)
    assert p.returncode == 2
    assert "new, empty" in p.stderr
    with registry.open(live) as reg:
        assert reg.counts()["journal"] == 3


def test_a_backup_of_the_other_kind_or_not_a_backup_is_refused(tmp_path):
    junk = tmp_path / "junk.bak"
    junk.write_bytes(b"%PDF-1.7 not a backup")
    p = run("restore", str(junk), "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert p.returncode == 2 and "not an asistents backup" in p.stderr
    assert not (tmp_path / "new.db").exists()
    fake = tmp_path / "pg.bak"
    fake.write_bytes(b"PGDMP" + bytes(100))
    p = run("restore", str(fake), "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert p.returncode == 2 and "postgresql backup restores into a postgresql database only" in p.stderr
    assert not (tmp_path / "new.db").exists()


def test_a_damaged_sqlite_backup_fails_the_integrity_check_and_restores_nothing(tmp_path):
    source = f"sqlite:///{tmp_path / 'src.db'}"
    fill(source, 2000)
    target = tmp_path / "kopija.db"
    assert run("backup", "--db", source, "-o", str(target)).returncode == 0
    data = bytearray(target.read_bytes())
    page = 4096
    data[page * 5: page * 5 + 200] = bytes(range(200))  # a b-tree page overwritten in the middle
    target.write_bytes(bytes(data))
    p = run("restore", str(target), "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert p.returncode == 2, p.stderr
    assert "integrity" in p.stderr or "not a readable SQLite" in p.stderr
    assert not (tmp_path / "new.db").exists()


def _fds(pid: int) -> list[str]:
    out = []
    for fd in Path(f"/proc/{pid}/fd").glob("*"):
        try:
            out.append(os.readlink(fd))
        except OSError:
            continue
    return out


def _kill_runs(args, probe: list[str], started, writing, after_kill, seed: int, runs: int = 6) -> int:
    """`asistents ARGS` (`args()` gives them) run `runs` times, each killed with SIGKILL at a random moment
    after `started(pid)` says it has begun (within 0.6 of the time a whole run of `asistents PROBE`, the same work
    into another target, takes from that point), and once more as soon as `writing(pid)` sees its output
    being written. `after_kill(killed)` checks what is left each time and says whether the run had not
    finished its work (the old state is there): a kill can also come after the output got its name, while
    the process is exiting. Returns how many kills came before the end."""
    def begin(what: list[str]) -> subprocess.Popen:
        # stderr into a file, not a pipe: a pipe nobody reads could stall a run that says much
        said = tempfile.TemporaryFile()
        proc = subprocess.Popen(cli(*what), env=env(), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=said)
        proc.said = said  # type: ignore[attr-defined]
        wait_for(lambda: started(proc.pid) or proc.poll() is not None)
        return proc

    first = begin(probe)
    t0 = time.monotonic()
    assert first.wait(timeout=300) == 0
    took = time.monotonic() - t0
    rng = random.Random(seed)
    landed = while_writing = 0
    for n in range(runs + 1):
        proc = begin(args())
        if n < runs:
            time.sleep(rng.uniform(0, took * 0.6))  # the probe, run first, is the slowest
        else:  # and once as soon as the output is being written
            wait_for(lambda: writing(proc.pid) or proc.poll() is not None, step=0.0005)
        was_writing = False
        if proc.poll() is None:
            was_writing = bool(writing(proc.pid))
            proc.send_signal(signal.SIGKILL)
        code = proc.wait()
        err = _said(proc)
        assert code in (0, -signal.SIGKILL), err  # 0: it ended on its own just before the signal
        killed = code == -signal.SIGKILL
        if after_kill(killed):
            landed += 1
            while_writing += was_writing
    print(f"kill -9 of `asistents {probe[0]}`: {landed} of {runs + 1} before the end (a run takes {took:.2f} s "
          f"from its start), {while_writing} of them while the output was being written")
    assert while_writing >= 1, "no kill came while the output was being written"
    return landed


def _cmdline(pid: int) -> str:
    """The command line of `pid`, or "" once it has ended (it can end between finding and reading it)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _said(proc: subprocess.Popen) -> str:
    """What a run begun by `_kill_runs` wrote to stderr."""
    proc.said.seek(0)  # type: ignore[attr-defined]
    text = proc.said.read().decode("utf-8", "replace")  # type: ignore[attr-defined]
    proc.said.close()  # type: ignore[attr-defined]
    return text


def _writing_into(folder: Path):
    # an unnamed (O_TMPFILE) file in `folder` shows as "<folder>/#<inode> (deleted)"; a child tool counts too
    def check(pid: int) -> bool:
        pids = [pid, *_children(pid, "pg_dump")]
        return any(link.startswith(f"{folder}/") and "#" in link for p in pids for link in _fds(p))
    return check


def test_backup_killed_with_sigkill_leaves_the_old_backup_and_no_partial_file(backend, new_url, tmp_path):
    source = new_url()
    fill(source, 60_000)
    target = tmp_path / "backups" / "kopija.bak"
    assert run("backup", "--db", source, "-o", str(target)).returncode == 0
    old = target.read_bytes()
    with registry.open(source) as reg:  # the register moves on: a finished new backup would differ
        reg.journal_claim("f" * 64, "jauns.pdf", 1)
    db = source.removeprefix("sqlite:///")

    def started(pid: int) -> bool:
        return db in _fds(pid) if backend == "sqlite" else bool(_children(pid, "pg_dump"))

    def after_kill(killed: bool) -> bool:
        nonlocal old
        assert [p.name for p in target.parent.iterdir()] == ["kopija.bak"]  # nothing else, hidden or not
        now = target.read_bytes()
        if now == old:
            assert killed
            return True
        # the run got to the end first: a whole, checked backup replaced the old one
        assert _journal_rows_in(target, backend) == 60_001
        old = now
        return False

    landed = _kill_runs(lambda: ["backup", "--db", source, "-o", str(target)],
                        ["backup", "--db", source, "-o", str(tmp_path / "probe.bak")], started,
                        _writing_into(target.parent), after_kill, seed=814)
    assert landed >= 3, "most kills came after the backup had finished: they tested nothing"
    p = run("backup", "--db", source, "-o", str(target), "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["counts"]["journal"] == 60_001
    assert [p.name for p in target.parent.iterdir()] == ["kopija.bak"]
    assert _journal_rows_in(target, backend) == 60_001


def test_restore_killed_with_sigkill_leaves_no_register_behind(backend, new_url, tmp_path):
    source = new_url()
    fill(source, 60_000)
    backup_file = tmp_path / "kopija.bak"
    assert run("backup", "--db", source, "-o", str(backup_file)).returncode == 0
    target_url = new_url()
    target = Path(target_url.removeprefix("sqlite:///"))
    tools: list[int] = []

    def started(pid: int) -> bool:
        if backend == "sqlite":
            return str(backup_file) in _fds(pid)
        tools[:] = _children(pid, "pg_restore")
        return bool(tools)

    def writing(pid: int) -> bool:
        if backend == "sqlite":
            return _writing_into(target.parent)(pid)
        return any("--single-transaction" in _cmdline(t) for t in _children(pid, "pg_restore"))

    def after_kill(killed: bool) -> bool:
        nonlocal target_url, target
        if backend == "postgresql":
            # pg_restore dies with its parent (PDEATHSIG); its one transaction is rolled back by the server
            wait_for(lambda: not _children_named("pg_restore", target_url), timeout=30, step=0.05)
            # the server goes on with the session until it next reads from the dead client (an index being
            # built, a COMMIT already sent): judge what is left only once it has let go
            wait_for(lambda: _sessions(target_url) == 0, timeout=60, step=0.05)
            empty = _tables(target_url) == 0
        else:
            empty = not target.parent.exists() or list(target.parent.iterdir()) == []
        if empty:
            assert killed
            return True
        # the run got to the end first: the whole register is there; the next run needs a new, empty one
        if backend == "sqlite":
            assert [p.name for p in target.parent.iterdir()] == [target.name]
        with registry.open(target_url, migrate=False) as reg:
            assert reg.counts()["journal"] == 60_000
        target_url = new_url()
        target = Path(target_url.removeprefix("sqlite:///"))
        return False

    landed = _kill_runs(lambda: ["restore", str(backup_file), "--db", target_url],
                        ["restore", str(backup_file), "--db", new_url()], started, writing, after_kill, seed=377)
    assert landed >= 3, "most kills came after the restore had finished: they tested nothing"
    p = run("restore", str(backup_file), "--db", target_url, "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["counts"]["journal"] == 60_000


def _journal_rows_in(backup_file: Path, backend: str) -> int:
    if backend == "sqlite":
        from registry.backup import sqlite_check

        return sqlite_check(backup_file).counts["journal"]
    from registry.pg_backup import archive_counts

    return archive_counts(str(backup_file), env())["journal"]


def _children_named(name: str, url: str) -> list[int]:
    """Processes called `name` whose command line names the database of `url` (orphans included)."""
    database = url.rsplit("/", 1)[-1]
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if args and args[0].endswith(name.encode()) and any(a.endswith(f"/{database}".encode()) for a in args):
            found.append(int(cmdline.parent.name))
    return found


def _children(pid: int, name: str) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(pid) and fields.get("Name", "").strip() == name:
            found.append(int(status.parent.name))
    return found


def _sessions(url: str) -> int:
    """Other server sessions connected to the database of `url`."""
    import psycopg

    from registry.backup import database_url
    from registry.pg_backup import libpq as _libpq

    uri, _ = _libpq(database_url(url))
    with psycopg.connect(uri, autocommit=True) as c:
        return c.execute("SELECT count(*) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid()").fetchone()[0]


def _tables(url: str) -> int:
    import psycopg

    from registry.backup import database_url
    from registry.pg_backup import libpq as _libpq

    uri, _ = _libpq(database_url(url))
    with psycopg.connect(uri, autocommit=True) as c:
        return c.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')").fetchone()[0]


@pytest.mark.postgres
def test_a_register_in_a_schema_of_a_shared_database_is_refused(pg_server, tmp_path):
    url = pg_server.new_database()  # a schema of its own in the shared database "postgres"
    fill(url, 5)
    p = run("backup", "--db", url, "-o", str(tmp_path / "kopija.dump"))
    assert p.returncode == 2 and "database of its own" in p.stderr
    assert list(tmp_path.iterdir()) == []
