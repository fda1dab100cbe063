"""`decision`: the decision of point 9 (grant, partial grant or refusal) — APL 67(2) parts."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from generator import gender, lv
from generator.config import Municipality
from generator.documents.common import (
    ANSWER_PLACE, DocNumber, DocumentKind, LongText, activity_name, gender_notes, common_ctx, file_stem, full_name, hours_lv,
    person_ctx,
)
from generator.documents.norms import DURATION_LV, LAW_GRANT, REFUSAL_GROUNDS, ground_plain, mobility_of, norms
from regulation import parameters
from regulation.findings import is_pending
from regulation.records import Application, Assessment, Decision, Finding, Record


class DecisionData(Record):
    """DATA of `decision`: a decision of point 9 (grant, partial or refusal, by `decision.outcome`).

    - `case_number` — the case (lietas) number; `number` — the decision's own number (default: case_number);
    - `application` — the Application record (request, its date, the person and representative);
    - `assessment` — the Assessment record (facts established) or null;
    - `decision` — the Decision record (outcome, hours per activity, duration, grounds, findings);
    - `participant_views` — the requester's views and arguments as heard (APL 67(2)); null: "expressed in the
      application";
    - `views_answer` — the service's answer to those arguments (APL 67(2): the views are weighed). With
      `participant_views` given and no answer, the draft carries a marked place and cannot be adopted.
    """

    case_number: str = DocNumber
    number: str | None = Field(default=None, max_length=50)
    application: Application
    assessment: Assessment | None = None
    decision: Decision
    participant_views: str | None = LongText
    views_answer: str | None = LongText


# Findings for the preparer, not for the person: missing attachments (7) and the decision's own term (9).
_CLERK_RULES = ("MK942 7", "MK942 9")


def for_clerk(f: Finding) -> bool:
    """Whether a finding is a note for the preparer (missing attachments, terms), not the person's reasoning."""
    return is_pending(f) or f.rule in _CLERK_RULES or f.rule.startswith("MK942 7.")


def blockers(data: DecisionData) -> list[str]:
    """What stops the draft from being adopted: the clerk's pending assessments (8.3) and an unanswered argument
    of the person (APL 67(2)). Empty when the decision can be adopted."""
    out = [lv.dates_in_text(f.message_lv) for f in data.decision.findings if is_pending(f)]
    if data.participant_views and not (data.views_answer or "").strip():
        out.append(f"{gender.words(data.application.applicant)['requester'].capitalize()} izteica viedokli, bet "
                   "lēmumā nav sociālā dienesta atbildes uz to (views_answer); "
                   "Administratīvā procesa likuma 67. panta otrā daļa prasa to izvērtēt.")
    return out


def notes(data: DecisionData) -> list[str]:
    """Notes for the preparer (printed by the command, never in the letter): the notification term (10) and
    the findings meant for the clerk."""
    dec = data.decision
    out = [f"Paziņot pieprasītājam līdz {lv.date_dative(dec.deadlines.notify_by)} (noteikumu 10. punkts)."]
    out += gender_notes(data.application.applicant, data.application.representative)
    out += [lv.dates_in_text(f.message_lv) for f in dec.findings if for_clerk(f) and not is_pending(f)]
    return out


