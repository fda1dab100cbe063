"""The monthly timesheet check (point 20): findings with citations, hours per ISO week, and what is payable.

20: "Asistents vai asistenta pakalpojuma sniedzējs, kas ir juridiska persona, reizi mēnesī iesniedz sociālajā
dienestā pakalpojuma uzskaites lapu par iepriekšējā mēnesī sniegto asistenta pakalpojumu, un sociālais dienests
kontrolē šo noteikumu 14. punktā minētā līguma saistību izpildi."

Each rule is a small pure function returning findings. Payment follows 20 and 22.1: only hours actually provided
are paid, never above the hours granted in the contract, and never above 40 hours a week per assistant; every
hour not paid is listed as a `Cut` with its reason.

Design choices (REGULATION.md does not settle them; said in the findings and in `assumptions_lv`):
- the point 7 four-week pool runs in spans of four ISO weeks counted from the contract's first week (their
  dates are in `point7_spans`); an excess clustered on both sides of a span boundary is a warning;
- the assistant's 40 hours a week across recipients are taken in time order: the hours past the 40th are cut
  on the sheet where they arise, and the other sheets' messages name it;
- time one assistant reports for two recipients at once is paid once, on the sheet whose entry began first;
- a sheet not of the contract's recipient, assistant or provider pays nothing under the contract;
- a minor assistant (Annex 4) is judged by the personal code's birth date on the month's first day;
- payable figures are `provisional` while any error stands;
- a week that crosses the month boundary is checked with the hours this check can see (this timesheet and the
  `others` given, e.g. the previous month's timesheet of the same recipient).

>>> import datetime as dt
>>> from regulation.records import load, Timesheet
>>> ts = load(Timesheet, {"month": "2019-03", "recipient": {"given_name": "Anna", "surname": "Kalniņa",
...     "personal_code": "161175-19997"}, "assistant": {"given_name": "Ilze", "surname": "Ozola"},
...     "entries": [{"date": "2019-03-04", "start": "09:00", "end": "12:00", "hours": 3, "annex1_point": 5}],
...     "signed_by_assistant": True, "signed_by_recipient": True})
>>> [f.rule for f in check_timesheet(ts).findings]
['MK942 14']
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Sequence

from regulation import calendar as cal
from regulation import parameters as _parameters
from regulation import personal_code as pk
from regulation.parameters import OutOfForce, Parameters
from regulation.rates import Payable, payable
from regulation.records import Assistant, Contract, Finding, Provider, Record, Timesheet, TimesheetEntry

ZERO = Decimal("0")
HUNDREDTH = Decimal("0.01")
TOLERANCE_MINUTES = Decimal("0.6")  # 0.01 h


# ---------------------------------------------------------------- result records


class WeekHours(Record):
    """The hours of one ISO week ("stundas nedēļā") as this timesheet reports them."""

    iso_year: int
    iso_week: int
    days_in_month: list[dt.date]  # the week's days that fall in the timesheet's month
    hours: Decimal  # declared on this timesheet
    by_point: dict[int, Decimal]  # declared, by Annex 1 point
    granted: Decimal | None  # the contract's hours per week (None without a contract)
    assistant_total: Decimal  # this assistant's declared hours that week, all recipients given
    paid: Decimal


class Cut(Record):
    """Hours of one entry that are not paid, and why."""

    entry: int  # index into `entries`
    field: str
    hours: Decimal
    rule: str
    reason_lv: str
    reason_en: str


class Point7Span(Record):
    """One four-week span of Annex 1 point 7 that this month touches: its dates, norm and hours."""

    index: int  # 1 = the span starting on the Monday of the contract's first week
    start: dt.date
    end: dt.date
    norm: Decimal
    reported: Decimal  # point 7 hours of the span on the sheets this check sees
    paid: Decimal


class TimesheetCheck(Record):
    month: str
    findings: list[Finding]
    weeks: list[WeekHours]
    hours_provided: Decimal  # as declared on the timesheet
    hours_paid: Decimal
    hours_cut: Decimal  # provided − paid, each cut listed in `cuts`
    paid_by_entry: list[Decimal]
    cuts: list[Cut]
    payable: Payable | None  # None without a contract, for a sheet not of the contract, or rules not encoded
    # The payable figures are provisional while any error stands (the clerk must resolve it first).
    provisional: bool = False
    point7_spans: list["Point7Span"] = []
    assumptions_lv: list[str] = []  # what the check assumes where the law is silent
    emergency_ceiling: Decimal | None = None  # 11.¹: the previous three months' average, when they are known
    rules_version: str | None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def _value(params: Parameters, name: str, on: dt.date):
    """A parameter's value on `on`, or its first value for an earlier date (such a month already has an
    out-of-force finding; the weekly figures are still reported)."""
    return params.param(name, max(on, params.series[name][0].start)).value


def _finding(rule: str, severity: str, lv: str, en: str, field: str | None = None) -> Finding:
    return Finding(rule=rule, severity=severity, message_lv=lv, message_en=en, field=field)


def _q(value: Decimal) -> Decimal:
    """Hours to hundredths, as the timesheet writes them."""
    return value.quantize(HUNDREDTH)


def _e(value: Decimal) -> str:
    """Hours without trailing zeros: 40.00 → '40', 2.50 → '2.5'."""
    return format(value.normalize(), "f")


def _h(value: Decimal) -> str:
    """Hours as a Latvian text shows them: 2.5 → '2,5'."""
    return _e(value).replace(".", ",")


# ---------------------------------------------------------------- entries as intervals


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def interval_minutes(entry: TimesheetEntry) -> tuple[int, int]:
    """(start, end) in minutes from the entry day's midnight; an end not after the start runs past midnight."""
    start, end = _minutes(entry.start), _minutes(entry.end)
    if end <= start:
        end += 24 * 60
    return start, end


