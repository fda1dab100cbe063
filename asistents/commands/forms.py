"""`asistents forms build [--json] [--out DIR]`: rebuild the blank fillable forms from their definitions."""
from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from asistents.output import UserError, add_json_flag, emit


def register(subparsers) -> None:
    p = subparsers.add_parser("forms", help="tukšās veidlapas (iesniegums, uzskaites lapa) / the blank forms")
    sub = p.add_subparsers(dest="forms_command", metavar="ACTION", required=True)
    b = sub.add_parser("build", help="pārbūvē aizpildāmos PDF no definīcijas / rebuild the fillable PDFs")
    b.add_argument("--out", type=Path, default=None,
                   help="mape, kurā rakstīt / folder to write to (default: the forms/ package folder)")
    add_json_flag(b)
    b.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    from forms.build import build_blank
    from forms.definition import HERE, KINDS, load
    from generator.atomic import write_bytes

    out_dir: Path = args.out or HERE
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError("norādītais ceļš nav mape", "the path given is not a folder", file=str(out_dir),
                        hint_lv="norādiet mapi ar --out")
    written = []
    for kind in KINDS:
        data = build_blank(kind)
        path = write_bytes(out_dir / f"{kind}.pdf", data)
        d = load(kind)
        written.append({"kind": kind, "version": d.version, "file": str(path), "pages": d.pages,
                        "fields": len(d.fields), "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()})

    def text(rows: list[dict]) -> str:
        return "\n".join(f"Uzrakstīts / written: {r['file']} ({r['version']}, {r['pages']} lapas, "
                         f"{r['fields']} lauki, {r['bytes']} B)" for r in rows)

    emit({"written": written}, args.json, lambda data: text(data["written"]))
    return 0
