"""`asistents restore FILE --db URL`: a backup (`asistents backup`) into a new, empty register only.

SQLite: URL names a file that does not exist yet; PostgreSQL: a database with no tables. Checked as the
backup was (integrity, Alembic revision, rows equal to the backup's) before it is reported done; a restore
cut short leaves nothing at the target (SQLite: a temporary name; PostgreSQL: one transaction).
"""
from __future__ import annotations

from typing import Any

from asistents.commands.backup import as_user_error, text
from asistents.output import add_json_flag, emit


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "restore", help="atjaunot reģistru no kopijas jaunā datubāzē / restore a backup into a new register",
        description="Atjauno `asistents backup` kopiju jaunā, tukšā reģistrā (nekad pāri esošam). / Restores a "
                    "backup into a new, empty register (never over one in use).")
    p.add_argument("file", metavar="FILE", help="rezerves kopija / the backup file")
    p.add_argument("--db", metavar="URL", required=True,
                   help="jaunais reģistrs: sqlite:///neesošs-fails.db vai tukša postgresql://… datubāze / "
                        "the new register: a SQLite file not there yet or an empty PostgreSQL database")
    add_json_flag(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from registry import backup

    try:
        done = backup.restore(args.file, args.db)
    except (ValueError, OSError) as e:
        raise as_user_error(e, None) from None
    emit(done.as_dict(), args.json, text)
    return 0