def same_person(a: Assistant, b: Assistant) -> bool:
    """The same assistant: by personal code where both have one, else by name (case-insensitive)."""
    if a.personal_code and b.personal_code:
        return a.personal_code == b.personal_code
    return (a.given_name.casefold(), a.surname.casefold()) == (b.given_name.casefold(), b.surname.casefold())


def _absolute(entry: TimesheetEntry) -> tuple[int, int]:
    start, end = interval_minutes(entry)
    base = entry.date.toordinal() * 1440
    return base + start, base + end


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


# ---------------------------------------------------------------- the check


def _cut(i: int, hours: Decimal, rule: str, lv: str, en: str) -> Cut:
    return Cut(entry=i, field=f"entries.{i}.hours", hours=_q(hours), rule=rule, reason_lv=lv, reason_en=en)


def _valid_hours(e: TimesheetEntry) -> Decimal:
    """The hours an entry can be paid for: the declared hours, not more than its time interval."""
    start, end = interval_minutes(e)
    return min(e.hours, (Decimal(end - start) / 60).quantize(HUNDREDTH))


# ---------------------------------------------------------------- what is paid
# Each step below takes the hours still payable per entry (`paid`, lowered in place) and returns its cuts.


def _cut_unpayable_entries(entries: Sequence[TimesheetEntry], first: dt.date, contract: Contract | None,
                           paid: list[Decimal]) -> list[Cut]:
    """20: more hours than the interval are not paid; nor are entries outside the month, abroad (9.2.4),
    outside the contract (14) or in a suspension (18)."""
    cuts = []
    for i, e in enumerate(entries):
        if paid[i] < e.hours:
            cuts.append(_cut(i, e.hours - paid[i], "MK942 20", "norādīts vairāk stundu nekā laika posmā",
                             "more hours than the time interval"))
        reason = None
        if (e.date.year, e.date.month) != (first.year, first.month):
            reason = ("MK942 20", "ārpus uzskaites lapas mēneša", "outside the timesheet's month")
        elif e.outside_latvia:
            reason = ("MK942 9.2.4", "ārpus Latvijas", "outside Latvia")
        elif contract is not None and not contract.start <= e.date <= contract.end:
            reason = ("MK942 14", "ārpus līguma darbības laika", "outside the contract's period")
        elif contract is not None and suspended(e.date, contract):
            reason = ("MK942 18", "pakalpojums pārtraukts", "the service is suspended")
        if reason and paid[i] > 0:
            cuts.append(_cut(i, paid[i], *reason))
            paid[i] = ZERO
    return cuts


