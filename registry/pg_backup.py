"""The PostgreSQL half of `registry.backup`: `pg_dump` / `pg_restore` from the `postgresql-client` package.

A backup is of the whole database the URL names: the register must have a database of its own (schema
public; a URL whose search_path names another schema is refused, saying so). The rows
are counted in a REPEATABLE READ transaction whose snapshot `pg_dump --snapshot` then dumps, so the counts are
those of the copy; the archive is read back whole (`pg_restore --data-only`) and its rows per table must
equal them. A restore needs a database with no tables and runs in one transaction (`--single-transaction
--exit-on-error`): a failure, or a kill (the tool dies with its parent), leaves the database as empty as it was.
"""
from __future__ import annotations

import ctypes
import glob
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

import privacy
from registry.backup import BackupError, Done, known_revision, output, summarize


def libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URI for the client tools (no password in it: that goes in PGPASSWORD, not the process list)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return url.set(drivername="postgresql", password=None).render_as_string(hide_password=False), env


def pg_tool(name: str) -> str:
    """`pg_dump` / `pg_restore`: the Debian wrapper on PATH (postgresql-client), else the newest server's own."""
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)),
                                       None)
    if not found:
        raise BackupError(f"{name} nav atrasts: uzstādiet Debian pakotni postgresql-client (scripts/setup to dara)",
                          f"{name} not found: install the Debian package postgresql-client (scripts/setup does)")
    return found


def _die_with_parent() -> None:
    # the tool is killed with us: a killed restore leaves no pg_restore finishing on its own
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _run(cmd: list[str], env: dict[str, str], what: str, **kw: Any) -> None:
    p = subprocess.run(cmd, env=env, stderr=subprocess.PIPE, preexec_fn=_die_with_parent, **kw)
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip()[-1500:]
        raise BackupError(f"{what} neizdevās (izejas kods {p.returncode}): {err}",
                          f"{what} failed (exit {p.returncode}): {err}")


def _own_database(cursor: Any, shown: str) -> None:
    """A dump is of the whole database, so the register must be the database's own (in schema public)."""
    cursor.execute("SELECT current_schema()")
    schema = cursor.fetchone()[0]
    if schema != "public":
        raise BackupError(f"{shown}: reģistram jābūt savā datubāzē (shēmā public), ne shēmā {schema!r}",
                          f"{shown}: the register must have a database of its own (schema public), "
                          f"not the schema {schema!r}")


def tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT table_name FROM information_schema.tables "
                   "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
    return [r[0] for r in cursor.fetchall()]


def archive_counts(path: str, env: dict[str, str], pass_fds: tuple[int, ...] = ()) -> dict[str, int]:
    """Rows per table in a pg_dump archive, read back whole with `pg_restore --data-only` (COPY text: one line
    per row, newlines in values escaped)."""
    proc = subprocess.Popen([pg_tool("pg_restore"), "--data-only", "--file=-", path], env=env, pass_fds=pass_fds,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_die_with_parent)
    counts: dict[str, int] = {}
    table = None
    assert proc.stdout is not None and proc.stderr is not None
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
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.wait() != 0:
        raise BackupError(f"pg_restore nevar nolasīt {path}: {err[-1500:]}",
                          f"pg_restore cannot read {path}: {err[-1500:]}")
    return counts


def pg_backup(url: URL, target: Path, modes: privacy.Modes) -> Done:
    import psycopg

    uri, env = libpq(url)
    tool = pg_tool("pg_dump")
    with output(target, modes) as out, psycopg.connect(uri, password=env.get("PGPASSWORD"), autocommit=True) as conn:
        with conn.cursor() as cur:
            _own_database(cur, url.render_as_string(hide_password=True))
            cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            at_backup = summarize(cur, tables(cur))
            _run([tool, "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  "--dbname", uri], env, "pg_dump", stdout=out.fd)
            cur.execute("COMMIT")
        known_revision(at_backup.revision, str(target))
        if archive_counts(out.proc_path, env, (out.fd,)) != at_backup.counts:
            raise BackupError(f"kopija {target} neatbilst reģistram kopēšanas brīdī",
                              f"the dump {target} does not match the register at the moment of the backup")
        size = out.size()
        out.publish(overwrite=True)
    return Done(str(target), "postgresql", size, at_backup,
                "pg_dump on the counted snapshot; the archive read back whole, its rows per table equal the "
                "snapshot's; Alembic revision known")


def pg_restore(source: Path, url: URL) -> Done:
    import psycopg

    uri, env = libpq(url)
    shown = url.render_as_string(hide_password=True)
    with psycopg.connect(uri, password=env.get("PGPASSWORD"), autocommit=True) as conn:
        _own_database(conn.cursor(), shown)
        n = conn.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')").fetchone()[0]
    if n:
        raise BackupError(f"datubāzē {shown} jau ir {n} tabulas: atjauno tikai jaunā, tukšā datubāzē",
                          f"the database {shown} already has {n} tables: a restore goes into a new, empty "
                          "database only")
    in_backup = archive_counts(str(source), env)
    _run([pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
          "--dbname", uri, str(source)], env, "pg_restore", stdout=subprocess.DEVNULL)
    with psycopg.connect(uri, password=env.get("PGPASSWORD"), autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        restored = summarize(cur, tables(cur))
        cur.execute("COMMIT")
    known_revision(restored.revision, shown)
    if restored.counts != in_backup:
        raise BackupError(f"atjaunotais reģistrs {shown} neatbilst kopijai {source}",
                          f"the restored register {shown} does not match the backup {source}")
    return Done(shown, "postgresql", source.stat().st_size, restored,
                "pg_restore in one transaction; rows per table equal the archive's; Alembic revision known")
