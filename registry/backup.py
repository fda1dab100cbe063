"""Backing the register up and restoring it: a consistent copy of a live register, checked before it counts.

- SQLite: the online backup API (`sqlite3.Connection.backup`, one step, so one read snapshot — writers in WAL
  mode go on) inside the read transaction that also counts the rows; never a file copy, which can catch the
  database between a page write and its `-wal`.
- PostgreSQL: `pg_dump --format=custom` of the whole database on a snapshot exported by a REPEATABLE READ
  transaction that counts the rows on the same snapshot; `pg_restore --single-transaction` back.

Both write to a temporary name beside the target (`.<name>.<pid>.backup.tmp`, private mode), check it
(SQLite: `PRAGMA integrity_check`, the Alembic revision and the counts equal to the snapshot's; PostgreSQL:
`pg_restore --list` reads the whole archive), fsync it, and only then rename it to the target. A process killed
on the way leaves the old target as it was; its temporary file is removed by the next run for the same target.
A restore goes into a new, empty register only (a SQLite file that does not exist yet, a PostgreSQL database
with no tables) and is checked the same way before it is reported done.

The backup holds the register only (cases, decisions, contracts, timesheets, the inbox journal and the list of
generated documents with their SHA-256), not the document files in outbox/, archive/, review/, quarantine/:
`COVERS_LV` / `COVERS_EN` say so wherever a backup is reported.
"""
from __future__ import annotations

import ctypes
import glob
import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy.engine import URL, make_url

import privacy

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
COVERS_LV = ("kopijā ir reģistrs (lietas, lēmumi, līgumi, uzskaites lapas, iesūtnes žurnāls un izveidoto "
             "dokumentu saraksts ar SHA-256); dokumentu faili (outbox/, archive/, review/, quarantine/) tajā "
             "nav — tās mapes kopējiet atsevišķi")
COVERS_EN = ("the backup holds the register (cases, decisions, contracts, timesheets, the inbox journal and the "
             "list of generated documents with their SHA-256); the document files (outbox/, archive/, review/, "
             "quarantine/) are not in it — copy those folders separately")


