"""How many hours a week each requested activity gets (9.1.1, 9.2.2, 9.2.4, 11, 11.¹, Annex 1).

Each rule takes the activity lines as they stand and returns new lines plus a `RuleResult`; `assess()` runs
them in the order the regulation reads: refusals of parts (9.2.4, 9.2.2), travel by the institution's
transport (11.1), Annex 1 caps with the increase of 11.3, technical aids (11.4), the emergency rule (11.¹),
and the weekly total (Invaliditātes likums 12(1)3 and 3.¹).

>>> from regulation.records import Activity
>>> lines = lines_for([Activity(annex1_point=1, hours_per_week=25)])
>>> lines, r = caps_rule(lines, {1: 20, 7: 2}, Decimal(2), 4, None)
>>> lines[0].granted, r.findings[0].rule
(Decimal('20'), 'MK942 1. pielikums')
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal
from typing import Iterable, Sequence

from regulation.eligibility import OK, RuleResult
from regulation.findings import LAW_12_1_3, LAW_12_1_3_1, VISUAL_BENEFIT_RULE, cite_lv, finding, pending
from regulation.records import Activity, Assessment, Finding

ZERO = Decimal(0)
CENT = Decimal("0.01")

# 11.1 names "darba vietu, izglītības iestādi vai dienas aprūpes centru": Annex 1 point 1 (work), 2 (education),
# 3 (higher education — an augstskola is an izglītības iestāde) and 4 (day-care centre; the record cannot tell a
# day-care centre from the other institutions point 4 lists, so the clerk's 11.1 assessment decides).
TRAVEL_POINTS_11_1 = frozenset({1, 2, 3, 4})

# Which confirmation (7.3–7.6) an activity of each Annex 1 point needs: 7.4 employer (1), 7.5 school (2, 3),
# 7.6 day-care or rehabilitation provider (4), 7.3 organiser of activities outside the home (6).
# Points 5 and 7 (medical visits, institutions, shopping, concerts) have no organiser that 7 names.
ATTACHMENT_BY_POINT = {1: "7.4", 2: "7.5", 3: "7.5", 4: "7.6", 6: "7.3"}

# 11.¹ limits the hours moved to point 7 by the monthly average used; decisions count hours per week.
# A month is taken as 52/12 weeks (our conversion, not the regulation's; rounded down so it never exceeds).
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)

_POINT_LV = {1: "darbs", 2: "izglītība", 3: "augstākā izglītība (redzes invaliditāte)", 4: "dienas centrs, rehabilitācija",
             5: "ārstniecība, iestāžu apmeklējumi", 6: "sociālie pasākumi", 7: "sociālās iekļaušanas pasākumi"}


def point_name_lv(point: int) -> str:
    """>>> point_name_lv(1)
    '1. punkts „darbs”'
    """
    return f"{point}. punkts „{_POINT_LV[point]}”"


def activity_lv(point: int) -> str:
    return f"1. pielikuma {point}. punkta pasākums „{_POINT_LV[point]}”"


@dataclass(frozen=True)
class Line:
    """One requested activity as the rules shape it."""

    index: int
    point: int
    requested: Decimal
    granted: Decimal
    reasons: tuple[str, ...] = ()
    refused: str | None = None  # the point on which the whole line is refused ("9.2.4", "9.2.2", "11.1")


def lines_for(activities: Sequence[Activity]) -> tuple[Line, ...]:
    return tuple(Line(i, a.annex1_point, a.hours_per_week, a.hours_per_week) for i, a in enumerate(activities))


def _cut(line: Line, granted: Decimal, reason: str, refused: str | None = None) -> Line:
    return replace(line, granted=max(granted, ZERO), reasons=line.reasons + (reason,), refused=refused or line.refused)


def _field(line: Line) -> str:
    return f"activities.{line.index}.hours_per_week"


def hours_lv(x: Decimal) -> str:
    """Hours as Latvian text.

    >>> hours_lv(Decimal("20.00")), hours_lv(Decimal("2.50"))
    ('20', '2,5')
    """
    return str(int(x)) if x == x.to_integral_value() else f"{x.normalize():f}".replace(".", ",")


def outside_latvia_rule(lines: tuple[Line, ...], activities: Sequence[Activity]) -> tuple[tuple[Line, ...], RuleResult]:
    """9.2.4: refuse if "asistenta pakalpojumu pieprasa izmantošanai ārpus Latvijas Republikas teritorijas –
    atsakot pakalpojumu daļā, kas paredzēta izmantošanai ārpus Latvijas Republikas teritorijas"."""
    out, found = [], []
    for line, act in zip(lines, activities):
        if act.outside_latvia and line.granted > 0:
            line = _cut(line, ZERO, "atteikts daļā, kas paredzēta izmantošanai ārpus Latvijas (MK 942 9.2.4. apakšpunkts)", "9.2.4")
            found.append(finding("9.2.4", "warning",
                                 f"{activity_lv(line.point)} paredzēts ārpus Latvijas Republikas teritorijas — "
                                 "šajā daļā pakalpojumu atsaka",
                                 f"the activity (Annex 1 point {line.point}) is outside Latvia: that part is refused",
                                 field=f"activities.{line.index}.outside_latvia"))
        out.append(line)
    return tuple(out), RuleResult(("9.2.4",) if found else (), tuple(found))


