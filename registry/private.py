"""The SQLite register's files are private: the database, `-wal` and `-shm` get `privacy.Modes` at every connect.

SQLite makes a new database 0644 less the umask and gives `-wal`/`-shm` the database file's mode but the
process's own group (unless run as root), so for a new register all three are made, empty, with the private
mode and group before SQLite first opens it; and all three are set again after each connect (an older
register made 0644 is tightened on its next use). PostgreSQL keeps its data in the server's own
private folder: nothing to do there.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

import privacy


def sqlite_files(engine: Engine) -> list[Path]:
    """The database file and its `-wal` / `-shm` (empty for PostgreSQL or an in-memory database)."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return []
    db = Path(url.database).expanduser()
    return [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]


def make_folder(url: str, modes: privacy.Modes) -> None:
    """A SQLite register's folder, when it does not exist yet, made private (SQLAlchemy would make it 0755)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        privacy.makedirs(Path(parsed.database).expanduser().parent, modes)


def protect(engine: Engine, modes: privacy.Modes) -> Engine:
    """Make `engine`'s SQLite files private from the first connect on."""
    files = sqlite_files(engine)
    if not files:
        return engine

    @event.listens_for(engine, "do_connect")
    def _before(_dialect, _record, _cargs, _cparams) -> None:
        if not files[0].exists() or files[0].stat().st_size == 0:
            # before SQLite makes them: a new register gets its -wal/-shm at the first write, after the connect
            # below, with the process's own group; SQLite uses the (empty) files it finds instead
            for path in files:
                privacy.create_file(path, modes)

    @event.listens_for(engine, "connect")
    def _after(_dbapi_connection, _record) -> None:
        for path in files:
            try:
                privacy.private_file(path, modes)
            except FileNotFoundError:
                pass  # -wal/-shm exist only while a connection has the database open in WAL mode

    return engine
