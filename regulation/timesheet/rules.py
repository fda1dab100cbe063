"""The rules of the timesheet check, each a small pure function returning findings with their point."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Sequence

from regulation import calendar as cal
from regulation import personal_code as pk
from regulation.parameters import OutOfForce, Parameters
from regulation.records import Contract, Finding, Provider, Timesheet, TimesheetEntry
from regulation.timesheet.common import (
    HUNDREDTH, TOLERANCE_MINUTES, ZERO, _absolute, _e, _finding, _h, interval_minutes, same_person,
)


# ---------------------------------------------------------------- rules on single entries


def rule_20_hours_match_times(entries: Sequence[TimesheetEntry]) -> list[Finding]:
    """20: the timesheet reports the service "par iepriekšējā mēnesī sniegto asistenta pakalpojumu" — an entry's
    hours must equal its end minus its start (tolerance 0.01 h); an end before the start runs past midnight."""
    out = []
    for i, e in enumerate(entries):
        start, end = interval_minutes(e)
        if abs(e.hours * 60 - (end - start)) > TOLERANCE_MINUTES:
            actual = Decimal(end - start) / 60
            out.append(_finding(
                "MK942 20", "error",
                f"{e.date.isoformat()}: norādītas {_h(e.hours)} h, bet laiks {e.start:%H:%M}–{e.end:%H:%M} ir "
                f"{_h(actual.quantize(HUNDREDTH))} h; apmaksā mazāko",
                f"{e.date.isoformat()}: {_e(e.hours)} h given but {e.start:%H:%M}–{e.end:%H:%M} is "
                f"{_e(actual.quantize(HUNDREDTH))} h; the smaller is paid",
                f"entries.{i}.hours"))
    return out


def rule_20_entries_in_month(timesheet: Timesheet) -> list[Finding]:
    """20: "reizi mēnesī iesniedz … pakalpojuma uzskaites lapu par iepriekšējā mēnesī sniegto asistenta
    pakalpojumu" — every entry belongs to the timesheet's month."""
    first = timesheet.first_day
    return [
        _finding("MK942 20", "error",
                 f"ieraksts {e.date.isoformat()} nav uzskaites lapas mēnesī {timesheet.month}; to neapmaksā šajā lapā",
                 f"entry {e.date.isoformat()} is outside the timesheet's month {timesheet.month}; not paid on this sheet",
                 f"entries.{i}.date")
        for i, e in enumerate(timesheet.entries) if (e.date.year, e.date.month) != (first.year, first.month)
    ]


def rule_14_entries_in_contract(timesheet: Timesheet, contract: Contract) -> list[Finding]:
    """14: "Līgumā nosaka asistenta pakalpojuma apjomu, tā sniegšanas ilgumu un kārtību" — hours outside the
    contract's period are not the contract's service."""
    return [
        _finding("MK942 14", "error",
                 f"ieraksts {e.date.isoformat()} ir ārpus līguma Nr. {contract.number} darbības laika "
                 f"({contract.start.isoformat()}–{contract.end.isoformat()}); to neapmaksā",
                 f"entry {e.date.isoformat()} is outside contract {contract.number}'s period "
                 f"({contract.start.isoformat()}–{contract.end.isoformat()}); not paid",
                 f"entries.{i}.date")
        for i, e in enumerate(timesheet.entries) if not contract.start <= e.date <= contract.end
    ]


def rule_9_2_4_outside_latvia(entries: Sequence[TimesheetEntry]) -> list[Finding]:
    """9.2.4 and 17.4: the service is refused "izmantošanai ārpus Latvijas Republikas teritorijas – atsakot
    pakalpojumu daļā, kas paredzēta izmantošanai ārpus Latvijas Republikas teritorijas"."""
    return [
        _finding("MK942 9.2.4", "error",
                 f"{e.date.isoformat()}: pakalpojums sniegts ārpus Latvijas; šīs stundas neapmaksā (9.2.4., 17.4.)",
                 f"{e.date.isoformat()}: service provided outside Latvia; these hours are not paid (9.2.4, 17.4)",
                 f"entries.{i}.outside_latvia")
        for i, e in enumerate(entries) if e.outside_latvia
    ]


def suspended(day: dt.date, contract: Contract) -> bool:
    return any(s.start <= day and (s.end is None or day <= s.end) for s in contract.suspensions)


_SUSPENSION_LV = {"long_term_care": "ilgstošas sociālās aprūpes institūcijā", "hospital": "stacionārā ārstniecības iestādē",
                  "prison": "ieslodzījuma vietā"}