def annex1_criteria_rule(lines: tuple[Line, ...], assessment: Assessment) -> tuple[tuple[Line, ...], RuleResult]:
    """9.2.2: refuse if "pasākumi, kuros vēlas iesaistīties persona, neatbilst šo noteikumu 1. pielikumā
    norādītajiem kritērijiem vai rehabilitācijas plānam, ja rehabilitācijas plāns ir sastādīts".

    `activities_meet_annex1` is the clerk's 8.3 assessment (None: not yet made → pending); with a
    rehabilitation plan, activities of points the plan does not include are refused.
    """
    if assessment.activities_meet_annex1 is False:
        cut = tuple(_cut(l, ZERO, "pasākumi neatbilst 1. pielikuma kritērijiem (MK 942 9.2.2. apakšpunkts)", "9.2.2")
                    if l.granted > 0 else l for l in lines)
        return cut, RuleResult(("9.2.2",), (finding(
            "9.2.2", "error", "pasākumi, kuros persona vēlas iesaistīties, neatbilst 1. pielikumā norādītajiem kritērijiem",
            "the activities the person wants to take part in do not meet the criteria of Annex 1",
            field="assessment.activities_meet_annex1"),))
    result = OK
    if assessment.activities_meet_annex1 is None:
        result = RuleResult(findings=(pending(
            "sociālajam dienestam jāizvērtē personas iesaiste pasākumos atbilstoši 1. pielikuma kritērijiem",
            "the social service must assess the person's involvement in the activities against Annex 1",
            "9.2.2", field="assessment.activities_meet_annex1"),))
    plan = assessment.rehabilitation_plan
    if plan is None:
        return lines, result
    out, found = [], []
    for line in lines:
        if line.point not in plan and line.granted > 0:
            line = _cut(line, ZERO, "pasākums neatbilst rehabilitācijas plānam (MK 942 9.2.2. apakšpunkts)", "9.2.2")
            found.append(finding("9.2.2", "warning",
                                 f"{activity_lv(line.point)} neatbilst personas rehabilitācijas plānam",
                                 f"the activity (Annex 1 point {line.point}) is not in the person's rehabilitation plan",
                                 field=f"activities.{line.index}.annex1_point"))
        out.append(line)
    return tuple(out), result + RuleResult(("9.2.2",) if found else (), tuple(found))


