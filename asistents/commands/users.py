"""`asistents users add|passwd|disable|enable|list` — the workbench's users (roles clerk, head, auditor, admin).

The password is asked twice at the terminal (never an argument, so it stays out of the shell history and the
process list); `--password-stdin` reads one line from standard input instead, for scripts.
"""
from __future__ import annotations

import getpass
import sys
from typing import Any

from asistents.output import UserError, add_json_flag, emit
from asistents.register import add_db_flag, open_register


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("users", help="darbvietas lietotāji / the workbench's users",
                              description="Tīmekļa darbvietas lietotāji un to lomas: clerk (lietvedis), head "
                                          "(vadītājs, pieņem lēmumus), auditor (tikai lasa), admin (lietotāji).")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = sub.add_parser("add", help="jauns lietotājs / a new user")
    a.add_argument("username", metavar="LIETOTĀJVĀRDS")
    a.add_argument("--role", required=True, choices=("clerk", "head", "auditor", "admin"),
                   help="loma / role")
    a.add_argument("--name", default="", metavar="VĀRDS UZVĀRDS", help="pilns vārds / full name")
    _common(a, password=True)
    a.set_defaults(run=run_add)

    w = sub.add_parser("passwd", help="jauna parole (beidz sesijas, noņem bloķējumu) / new password")
    w.add_argument("username", metavar="LIETOTĀJVĀRDS")
    _common(w, password=True)
    w.set_defaults(run=run_passwd)

    for name, helptext, active in (("disable", "atslēgt lietotāju (beidz sesijas) / disable a user", False),
                                   ("enable", "ieslēgt atpakaļ / enable again", True)):
        d = sub.add_parser(name, help=helptext)
        d.add_argument("username", metavar="LIETOTĀJVĀRDS")
        _common(d)
        d.set_defaults(run=run_active, active=active)

    ls = sub.add_parser("list", help="visi lietotāji / all users")
    _common(ls)
    ls.set_defaults(run=run_list)


def _common(p, password: bool = False) -> None:
    add_db_flag(p)
    if password:
        p.add_argument("--password-stdin", action="store_true",
                       help="nolasīt paroli no standarta ievades / read the password from standard input")
    add_json_flag(p)


def _open(args):
    return open_register(args.db, must_exist=False)


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Parole / password: ")
    if getpass.getpass("Atkārtojiet / repeat: ") != first:
        raise UserError("paroles nesakrīt", "the passwords differ", hint_lv="ievadiet to pašu paroli divreiz")
    return first


def _refused(e) -> UserError:
    return UserError(e.message_lv, e.message_en, field="username",
                     hint_lv="skatiet `asistents users list` un `asistents users --help`")


def _show(u) -> dict[str, Any]:
    return {"id": u.id, "username": u.username, "full_name": u.full_name, "role": u.role, "active": u.active}


def _line(u: dict[str, Any]) -> str:
    state = "aktīvs" if u["active"] else "atslēgts"
    return f"{u['username']}\t{u['role']}\t{state}\t{u['full_name']}"


def run_add(args) -> int:
    from registry import users

    password = _password(args)
    with _open(args) as reg:
        try:
            u = users.add_user(reg, args.username, args.name, args.role, password)
        except users.UserError as e:
            raise _refused(e) from None
    emit(_show(u), args.json, lambda d: f"Pievienots / added: {_line(d)}")
    return 0


def run_passwd(args) -> int:
    from registry import users

    password = _password(args)
    with _open(args) as reg:
        try:
            u = users.set_password(reg, args.username, password)
        except users.UserError as e:
            raise _refused(e) from None
    emit(_show(u), args.json, lambda d: f"Parole nomainīta / password changed: {d['username']}")
    return 0


def run_active(args) -> int:
    from registry import users

    with _open(args) as reg:
        try:
            u = users.set_active(reg, args.username, args.active)
        except users.UserError as e:
            raise _refused(e) from None
    emit(_show(u), args.json, lambda d: _line(d))
    return 0


def run_list(args) -> int:
    from registry import users

    with _open(args) as reg:
        found = [_show(u) for u in users.users(reg)]
    emit(found, args.json, lambda rows: "\n".join(_line(r) for r in rows) or "Nav lietotāju / no users")
    return 0