def _cut_same_sheet_overlaps(entries: Sequence[TimesheetEntry], order: list[int], paid: list[Decimal]) -> list[Cut]:
    """20: time reported twice on one sheet is paid once (the later-starting entry loses the overlap)."""
    cuts, reach = [], None
    for k in order:
        if paid[k] == 0:
            continue
        s, t = _absolute(entries[k])
        if reach is not None and s < reach:
            overlap = min(Decimal(min(t, reach) - s) / 60, paid[k]).quantize(HUNDREDTH)
            if overlap > 0:
                paid[k] -= overlap
                cuts.append(_cut(k, overlap, "MK942 20", "laiks jau uzskaitīts citā ierakstā",
                                 "time already reported in another entry"))
        reach = t if reach is None else max(reach, t)
    return cuts


def _covered(span: tuple[int, int], intervals: Sequence[tuple[int, int]]) -> int:
    """Minutes of `span` covered by the union of `intervals`."""
    s, t = span
    cuts = sorted((max(a, s), min(b, t)) for a, b in intervals if a < t and s < b)
    total, reach = 0, s
    for a, b in cuts:
        a = max(a, reach)
        if b > a:
            total += b - a
            reach = b
    return total


def _other_sheets(timesheet: Timesheet, others: Sequence[Timesheet]) -> list[Timesheet]:
    """The same assistant's sheets for other recipients."""
    return [o for o in others if o is not timesheet and same_person(o.assistant, timesheet.assistant)
            and o.recipient.personal_code != timesheet.recipient.personal_code]


def _keeps(a_span: tuple[int, int], a_code: str, b_span: tuple[int, int], b_code: str) -> bool:
    """Of two overlapping entries on two recipients' sheets, the one that starts first is paid for the common
    time (ties: the recipient whose personal code sorts first) — the same answer from either sheet."""
    return (a_span[0], a_code) < (b_span[0], b_code)


def _cut_other_sheet_overlaps(entries: Sequence[TimesheetEntry], paid: list[Decimal], timesheet: Timesheet,
                              others: Sequence[Timesheet]) -> list[Cut]:
    """20, 19.2: one assistant cannot serve two recipients at once; time reported on two sheets is paid once —
    on the sheet whose entry began first (`_keeps`), so the other sheet's check cuts it and this one pays it."""
    mine = timesheet.recipient.personal_code
    theirs = [(_absolute(e), o.recipient.personal_code, o.recipient) for o in _other_sheets(timesheet, others)
              for e in o.entries]
    cuts = []
    for k, e in enumerate(entries):
        span = _absolute(e)
        first = [(s, who) for s, code, who in theirs if s[0] < span[1] and span[0] < s[1] and _keeps(s, code, span, mine)]
        if not first or paid[k] == 0:
            continue
        lost = min(Decimal(_covered(span, [s for s, _ in first])) / 60, paid[k]).quantize(HUNDREDTH)
        if lost > 0:
            names = ", ".join(sorted({f"{w.given_name} {w.surname}" for _, w in first}))
            paid[k] -= lost
            cuts.append(_cut(k, lost, "MK942 20", f"tas pats laiks jau apmaksāts saņēmēja {names} uzskaites lapā",
                             f"the same time is paid on the sheet of recipient {names}"))
    return cuts