def institution_transport_rule(lines: tuple[Line, ...], activities: Sequence[Activity],
                               assessment: Assessment) -> tuple[tuple[Line, ...], RuleResult]:
    """11.1: "asistenta pakalpojums nokļūšanai uz darba vietu, izglītības iestādi vai dienas aprūpes centru netiek
    piešķirts, ja tiek izmantots minēto institūciju transports un personai iespējams saņemt palīdzību, lai
    iekļūtu dzīvesvietā, attiecīgajā institūcijā un transportlīdzeklī, kā arī izkļūtu no dzīvesvietas,
    attiecīgās institūcijas un transportlīdzekļa".

    Both conditions must hold: the institution's transport (the application's `institution_transport`) and
    help to get in and out (`assessment.institution_transport_help`, the clerk's finding; None → pending).
    """
    affected = [(l, a) for l, a in zip(lines, activities)
                if a.institution_transport and l.point in TRAVEL_POINTS_11_1 and l.granted > 0]
    if not affected:
        return lines, OK
    help_ = assessment.institution_transport_help
    if help_ is None:
        return lines, RuleResult(findings=(pending(
            "persona izmanto institūcijas transportu; jāizvērtē, vai personai iespējams saņemt palīdzību iekļūt "
            "un izkļūt no dzīvesvietas, institūcijas un transportlīdzekļa",
            "the person uses the institution's transport; assess whether help to get in and out is available",
            "11.1", field="assessment.institution_transport_help"),))
    if not help_:
        return lines, RuleResult(findings=(finding(
            "11.1", "info", "institūcijas transports tiek izmantots, bet palīdzība iekļūt un izkļūt nav pieejama — "
            "stundas nokļūšanai piešķir", "the institution's transport is used but no help to get in and out is "
            "available: hours for the travel are granted", field="assessment.institution_transport_help"),))
    out = list(lines)
    found = []
    for line, _ in affected:
        out[line.index] = _cut(line, ZERO, "nokļūšanai izmanto institūcijas transportu (MK 942 11.1. apakšpunkts)", "11.1")
        found.append(finding("11.1", "warning",
                             f"{activity_lv(line.point)}: nokļūšanai izmanto institūcijas transportu un "
                             "palīdzība iekļūt un izkļūt ir pieejama — stundas nokļūšanai nepiešķir",
                             f"the institution's transport and help to get in and out are available for Annex 1 point "
                             f"{line.point}: no hours for the travel", field=f"activities.{line.index}.institution_transport"))
    return tuple(out), RuleResult(findings=tuple(found))


