"""`asistents templates check [TEMPLATE.docx …]` — each template's variables, undeclared and unused ones, and
tags Word split across runs. Without files: every registered document kind's template."""
from __future__ import annotations

from asistents.commands.render import municipality
from asistents.output import UserError, add_json_flag, emit


def register(subparsers) -> None:
    p = subparsers.add_parser("templates", help="DOCX veidņu pārbaude / check the DOCX templates",
                              description="Darbības ar dokumentu veidnēm / template tools")
    sub = p.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    c = sub.add_parser("check", help="mainīgie, trūkstošie un neizmantotie, sadalītie tagi / variables and split tags",
                       description="Parāda katras veidnes mainīgos, atzīmē tos, kuru nav dokumenta datos, "
                                   "neizmantotos un Word sadalītos {{ }} / {% %} tagus.")
    c.add_argument("files", nargs="*", metavar="TEMPLATE.docx", help="pārbaudāmās veidnes (bez tām: visas)")
    c.add_argument("--config", help="pašvaldības iestatījumi (asistents.yaml) / municipality settings")
    add_json_flag(c)
    c.set_defaults(run=run_check)
    add_json_flag(p)


def _text(reports) -> str:
    lines = []
    for r in reports:
        mark = "✓" if r.ok else "✗"
        lines.append(f"{mark} {r.template}" + (f" ({r.kind})" if r.kind else ""))
        if r.error:
            lines.append(f"    kļūda / error: {r.error}")
            continue
        lines.append(f"    mainīgie / variables ({len(r.variables)}): {', '.join(r.variables)}")
        if r.checked_against:
            lines.append(f"    pārbaudīts ar / checked against: {', '.join(r.checked_against)}")
        for v in r.undeclared:
            lines.append(f"    ✗ nav datos / undeclared: {v}")
        for v in r.unused:
            lines.append(f"    ! neizmantots / unused: {v}")
        for s in r.split_tags:
            lines.append(f"    ✗ sadalīts tags / split tag in {s.part} ({s.runs} runs): {s.tag!r} — "
                         f"pārrakstiet tagu vienā piegājienā / retype the tag in one go")
    bad = sum(not r.ok for r in reports)
    lines.append(f"Veidnes: {len(reports)}, ar kļūdām: {bad} / templates: {len(reports)}, with errors: {bad}")
    return "\n".join(lines)


def run_check(args) -> int:
    from pathlib import Path

    from generator.check import check_kinds, check_template

    if args.files:
        for f in args.files:
            if not Path(f).is_file():
                raise UserError("fails nav atrasts", "file not found", file=f, hint_lv="pārbaudiet ceļu")
        reports = [check_template(f) for f in args.files]
    else:
        reports = check_kinds(municipality(args.config))
    emit({"templates": [r.as_dict() for r in reports], "ok": all(r.ok for r in reports)}, args.json,
         lambda _: _text(reports))
    return 0 if all(r.ok for r in reports) else 2
