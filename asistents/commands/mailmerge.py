"""`asistents mailmerge SHEET.csv|.xlsx --template NAME -o DIR [--pdf] [--merged FILE.pdf]`."""
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
    add_json_flag(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from generator.mailmerge import SheetError, mailmerge

    check_kind(args.template)
    mun = municipality(args.config)
    if args.merged and not args.merged.lower().endswith(".pdf"):
        raise UserError("--merged failam jābeidzas ar .pdf", "--merged must end in .pdf", file=args.merged)
    try:
        sheet, report = mailmerge(args.sheet, args.template, args.output, municipality=mun, pdf=args.pdf or args.pdfa,
                                  pdfa=args.pdfa, merged=args.merged, progress=not args.json)
    except SheetError as e:
        raise UserError(e.message_lv, e.message_en, file=e.file, hint_lv=e.hint_lv) from None
    except RecordError as e:
        p = e.problems[0]
        raise UserError(p.message_lv, p.message_en, field="--template") from None
    emit({"sheet": str(sheet.path), "rows": len(sheet.rows), **report.as_dict()}, args.json,
         lambda _: f"{sheet.path.name}: {len(sheet.rows)} rindas / rows\n" + report.text())
    return 2 if report.failed else 0
