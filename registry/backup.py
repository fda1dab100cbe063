"""Backing the register up and restoring it: a consistent copy of a live register, checked before it counts.

- SQLite: the online backup API (`sqlite3.Connection.backup`, all pages in one step inside the read
  transaction that also counts the rows, so one snapshot — writers in WAL mode go on), never a file copy,
  which can catch the database between a page write and its `-wal`. The copy is assembled in memory (about
  twice the register's size at the peak) and checked there: `PRAGMA integrity_check`, the Alembic revision,
  rows per table and the journal equal to the snapshot's.
- PostgreSQL (`registry.pg_backup`): `pg_dump --format=custom` on the snapshot a REPEATABLE READ transaction
  exported after counting the rows; the archive is read back whole and its rows compared.

The file is written unnamed (`O_TMPFILE` in the target's folder), fsynced, read back, and only then linked
to its name (through a hidden `.<name>.<pid>.backup.tmp` and a rename when it replaces an older backup).
A process killed on the way leaves no file at all and the older backup as it was. (Where the filesystem has
no unnamed files, e.g. NFS, the hidden name is used from the start; the next run for the same target removes
one whose process is gone.) A restore goes into a new, empty register only — a SQLite file that does not
exist yet (linked into place, so never over one that appeared meanwhile), a PostgreSQL database with no
tables (one transaction) — and is checked the same way before it is reported done.

A backup holds the register only (cases, decisions, contracts, timesheets, the inbox journal and the list of
generated documents with their SHA-256), not the document files in outbox/, archive/, review/, quarantine/:
`COVERS_LV` / `COVERS_EN` say so wherever a backup is reported.
"""
from __future__ import annotations

import errno
import glob
import hashlib
import os
import re
import sqlite3
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
        while rows := cursor.fetchmany(20_000):
            digest.update("".join(f"{tuple(r)!r}\n" for r in rows).encode("utf-8"))
    return Summary(revision, counts, digest.hexdigest())


def sqlite_tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [r[0] for r in cursor.fetchall()]


def known_revision(revision: str | None, where: str) -> None:
    """The Alembic revision must be one of this version's migrations (else the copy is not a register we know)."""
    from alembic.script import ScriptDirectory

    from registry.migrate import config

    known = {r.revision for r in ScriptDirectory.from_config(config()).walk_revisions()}
    if revision not in known:
        raise BackupError(f"{where}: Alembic versija {revision!r} nav zināma (zināmās: {', '.join(sorted(known))})",
                          f"{where}: the Alembic revision {revision!r} is not a known one "
                          f"(known: {', '.join(sorted(known))})")


def _checked(con: sqlite3.Connection, where: str) -> Summary:
    """`PRAGMA integrity_check` must say "ok"; then the summary, and the revision must be known."""
    cur = con.cursor()
    try:
        result = [r[0] for r in cur.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{where} nav lasāma SQLite datubāze ({e})",
                          f"{where} is not a readable SQLite database ({e})") from None
    if result != ["ok"]:
        raise BackupError(f"{where}: integritātes pārbaude neizdevās: {'; '.join(result[:5])}",
                          f"{where}: the integrity check failed: {'; '.join(result[:5])}")
    cur.execute("BEGIN")
    summary = summarize(cur, sqlite_tables(cur))
    cur.execute("COMMIT")
    known_revision(summary.revision, where)
    return summary


