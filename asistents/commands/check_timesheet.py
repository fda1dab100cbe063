"""`asistents check-timesheet FILE [--contract FILE] [--others FILE…]`: findings for one monthly timesheet (20).

Exit code 0 without error findings, 1 with error findings, 2 on bad input.
"""
from __future__ import annotations

import os

from asistents.datafile import read_form_record, read_record
from asistents.output import add_json_flag, emit
from regulation.records import Contract, Timesheet
from regulation.timesheet import TimesheetCheck, check_timesheet

def _h(value) -> str:
    """Hours as Latvian text writes them: 2.50 → "2,5"."""
    return format(value.normalize(), "f").replace(".", ",")


_SEVERITY_LV = {"error": "KĻŪDA", "warning": "BRĪDINĀJUMS", "info": "INFORMĀCIJA"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check-timesheet",
        help="pārbauda mēneša uzskaites lapu / check a monthly timesheet",
        description="Pakalpojuma uzskaites lapas pārbaude (MK 942 20. punkts) pret līgumu un asistenta citām uzskaites "
                    "lapām; izejas kods 0 — kļūdu nav, 1 — ir kļūdas, 2 — nederīgi ievaddati.",
    )
    p.add_argument("file", metavar="FILE",
                   help="uzskaites lapa: JSON/YAML ieraksts vai PDF veidlapa / the timesheet as JSON/YAML or a PDF form")
    p.add_argument("--contract", metavar="FILE", help="līgums (JSON/YAML) / the contract (JSON/YAML)")
    p.add_argument("--others", metavar="FILE", nargs="+", default=[],
                   help="tā paša asistenta citas uzskaites lapas (citi saņēmēji, iepriekšējais mēnesis) / "
                        "the assistant's other timesheets")
    p.add_argument("--db", metavar="URL",
                   help="lietu reģistrs, no kura ņemt līgumu un asistenta citas lapas, ja --contract nav dots "
                        "(noklusējums: ASISTENTS_DB_URL vai ./asistents.db, ja tas ir) / the register to take the contract and the "
                        "assistant's other timesheets from when --contract is not given")
    add_json_flag(p)
    p.set_defaults(run=run)


def text(result: TimesheetCheck) -> str:
    lines = [f"Uzskaites lapa {result.month} — {result.rules_version or 'noteikumu redakcija nav nosakāma'}"]
    for f in result.findings:
        where = f" [{f.field}]" if f.field else ""
        lines.append(f"  {_SEVERITY_LV[f.severity]} {f.rule}{where}: {f.message_lv}")
    if not result.findings:
        lines.append("  Neatbilstību nav.")
    lines.append("Stundas pa nedēļām (ISO):")
    for w in result.weeks:
        granted = "—" if w.granted is None else _h(w.granted)
        lines.append(f"  {w.iso_year}. g. {w.iso_week}. nedēļa: uzskaitītas {_h(w.hours)} h, piešķirtas {granted} h, "
                     f"apmaksājamas {_h(w.paid)} h; asistentam kopā {_h(w.assistant_total)} h")
    lines.append(f"Uzskaitītas {_h(result.hours_provided)} h, apmaksājamas {_h(result.hours_paid)} h, "
                 f"neapmaksātas {_h(result.hours_cut)} h")
    for c in result.cuts:
        lines.append(f"  - {c.entry + 1}. ieraksts: {_h(c.hours)} h ({c.rule}: {c.reason_lv})")
    for s in result.point7_spans:
        lines.append(f"1. pielikuma 7. punkta {s.index}. četru nedēļu posms {s.start:%d.%m.%Y}.–{s.end:%d.%m.%Y}.: "
                     f"norma {_h(s.norm)} h, uzskaitītas {_h(s.reported)} h, "
                     f"apmaksājamas {_h(s.paid)} h")
    for a in result.assumptions_lv:
        lines.append(f"Pieņēmums: {a}")
    m = result.payable
    if m is not None:
        eur = lambda v: format(v, "f").replace(".", ",")  # noqa: E731
        mark = "PROVIZORISKI (kamēr kļūdas nav novērstas) " if result.provisional else ""
        lines.append(f"{mark}Apmaksa: {_h(m.hours)} h × {eur(m.rate)} EUR = {eur(m.remuneration)} EUR (22.1); darba "
                     f"devēja VSAOI {eur(m.contributions)} EUR (22.2); transports {eur(m.transport)} EUR (22.3); kopā "
                     f"{eur(m.total)} EUR")
    else:
        lines.append("Apmaksa nav aprēķināta (skat. kļūdas).")
    return "\n".join(lines)


def _from_register(url: str, timesheet: Timesheet) -> tuple[Contract | None, list[Timesheet]]:
    import registry

    reg = registry.open(url)
    try:
        with reg.transaction() as tx:
            return tx.timesheet_context(timesheet)
    finally:
        reg.close()


def run(args) -> int:
    timesheet = read_form_record(Timesheet, args.file)
    contract = read_record(Contract, args.contract) if args.contract else None
    others = [read_record(Timesheet, f) for f in args.others]
    # the default register (./asistents.db) when it is there; a named one always
    db = args.db or os.environ.get("ASISTENTS_DB_URL") or ("sqlite:///./asistents.db" if os.path.exists("asistents.db")
                                                           else None)
    if contract is None and db:
        contract, stored = _from_register(db, timesheet)
        others += stored
    result = check_timesheet(timesheet, contract, others)
    emit(result, args.json, text)
    return 1 if result.errors else 0