def caps_rule(lines: tuple[Line, ...], caps: dict[int, int], point7_cap: Decimal, pool_weeks: int,
              increase_reason: str | None) -> tuple[tuple[Line, ...], RuleResult]:
    """1. pielikums: hours per week per point ("līdz 20 stundām nedēļā" …; point 7 "līdz 2 stundām nedēļā —
    četru nedēļu stundu normu (8 stundas) var apvienot, izmantojot vienā vai vairākās reizēs"), summed over
    the activities of one point.

    11.3: "ja nepieciešams (piemēram, liels attālums, slikta satiksme), sociālajam dienestam ir tiesības
    palielināt asistenta pakalpojuma apjomu ..., sniedzot attiecīgu pamatojumu" — with `increase_reason` the
    requested hours above a cap are kept (the 40-hour total still applies).
    """
    out = list(lines)
    found: list[Finding] = []
    for point in sorted({l.point for l in lines}):
        cap = point7_cap if point == 7 else Decimal(caps[point])
        mine = [l for l in out if l.point == point]
        asked = sum((l.granted for l in mine), ZERO)
        emergency = point == 7 and cap != caps[7]  # the 11.¹ cap replaces Annex 1's during an emergency
        if emergency:
            source_lv, source_en, rule, cite = ("ārkārtējās situācijas laikā pieļaujamas", "the emergency cap is", "MK942 11.¹",
                                                cite_lv("11.¹"))
        else:
            source_lv, source_en, rule, cite = ("1. pielikums paredz", "the cap is", "MK942 1. pielikums",
                                                f"MK 942 1. pielikuma {point}. punkts")
        if point == 7 and not emergency:  # the pooled norm is Annex 1's; 11.¹'s emergency hours are weekly
            pool_lv = (f"; četru nedēļu stundu normu ({hours_lv(cap * pool_weeks)} stundas) var apvienot, "
                       "izmantojot vienā vai vairākās reizēs")
            pool_en = f"; the {pool_weeks}-week norm ({cap * pool_weeks} hours) may be pooled, used at once or in several visits"
        else:
            pool_lv = pool_en = ""
        if asked <= cap:
            if point == 7 and asked > 0 and not emergency:
                found.append(finding("1. pielikums", "info",
                                     f"sociālās iekļaušanas pasākumiem piešķir līdz {hours_lv(cap)} stundām nedēļā{pool_lv}",
                                     f"social inclusion: up to {cap} hours a week{pool_en}", rule="MK942 1. pielikums",
                                     cite="MK 942 1. pielikuma 7. punkts"))
            continue
        if increase_reason and not emergency:  # 11.¹ says "ne vairāk kā 10 stundas": no increase above it
            found.append(finding("11.3", "info",
                                 f"{point_name_lv(point)}: apjoms palielināts virs 1. pielikuma robežas {hours_lv(cap)} h nedēļā "
                                 f"līdz {hours_lv(asked)} h, pamatojums: „{increase_reason}”",
                                 f"Annex 1 point {point}: raised above the cap of {cap} h/week to {asked} h, reason given",
                                 field="assessment.increase_reason"))
            continue
        room = cap
        for l in mine:
            give = min(l.granted, room)
            room -= give
            if give < l.granted:
                out[l.index] = _cut(l, give, f"{source_lv} līdz {hours_lv(cap)} h nedēļā{pool_lv} ({cite})")
        found.append(finding("1. pielikums", "warning",
                             f"{point_name_lv(point)}: pieprasītas {hours_lv(asked)} h nedēļā, {source_lv} līdz "
                             f"{hours_lv(cap)} h nedēļā, tāpēc piešķir {hours_lv(cap)} h{pool_lv}"
                             + ("" if emergency else "; lielāku apjomu var piešķirt, sniedzot pamatojumu saskaņā ar 11.3. apakšpunktu"),
                             f"Annex 1 point {point}: {asked} h/week requested, {source_en} {cap} h/week, so {cap} h are "
                             f"granted{pool_en}" + ("" if emergency else "; more may be granted with a written reason under 11.3"),
                             field=_field(mine[-1]), rule=rule, cite=cite))
    return tuple(out), RuleResult(findings=tuple(found))


def technical_aids_rule(lines: tuple[Line, ...], reduction: dict[int, Decimal] | None) -> tuple[tuple[Line, ...], RuleResult]:
    """11.4: "sociālajam dienestam ir tiesības samazināt asistenta pakalpojuma apjomu saistībā ar šo noteikumu
    1.pielikumā paredzētajiem pasākumiem atkarībā no tehniskā palīglīdzekļa veida izmantošanas"."""
    if not reduction:
        return lines, OK
    out = list(lines)
    found = []
    for point, less in sorted(reduction.items()):
        left = less
        for l in reversed([l for l in out if l.point == point]):
            take = min(l.granted, left)
            if take > 0:
                out[l.index] = _cut(l, l.granted - take, f"samazināts par {hours_lv(take)} h tehnisko palīglīdzekļu dēļ (MK 942 11.4. apakšpunkts)")
                left -= take
        if left < less:
            found.append(finding("11.4", "info",
                                 f"{point_name_lv(point)}: apjoms samazināts par {hours_lv(less - left)} h nedēļā, jo persona izmanto "
                                 "tehniskos palīglīdzekļus", f"Annex 1 point {point}: reduced by {less - left} h/week for "
                                 "technical aids", field="assessment.technical_aids_reduction"))
    return tuple(out), RuleResult(findings=tuple(found))