def _decision_ctx(data: DecisionData, mun: Municipality) -> dict[str, Any]:
    app, dec, ass = data.application, data.decision, data.assessment
    number = data.number or data.case_number
    ctx = common_ctx(mun, "LĒMUMS", number, dec.decided_on)
    requested = [{"activity": activity_name(a.annex1_point), "hours": lv.hours_number(a.hours_per_week),
                  "place": a.place or "", "weekdays": ", ".join(lv.weekday(w) for w in a.weekdays),
                  "abroad": "ārpus Latvijas" if a.outside_latvia else "",
                  # place; days; abroad — only the parts there are, so no stray "; " (review point 7)
                  "where": lv.joined(a.place or "", ", ".join(lv.weekday(w) for w in a.weekdays),
                                     "ārpus Latvijas" if a.outside_latvia else "")} for a in app.activities]
    granted_rows = [{"activity": activity_name(a.annex1_point), "requested": lv.hours_number(a.requested),
                     "granted": lv.hours_number(a.granted), "reason": a.reason or ""} for a in dec.activities]
    # Reasoning: one paragraph per activity whose hours changed, then every finding that is not info-only noise.
    per_activity = []
    for a in dec.activities:
        # "pieprasīts: N stundas" rather than "pieprasītas N stundas": the participle would agree with N.
        got = f"piešķirts: {hours_lv(a.granted)}" if a.granted > 0 else "nav piešķirts"
        if a.granted == a.requested:
            got = "piešķirts pieprasītajā apjomā"
        per_activity.append(lv.sentence_end(f"{activity_name(a.annex1_point)} – pieprasīts: {hours_lv(a.requested)}, {got}"
                                            + (f": {a.reason}" if a.reason and a.granted != a.requested else "")))
    for_person = [f for f in dec.findings if not for_clerk(f)]
    reasoning = [lv.dates_in_text(f.message_lv) for f in for_person]
    points = ["8", "9"] + (["9.1.1", "9.1.2"] if dec.outcome != "refuse" else []) + list(dec.grounds) + ["13"]
    law = list(LAW_GRANT)
    if "9.2.1" in dec.grounds:
        law += ["Invaliditātes likuma 12. panta pirmās daļas 3.¹ punkts",
                "Invaliditātes likuma 12. panta pirmās daļas 4. punkts"]
    mobility = mobility_of(dec.findings) or _mobility(ass)
    redaction = parameters.load().redaction(dec.decided_on)
    ctx.update({
        "case_number": data.case_number,
        "outcome": dec.outcome,
        "is_grant": dec.outcome == "grant", "is_partial": dec.outcome == "partial",
        "is_refusal": dec.outcome == "refuse", "grants_any": dec.outcome != "refuse",
        "applicant": person_ctx(app.applicant),
        "addressee": person_ctx(app.applicant),
        "representative": person_ctx(app.representative),
        "has_representative": app.representative is not None,
        "request": {
            "received_on": lv.date_lv(app.received_on),
            "activities": requested,
            "total": lv.hours_number(sum((a.hours_per_week for a in app.activities), Decimal(0))),
            "visual_benefit": "jā" if app.visual_benefit else "nē",
            "preferred_assistant": full_name(app.preferred_assistant) if app.preferred_assistant else "nav norādīts",
            "attachments": lv.sentence_end(", ".join(f"{c}." for c in app.attachments) or "nav"),
        },
        "views": data.participant_views or (f"{gender.words(app.applicant)['requester'].capitalize()} savu viedokli "
                                             "izteica iesniegumā; citus viedokļus lēmuma sagatavošanas laikā "
                                             "neizteica."),
        "has_views": bool(data.participant_views),
        "views_answer": (data.views_answer or "").strip() or ANSWER_PLACE,
        "views_answered": bool((data.views_answer or "").strip()),
        "facts": facts_lv(app, ass),
        "per_activity": per_activity,
        # 8.3 assessment still missing: the proposal cannot be adopted; the draft says so at its top.
        "pending": blockers(data),
        "reasoning": reasoning or ["Pieprasījums atbilst noteikumu prasībām pilnā apjomā."],
        "norms": norms(points, for_person, law, act=True),
        "act_redaction": f"redakcijā, kas stājās spēkā {lv.date_lv(redaction.start)}",
        "granted": {
            "rows": granted_rows,
            "hours": hours_lv(dec.hours_per_week),
            "duration_kind": DURATION_LV[dec.duration.kind] if dec.duration else "",
            "start": lv.date_genitive(dec.duration.start) if dec.duration else "",
            "end": lv.date_dative(dec.duration.end) if dec.duration else "",
            "start_short": lv.date_short(dec.duration.start) if dec.duration else "",
            "end_short": lv.date_short(dec.duration.end) if dec.duration else "",
        },
        "grounds": [{"point": lv.point(g), "point_acc": lv.point_accusative(g), "wording": REFUSAL_GROUNDS[g][0],
                     "plain": ground_plain(g, mobility)} for g in dec.grounds if g in REFUSAL_GROUNDS],
        "refused_rows": [r for r, a in zip(granted_rows, dec.activities) if a.granted < a.requested],
        "notes": notes(data),
    })
    return ctx


