"""`asistents mailmerge SHEET.csv|.xlsx --template NAME -o DIR [--pdf] [--merged FILE.pdf] [--register]`.

Contract rows are checked against the regulation first: a row above 40 h a week is an error for that row (no
document), the other rows go on. `--register` also registers each made contract in the register (`--db`, the
default ./asistents.db), against the person's notified decision when there is one (14)."""
from __future__ import annotations

from asistents.commands.render import check_kind, municipality
from asistents.output import UserError, add_json_flag, emit
from regulation.records import RecordError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "mailmerge",
        help="dokuments katrai tabulas rindai / one document per spreadsheet row",
        description="Izveido vienu dokumentu (piem., līgumu) katrai CSV/XLSX tabulas rindai. Kolonnas atpazīst pēc "
                    "latviskajiem virsrakstiem. One document per row of a CSV/XLSX sheet.",
    )
    p.add_argument("sheet", metavar="SHEET", help="tabula .csv (UTF-8, ; vai ,) vai .xlsx")
    p.add_argument("--template", required=True, metavar="NAME", help="dokumenta veids, piem. contract / the kind")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="izvades mape / output folder")
    p.add_argument("--pdf", action="store_true", help="arī PDF / PDFs too")
    p.add_argument("--pdfa", action="store_true", help="PDF/A-2b")
    p.add_argument("--merged", metavar="FILE.pdf", help="viens PDF drukai ar visām rindām / one print file")
    p.add_argument("--config", help="pašvaldības iestatījumi (asistents.yaml) / municipality settings")
    p.add_argument("--force", action="store_true",
                   help="izveidot no jauna arī nemainītos (novecojušos — pēc datu, veidnes vai iestatījumu maiņas — "
                        "izveido no jauna vienmēr; iepriekšējie paliek mapē previous-…) / re-render unchanged "
                        "documents too (stale ones are always re-rendered, the previous kept aside)")
    p.add_argument("--register", action="store_true",
                   help="reģistrēt līgumus reģistrā (14) / register the contracts (only with --template contract)")
    from asistents.register import add_by_flag, add_db_flag

    add_db_flag(p)
    add_by_flag(p)
    add_json_flag(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from generator.batch import run_batch
    from generator.mailmerge import SheetError, items, read_sheet

    check_kind(args.template)
    mun = municipality(args.config)
    if args.merged and not args.merged.lower().endswith(".pdf"):
        raise UserError("--merged failam jābeidzas ar .pdf", "--merged must end in .pdf", file=args.merged)
    if args.register and args.template != "contract":
        raise UserError("--register der tikai ar --template contract", "--register goes with --template contract only",
                        field="--register")
    try:
        sheet = read_sheet(args.sheet)
        batch = items(sheet, args.template)
    except SheetError as e:
        raise UserError(e.message_lv, e.message_en, file=e.file, hint_lv=e.hint_lv) from None
    except RecordError as e:
        p = e.problems[0]
        raise UserError(p.message_lv, p.message_en, field="--template") from None
    checks = []
    if args.template == "contract":
        from casework.contracts import check_rows

        checks = check_rows(batch)
        batch = [item for item, c in zip(batch, checks) if not c.refused]
    report = run_batch(batch, args.output, municipality=mun, pdf=args.pdf or args.pdfa or bool(args.merged),
                       pdfa=args.pdfa, merged=args.merged, progress=not args.json, force=args.force)
    refused = [{"row": c.row, "source": c.source, "column": c.column, "message_lv": "; ".join(c.errors_lv),
                "message_en": "; ".join(c.errors_en)} for c in checks if c.refused]
    warnings = [{"row": c.row, "source": c.source, "message_lv": w} for c in checks for w in c.warnings_lv]
    registered = _register(args, report, checks) if args.register else []
    result = {"sheet": str(sheet.path), "rows": len(sheet.rows), **report.as_dict(), "refused": refused,
              "warnings": warnings, "registered": registered}
    emit(result, args.json, lambda _: _text(sheet, report, refused, warnings, registered))
    bad = report.failed or refused or any(r.get("error_lv") for r in registered)
    return 2 if bad else 0


def _register(args, report, checks) -> list[dict]:
    import casework
    from casework.contracts import register_contract_record

    from asistents.register import actor, open_register

    by_row = {c.row: c for c in checks if c.contract is not None and not c.refused}
    made = [o.row for o in report.outcomes if o.status != "failed" and o.row in by_row]
    out = []
    reg = open_register(args.db)
    try:
        for row in made:
            contract = by_row[row].contract
            try:
                done = register_contract_record(reg, contract, by=actor(args))
                out.append({"row": row, "contract": contract.number, "case_id": done.case_id or None,
                            "state": done.state, "message_lv": done.message_lv, "warnings": done.details["warnings"]})
            except casework.CaseworkError as e:
                out.append({"row": row, "contract": contract.number, "error_lv": e.message_lv,
                            "error_en": e.message_en, "point": e.point})
    finally:
        reg.close()
    return out


def _text(sheet, report, refused, warnings, registered) -> str:
    lines = [f"{sheet.path.name}: {len(sheet.rows)} rindas / rows", report.text()]
    for r in refused:
        where = f" (kolonna „{r['column']}”)" if r["column"] else ""
        lines.append(f"  {r['row']}. rinda{where}: {r['message_lv']} — līgums nav sagatavots / "
                     f"row {r['row']}: {r['message_en']} — no contract made")
    lines += [f"  {w['row']}. rinda: brīdinājums: {w['message_lv']}" for w in warnings]
    for r in registered:
        lines.append(f"  {r['row']}. rinda: " + (r.get("message_lv") or f"nav reģistrēts: {r['error_lv']} / "
                                                                        f"not registered: {r['error_en']}"))
    return "\n".join(lines)