def emergency_period(on: dt.date, periods: Iterable[dict]) -> dict | None:
    """The declared emergency (ārkārtējā situācija) that `on` falls in, if any."""
    return next((p for p in periods if p["start"] <= on <= p["end"]), None)


def emergency_point7_cap(lines: tuple[Line, ...], base_cap: Decimal, fallback: Decimal, period: dict | None,
                         used: Sequence[Decimal] | None) -> tuple[Decimal, RuleResult]:
    """11.¹ (applied from 2020-03-12, 29.²), second sentence: "Ja iepriekšējos trijos mēnešos persona asistenta
    pakalpojumu nav izmantojusi, sociālais dienests šo noteikumu 1. pielikuma 7. punktā minētā pasākuma
    īstenošanai personai piešķir ne vairāk kā 10 stundas nedēļā."

    Returns the point-7 cap: `fallback` when no hours were used in the three months before; the Annex 1 cap
    otherwise (the transfer of the first sentence is `emergency_transfer`). Unknown use → pending.
    """
    asked7 = sum((l.granted for l in lines if l.point == 7), ZERO)
    if period is None or asked7 <= base_cap:
        return base_cap, OK
    if used is None:
        return base_cap, RuleResult(findings=(pending(
            "ārkārtējās situācijas laikā 7. punkta pasākumam var piešķirt vairāk stundu; jānorāda iepriekšējos trijos "
            "mēnešos izmantotās stundas", "during the emergency point 7 may get more hours; give the hours used in "
            "each of the previous three months", "11.¹", field="assessment.hours_used_previous_months"),))
    if sum(used, ZERO) == 0:
        return fallback, RuleResult(findings=(finding(
            "11.¹", "info",
            f"izsludinātās ārkārtējās situācijas laikā (līdz {period['end'].isoformat()}) persona iepriekšējos trijos "
            f"mēnešos pakalpojumu nav izmantojusi, tāpēc 7. punkta pasākumam var piešķirt ne vairāk kā {hours_lv(fallback)} "
            "stundas nedēļā", f"during the declared emergency (until {period['end'].isoformat()}) the person used no "
            f"service in the previous three months: point 7 may get at most {fallback} hours a week",
            field="assessment.hours_used_previous_months"),))
    return base_cap, OK


def emergency_transfer(lines: tuple[Line, ...], period: dict | None,
                       used: Sequence[Decimal] | None) -> tuple[tuple[Line, ...], RuleResult]:
    """11.¹, first sentence: "Ja valsts teritorijā izsludinātās ārkārtējās situācijas dēļ līdz tās termiņa beigām
    personai nav iespēju izmantot asistenta pakalpojumu šo noteikumu 1. pielikuma 1., 2., 3., 4., 5. un 6. punktā
    minētajiem pasākumiem, attiecīgajam pasākumam piešķirto un neizmantoto stundu skaitu persona var izmantot
    šo noteikumu 1. pielikuma 7. punktā minētajam pasākumam, nepārsniedzot personas iepriekšējos trijos
    kalendāra mēnešos vidēji vienā mēnesī izmantoto stundu skaitu."

    The hours stay granted to points 1–6 (they are the same hours, not extra ones): the finding and the point-7
    line say how many of them a week may be used for point 7 until the emergency ends — at most the hours of
    points 1–6, the point-7 hours not granted, and the monthly average used (as 52/12 weeks a month).
    """
    if period is None or not used or sum(used, ZERO) == 0:
        return lines, OK
    short7 = sum((l.requested - l.granted for l in lines if l.point == 7 and not l.refused), ZERO)
    source = sum((l.granted for l in lines if l.point != 7), ZERO)
    average = sum(used, ZERO) / Decimal(len(used))
    weekly = (average / WEEKS_PER_MONTH).quantize(CENT, rounding=ROUND_DOWN)
    move = min(short7, source, weekly)
    if move <= 0:
        return lines, OK
    out = list(lines)
    last7 = [l for l in out if l.point == 7][-1]
    out[last7.index] = replace(last7, reasons=last7.reasons + (
        f"ārkārtējās situācijas laikā līdz {period['end'].isoformat()} var izmantot vēl līdz {hours_lv(move)} h nedēļā "
        "no 1.–6. punkta pasākumiem piešķirtajām stundām (MK 942 11.¹ punkts)",))
    return tuple(out), RuleResult(findings=(finding(
        "11.¹", "info",
        f"izsludinātās ārkārtējās situācijas laikā (līdz {period['end'].isoformat()}) 1.–6. punkta pasākumiem piešķirtās "
        f"un neizmantotās stundas — līdz {hours_lv(move)} h nedēļā — persona var izmantot 7. punkta pasākumam; robeža ir "
        f"iepriekšējos trijos mēnešos vidēji mēnesī izmantotās {hours_lv(average.quantize(CENT))} stundas",
        f"during the declared emergency (until {period['end'].isoformat()}) up to {move} h/week of the unused hours of "
        f"points 1–6 may be used for point 7; the limit is the {average.quantize(CENT)} hours a month used on average "
        "in the previous three months", field="assessment.hours_used_previous_months"),))


