"""`asistents backup [-o FILE] [--db URL]`: a checked copy of the register, taken while it is in use.

SQLite: the online backup API; PostgreSQL: `pg_dump` (from the `postgresql-client` package). The copy is
checked (integrity, Alembic revision, rows equal to the moment of the copy), written unnamed, fsynced and only
then named; an existing FILE is replaced only then (`registry.backup`). `asistents restore` (asistents/commands/restore.py)
puts it back into a new, empty register. What the copy holds and what it does not: `registry.backup.COVERS_EN`.
"""
from __future__ import annotations

import os
import sys
from typing import Any

from asistents.output import UserError, add_json_flag, emit

DB_HELP = "reģistra datubāze (noklusēti ASISTENTS_DB_URL vai sqlite:///./asistents.db) / the register's URL"


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "backup", help="reģistra rezerves kopija / back the register up",
        description="Saskaņota reģistra kopija, arī kamēr to lieto (SQLite tiešsaistes kopēšana, PostgreSQL "
                    "pg_dump), pārbaudīta pirms pabeigšanas. / A consistent, checked copy of the register, "
                    "taken while it is in use.")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="kopijas fails (noklusēti asistents-backup-GGGGMMDD-HHMMSS.db|.dump) / the backup file")
    p.add_argument("--db", metavar="URL", help=DB_HELP)
    add_json_flag(p)
    p.set_defaults(run=run)


def url_of(args) -> str:
    from registry.store import DEFAULT_URL

    return args.db or os.environ.get("ASISTENTS_DB_URL") or DEFAULT_URL


def as_user_error(e: Exception, field: str | None) -> UserError:
    from privacy import ModesError
    from registry.backup import BackupError

    if isinstance(e, (BackupError, ModesError)):
        return UserError(e.message_lv, e.message_en, field=field)
    return UserError("darbība neizdevās, nekas netika mainīts", f"the operation failed, nothing was changed: {e}",
                     field=field, exit_code=1)


def run(args) -> int:
    from registry import backup

    url = url_of(args)
    try:
        target = args.output or backup.default_name(url)
        done = backup.backup(url, target)
    except (ValueError, OSError) as e:
        raise as_user_error(e, "--db") from None
    emit(done.as_dict(), args.json, text)
    return 0


def text(d: dict[str, Any]) -> str:
    rows = ", ".join(f"{k} {v}" for k, v in d["counts"].items() if k != "alembic_version")
    return "\n".join([
        f"Gatavs / done: {d['path']} ({d['backend']}, {d['bytes']} B, Alembic {d['revision']})",
        f"  rindas / rows: {rows}",
        f"  pārbaudīts / checked: {d['checked']}",
        f"  {d['covers_lv']}",
        f"  ({d['covers_en']})",
    ])