class _Elsewhere:
    """Hours of this assistant on the other sheets given: the same recipient's other months (they share a
    week's grant and point 7's pool) and other recipients (they share the assistant's 40 hours)."""

    def __init__(self, timesheet: Timesheet, others: Sequence[Timesheet]):
        self.same_recipient: list[TimesheetEntry] = []
        self.same_recipient_months: dict[str, Decimal] = defaultdict(lambda: ZERO)  # month → hours provided
        # week → (start, hours, whose sheet) of the other sheets; time this sheet pays is not counted twice
        self.assistant: dict[tuple[int, int], list[tuple[int, Decimal, str]]] = defaultdict(list)
        mine = [_absolute(e) for e in timesheet.entries]
        code = timesheet.recipient.personal_code
        for other in others:
            if other is timesheet or not same_person(other.assistant, timesheet.assistant):
                continue
            same = other.recipient.personal_code == code
            if same and other.month == timesheet.month:
                continue  # a second copy of this month's sheet: not hours of their own
            who = f"{other.recipient.given_name} {other.recipient.surname}"
            for e in other.entries:
                hours = _valid_hours(e)
                if same:
                    self.same_recipient.append(e)
                    self.same_recipient_months[other.month] += hours
                else:
                    span = _absolute(e)
                    lost = _covered(span, [m for m in mine if _keeps(m, code, span, other.recipient.personal_code)])
                    hours = max(hours - Decimal(lost) / 60, ZERO).quantize(HUNDREDTH)
                self.assistant[_week_of(e.date)].append((_absolute(e)[0], hours, f"{who} ({e.date.isoformat()})"))

    def week_by_point(self, week: tuple[int, int]) -> dict[int, Decimal]:
        out: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for e in self.same_recipient:
            if _week_of(e.date) == week:
                out[e.annex1_point] += _valid_hours(e)
        return out


