"""`asistents parse FILE… [--json] [--no-sandbox]`: what was read from each form file.

Exit 0 when every file was read (even with issues), 1 when some file could not be read, 2 on bad usage.
"""
from __future__ import annotations

import argparse
import sys
from typing import Any

from asistents.output import add_json_flag, emit

_KIND_LV = {"application": "iesniegums", "timesheet": "uzskaites lapa", "unknown": "nezināms dokuments"}
_SHAPE_LV = {"fillable": "aizpildāma PDF veidlapa", "flattened": "drukāta PDF veidlapa", "scanned": "skenēta veidlapa",
             None: "—"}
_CODE_LV = {"missing": "trūkst", "invalid": "nederīgs", "unreadable": "nesalasāms", "uncertain": "nedrošs",
            "inconsistent": "nesaskan"}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "parse", help="nolasīt iesniegumu vai uzskaites lapu (PDF) / read an application or timesheet",
        description="Nolasa katru failu (aizpildāmu, drukātu vai skenētu PDF) un parāda ierakstu, katra lauka "
                    "ticamību un problēmas. / Reads each file and shows the record, per-field confidence and issues.")
    p.add_argument("files", nargs="+", metavar="FILE", help="PDF faili / PDF files")
    p.add_argument("--no-sandbox", action="store_true",
                   help="lasīt šajā procesā (tikai uzticamiem failiem) / read in this process (trusted files only)")
    add_json_flag(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from parser import ParseError, parse_file
    from parser.sandbox import Sandbox

    outputs: list[dict[str, Any]] = []
    failed = 0
    box = None if args.no_sandbox else Sandbox()
    try:
        for name in args.files:
            try:
                result = box.parse(name) if box else parse_file(name, sandbox=False)
                outputs.append(result.to_jsonable())
            except ParseError as e:
                failed += 1
                outputs.append({"file": name, "error": e.to_dict()})
    finally:
        if box:
            box.close()
    emit(outputs, args.json, _text)
    return 1 if failed else 0


def _text(outputs: list[dict[str, Any]]) -> str:
    return "\n\n".join(_one(o) for o in outputs)


def _one(o: dict[str, Any]) -> str:
    if "error" in o:
        e = o["error"]
        page = f", {e['page'] + 1}. lapa" if e.get("page") is not None else ""
        return f"== {o['file']}\nKļūda{page}: {e['message_lv']}\nError: {e['message_en']}"
    lines = [
        f"== {o['file']}",
        f"Veids: {_KIND_LV[o['kind']]}   Forma: {_SHAPE_LV[o['shape']]}   Versija: {o['form_version'] or '—'}   "
        f"Lapas: {o['pages']}",
        "Jāpārbauda cilvēkam: " + ("JĀ" if o["needs_review"] else "nē")
        + ("   Ieraksts: derīgs" if o["record"] else "   Ieraksts: nav izveidots (skatīt problēmas)"),
    ]
    flagged = {i["field"] for i in o["issues"]}
    shown = {n: f for n, f in o["fields"].items()
             if f["value"] not in (None, False) or (f["raw"] and f["value"] is None) or n in flagged}
    if shown:
        width = max(len(n) for n in shown)
        lines.append("")
        lines.append(f"{'Lauks':<{width}}  {'Vērtība':<32}  Ticamība  Avots")
        for name, f in shown.items():
            value = f["value"]
            shown = "jā" if value is True else "nē" if value is False else "" if value is None else str(value)
            if f["raw"] and value is None:
                shown = f"?? «{f['raw']}»"
            src = f["source"]
            lines.append(f"{name:<{width}}  {shown[:32]:<32}  {f['confidence']:>7.0%}  "
                         f"{src['page'] + 1}. lpp., {src['method']}")
    hidden = len(o["fields"]) - len(shown)
    if hidden:
        lines.append(f"(vēl {hidden} tukši lauki vai neatzīmētas rūtiņas nav parādīti; visi: --json)")
    if o["issues"]:
        lines.append("")
        lines.append("Problēmas:")
        for i in o["issues"]:
            where = i["field"] or (f"{i['page'] + 1}. lapa" if i.get("page") is not None else "dokuments")
            lines.append(f"  [{_CODE_LV[i['code']]}] {where}: {i['message_lv']}")
    if o["kind"] == "unknown" and o.get("text"):
        lines.append("")
        lines.append("Atrastais teksts:")
        lines.extend("  " + t for t in o["text"].splitlines()[:20])
    return "\n".join(lines)


if __name__ == "__main__":
    from asistents.cli import main

    sys.exit(main(["parse", *sys.argv[1:]]))
