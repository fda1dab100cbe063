"""`asistents due [--on DATE]` — what falls due, soonest first: decide by (9), notify by (10), opinions expiring
(17.3), monthly timesheets (20), the Annex 2 report (24), files waiting in review."""
from __future__ import annotations

import datetime as dt

from asistents.output import add_json_flag, emit, option_date
from asistents.register import add_db_flag, casework_error, open_register


def register(subparsers) -> None:
    p = subparsers.add_parser("due", help="termiņi / what falls due")
    p.add_argument("--on", metavar="DD.MM.GGGG.", help="datums (noklusēti šodien) / the date (default today)")
    add_db_flag(p)
    add_json_flag(p)
    p.set_defaults(run=run)


def run(args) -> int:
    import casework

    on = option_date(args.on, "--on") or dt.date.today()
    reg = open_register(args.db)
    try:
        items = casework.due(reg, on)
    except casework.CaseworkError as e:
        raise casework_error(e) from None
    finally:
        reg.close()
    emit(casework.jsonable(items), args.json, lambda _: "\n".join(
        f"{i.due_on}{' NOKAVĒTS' if i.overdue else ''}  [{i.point}] {i.text_lv}" for i in items)
        or f"Uz {on} nekas nav jādara / nothing due")
    return 0