def _cut_point7_pool(entries: Sequence[TimesheetEntry], order: list[int], paid: list[Decimal], contract: Contract,
                     g7: Decimal, pool_weeks: int, elsewhere: _Elsewhere, emergencies: list[dict],
                     ceiling: Decimal | None, first: dt.date) -> tuple[list[Cut], list[Finding], list[Point7Span]]:
    """1. pielikuma 7. punkts: the four-week norm, in spans of `pool_weeks` ISO weeks from the Monday of the
    contract's first week (our reading, L: the law does not say where a span begins), hours of earlier sheets of
    the span first. 11.¹ during a declared emergency: point 7 may use the unused hours of points 1–6 "nepārsniedzot
    personas iepriekšējos trijos kalendāra mēnešos vidēji vienā mēnesī izmantoto stundu skaitu" — with that
    `ceiling` known, the month's point 7 hours are paid up to it where it is more than the span's norm."""
    start_monday = contract.start - dt.timedelta(days=contract.start.weekday())
    norm = g7 * pool_weeks

    def block_of(day: dt.date) -> int:
        return (day - start_monday).days // 7 // pool_weeks

    used: dict[int, Decimal] = defaultdict(lambda: ZERO)  # block → hours paid so far
    for e in elsewhere.same_recipient:
        if e.annex1_point == 7 and e.date >= contract.start:
            used[block_of(e.date)] += _valid_hours(e)
    reported = defaultdict(lambda: ZERO, used)  # block → hours reported, for the finding
    in_emergency: dict[int, bool] = defaultdict(bool)
    cuts, month_used = [], ZERO
    for k in order:
        e = entries[k]
        if e.annex1_point != 7:
            continue
        b = block_of(e.date)
        reported[b] += e.hours
        emergency = any(p["start"] <= e.date <= p["end"] for p in emergencies)
        in_emergency[b] |= emergency
        room = max(norm - used[b], ZERO)
        if emergency and ceiling is not None:
            room = max(room, ceiling - month_used)
        if paid[k] > room:
            rule, lv = (("MK942 11.¹", "pārsniegts 11.¹ punkta apjoms (iepriekšējo trīs mēnešu vidējais)")
                        if emergency and ceiling is not None else
                        ("MK942 1. pielikuma 7. punkts", "pārsniegta četru nedēļu norma"))
            cuts.append(_cut(k, paid[k] - room, rule, lv, "the four-week norm (or the 11.¹ ceiling) is exceeded"))
            paid[k] = room
        used[b] += paid[k]
        month_used += paid[k]
    findings: list[Finding] = []
    touched = sorted({block_of(entries[k].date) for k in order if entries[k].annex1_point == 7})
    month_last = _month_end(first)
    in_month = set(range(block_of(max(first, contract.start)), block_of(min(month_last, contract.end)) + 1))
    for b in touched:
        if in_emergency[b] and ceiling is not None:
            continue  # judged by the 11.¹ ceiling below
        findings += rule_annex1_7_pool(b, reported[b], g7, pool_weeks, in_emergency[b] and ceiling is None)
        if reported[b] > norm:
            p7_days = [entries[k].date for k in order if entries[k].annex1_point == 7] + \
                [e.date for e in elsewhere.same_recipient if e.annex1_point == 7]
            for n in (b - 1, b + 1):  # the pooled hours cluster on both sides of the boundary with a known neighbour
                edge = start_monday + dt.timedelta(weeks=max(b, n) * pool_weeks)
                near = [d for d in p7_days if abs((d - edge).days) <= 7]
                if n in in_month and reported[n] < norm and {block_of(d) for d in near} >= {b, n}:
                    findings.append(_straddle(b, n, start_monday, pool_weeks, reported[b] - norm, norm - reported[n]))
    if ceiling is not None and any(in_emergency.values()):
        month_p7 = sum((entries[k].hours for k in order if entries[k].annex1_point == 7), ZERO)
        if month_p7 > max(ceiling, norm):
            findings.append(_finding(
                "MK942 11.¹", "error",
                f"ārkārtējās situācijas laikā 7. punkta pasākumiem uzskaitītas {_h(month_p7)} h, bet iepriekšējo trīs "
                f"mēnešu vidējais izmantoto stundu skaits ir {_h(ceiling)} h; pārsniegums netiek apmaksāts",
                f"during the emergency {_e(month_p7)} h of point 7, but the previous three months' average is "
                f"{_e(ceiling)} h; the excess is not paid", "entries"))
    spans = []
    for b in sorted(in_month | set(touched)):
        start = start_monday + dt.timedelta(weeks=b * pool_weeks)
        spans.append(Point7Span(index=b + 1, start=start, end=start + dt.timedelta(weeks=pool_weeks, days=-1),
                                norm=_q(norm), reported=_q(reported[b]), paid=_q(used[b])))
    return cuts, findings, spans


def _straddle(b: int, n: int, monday: dt.date, weeks: int, excess: Decimal, room: Decimal) -> Finding:
    """A pooled excess next to a span with unused norm: another choice of where spans begin might pay it."""
    def dates(x: int) -> str:
        s = monday + dt.timedelta(weeks=x * weeks)
        return f"{s.isoformat()}–{(s + dt.timedelta(weeks=weeks, days=-1)).isoformat()}"
    return _finding("MK942 1. pielikuma 7. punkts", "warning",
                    f"{b + 1}. četru nedēļu posmā ({dates(b)}) pārsniegums {_h(excess)} h, bet blakus esošajā "
                    f"{n + 1}. posmā ({dates(n)}) neizmantotas {_h(room)} h: apvienotās stundas šķērso posmu robežu, "
                    "kuru noteikumi nenosaka (rīks posmus skaita no līguma pirmās nedēļas pirmdienas) — pārbaudiet",
                    f"span {b + 1} ({dates(b)}) exceeds its norm by {_e(excess)} h while the neighbouring span "
                    f"{n + 1} ({dates(n)}) has {_e(room)} h unused: the pooled hours straddle a span boundary the "
                    "regulation does not fix — please check", "entries")