class BackupError(ValueError):
    """A backup or restore refused or failed; said in Latvian and English. Nothing at the target was changed."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en


@dataclass(frozen=True)
class Summary:
    """What a register held at one moment: the Alembic revision, rows per table, a digest of the inbox journal."""

    revision: str | None
    counts: dict[str, int]
    journal_sha256: str


@dataclass(frozen=True)
class Done:
    """A finished backup or restore: where, which backend, how big, what it held, and how it was checked."""

    path: str  # the backup file, or the register restored into (password hidden)
    backend: str  # sqlite | postgresql
    bytes: int
    summary: Summary
    checked: str  # what was checked before it was called done

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "backend": self.backend, "bytes": self.bytes, "revision": self.summary.revision,
                "counts": self.summary.counts, "journal_sha256": self.summary.journal_sha256,
                "checked": self.checked, "covers_lv": COVERS_LV, "covers_en": COVERS_EN}


# ---------------------------------------------------------------- what a register holds


def summarize(cursor: Any, tables: list[str]) -> Summary:
    """Rows per table and the journal digest, read with a DB-API cursor (in the caller's transaction)."""
    counts = {}
    for name in sorted(tables):
        cursor.execute(f'SELECT count(*) FROM "{name}"')
        counts[name] = int(cursor.fetchone()[0])
    revision = None
    if "alembic_version" in tables:
        cursor.execute("SELECT version_num FROM alembic_version")
        row = cursor.fetchone()
        revision = row[0] if row else None
    digest = hashlib.sha256()
    if "journal" in tables:
        cursor.execute("SELECT sha256, name, size, state, case_id, reason, attempts FROM journal ORDER BY sha256")
        for row in cursor.fetchall():
            digest.update(repr(tuple(row)).encode("utf-8") + b"\n")
    return Summary(revision, counts, digest.hexdigest())


def _sqlite_tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [r[0] for r in cursor.fetchall()]


def _pg_tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT table_name FROM information_schema.tables "
                   "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
    return [r[0] for r in cursor.fetchall()]


def _known_revision(revision: str | None, where: str) -> None:
    """The Alembic revision must be one of this version's migrations (else the copy is not a register we know)."""
    from alembic.script import ScriptDirectory

    from registry.migrate import config

    script = ScriptDirectory.from_config(config())
    known = {r.revision for r in script.walk_revisions()}
    if revision not in known:
        raise BackupError(f"{where}: Alembic versija {revision!r} nav zināma (zināmās: {', '.join(sorted(known))})",
                          f"{where}: the Alembic revision {revision!r} is not a known one "
                          f"(known: {', '.join(sorted(known))})")


def sqlite_check(path: Path) -> Summary:
    """`PRAGMA integrity_check` and the summary of a SQLite file (read-only; raises BackupError unless "ok")."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        cur = con.cursor()
        try:
            result = [r[0] for r in cur.execute("PRAGMA integrity_check").fetchall()]
        except sqlite3.DatabaseError as e:
            raise BackupError(f"{path} nav lasāma SQLite datubāze ({e})", f"{path} is not a readable SQLite "
                              f"database ({e})") from None
        if result != ["ok"]:
            raise BackupError(f"{path}: integritātes pārbaude neizdevās: {'; '.join(result[:5])}",
                              f"{path}: the integrity check failed: {'; '.join(result[:5])}")
        cur.execute("BEGIN")
        summary = summarize(cur, _sqlite_tables(cur))
        cur.execute("COMMIT")
    finally:
        con.close()
    _known_revision(summary.revision, str(path))
    return summary


# ---------------------------------------------------------------- temporary names


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale(target: Path) -> None:
    """Temporary files of earlier runs for `target` whose process is gone (killed on the way)."""
    for name in glob.glob(str(target.with_name(f".{glob.escape(target.name)}.*.backup.tmp"))):
        m = re.search(r"\.(\d+)\.backup\.tmp$", name)
        if not m:
            continue
        try:
            os.kill(int(m.group(1)), 0)
        except ProcessLookupError:
            Path(name).unlink(missing_ok=True)
            for extra in ("-journal", "-wal", "-shm"):
                Path(name + extra).unlink(missing_ok=True)
        except PermissionError:
            pass  # alive, someone else's


@contextmanager
def _temporary(target: Path, modes: privacy.Modes) -> Iterator[Path]:
    """A private, empty temporary file beside `target`, removed unless the caller renamed it away."""
    privacy.makedirs(target.parent, modes)
    _remove_stale(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.backup.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        privacy.private_file(fd, modes)
    finally:
        os.close(fd)
    try:
        yield tmp
    finally:
        for p in (tmp, Path(f"{tmp}-journal")):
            p.unlink(missing_ok=True)


def _into_place(tmp: Path, target: Path, *, overwrite: bool) -> None:
    _fsync(tmp)
    if overwrite:
        os.replace(tmp, target)
    else:
        os.link(tmp, target)  # FileExistsError if something appeared there meanwhile: never replaced
        tmp.unlink()
    _fsync(target.parent)


# ---------------------------------------------------------------- URLs


def database_url(text: str) -> URL:
    url = make_url(text)
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise BackupError(f"neatbalstīta datubāze '{url.get_backend_name()}' (der sqlite:/// vai postgresql://)",
                          f"unsupported database '{url.get_backend_name()}' (use sqlite:/// or postgresql://)")
    return url


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("atmiņas datubāzei nav ko kopēt", "an in-memory database has nothing to back up")
    return Path(url.database).expanduser().resolve()


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URI for the client tools (no password in it: that goes in PGPASSWORD, not the process list)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    uri = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def pg_tool(name: str) -> str:
    """`pg_dump` / `pg_restore`: the Debian wrapper on PATH (postgresql-client), else the newest server's own."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)),
                                       None)
    if not found:
        raise BackupError(f"{name} nav atrasts: uzstādiet Debian pakotni postgresql-client (scripts/setup to dara)",
                          f"{name} not found: install the Debian package postgresql-client (scripts/setup does)")
    return found


