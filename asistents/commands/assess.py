"""`asistents assess APPLICATION [--assessment FILE] [--on DATE]`: the decision proposal with findings and citations."""
from __future__ import annotations

import datetime as dt

from asistents.datafile import read_form_record, read_record
from asistents.output import DATE_METAVAR, UserError, add_json_flag, emit, option_date
from regulation.assess import assess, pending_findings
from regulation.findings import cite_lv
from regulation.parameters import OutOfForce
from regulation.records import Application, Assessment, Decision
from regulation.volume import point_name_lv

_OUTCOME_LV = {"grant": "PIEŠĶIRT", "partial": "PIEŠĶIRT DAĻĒJI", "refuse": "ATTEIKT",
               "pending": "GAIDA IZVĒRTĒJUMU"}
_SEVERITY_LV = {"error": "kļūda", "warning": "brīdinājums", "info": "informācija"}
_KIND_LV = {"one_time": "vienreizējs", "one_month": "uz vienu mēnesi", "months": "uz vairākiem mēnešiem",
            "until_year_end": "līdz kārtējā gada beigām", "one_year": "uz vienu gadu"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "assess",
        help="lēmuma projekts ar konstatējumiem un atsaucēm / decision proposal with findings and citations",
        description="Lēmuma projekts par asistenta pakalpojumu (MK 942 9.–11. punkts, 1. pielikums): iznākums, stundas "
                    "pa pasākumiem, ilgums, termiņi, atteikuma pamati un konstatējumi ar atsaucēm.",
    )
    p.add_argument("application", metavar="APPLICATION",
                   help="iesniegums: JSON/YAML ieraksts vai PDF veidlapa / the application as JSON/YAML or a PDF form")
    p.add_argument("--assessment", metavar="FILE",
                   help="sociālā dienesta izvērtējums (JSON/YAML); bez tā lēmums gaida izvērtējumu / the social service's assessment")
    p.add_argument("--on", metavar=DATE_METAVAR,
                   help="lēmuma datums (noklusējums: iesnieguma saņemšanas datums) / decision date (default: receipt date)")
    add_json_flag(p)
    p.set_defaults(run=run)


def _date(value: str) -> dt.date:
    return option_date(value, "--on")


def _h(x) -> str:
    return f"{x.normalize():f}".replace(".", ",")


def text(d: Decision) -> str:
    lines = [f"Lēmuma projekts: {_OUTCOME_LV[d.outcome]} — {_h(d.hours_per_week)} h nedēļā"]
    waiting = pending_findings(d)
    if waiting:
        lines.append("UZMANĪBU: lēmuma projekts gaida sociālā dienesta izvērtējumu (MK 942 8.3. apakšpunkts) — "
                     "to nevar pieņemt, kamēr nav izvērtēts:")
        lines += [f"  - {f.field or ''}: {f.message_lv}" for f in waiting]
    lines.append(f"Lēmuma datums: {d.decided_on.isoformat()}; noteikumu redakcija: {d.rules_version}")
    lines.append("Pasākumi (MK 942 1. pielikums), stundas nedēļā:")
    for a in d.activities:
        row = f"  - {point_name_lv(a.annex1_point)}: pieprasītas {_h(a.requested)}, piešķirtas {_h(a.granted)}"
        lines.append(row + (f" — {a.reason}" if a.reason else ""))
    if d.duration:
        lines.append(f"Ilgums (9.1.2): {_KIND_LV[d.duration.kind]}, {d.duration.start.isoformat()} – {d.duration.end.isoformat()}")
    if d.grounds:
        lines.append("Atteikuma pamats: " + "; ".join(cite_lv(g) for g in d.grounds))
    if d.findings:
        lines.append("Konstatējumi:")
        lines += [f"  - [{_SEVERITY_LV[f.severity]}] {f.rule}: {f.message_lv}" for f in d.findings]
    lines.append(f"Termiņi: lēmums jāpieņem līdz {d.deadlines.decide_by.isoformat()} (MK 942 9. punkts); "
                 f"pieprasītājs jāinformē līdz {d.deadlines.notify_by.isoformat()} (MK 942 10. punkts)")
    return "\n".join(lines)


def run(args) -> int:
    application = read_form_record(Application, args.application)
    assessment = read_record(Assessment, args.assessment) if args.assessment else Assessment()
    on = _date(args.on) if args.on else None
    try:
        decision = assess(application, assessment, on)
    except OutOfForce as e:
        raise UserError(e.message_lv, e.message_en, file=None if on else args.application,
                        field="--on" if on else "received_on",
                        hint_lv="MK 942 šajā rīkā ir iekodēti no 2016-01-01 līdz 2021-06-30; pēc tam piemēro MK 316") from None
    emit(decision, args.json, text)
    return 0