def emergency_ceiling(timesheet: Timesheet, elsewhere: _Elsewhere, fallback_weekly: Decimal) -> Decimal | None:
    """11.¹: the person's average monthly hours of the previous three calendar months, from the same recipient's
    sheets given (or held by the register); None when any of the three is missing. No use in them: at most
    `fallback_weekly` hours a week for point 7 — taken as that many hours × the month's days / 7 (our reading)."""
    first = timesheet.first_day
    months = [cal.add_month(first, -n).strftime("%Y-%m") for n in (1, 2, 3)]
    if any(m not in elsewhere.same_recipient_months for m in months):
        return None
    total = sum((elsewhere.same_recipient_months[m] for m in months), ZERO)
    if total == 0:
        days = (_month_end(first) - first).days + 1
        return _q(fallback_weekly * days / 7)
    return _q(total / 3)


def _cut_week_grants(entries: Sequence[TimesheetEntry], ks: list[int], paid: list[Decimal], contract: Contract,
                     g7: Decimal | None, before: dict[int, Decimal]) -> list[Cut]:
    """9.1.1, 14, 20: within one week, each activity within its grant, then the contract's weekly total (point 7
    takes its weekly share of the total first; `before` are the week's hours on earlier sheets)."""
    granted = {a.annex1_point: a.hours_per_week for a in contract.activities}
    cuts = []
    if granted:
        used = defaultdict(lambda: ZERO, before)
        for k in ks:
            p = entries[k].annex1_point
            if p == 7 and g7 is not None:
                continue
            room = max(granted.get(p, ZERO) - used[p], ZERO)
            if paid[k] > room:
                lv = "pārsniegtas pasākumam piešķirtās stundas nedēļā" if p in granted else "pasākums līgumā nav piešķirts"
                en = "the activity's weekly hours are exceeded" if p in granted else "the activity is not granted"
                cuts.append(_cut(k, paid[k] - room, "MK942 9.1.1", lv, en))
                paid[k] = room
            used[p] += paid[k]
    total_used = sum((h for p, h in before.items() if p != 7 or g7 is None), ZERO)
    if g7 is not None:
        total_used += min(before.get(7, ZERO) + sum((paid[k] for k in ks if entries[k].annex1_point == 7), ZERO), g7)
    for k in ks:
        if entries[k].annex1_point == 7 and g7 is not None:
            continue
        room = max(contract.hours_per_week - total_used, ZERO)
        if paid[k] > room:
            cuts.append(_cut(k, paid[k] - room, "MK942 9.1.1", "pārsniegtas līgumā piešķirtās stundas nedēļā",
                             "the contract's weekly hours are exceeded"))
            paid[k] = room
        total_used += paid[k]
    return cuts


def _cut_assistant_week(entries: Sequence[TimesheetEntry], ks: list[int], paid: list[Decimal],
                        elsewhere: list[tuple[int, Decimal, str]], limit: Decimal) -> tuple[list[Cut], list[str]]:
    """3, 22.1: the assistant's hours of a week, all recipients, taken in time order (ties: the other sheet
    first); the hours past `limit` are cut on the sheet where they arise — on this sheet here, and where they
    arise on another sheet, that sheet is named (returned) and this one is not cut."""
    timeline = [(s, h, None, who) for s, h, who in elsewhere] + [(_absolute(entries[k])[0], paid[k], k, "")
                                                                 for k in ks]
    timeline.sort(key=lambda x: (x[0], x[2] is not None))
    cuts, running, there = [], ZERO, []
    for _, h, k, who in timeline:
        room = max(limit - running, ZERO)
        if k is not None:
            if paid[k] > room:
                cuts.append(_cut(k, paid[k] - room, "MK942 22.1",
                                 "asistentam pārsniegtas 40 stundas nedēļā visiem saņēmējiem kopā",
                                 "the assistant's 40 hours a week across recipients are exceeded"))
                paid[k] = room
            h = paid[k]
        elif h > room:
            there.append(who)
            h = room
        running += h
    return cuts, there


