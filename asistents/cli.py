"""The `asistents` command: one subcommand per module in `asistents.commands`.

Each command module defines `register(subparsers)`, which adds its parser and sets `run(args) -> int`.
Modules are imported lazily so that `asistents rate` does not pay for LibreOffice or OpenCV imports.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from asistents.output import UserError, fail
from privacy import ModesError

# command name → module in asistents.commands (the public contract of DESIGN.md)
COMMANDS = {
    "demo": "demo",
    "parse": "parse",
    "assess": "assess",
    "check-timesheet": "check_timesheet",
    "rate": "rate",
    "render": "render",
    "mailmerge": "mailmerge",
    "templates": "templates",
    "forms": "forms",
    "inbox": "inbox",
    "report": "report",
    "review": "review",
    "case": "case",
    "due": "due",
    "audit": "audit",
    "backup": "backup",
    "restore": "restore",
    "users": "users",
    "serve": "serve",
}


def build_parser(argv: list[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="asistents",
        description="Asistenta pakalpojums (MK 942): veidlapu nolasīšana, noteikumu pārbaude, lietu reģistrs un dokumenti.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    wanted = argv[0] if argv and argv[0] in COMMANDS else None
    for name, module in COMMANDS.items():
        if wanted and name != wanted:
            sub.add_parser(name)  # listed in help, not loaded
            continue
        try:
            mod = importlib.import_module(f"asistents.commands.{module}")
        except ModuleNotFoundError as e:
            if e.name != f"asistents.commands.{module}":
                raise
            continue
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except UserError as e:
        return fail(e, getattr(args, "json", False))
    except ModesError as e:  # files.group of asistents.yaml cannot be applied (any command that writes)
        return fail(UserError(e.message_lv, e.message_en, field="files.group", hint_lv="norādiet grupu, kurā "
                              "ir šis konts (id), vai izņemiet iestatījumu"), getattr(args, "json", False))
    except KeyboardInterrupt:
        print("Pārtraukts / interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
