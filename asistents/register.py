"""The one default register every command uses: `--db URL`, else $ASISTENTS_DB_URL, else `./asistents.db` in
the folder the command runs in (so `asistents inbox process DIR`, `case`, `review`, `due`, `audit`,
`report annex2` and `check-timesheet` run from the same folder share one register)."""
from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

from asistents.output import UserError

DEFAULT_URL = "sqlite:///./asistents.db"


def db_url(arg: str | None) -> str:
    return arg or os.environ.get("ASISTENTS_DB_URL") or DEFAULT_URL


def add_db_flag(parser) -> None:
    parser.add_argument("--db", metavar="URL", help="reģistra datubāze (noklusēti ASISTENTS_DB_URL vai ./asistents.db) "
                                                    "/ the register (default: ASISTENTS_DB_URL or ./asistents.db)")


def add_by_flag(parser) -> None:
    parser.add_argument("--by", metavar="VĀRDS", help="kas to dara (noklusēti OS lietotājs) / who does it "
                                                      "(default: the OS user)")


def actor(args: Any) -> str:
    return (getattr(args, "by", None) or "").strip() or getpass.getuser()


def open_register(arg: str | None, *, must_exist: bool = True) -> Any:
    """The register at `arg` (see `db_url`); a SQLite file that does not exist is a mistake when reading."""
    import registry
    from sqlalchemy.engine import make_url

    text = db_url(arg)
    try:
        parsed = make_url(text)
    except Exception:
        raise UserError(f"nederīga datubāzes adrese '{text}'", f"invalid database URL '{text}'", field="--db",
                        hint_lv="piemēram, sqlite:///asistents.db vai postgresql+psycopg://lietotājs@host/db") from None
    if must_exist and parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:" \
            and not Path(parsed.database).exists():
        raise UserError(f"lietu reģistra fails {parsed.database} nav atrasts",
                        f"the case register file {parsed.database} does not exist", file=parsed.database,
                        field="--db", hint_lv="palaidiet komandu mapē, kur ir asistents.db, vai norādiet --db; "
                                              "vispirms apstrādājiet iesūtni (asistents inbox process DIR)")
    try:
        return registry.open(text)
    except registry.RegistryError as e:
        raise UserError(e.message_lv, e.message_en, field="--db",
                        hint_lv="norādiet sqlite:///ceļš.db vai postgresql+psycopg://…") from None


def casework_error(e: Any) -> UserError:
    """A casework refusal as the CLI's error: exit 2, Latvian and English, the point that forbids it."""
    point = f" (MK 942 {e.point})" if getattr(e, "point", None) else ""
    return UserError(e.message_lv, e.message_en + point, field=getattr(e, "field", None),
                     hint_lv="skatiet lietas stāvokli: asistents case show N" if e.forbidden else None)
