"""`asistents rate YYYY-MM [--minor]`: the hourly remuneration rate of a month with its derivation (22.1)."""
from __future__ import annotations

from asistents.output import UserError, add_json_flag, emit
from regulation.parameters import OutOfForce
from regulation.rates import RateDerivation, rate

_METHOD_LV = {
    "mk656_minimum_tariff": "minimālā stundas tarifa likme (MK 24.11.2015. noteikumi Nr. 656)",
    "annex4_table": "MK 942 4. pielikuma izcenojums",
}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "rate",
        help="asistenta atlīdzības stundas likme mēnesī ar aprēķinu / the hourly rate of a month",
        description="Asistenta atlīdzības vienas stundas likme (MK 942 22.1) norādītajā mēnesī, ar aprēķinu un tiesisko pamatu.",
    )
    p.add_argument("month", metavar="GGGG-MM", help="mēnesis, piemēram, 2016-01 / the month, e.g. 2016-01")
    p.add_argument("--minor", action="store_true", help="nepilngadīgs asistents / a minor assistant")
    add_json_flag(p)
    p.set_defaults(run=run)


def text(d: RateDerivation) -> str:
    who = "nepilngadīgs" if d.minor else "pilngadīgs"
    lines = [
        f"{d.month}: {d.rate} EUR stundā ({who} asistents)",
        f"Metode: {_METHOD_LV.get(d.method, d.method)}",
        f"Minimālā mēneša darba alga: {d.minimum_wage} EUR",
        f"Darbdienas: {d.working_days} × {d.day_hours} h = {d.working_day_hours} h; "
        f"svētku dienas darbdienās: {d.holidays_mon_fri} ({d.holiday_hours} h); pirmssvētku dienas: {d.pre_holiday_days}",
        f"Stundu skaits aprēķinā: {d.normal_hours} h",
        "Aprēķins un piezīmes:",
        *[f"  - {n}" for n in d.notes_lv],
        "Tiesiskais pamats:",
        *[f"  - {s}" for s in d.sources],
        f"Noteikumu redakcija: {d.rules_version}",
    ]
    return "\n".join(lines)


def run(args) -> int:
    try:
        derivation = rate(args.month, minor=args.minor)
    except OutOfForce as e:
        raise UserError(e.message_lv, e.message_en, field="GGGG-MM",
                        hint_lv="norādiet mēnesi no 2016-01 līdz 2021-12 (MK 942 iekodētās redakcijas)") from None
    except ValueError as e:
        lv, _, en = str(e).partition(" / ")
        raise UserError(lv, en or lv, field="GGGG-MM", hint_lv="norādiet mēnesi formā GGGG-MM, piemēram, 2016-01") from None
    emit(derivation, args.json, text)
    return 0