def _die_with_parent() -> None:
    # the child tool is killed with us: a killed restore leaves no pg_restore finishing on its own
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _run(cmd: list[str], env: dict[str, str], what: str, **kw: Any) -> subprocess.CompletedProcess:
    p = subprocess.run(cmd, env=env, stderr=subprocess.PIPE, preexec_fn=_die_with_parent, **kw)
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip()[-1500:]
        raise BackupError(f"{what} neizdevās (izejas kods {p.returncode}): {err}",
                          f"{what} failed (exit {p.returncode}): {err}")
    return p


# ---------------------------------------------------------------- backup


def default_name(url_text: str, now: Any = None) -> str:
    import datetime as dt

    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = "db" if database_url(url_text).get_backend_name() == "sqlite" else "dump"
    return f"asistents-backup-{stamp}.{suffix}"


def backup(url_text: str, target: str | Path, modes: privacy.Modes | None = None) -> Done:
    """Back the register at `url_text` up into `target` (an existing backup there is replaced only when the new
    one is complete and checked)."""
    url = database_url(url_text)
    target = Path(target).expanduser().resolve()
    modes = privacy.load() if modes is None else modes
    if url.get_backend_name() == "sqlite":
        return _sqlite_backup(_sqlite_path(url), target, modes)
    return _pg_backup(url, target, modes)


def _sqlite_backup(source: Path, target: Path, modes: privacy.Modes) -> Done:
    if not source.is_file():
        raise BackupError(f"reģistrs {source} nav atrasts", f"the register {source} was not found")
    if target == source or target.name in (source.name + "-wal", source.name + "-shm") and \
            target.parent == source.parent:
        raise BackupError(f"kopiju nevar rakstīt pāri reģistram {source}",
                          f"a backup cannot be written over the register {source}")
    with _temporary(target, modes) as tmp:
        src = sqlite3.connect(source, timeout=30, isolation_level=None)
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.execute("PRAGMA busy_timeout=30000")
            cur = src.cursor()
            cur.execute("BEGIN")  # one read snapshot for the counts and the copy (WAL: writers go on)
            at_backup = summarize(cur, _sqlite_tables(cur))
            src.backup(dst)  # pages=-1: all pages in one step, on the snapshot of the open read transaction
            cur.execute("COMMIT")
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
            src.close()
        copied = sqlite_check(tmp)
        if copied != at_backup:
            raise BackupError(f"kopija {target} neatbilst reģistram kopēšanas brīdī",
                              f"the copy {target} does not match the register at the moment of the backup")
        size = tmp.stat().st_size
        _into_place(tmp, target, overwrite=True)
    return Done(str(target), "sqlite", size, copied,
                "PRAGMA integrity_check = ok; Alembic revision known; counts and journal equal the snapshot")


def _pg_backup(url: URL, target: Path, modes: privacy.Modes) -> Done:
    import psycopg

    uri, env = _libpq(url)
    tool = pg_tool("pg_dump")
    with _temporary(target, modes) as tmp, psycopg.connect(uri, password=env.get("PGPASSWORD"),
                                                           autocommit=True) as conn:
        with conn.cursor() as cur:
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            at_backup = summarize(cur, _pg_tables(cur))
            with open(tmp, "wb") as out:
                _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                      "--dbname", uri], env, "pg_dump", stdout=out)
            cur.execute("COMMIT")
        _known_revision(at_backup.revision, str(target))
        if archive_counts(tmp, env) != at_backup.counts:
            raise BackupError(f"kopija {target} neatbilst reģistram kopēšanas brīdī",
                              f"the dump {target} does not match the register at the moment of the backup")
        size = tmp.stat().st_size
        _into_place(tmp, target, overwrite=True)
    return Done(str(target), "postgresql", size, at_backup,
                "pg_dump on the counted snapshot; the archive read back whole, its rows per table equal the "
                "snapshot's; Alembic revision known")