def _mobility(ass: Assessment | None) -> str | None:
    if ass is None:
        return None
    if ass.can_move_without_assistant:
        return "without_assistant"
    if ass.cannot_move_with_assistant:
        return "not_even_with_assistant"
    return None


def facts_lv(app: Application, ass: Assessment | None) -> list[str]:
    """The facts established (APL 67(2)), from the application and the service's own assessment (8.1–8.3)."""
    out = [f"{lv.date_lv(app.received_on)} saņemts iesniegums par asistenta pakalpojuma piešķiršanu "
           f"({gender.words(app.applicant)['requester']} – {full_name(app.applicant)}"
           + (f"; iesniedza {gender.words(app.representative)['representative']} {full_name(app.representative)}"
                                        if app.representative else "") + ")."]
    if app.applicant.birth_date:
        out.append(f"Personas dzimšanas datums: {lv.date_short(app.applicant.birth_date)}")
    if app.visual_benefit:
        out.append("Persona saņem valsts pabalstu personai ar redzes invaliditāti par asistenta izmantošanu.")
    if ass is None:
        out.append("Sociālā dienesta izvērtējums (noteikumu 8. punkts) lēmuma projektam nav pievienots.")
        return out
    if ass.disability_group:
        out.append(f"Personai noteikta {ass.disability_group} invaliditātes grupa"
                   + (" redzes traucējumu dēļ." if ass.visual_impairment else "."))
    if ass.opinion:
        kind = ("par asistenta pakalpojuma nepieciešamību" if ass.opinion.kind == "assistance_need"
                else "par īpašas kopšanas nepieciešamību sakarā ar smagiem funkcionāliem traucējumiem")
        valid = f", derīgs līdz {lv.date_short(ass.opinion.valid_until)}" if ass.opinion.valid_until else ", beztermiņa"
        out.append(lv.sentence_end(f"Veselības un darbspēju ekspertīzes ārstu valsts komisijas atzinums {kind} izsniegts "
                                   f"{lv.date_short(ass.opinion.issued_on)}{valid}"))
    else:
        out.append("Komisijas atzinums nav konstatēts.")
    where = {"home": None, "long_term_care": "ilgstošas sociālās aprūpes institūcijā",
             "hospital": "stacionārā ārstniecības iestādē", "prison": "ieslodzījuma vietā"}[ass.residence_status]
    if where:
        out.append(f"Persona atrodas {where}.")
    if ass.can_move_without_assistant is True:
        out.append("Izvērtējot personas darbības un sociālās funkcionēšanas spējas, konstatēts, ka persona spēj "
                   "pārvietoties ārpus mājokļa bez asistenta.")
    elif ass.cannot_move_with_assistant is True:
        out.append("Izvērtējot personas darbības un sociālās funkcionēšanas spējas, konstatēts, ka persona nespēj "
                   "pārvietoties ar asistenta atbalstu.")
    elif ass.can_move_without_assistant is False:
        out.append("Izvērtējot personas darbības un sociālās funkcionēšanas spējas, konstatēts, ka personai "
                   "pārvietoties ārpus mājokļa nepieciešams asistenta atbalsts.")
    if ass.activities_meet_annex1 is True:
        out.append("Personas iesaiste pasākumos atbilst noteikumu 1. pielikuma kritērijiem (noteikumu 8.3. apakšpunkts).")
    elif ass.activities_meet_annex1 is False:
        out.append("Personas iesaiste pasākumos neatbilst noteikumu 1. pielikuma kritērijiem (noteikumu 8.3. apakšpunkts).")
    if ass.increase_reason:
        out.append(lv.sentence_end(f"Pamatojums apjoma palielināšanai (11.3. apakšpunkts): {ass.increase_reason}"))
    return out


KIND = DocumentKind("decision", "decision.docx", "Lēmums par asistenta pakalpojumu", DecisionData, _decision_ctx,
                    lambda d: file_stem("lemums", d.number or d.case_number, d.application.applicant.surname),
                    blockers)