def sqlite_check(path: Path) -> Summary:
    """Check a SQLite file (read-only) as a backup is checked; raises BackupError."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    try:
        return _checked(con, str(path))
    finally:
        con.close()


def _image(src: sqlite3.Connection, where: str, begin: bool) -> tuple[bytes, Summary, Summary | None]:
    """The online backup of `src` into memory: the database image, its checked summary, and (with `begin`)
    the summary of `src` read in the same read transaction as the copy."""
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        at_copy = None
        cur = src.cursor()
        if begin:
            cur.execute("BEGIN")  # one read snapshot for the counts and the copy (WAL: writers go on)
            at_copy = summarize(cur, sqlite_tables(cur))
        src.backup(mem)  # pages=-1: all pages in one step, on the open read transaction's snapshot
        if begin:
            cur.execute("COMMIT")
        data = bytearray(mem.serialize())
    finally:
        mem.close()
    if len(data) >= 20:
        data[18:20] = b"\x01\x01"  # file format bytes: rollback journal, not WAL (a self-contained file)
    image = bytes(data)
    del data
    check = sqlite3.connect(":memory:", isolation_level=None)
    try:
        check.deserialize(image)
        summary = _checked(check, where)  # the exact bytes that will be written
    finally:
        check.close()
    return image, summary, at_copy


# ---------------------------------------------------------------- the file being written


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _hidden(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.backup.tmp")


def _remove_stale(target: Path) -> None:
    """Hidden files of earlier runs for `target` whose process is gone."""
    for name in glob.glob(str(target.with_name(f".{glob.escape(target.name)}.*.backup.tmp"))):
        m = re.search(r"\.(\d+)\.backup\.tmp$", name)
        if not m:
            continue
        try:
            os.kill(int(m.group(1)), 0)
        except ProcessLookupError:
            Path(name).unlink(missing_ok=True)
        except PermissionError:
            pass  # alive, someone else's


class Output:
    """The file for `target` while it is written: unnamed until `publish`, private mode, in the target's folder."""

    def __init__(self, target: Path, modes: privacy.Modes):
        self.target = target
        privacy.makedirs(target.parent, modes)
        _remove_stale(target)
        self.named: Path | None = None
        try:
            self.fd = os.open(target.parent, os.O_TMPFILE | os.O_RDWR, 0o600)
        except OSError as e:
            if e.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                raise
            self.named = _hidden(target)
            self.fd = os.open(self.named, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        privacy.private_file(self.fd, modes)

    @property
    def proc_path(self) -> str:
        """A name other processes (given the descriptor with pass_fds) can open the file by."""
        return f"/dev/fd/{self.fd}"

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def sha256(self) -> str:
        digest, offset = hashlib.sha256(), 0
        while chunk := os.pread(self.fd, 1 << 20, offset):
            digest.update(chunk)
            offset += len(chunk)
        return digest.hexdigest()

    def size(self) -> int:
        return os.fstat(self.fd).st_size

    def publish(self, *, overwrite: bool) -> None:
        """fsync, then give the file its name: replacing an older one (`overwrite`), or only where none is."""
        os.fsync(self.fd)
        if self.named is None:
            if not overwrite:
                self._link(self.target)  # FileExistsError if the name is taken: nothing replaced
                _fsync(self.target.parent)
                return
            self.named = _hidden(self.target)
            self.named.unlink(missing_ok=True)
            self._link(self.named)
        if overwrite:
            os.replace(self.named, self.target)
        else:
            os.link(self.named, self.target)
            self.named.unlink()
        self.named = None
        _fsync(self.target.parent)

    def _link(self, name: Path) -> None:
        # linkat(…, AT_SYMLINK_FOLLOW) of the unnamed file; a dir_fd makes Python call linkat, not link
        folder = os.open(name.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.link(f"/proc/self/fd/{self.fd}", name.name, dst_dir_fd=folder, follow_symlinks=True)
        finally:
            os.close(folder)

    def close(self) -> None:
        os.close(self.fd)
        if self.named is not None:
            self.named.unlink(missing_ok=True)


@contextmanager
def output(target: Path, modes: privacy.Modes) -> Iterator[Output]:
    out = Output(target, modes)
    try:
        yield out
    finally:
        out.close()


def _write_image(out: Output, image: bytes, where: str) -> None:
    out.write(image)
    if out.sha256() != hashlib.sha256(image).hexdigest():
        raise BackupError(f"{where}: ierakstītais neatbilst pārbaudītajam", f"{where}: what was written differs "
                          "from what was checked")


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


# ---------------------------------------------------------------- backup


def default_name(url_text: str, now: Any = None) -> str:
    import datetime as dt

    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    suffix = "db" if database_url(url_text).get_backend_name() == "sqlite" else "dump"
    return f"asistents-backup-{stamp}.{suffix}"


def backup(url_text: str, target: str | Path, modes: privacy.Modes | None = None) -> Done:
    """Back the register at `url_text` up into `target` (an older backup there is replaced only when the new
    one is complete and checked)."""
    url = database_url(url_text)
    target = Path(target).expanduser().resolve()
    modes = privacy.load() if modes is None else modes
    if url.get_backend_name() == "sqlite":
        return _sqlite_backup(_sqlite_path(url), target, modes)
    from registry.pg_backup import pg_backup

    return pg_backup(url, target, modes)


def _sqlite_backup(source: Path, target: Path, modes: privacy.Modes) -> Done:
    if not source.is_file():
        raise BackupError(f"reģistrs {source} nav atrasts", f"the register {source} was not found")
    if target.parent == source.parent and target.name in (source.name, f"{source.name}-wal", f"{source.name}-shm"):
        raise BackupError(f"kopiju nevar rakstīt pāri reģistram {source}",
                          f"a backup cannot be written over the register {source}")
    src = sqlite3.connect(source, timeout=30, isolation_level=None)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        image, copied, at_copy = _image(src, str(target), begin=True)
    finally:
        src.close()
    if copied != at_copy:
        raise BackupError(f"kopija {target} neatbilst reģistram kopēšanas brīdī",
                          f"the copy {target} does not match the register at the moment of the backup")
    with output(target, modes) as out:
        _write_image(out, image, str(target))
        out.publish(overwrite=True)
    return Done(str(target), "sqlite", len(image), copied,
                "PRAGMA integrity_check = ok; Alembic revision known; rows and journal equal the snapshot's")


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
    if kind == "sqlite":
        return _sqlite_restore(source, _sqlite_path(url), privacy.load() if modes is None else modes)
    from registry.pg_backup import pg_restore

    return pg_restore(source, url)


def _sqlite_restore(source: Path, target: Path, modes: privacy.Modes) -> Done:
    taken = [p for p in (target, target.with_name(target.name + "-wal")) if p.exists()]
    if taken:
        raise BackupError(f"{taken[0]} jau ir: atjauno tikai jaunā, tukšā reģistrā (norādiet neesošu failu)",
                          f"{taken[0]} exists: a restore goes into a new, empty register only (name a new file)")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)
    try:
        # the image holds the backup's pages as they are: its integrity check is the backup file's
        image, restored, in_backup = _image(src, str(source), begin=True)
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{source} nav lasāma SQLite datubāze ({e})",
                          f"{source} is not a readable SQLite database ({e})") from None
    finally:
        src.close()
    if restored != in_backup:
        raise BackupError(f"atjaunotais reģistrs neatbilst kopijai {source}",
                          f"the restored register does not match the backup {source}")
    with output(target, modes) as out:
        _write_image(out, image, str(target))
        try:
            out.publish(overwrite=False)
        except FileExistsError:
            raise BackupError(f"{target} parādījās atjaunošanas laikā; nekas netika pārrakstīts",
                              f"{target} appeared during the restore; nothing was overwritten") from None
    return Done(str(target), "sqlite", len(image), restored,
                "PRAGMA integrity_check = ok; Alembic revision known; rows and journal equal the backup's")