def rule_18_suspended_days(entries: Sequence[TimesheetEntry], contract: Contract) -> list[Finding]:
    """18: "Asistenta pakalpojuma sniegšana personai tiek pārtraukta uz laiku, kamēr asistenta pakalpojuma
    saņēmējs atrodas ilgstošas sociālās aprūpes institūcijā, stacionārā ārstniecības iestādē vai ieslodzījuma
    vietā." """
    out = []
    for i, e in enumerate(entries):
        for s in contract.suspensions:
            if s.start <= e.date and (s.end is None or e.date <= s.end):
                out.append(_finding(
                    "MK942 18", "error",
                    f"{e.date.isoformat()}: pakalpojums pārtraukts, jo saņēmējs atrodas {_SUSPENSION_LV[s.reason]} "
                    f"(no {s.start.isoformat()}); šīs stundas neapmaksā",
                    f"{e.date.isoformat()}: the service is suspended while the recipient is in {s.reason.replace('_', ' ')} "
                    f"(from {s.start.isoformat()}); these hours are not paid",
                    f"entries.{i}.date"))
                break
    return out


def rule_20_signatures(timesheet: Timesheet) -> list[Finding]:
    """20: the assistant (or the legal-entity provider) "iesniedz sociālajā dienestā pakalpojuma uzskaites lapu",
    and the service "kontrolē … līguma saistību izpildi". Point 20 does not itself name signatures: treating an
    unsigned sheet as an error (the form has both signature lines) is our reading (L)."""
    out = []
    if not timesheet.signed_by_assistant:
        out.append(_finding("MK942 20", "error", "uzskaites lapu nav parakstījis asistents; lūdziet parakstīt",
                            "the timesheet is not signed by the assistant; ask for the signature", "signed_by_assistant"))
    if not timesheet.signed_by_recipient:
        out.append(_finding("MK942 20", "error",
                            "uzskaites lapu nav parakstījis pakalpojuma saņēmējs (vai likumiskais pārstāvis); lūdziet parakstīt",
                            "the timesheet is not signed by the recipient (or the legal representative); ask for the signature",
                            "signed_by_recipient"))
    return out


def rule_14_no_contract() -> list[Finding]:
    """14: "sociālais dienests slēdz līgumu ar asistenta pakalpojuma pieprasītāju un asistenta pakalpojuma
    sniedzēju. Līgumā nosaka asistenta pakalpojuma apjomu" — without it the granted hours are unknown."""
    return [_finding("MK942 14", "error",
                     "reģistrā nav līguma ar šo saņēmēju un asistentu: piešķirtās stundas nav zināmas, apmaksu neaprēķina; "
                     "reģistrējiet līgumu vai norādiet to (--contract)",
                     "the register has no contract for this recipient and assistant: the granted hours are unknown and "
                     "nothing is priced; register the contract or give it (--contract)", "recipient")]


def rule_14_contract_parties(timesheet: Timesheet, contract: Contract) -> list[Finding]:
    """14: the three-party contract names "asistenta pakalpojuma pieprasītāju un asistenta pakalpojuma
    sniedzēju" — the timesheet's recipient and assistant must be the contract's."""
    out = []
    if timesheet.recipient.personal_code != contract.recipient.personal_code:
        out.append(_finding("MK942 14", "error",
                            f"uzskaites lapas saņēmējs nav līguma Nr. {contract.number} saņēmējs",
                            f"the timesheet's recipient is not the recipient of contract {contract.number}",
                            "recipient.personal_code"))
    if contract.provider is None and not same_person(timesheet.assistant, contract.assistant):
        out.append(_finding("MK942 14", "error",
                            f"uzskaites lapas asistents nav līguma Nr. {contract.number} asistents",
                            f"the timesheet's assistant is not the assistant of contract {contract.number}",
                            "assistant"))
    if timesheet.provider is not None and not _same_provider(timesheet.provider, contract.provider):
        party = "līgumā pakalpojuma sniedzējs – juridiska persona nav" if contract.provider is None else \
            f"līguma puse ir {contract.provider.name}"
        out.append(_finding("MK942 14", "error",
                            f"uzskaites lapu iesniedzis {timesheet.provider.name}, kas nav līguma Nr. {contract.number} "
                            f"puse ({party}); pēc šī līguma nekas nav apmaksājams (3.¹, 14., 20.)",
                            f"the timesheet comes from {timesheet.provider.name}, not a party to contract "
                            f"{contract.number}; nothing is payable under this contract", "provider"))
    return out