def weekly_total_rule(lines: tuple[Line, ...], limit: Decimal, visual_benefit: bool) -> tuple[tuple[Line, ...], RuleResult]:
    """Invaliditātes likuma 12. panta pirmās daļas 3. punkts and MK 942 11.3: "nepārsniedzot ... asistenta
    pakalpojuma maksimālo stundu skaitu – 40 stundu nedēļā"; with the state benefit for a person with a visual
    disability (6.4; the law's 3.¹ point) the municipality gives only the part above the benefit's 10 hours.

    Hours above the limit are taken from the lowest-priority activities first: the 2016 amendment made work,
    education and rehabilitation (points 1–4) the priority purposes (ministry deck, seed 000), so the cut runs
    from point 7 down to point 1, later activities of a point first.
    """
    total = sum((l.granted for l in lines), ZERO)
    if total <= limit:
        return lines, OK
    out = list(lines)
    excess = total - limit
    for l in sorted(out, key=lambda l: (-l.point, -l.index)):
        if excess <= 0:
            break
        take = min(l.granted, excess)
        if take > 0:
            out[l.index] = _cut(l, l.granted - take, f"kopējais apjoms nedrīkst pārsniegt {hours_lv(limit)} h nedēļā")
            excess -= take
    if visual_benefit:
        lv = (f"kopējais pieprasītais apjoms {hours_lv(total)} h nedēļā pārsniedz {hours_lv(limit)} h: persona saņem valsts pabalstu "
              f"par asistenta izmantošanu, pašvaldība piešķir ne vairāk kā {hours_lv(limit)} h nedēļā; apjoms samazināts "
              f"({LAW_12_1_3_1})")
        en = (f"the total of {total} h/week exceeds {limit} h: the person receives the state benefit for using an "
              f"assistant, so the municipality grants at most {limit} h/week (Disability Law 12(1)3.1)")
        return tuple(out), RuleResult(findings=(Finding(rule=VISUAL_BENEFIT_RULE, severity="warning", message_lv=lv[:1].upper() + lv[1:] + ".",
                                                        message_en=en[:1].upper() + en[1:] + ".", field="visual_benefit"),))
    return tuple(out), RuleResult(findings=(finding(
        "11.3", "warning",
        f"kopējais apjoms {hours_lv(total)} h nedēļā pārsniedz maksimālo {hours_lv(limit)} h nedēļā; apjoms samazināts, sākot ar "
        "mazāk prioritārajiem pasākumiem", f"the total of {total} h/week exceeds the maximum of {limit} h/week; "
        "reduced starting with the lower-priority activities", cite=f"{LAW_12_1_3}; {cite_lv('11.3')}"),))
