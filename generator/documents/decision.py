"""`decision`: the decision of point 9 (grant, partial grant or refusal) — APL 67(2) parts."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import Field

from generator import lv
from generator.config import Municipality
from generator.documents.common import (
    DocNumber, DocumentKind, LongText, activity_name, common_ctx, file_stem, full_name, hours_lv, person_ctx,
)
from generator.documents.norms import DURATION_LV, norms, REFUSAL_GROUNDS
from regulation.findings import is_pending
from regulation.records import Application, Assessment, Decision, Record


class DecisionData(Record):
    """DATA of `decision`: a decision of point 9 (grant, partial or refusal, by `decision.outcome`).

    - `case_number` — the case (lietas) number; `number` — the decision's own number (default: case_number);
    - `application` — the Application record (request, its date, the person and representative);
    - `assessment` — the Assessment record (facts established) or null;
    - `decision` — the Decision record (outcome, hours per activity, duration, grounds, findings);
    - `participant_views` — the requester's views as heard (APL 67(2)); null: "expressed in the application".
    """

    case_number: str = DocNumber
    number: str | None = Field(default=None, max_length=50)
    application: Application
    assessment: Assessment | None = None
    decision: Decision
    participant_views: str | None = LongText


def _decision_ctx(data: DecisionData, mun: Municipality) -> dict[str, Any]:
    app, dec, ass = data.application, data.decision, data.assessment
    number = data.number or data.case_number
    ctx = common_ctx(mun, "LĒMUMS", number, dec.decided_on)
    requested = [{"activity": activity_name(a.annex1_point), "hours": lv.hours_number(a.hours_per_week),
                  "place": a.place or "", "weekdays": ", ".join(lv.weekday(w) for w in a.weekdays),
                  "abroad": "ārpus Latvijas" if a.outside_latvia else ""} for a in app.activities]
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
    reasoning = [lv.dates_in_text(f.message_lv) for f in dec.findings]
    points = ["8", "9"] + (["9.1.1", "9.1.2"] if dec.outcome != "refuse" else []) + list(dec.grounds) + ["13"]
    law = ["Invaliditātes likuma 12. panta pirmās daļas 3., 3.¹ un 4. punkts"] if "9.2.1" in dec.grounds else []
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
        "views": data.participant_views or ("Pieprasītājs savu viedokli izteica iesniegumā; citus viedokļus "
                                             "lēmuma sagatavošanas laikā neizteica."),
        "facts": facts_lv(app, ass),
        "per_activity": per_activity,
        # 8.3 assessment still missing: the proposal cannot be adopted; the draft says so at its top.
        "pending": [lv.dates_in_text(f.message_lv) for f in dec.findings if is_pending(f)],
        "reasoning": reasoning or ["Pieprasījums atbilst noteikumu prasībām pilnā apjomā."],
        "norms": norms(points, dec.findings, law),
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
                     "plain": REFUSAL_GROUNDS[g][1]} for g in dec.grounds if g in REFUSAL_GROUNDS],
        "refused_rows": [r for r, a in zip(granted_rows, dec.activities) if a.granted < a.requested],
        "deadlines": {"notify_by": lv.date_dative(dec.deadlines.notify_by),
                      "decide_by": lv.date_dative(dec.deadlines.decide_by)},
        "rules_version": dec.rules_version,
    })
    return ctx


def facts_lv(app: Application, ass: Assessment | None) -> list[str]:
    """The facts established (APL 67(2)), from the application and the service's own assessment (8.1–8.3)."""
    out = [f"{lv.date_lv(app.received_on)} saņemts iesniegums par asistenta pakalpojuma piešķiršanu (pieprasītājs – "
           f"{full_name(app.applicant)}" + (f"; iesniedza likumiskais pārstāvis {full_name(app.representative)}"
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
                    lambda d: file_stem("lemums", d.number or d.case_number, d.application.applicant.surname))