def _same_provider(a: Provider, b: Provider | None) -> bool:
    if b is None:
        return False
    if a.registration_number and b.registration_number:
        return a.registration_number.replace(" ", "") == b.registration_number.replace(" ", "")
    return " ".join(a.name.casefold().split()) == " ".join(b.name.casefold().split())


def assistant_is_minor(timesheet: Timesheet, contract: Contract | None) -> tuple[bool, list[Finding]]:
    """Annex 4 prices a minor assistant's hour differently (7-hour days, Darba likums 132): whether the assistant
    is a minor is read from the personal code where it carries the birth date (old-format codes), on the first
    day of the month (the tool's assumption: the month is priced as it began); a declared `is_minor` that
    contradicts the code is an error. Without a readable code the declaration stands."""
    first = timesheet.first_day
    records = [("assistant", timesheet.assistant)] + ([("contract.assistant", contract.assistant)] if contract else [])
    born = next((pk.birth_date(a.personal_code) for _, a in records if a.personal_code
                 and pk.birth_date(a.personal_code)), None)
    declared = timesheet.assistant.is_minor or (contract is not None and contract.assistant.is_minor)
    if born is None:
        return declared, []
    eighteen = _add_years(born, 18)
    minor = first < eighteen
    out = []
    for where, a in records:
        if a.is_minor != minor:
            age = first.year - born.year - ((first.month, first.day) < (born.month, born.day))
            out.append(_finding(
                "MK942 22.1", "error",
                f"asistentam {month_lv(first)} sākumā ir {age} gadi (pēc personas koda), bet uzskaitē norādīts, ka "
                f"asistents ir {'nepilngadīgs' if a.is_minor else 'pilngadīgs'}; 4. pielikums nepilngadīgam un "
                f"pilngadīgam asistentam nosaka atšķirīgu stundas izcenojumu — izlabojiet (apmaksa aprēķināta pēc "
                f"personas koda)",
                f"the assistant is {age} at the start of the month (by the personal code) but recorded as "
                f"{'a minor' if a.is_minor else 'an adult'}; Annex 4 prices them differently — correct it (priced by "
                f"the personal code)", f"{where}.is_minor"))
    if first < eighteen <= _month_end(first):
        out.append(_finding("MK942 22.1", "warning",
                            f"asistentam {eighteen.isoformat()} aprit 18 gadi; mēnesis apmaksāts pēc vecuma mēneša "
                            "sākumā (noteikumi šo gadījumu neregulē — pārbaudiet)",
                            f"the assistant turns 18 on {eighteen.isoformat()}; the month is priced by the age at its "
                            "start (the regulation is silent — please check)", "assistant.personal_code"))
    return minor, out


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28) + dt.timedelta(days=1)


def _month_end(first: dt.date) -> dt.date:
    return cal.add_month(first) - dt.timedelta(days=1)


def month_lv(first: dt.date) -> str:
    return f"{first.year}. gada {_MONTHS_LV[first.month - 1]}"


_MONTHS_LV = ["janvāra", "februāra", "marta", "aprīļa", "maija", "jūnija", "jūlija", "augusta", "septembra",
              "oktobra", "novembra", "decembra"]


def rule_in_force(timesheet: Timesheet, contract: Contract | None, params: Parameters) -> tuple[list[Finding], str | None]:
    """Which redaction prices the month; 29.¹: "Līdz šo noteikumu 14. punktā minēto līgumu darbības termiņa
    beigām, bet ne ilgāk kā līdz 2016. gada 30. jūnijam … atbilstoši šo noteikumu normām, kas bija spēkā līdz
    2015. gada 31. decembrim, tiek apmaksāts asistenta pakalpojums atbilstoši līgumiem, kas noslēgti līdz 2015.
    gada 31. decembrim." Per the ministry's deck, a contract concluded in 2015 whose service starts on
    2016-01-01 follows the new norms, so 29.¹ is applied to contracts that started before 2016.

    Returns the findings and the rules version (None when the month cannot be priced)."""
    first = timesheet.first_day
    concluded = None if contract is None else (contract.concluded_on or contract.start)
    try:
        version = params.rules_version(first, contract_concluded_on=concluded)
    except OutOfForce as e:
        return [_finding("MK942", "error", f"{e.message_lv}; uzskaites lapu šis rīks nevar izvērtēt",
                         f"{e.message_en}; this tool cannot assess the timesheet", "month")], None
    if contract is not None and contract.start < params.transition_concluded_by + dt.timedelta(days=1):
        try:
            params.check_transition_29_1(concluded, first)
        except OutOfForce as e:
            return [_finding("MK942 29.¹", "error", e.message_lv, e.message_en, "month")], None
    return [], version