def archive_counts(path: Path, env: dict[str, str]) -> dict[str, int]:
    """Rows per table in a pg_dump archive, read back whole with `pg_restore --data-only` (COPY text: one line
    per row, newlines in values escaped)."""
    proc = subprocess.Popen([pg_tool("pg_restore"), "--data-only", "--file=-", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
    counts: dict[str, int] = {}
    table = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if table is None:
            m = re.match(rb'COPY (?:"?[^".\s]+"?\.)?"?([^"\s(]+)"? .*FROM stdin;$', line.rstrip(b"\n"))
            if m:
                table = m.group(1).decode()
                counts[table] = 0
        elif line == b"\\.\n":
            table = None
        else:
            counts[table] += 1
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.wait() != 0:
        raise BackupError(f"pg_restore nevar nolasīt {path}: {err[-1500:]}", f"pg_restore cannot read {path}: "
                          f"{err[-1500:]}")
    return counts


# ---------------------------------------------------------------- restore


def kind_of(path: Path) -> str:
    with open(path, "rb") as f:
        head = f.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} nav asistents rezerves kopija (ne SQLite, ne pg_dump arhīvs)",
                      f"{path} is not an asistents backup (neither SQLite nor a pg_dump archive)")


def restore(source: str | Path, url_text: str, modes: privacy.Modes | None = None) -> Done:
    """Restore the backup `source` into the new, empty register at `url_text` (never over a register in use)."""
    source = Path(source).expanduser().resolve()
    if not source.is_file():
        raise BackupError(f"rezerves kopija {source} nav atrasta", f"the backup {source} was not found")
    url = database_url(url_text)
    kind = kind_of(source)
    if kind != url.get_backend_name():
        raise BackupError(f"{kind} kopiju var atjaunot tikai {kind} datubāzē, ne {url.get_backend_name()}",
                          f"a {kind} backup restores into a {kind} database only, not {url.get_backend_name()}")
    modes = privacy.load() if modes is None else modes
    if kind == "sqlite":
        return _sqlite_restore(source, _sqlite_path(url), modes)
    return _pg_restore(source, url)


def _sqlite_restore(source: Path, target: Path, modes: privacy.Modes) -> Done:
    in_backup = sqlite_check(source)
    taken = [p for p in (target, target.with_name(target.name + "-wal")) if p.exists()]
    if taken:
        raise BackupError(f"{taken[0]} jau ir: atjauno tikai jaunā, tukšā reģistrā (norādiet neesošu failu)",
                          f"{taken[0]} exists: a restore goes into a new, empty register only (name a new file)")
    with _temporary(target, modes) as tmp:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        restored = sqlite_check(tmp)
        if restored != in_backup:
            raise BackupError(f"atjaunotais reģistrs neatbilst kopijai {source}",
                              f"the restored register does not match the backup {source}")
        size = tmp.stat().st_size
        try:
            _into_place(tmp, target, overwrite=False)
        except FileExistsError:
            raise BackupError(f"{target} parādījās atjaunošanas laikā; nekas netika pārrakstīts",
                              f"{target} appeared during the restore; nothing was overwritten") from None
    return Done(str(target), "sqlite", size, restored,
                "PRAGMA integrity_check = ok; Alembic revision known; counts and journal equal the backup's")


def _pg_restore(source: Path, url: URL) -> Done:
    import psycopg

    uri, env = _libpq(url)
    shown = url.render_as_string(hide_password=True)
    with psycopg.connect(uri, password=env.get("PGPASSWORD"), autocommit=True) as conn:
        tables = conn.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN "
                              "('pg_catalog', 'information_schema')").fetchone()[0]
    if tables:
        raise BackupError(f"datubāzē {shown} jau ir {tables} tabulas: atjauno tikai jaunā, tukšā datubāzē",
                          f"the database {shown} already has {tables} tables: a restore goes into a new, empty "
                          "database only")
    # one transaction: a failure or a kill leaves the database as empty as it was
    in_backup = archive_counts(source, env)
    _run([pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          "--dbname", uri, str(source)], env, "pg_restore", stdout=subprocess.DEVNULL)
    with psycopg.connect(uri, password=env.get("PGPASSWORD"), autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        restored = summarize(cur, _pg_tables(cur))
        cur.execute("COMMIT")
    _known_revision(restored.revision, shown)
    if restored.counts != in_backup:
        raise BackupError(f"atjaunotais reģistrs {shown} neatbilst kopijai {source}",
                          f"the restored register {shown} does not match the backup {source}")
    return Done(shown, "postgresql", source.stat().st_size, restored,
                "pg_restore in one transaction; rows per table equal the archive's; Alembic revision known")
