"""`asistents audit [CASE] [--user NAME]` — the append-only log of changes: what, before → after, who, when."""
from __future__ import annotations

import json

from asistents.output import add_json_flag, emit
from asistents.register import add_db_flag, casework_error, open_register


def register(subparsers) -> None:
    p = subparsers.add_parser("audit", help="izmaiņu žurnāls / the audit log")
    p.add_argument("case", nargs="?", type=int, metavar="CASE", help="tikai šī lieta / only this case")
    p.add_argument("--user", help="tikai šis lietotājs / only this user")
    add_db_flag(p)
    add_json_flag(p)
    p.set_defaults(run=run)


def _short(value) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if value is not None else "—"
    return text if len(text) <= 120 else text[:117] + "…"


def run(args) -> int:
    import casework

    reg = open_register(args.db)
    try:
        lines = casework.audit_log(reg, case=args.case, user=args.user)
    except casework.CaseworkError as e:
        raise casework_error(e) from None
    finally:
        reg.close()
    emit(casework.jsonable(lines), args.json, lambda _: "\n".join(
        f"{a.at:%Y-%m-%d %H:%M:%S}  {a.by:<12} {a.action:<16} {a.entity} {a.entity_id or ''}"
        f"{f' (lieta {a.case_id})' if a.case_id else ''}: {_short(a.before)} → {_short(a.after)}" for a in lines)
        or "Žurnāls tukšs / the log is empty")
    return 0