# ---------------------------------------------------------------- rules on weeks


def _week_of(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso[0], iso[1]


def rule_9_1_1_weekly_per_activity(week: tuple[int, int], by_point: dict[int, Decimal], contract: Contract,
                                   pooled_point: int = 7) -> list[Finding]:
    """9.1.1 and 14: the decision and the contract fix "asistenta pakalpojuma apjomu (stundas nedēļā)" per
    activity; hours of an activity the contract does not grant, or above its weekly hours, are not paid (20).
    Point 7 is checked by its four-week pool instead."""
    if not contract.activities:
        return []
    granted = {a.annex1_point: a.hours_per_week for a in contract.activities}
    out = []
    for point, hours in sorted(by_point.items()):
        if point == pooled_point and point in granted:
            continue
        limit = granted.get(point, ZERO)
        if hours > limit:
            what_lv = (f"līgumā šim pasākumam piešķirtas {_h(limit)} h nedēļā" if point in granted
                       else "līgumā šis pasākums nav piešķirts")
            what_en = f"the contract grants {_e(limit)} h a week for it" if point in granted else "the contract does not grant it"
            out.append(_finding(
                "MK942 9.1.1", "error",
                f"{week[0]}. gada {week[1]}. nedēļā 1. pielikuma {point}. punkta pasākumam uzskaitītas {_h(hours)} h, bet "
                f"{what_lv}; pārsniegums netiek apmaksāts (20., 22.1.)",
                f"ISO week {week[0]}-W{week[1]:02d}: {_e(hours)} h for Annex 1 point {point}, but {what_en}; the excess is not paid",
                "entries"))
    return out


def rule_9_1_1_weekly_total(week: tuple[int, int], hours: Decimal, contract: Contract) -> list[Finding]:
    """9.1.1 and 14: "asistenta pakalpojuma apjomu (stundas nedēļā)" — the week's hours within the contract's
    total (point 7 counted up to its weekly hours: its pool is checked separately)."""
    if hours <= contract.hours_per_week:
        return []
    return [_finding(
        "MK942 9.1.1", "error",
        f"{week[0]}. gada {week[1]}. nedēļā uzskaitītas {_h(hours)} h, bet līgumā Nr. {contract.number} piešķirtas "
        f"{_h(contract.hours_per_week)} h nedēļā; pārsniegums netiek apmaksāts",
        f"ISO week {week[0]}-W{week[1]:02d}: {_e(hours)} h, but contract {contract.number} grants {_e(contract.hours_per_week)} h "
        "a week; the excess is not paid",
        "entries")]


def rule_11_3_recipient_40_hours(week: tuple[int, int], hours: Decimal, limit: Decimal) -> list[Finding]:
    """11.3 and Invaliditātes likums 12(1)3: "nepārsniedzot … asistenta pakalpojuma maksimālo stundu skaitu –
    40 stundu nedēļā"."""
    if hours <= limit:
        return []
    return [_finding("MK942 11.3", "error",
                     f"{week[0]}. gada {week[1]}. nedēļā saņēmējam uzskaitītas {_h(hours)} h — vairāk nekā {_h(limit)} h nedēļā",
                     f"ISO week {week[0]}-W{week[1]:02d}: {_e(hours)} h for the recipient — more than {_e(limit)} h a week", "entries")]


def rule_annex1_7_pool(block: int, hours: Decimal, weekly: Decimal, weeks: int, emergency: bool) -> list[Finding]:
    """1. pielikuma 7. punkts: "līdz 2 stundām nedēļā - četru nedēļu stundu normu (8 stundas) var apvienot,
    izmantojot vienā vai vairākās reizēs." During a declared emergency 11.¹ lets unused hours of points 1–6 be
    used for point 7: then the excess is a warning to check, not an error."""
    limit = weekly * weeks
    if hours <= limit:
        return []
    if emergency:
        return [_finding("MK942 11.¹", "warning",
                         f"{block + 1}. četru nedēļu posmā 7. punkta pasākumiem uzskaitītas {_h(hours)} h (norma {_h(limit)} h); "
                         "ārkārtējās situācijas laikā neizmantotās 1.–6. punkta stundas var izmantot 7. punktam — pārbaudiet",
                         f"four-week block {block + 1}: {_e(hours)} h of point 7 (norm {_e(limit)} h); during the emergency unused "
                         "hours of points 1–6 may be used for point 7 — please check", "entries")]
    return [_finding("MK942 1. pielikuma 7. punkts", "error",
                     f"{block + 1}. četru nedēļu posmā 7. punkta pasākumiem uzskaitītas {_h(hours)} h, bet četru nedēļu "
                     f"norma ir {_h(limit)} h; pārsniegums netiek apmaksāts",
                     f"four-week block {block + 1}: {_e(hours)} h of Annex 1 point 7, but the four-week norm is {_e(limit)} h; "
                     "the excess is not paid", "entries")]


def rule_3_assistant_40_hours(week: tuple[int, int], hours: Decimal, limit: Decimal,
                              cut_elsewhere: Sequence[str] = ()) -> list[Finding]:
    """3: "Asistenta pakalpojumu persona var sniegt vairākām personām ar invaliditāti, nepārsniedzot 40 stundu
    nedēļā"; 22.1: paid "kopā ne vairāk kā par 40 stundām nedēļā vienam asistentam". The excess is cut on the
    sheet where it arises; this sheet's message names that sheet when it is another one."""
    if hours <= limit:
        return []
    if cut_elsewhere:
        where = "; ".join(dict.fromkeys(cut_elsewhere))
        return [_finding("MK942 3", "warning",
                         f"{week[0]}. gada {week[1]}. nedēļā asistents kopā visiem saņēmējiem uzskaitījis {_h(hours)} h — "
                         f"vairāk nekā {_h(limit)} h nedēļā; pārsniegums rodas saņēmēja {where} uzskaites lapā un tiek "
                         "samazināts tur, šajā lapā stundas netiek samazinātas (22.1.)",
                         f"ISO week {week[0]}-W{week[1]:02d}: the assistant reports {_e(hours)} h across all recipients; "
                         f"the excess arises on the sheet of {where} and is cut there, not on this sheet", "entries")]
    return [_finding("MK942 3", "error",
                     f"{week[0]}. gada {week[1]}. nedēļā asistents kopā visiem saņēmējiem uzskaitījis {_h(hours)} h — vairāk "
                     f"nekā {_h(limit)} h nedēļā; stundas pēc {_h(limit)}. netiek apmaksātas (22.1.)",
                     f"ISO week {week[0]}-W{week[1]:02d}: the assistant reports {_e(hours)} h across all recipients — more than "
                     f"{_e(limit)} h a week; the hours past the {_e(limit)}th are not paid (22.1)", "entries")]


def rule_20_overlaps(timesheet: Timesheet, others: Sequence[Timesheet]) -> list[Finding]:
    """20 and 19.2: an assistant cannot serve two recipients at once, nor report the same time twice ("ja sniegta
    nepatiesa informācija par sniegto pakalpojumu" the assistant repays)."""
    mine = [(_absolute(e), i) for i, e in enumerate(timesheet.entries)]
    out = []
    by_day: dict[dt.date, list[tuple[tuple[int, int], int]]] = defaultdict(list)
    for span, i in mine:
        by_day[timesheet.entries[i].date].append((span, i))
    for day, spans in by_day.items():
        spans.sort()
        for (a, i), (b, j) in zip(spans, spans[1:]):
            if b[0] < a[1]:
                out.append(_finding("MK942 20", "error",
                                    f"{day.isoformat()}: ieraksti {i + 1} un {j + 1} pārklājas laikā; pārklāšanās stundas apmaksā vienreiz",
                                    f"{day.isoformat()}: entries {i + 1} and {j + 1} overlap in time; the overlap is paid once",
                                    f"entries.{j}.start"))
    for other in others:
        if not same_person(other.assistant, timesheet.assistant) or other.recipient.personal_code == timesheet.recipient.personal_code:
            continue
        theirs = [_absolute(e) for e in other.entries]
        for (a, i) in mine:
            for b in theirs:
                if a[0] < b[1] and b[0] < a[1]:
                    out.append(_finding(
                        "MK942 20", "error",
                        f"{timesheet.entries[i].date.isoformat()}: asistents tajā pašā laikā uzskaitījis pakalpojumu citam "
                        f"saņēmējam ({other.recipient.given_name} {other.recipient.surname}); kopīgo laiku apmaksā vienreiz "
                        f"— tajā lapā, kurā ieraksts sākas agrāk; pārbaudiet (19.2.)",
                        f"{timesheet.entries[i].date.isoformat()}: the assistant reports service to another recipient at the "
                        "same time; please check (19.2)", f"entries.{i}.start"))
                    break
    return out