# ---------------------------------------------------------------- the check


def check_timesheet(timesheet: Timesheet, contract: Contract | None = None, others: Sequence[Timesheet] = (),
                    params: Parameters | None = None) -> TimesheetCheck:
    """Check one monthly timesheet against its contract and the assistant's other timesheets (`others`:
    other recipients' sheets of the same weeks, the same recipient's neighbouring months)."""
    params = params or _parameters.load()
    entries = timesheet.entries
    first = timesheet.first_day
    last = cal.add_month(first) - dt.timedelta(days=1)

    findings, version = rule_in_force(timesheet, contract, params)
    parties: list[Finding] = []
    spans: list[Point7Span] = []
    assumptions: list[str] = []
    ceiling: Decimal | None = None
    findings += rule_20_signatures(timesheet)
    findings += rule_20_hours_match_times(entries)
    findings += rule_20_entries_in_month(timesheet)
    findings += rule_9_2_4_outside_latvia(entries)
    findings += rule_20_overlaps(timesheet, others)
    if contract is None:
        findings += rule_14_no_contract()
    else:
        parties = rule_14_contract_parties(timesheet, contract)
        findings += parties
        findings += rule_14_entries_in_contract(timesheet, contract)
        findings += rule_18_suspended_days(entries, contract)
    minor, age_findings = assistant_is_minor(timesheet, contract)
    findings += age_findings

    paid = [_valid_hours(e) for e in entries]
    order = sorted(range(len(entries)), key=lambda k: _absolute(entries[k]))
    cuts = _cut_unpayable_entries(entries, first, contract, paid)
    cuts += _cut_same_sheet_overlaps(entries, order, paid)
    cuts += _cut_other_sheet_overlaps(entries, paid, timesheet, others)
    elsewhere = _Elsewhere(timesheet, others)
    week_keys = sorted({_week_of(d) for d in cal.month_days(first.year, first.month)})
    in_week: dict[tuple[int, int], list[int]] = defaultdict(list)
    for k in order:
        in_week[_week_of(entries[k].date)].append(k)

    if contract is not None:
        granted = {a.annex1_point: a.hours_per_week for a in contract.activities}
        g7 = None if 7 not in granted else min(granted[7], contract.hours_per_week)  # within the weekly total
        if g7 is not None:
            emergencies = (params.value("emergency_periods", last)
                           if last >= params.series["emergency_periods"][0].start else [])
            if any(p["start"] <= last and first <= p["end"] for p in emergencies):
                ceiling = emergency_ceiling(timesheet, elsewhere,
                                            Decimal(params.value("emergency_point7_fallback_weekly", last)))
                assumptions.append(
                    "11.¹: griesti – iepriekšējo trīs kalendāra mēnešu vidējais izmantoto stundu skaits mēnesī "
                    + (f"= {_h(ceiling)} h" if ceiling is not None else
                       "nav aprēķināms: dodiet šīs personas iepriekšējo trīs mēnešu uzskaites lapas (--others) vai "
                       "reģistrējiet tās"))
            pool_weeks = int(_value(params, "point7_pool_weeks", first))
            pool_cuts, pool_findings, spans = _cut_point7_pool(entries, order, paid, contract, g7, pool_weeks,
                                                               elsewhere, emergencies, ceiling, first)
            cuts += pool_cuts
            findings += pool_findings
            assumptions.append(
                f"1. pielikuma 7. punkts: četru nedēļu posmus skaita pēc kārtas no līguma pirmās nedēļas pirmdienas "
                f"({(contract.start - dt.timedelta(days=contract.start.weekday())).isoformat()}); noteikumi posma "
                "sākumu nenosaka. Posmi: " + "; ".join(f"{s.index}. {s.start.isoformat()}–{s.end.isoformat()}"
                                                      for s in spans))
        for w in week_keys:
            before = elsewhere.week_by_point(w)
            declared = defaultdict(lambda: ZERO, before)  # the week's hours, other months' sheets included
            for k in in_week[w]:
                declared[entries[k].annex1_point] += entries[k].hours
            findings += rule_9_1_1_weekly_per_activity(w, dict(declared), contract)
            counted = sum((h for p, h in declared.items() if p != 7 or g7 is None), ZERO) + (
                min(declared.get(7, ZERO), g7) if g7 is not None else ZERO)
            findings += rule_9_1_1_weekly_total(w, counted, contract)
            cuts += _cut_week_grants(entries, in_week[w], paid, contract, g7, before)

    assistant_limit = Decimal(_value(params, "assistant_weekly_max", first))
    weeks: list[WeekHours] = []
    for w in week_keys:
        ks = in_week[w]
        by_point: dict[int, Decimal] = defaultdict(lambda: ZERO)
        for k in ks:
            by_point[entries[k].annex1_point] += entries[k].hours
        declared_total = sum(by_point.values(), ZERO)
        if contract is None:
            findings += rule_11_3_recipient_40_hours(w, declared_total, Decimal(_value(params, "weekly_total_max", first)))
        assistant_total = declared_total + sum((h for _, h, _ in elsewhere.assistant[w]), ZERO)
        week_cuts, there = _cut_assistant_week(entries, ks, paid, elsewhere.assistant[w], assistant_limit)
        findings += rule_3_assistant_40_hours(w, assistant_total, assistant_limit, there)
        cuts += week_cuts
        weeks.append(WeekHours(
            iso_year=w[0], iso_week=w[1], days_in_month=[d for d in cal.month_days(first.year, first.month)
                                                         if _week_of(d) == w],
            hours=_q(declared_total), by_point={p: _q(h) for p, h in sorted(by_point.items())},
            granted=None if contract is None else contract.hours_per_week, assistant_total=_q(assistant_total),
            paid=_q(sum((paid[k] for k in ks), ZERO))))

    if contract is not None and parties:
        # 14: a sheet of another recipient, assistant or provider is not this contract's: nothing is paid under it.
        for k in range(len(entries)):
            if paid[k] > 0:
                cuts.append(_cut(k, paid[k], "MK942 14", "uzskaites lapa nav šī līguma pušu",
                                 "the sheet is not of this contract's parties"))
                paid[k] = ZERO
    paid = [_q(h) for h in paid]
    provided = _q(sum((e.hours for e in entries), ZERO))
    total_paid = _q(sum(paid, ZERO))
    money = None
    if contract is not None and version is not None and not parties:
        transport = sum((e.transport_eur for i, e in enumerate(entries) if paid[i] > 0), ZERO)
        try:
            money = payable(total_paid, timesheet.month, minor, contract.contributions_apply, transport, params)
        except OutOfForce as e:
            findings.append(_finding("MK942 22.1", "error", e.message_lv, e.message_en, "month"))
    cut_total = _q(sum((c.hours for c in cuts), ZERO))
    if cut_total > 0:
        findings.append(_finding(
            "MK942 20", "info",
            f"no {_h(provided)} uzskaitītajām stundām apmaksājamas {_h(total_paid)} h; nav apmaksātas {_h(cut_total)} h "
            "(tikai faktiski sniegtās un ne vairāk par piešķirtajām stundām, 20., 22.1.)",
            f"of {_e(provided)} hours reported {_e(total_paid)} h are payable; {_e(cut_total)} h are not paid "
            "(only hours actually provided, never above the granted hours, 20, 22.1)", "entries"))
    provisional = money is not None and any(f.severity == "error" for f in findings)
    return TimesheetCheck(month=timesheet.month, findings=findings, weeks=weeks, hours_provided=provided,
                          hours_paid=total_paid, hours_cut=cut_total, paid_by_entry=paid, cuts=cuts, payable=money,
                          provisional=provisional, point7_spans=spans, assumptions_lv=assumptions,
                          emergency_ceiling=ceiling, rules_version=version)
