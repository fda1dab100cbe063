"""The decision proposal (MK 942 9–11): outcome, hours per activity, duration, deadlines, grounds, findings.

An application whose assessment (8.3) is incomplete gets outcome `pending` — never `refuse`: the proposal
waits for the service, lists what it waits for (`pending_findings`) and cannot be adopted.

`assess()` applies the rules in force on the decision date (`parameters.load().redaction(on)`; a date
outside the encoded redactions raises `OutOfForce`). It proposes; the social service decides. Where the
clerk's own assessment (8.3) is missing the proposal says so with a pending finding and is not adoptable.

>>> import datetime as dt
>>> from regulation.records import Application, Assessment, Opinion, Person, Activity
>>> app = Application(received_on=dt.date(2019, 3, 4), applicant=Person(given_name="Līga", surname="Ozola",
...     personal_code="010190-10001"), activities=[Activity(annex1_point=1, hours_per_week=25)],
...     attachments=["7.2", "7.4"])
>>> ok = Assessment(disability_group="II", opinion=Opinion(kind="assistance_need", issued_on=dt.date(2018, 1, 1)),
...     can_move_without_assistant=False, cannot_move_with_assistant=False, activities_meet_annex1=True)
>>> d = assess(app, ok)
>>> d.outcome, d.hours_per_week, d.deadlines.decide_by, [f.rule for f in d.findings]
('grant', Decimal('20'), datetime.date(2019, 4, 4), ['MK942 1. pielikums'])
>>> assess(app, ok.model_copy(update={"can_move_without_assistant": True})).grounds
['9.2.3']
>>> assess(app, Assessment()).outcome
'pending'

"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regulation import calendar, parameters
from regulation.eligibility import OK, RuleResult, adult_rule, age_rule, child_rule, mobility_rule, residence_rule
from regulation.findings import LAW_12_1_3_1, VISUAL_BENEFIT_RULE, cite_lv, finding, is_pending, pending
from regulation.records import (
    ActivityDecision,
    Application,
    Assessment,
    Deadlines,
    Decision,
    Duration,
    Finding,
)
from regulation.volume import (
    ATTACHMENT_BY_POINT,
    ZERO,
    Line,
    annex1_criteria_rule,
    caps_rule,
    emergency_period,
    emergency_point7_cap,
    emergency_transfer,
    hours_lv,
    institution_transport_rule,
    lines_for,
    outside_latvia_rule,
    technical_aids_rule,
    weekly_total_rule,
)

__all__ = ["assess", "pending_findings", "deadlines", "duration_rule", "attachments_rule"]

# Grounds that refuse the whole application (the parts of 9.2.2 and 9.2.4 refuse only their activities).
_WHOLE = frozenset({"9.2.1", "9.2.3", "18"})


def _point_key(point: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in point.replace("¹", "").split("."))


def deadlines(received_on: dt.date, decided_on: dt.date, params: parameters.Parameters, on: dt.date) -> Deadlines:
    """9: "Sociālais dienests mēneša laikā pēc iesnieguma saņemšanas pieņem vienu no šādiem lēmumiem";
    10: "Sociālais dienests 10 dienu laikā pēc ... lēmuma pieņemšanas par to informē asistenta pakalpojuma pieprasītāju"."""
    return Deadlines(
        decide_by=calendar.add_month(received_on, params.value("decision_term_months", on)),
        notify_by=calendar.add_days(decided_on, params.value("notification_term_days", on)),
    )


def deadline_rule(received_on: dt.date, decided_on: dt.date, due: Deadlines) -> RuleResult:
    """9 (one month of receipt): a decision after the term, or dated before the receipt, is flagged."""
    if decided_on > due.decide_by:
        return RuleResult(findings=(finding(
            "9", "warning", f"lēmuma termiņš bija {due.decide_by.isoformat()} (mēneša laikā pēc iesnieguma saņemšanas "
            f"{received_on.isoformat()}); lēmums tiek pieņemts {decided_on.isoformat()}",
            f"the decision was due by {due.decide_by.isoformat()} (one month after receipt); it is made on "
            f"{decided_on.isoformat()}", field="received_on"),))
    if decided_on < received_on:
        return RuleResult(findings=(finding(
            "9", "warning", f"lēmuma datums {decided_on.isoformat()} ir pirms iesnieguma saņemšanas {received_on.isoformat()}",
            f"the decision date {decided_on.isoformat()} is before the receipt {received_on.isoformat()}",
            field="received_on"),))
    return OK


_KIND_LV = {"one_time": "vienreizējs", "one_month": "uz vienu mēnesi", "months": "uz vairākiem mēnešiem",
            "until_year_end": "līdz kārtējā gada beigām", "one_year": "uz vienu gadu"}


def duration_rule(assessment: Assessment, decided_on: dt.date, params: parameters.Parameters) -> tuple[Duration | None, RuleResult]:
    """9.1.2: "asistenta pakalpojuma ilgumu (vienreizējs, uz vienu mēnesi, vairākiem mēnešiem, līdz kārtējā gada
    beigām vai vienu gadu)". One year unless the clerk chose otherwise; never past the commission opinion's
    validity (17.3 ends the service when it expires). MK 316 (adopted 18.05.2021) is applied only by a decision
    made on or after its adoption: then the grant runs at most to the transition's end (2021-12-31).
    """
    kind = assessment.duration_kind or "one_year"
    start = assessment.start or decided_on
    if kind == "months" and assessment.months is None:
        return None, RuleResult(findings=(pending("ilgumam “uz vairākiem mēnešiem” jānorāda mēnešu skaits",
                                                  "the number of months must be given for the duration “months”",
                                                  "9.1.2", field="assessment.months"),))
    end = {
        "one_time": lambda: start,
        "one_month": lambda: calendar.add_month(start) - dt.timedelta(days=1),
        "months": lambda: calendar.add_month(start, assessment.months or 1) - dt.timedelta(days=1),
        "until_year_end": lambda: dt.date(start.year, 12, 31),
        "one_year": lambda: calendar.add_month(start, 12) - dt.timedelta(days=1),
    }[kind]()
    found: list[Finding] = []
    opinion = assessment.opinion
    if opinion is not None and opinion.valid_until is not None and opinion.valid_until < end:
        end = opinion.valid_until
        found.append(finding("9.1.2", "warning",
                             f"pakalpojuma ilgums ({_KIND_LV[kind]}) saīsināts līdz komisijas atzinuma derīguma beigām "
                             f"{end.isoformat()}; pēc tam pakalpojumu izbeidz saskaņā ar 17.3. apakšpunktu",
                             f"the duration is cut to the end of the opinion's validity, {end.isoformat()}; the service "
                             "ends then under 17.3", field="assessment.opinion.valid_until"))
    # The repeal is known only from MK 316's adoption: a decision before it grants the duration in full. One
    # made between the adoption and the repeal may run no longer than the transition lets old contracts run.
    if params.repeal_known_on(decided_on) and end > params.old_contracts_run_until:
        end = params.old_contracts_run_until
        found.append(finding("9.1.2", "warning",
                             f"pakalpojuma ilgums saīsināts līdz {end.isoformat()}: {params.repeal_source_lv} MK 942 "
                             f"zaudē spēku; {params.old_contracts_source_lv}",
                             f"the duration is cut to {end.isoformat()}: MK 316 of 18.05.2021 repeals MK 942 from "
                             f"{params.repealed_from.isoformat()}; contracts under MK 942 run at most to that date",
                             field="assessment.duration_kind"))
    if end < start:
        found.append(finding("9.1.2", "error",
                             f"pakalpojuma sākums {start.isoformat()} ir pēc tā iespējamām beigām {end.isoformat()}",
                             f"the service start {start.isoformat()} is after its possible end {end.isoformat()}",
                             field="assessment.start"))
        return None, RuleResult(findings=tuple(found))
    return Duration(kind=kind, start=start, end=end), RuleResult(findings=tuple(found))


_ATTACHMENT_LV = {
    "7.1": "likumiskā pārstāvja pārstāvības tiesības apliecinošs dokuments",
    "7.2": "komisijas atzinums",
    "7.3": "institūcijas apliecinājums par personas dalību pasākumos",
    "7.4": "darba devēja apliecinājums",
    "7.5": "izglītības iestādes apliecinājums",
    "7.6": "dienas aprūpes centra vai cita rehabilitācijas pakalpojuma sniedzēja apliecinājums",
}
_ATTACHMENT_EN = {"7.1": "the representative's authority", "7.2": "the commission's opinion",
                  "7.3": "the organiser's confirmation of participation", "7.4": "the employer's confirmation",
                  "7.5": "the school's confirmation", "7.6": "the day-care or rehabilitation provider's confirmation"}


def attachments_rule(application: Application, assessment: Assessment, lines: tuple[Line, ...]) -> RuleResult:
    """7: "Iesniegumam papildus pievieno šādus dokumentus": 7.1 the representative's authority "ja asistenta
    pakalpojumu pieprasa personas likumiskais pārstāvis"; 7.2 the opinion "ja šī informācija nav pieejama
    pašvaldību informācijas sistēmā"; 7.3–7.6 confirmations for the activities. Missing ones are warnings
    (the service may ask for them, 8.2). An opinion the assessment records is not missing."""
    have = set(application.attachments)
    needed: list[tuple[str, str]] = []
    if application.representative is not None:
        needed.append(("7.1", "representative"))
    # The opinion the service itself established (8.1) is not asked for again: the facts win.
    if not assessment.opinion_in_information_system and assessment.opinion is None:
        needed.append(("7.2", "attachments"))
    for line in lines:
        code = ATTACHMENT_BY_POINT.get(line.point)
        if code and line.refused is None and all(code != c for c, _ in needed):
            needed.append((code, f"activities.{line.index}.annex1_point"))
    found = tuple(
        finding(code, "warning", f"iesniegumam nav pievienots: {_ATTACHMENT_LV[code]}; pieprasiet to",
                f"missing attachment: {_ATTACHMENT_EN[code]}; ask for it", field="attachments")
        for code, _ in needed if code not in have)
    return RuleResult(findings=found)


def visual_benefit_note(visual_benefit: bool, limit: Decimal) -> RuleResult:
    """6.4 and Invaliditātes likuma 12. panta pirmās daļas 3.¹ punkts: the state benefit pays 10 h a week;
    the municipality grants the rest, at most `limit`."""
    if not visual_benefit:
        return OK
    return RuleResult(findings=(Finding(
        rule=VISUAL_BENEFIT_RULE, severity="info",
        message_lv=f"Persona saņem valsts pabalstu par asistenta izmantošanu; pašvaldība piešķir ne vairāk kā "
                   f"{hours_lv(limit)} stundas nedēļā ({LAW_12_1_3_1}).",
        message_en=f"The person receives the state benefit for using an assistant; the municipality grants at most "
                   f"{limit} hours a week (Disability Law 12(1)3.1).", field="visual_benefit"),))


def assess(application: Application, assessment: Assessment, on: dt.date | None = None,
           params: parameters.Parameters | None = None) -> Decision:
    """The decision proposal for `application` on `on` (default: the receipt date) under the rules then in force."""
    params = params or parameters.load()
    on = on or application.received_on
    version = params.redaction(on).version  # OutOfForce with its message outside the encoded redactions

    # Who: age (12(2), 1.1), group and opinion (8.1, 9.2.1), residence (18), mobility (9.2.3).
    category, result = age_rule(application.applicant.birth_date, on,
                                params.value("child_age_from", on), params.value("adult_age_from", on))
    if category == "adult":
        result += adult_rule(assessment, on)
    elif category == "child":
        result += child_rule(assessment, on)
    result += residence_rule(assessment) + mobility_rule(assessment)

    # What: parts refused (9.2.4, 9.2.2), then the volume (11.1, Annex 1 with 11.3, 11.4, 11.¹, the total).
    activities = application.activities
    lines = lines_for(activities)
    lines, r = outside_latvia_rule(lines, activities)
    result += r
    lines, r = annex1_criteria_rule(lines, assessment)
    result += r
    whole = [g for g in result.grounds if g in _WHOLE or (g == "9.2.2" and assessment.activities_meet_annex1 is False)]
    limit = Decimal(params.value("visual_benefit_municipal_max" if application.visual_benefit else "weekly_total_max", on))
    if not whole:
        lines, r = institution_transport_rule(lines, activities, assessment)
        result += r
        try:  # 11.¹ applies from 2020-03-12 (29.²): before that there are no emergency periods
            period = emergency_period(on, params.value("emergency_periods", on))
        except parameters.OutOfForce:
            period = None
        caps = params.value("annex1_caps", on)
        base7 = Decimal(caps[7])
        fallback = Decimal(params.value("emergency_point7_fallback_weekly", on)) if period else base7
        cap7, r = emergency_point7_cap(lines, base7, fallback, period, assessment.hours_used_previous_months)
        result += r
        lines, r = caps_rule(lines, caps, cap7, params.value("point7_pool_weeks", on), assessment.increase_reason)
        result += r
        lines, r = technical_aids_rule(lines, assessment.technical_aids_reduction)
        result += r
        lines, r = emergency_transfer(lines, period, assessment.hours_used_previous_months)
        result += r
        lines, r = weekly_total_rule(lines, limit, application.visual_benefit)
        result += r if r.findings else visual_benefit_note(application.visual_benefit, limit)

    total = sum((l.granted for l in lines), ZERO)
    grounds = sorted(set(result.grounds) | {l.refused for l in lines if l.refused}, key=_point_key)
    waiting = any(is_pending(f) for f in result.findings)
    if waiting:
        # 8.3: the service has not assessed what the rules need: a proposal, never a refusal (nor a grant).
        outcome = "pending"
        grounds = []
        if whole or total == 0:
            lines = tuple(Line(l.index, l.point, l.requested, ZERO, ("gaida sociālā dienesta izvērtējumu (8.3)",),
                               None) for l in lines)
            total = ZERO
    elif whole or total == 0:
        outcome = "refuse"
        why = ", ".join(cite_lv(g) for g in grounds) or "nav stundu, ko piešķirt"
        lines = tuple(Line(l.index, l.point, l.requested, ZERO,
                           l.reasons if l.granted == 0 and l.reasons else (f"pakalpojums atteikts ({why})",), l.refused)
                      for l in lines)
        total = ZERO
    elif any(l.refused and l.granted < l.requested for l in lines):
        # Part of the request refused on a ground (9.2.2, 9.2.4, 11.1). Hours cut to the Annex 1 caps, the
        # 40 h total or by 11.4 are the volume the service sets (9.1.1, 11): still a grant.
        outcome = "partial"
    else:
        outcome = "grant"

    duration = None
    if outcome not in ("refuse", "pending"):
        duration, r = duration_rule(assessment, on, params)
        result += r
    result += attachments_rule(application, assessment, lines)
    due = deadlines(application.received_on, on, params, on)
    result += deadline_rule(application.received_on, on, due)

    return Decision(
        outcome=outcome,
        decided_on=on,
        hours_per_week=total,
        activities=[ActivityDecision(annex1_point=l.point, requested=l.requested, granted=l.granted,
                                     reason="; ".join(l.reasons) if l.reasons and l.granted != l.requested else None)
                    for l in lines],
        duration=duration,
        grounds=grounds,
        findings=list(result.findings),
        deadlines=due,
        rules_version=version,
    )


def pending_findings(decision: Decision) -> list[Finding]:
    """The clerk's assessments the proposal still waits for (8.3); empty when it can be adopted."""
    return [f for f in decision.findings if is_pending(f)]
