"""The service's assessment (8.3) as a form: each fact with its Latvian label and the point it serves, parsed
into `regulation.records.Assessment` and validated as the record validates (its own messages, per field)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from regulation.records import Assessment, RecordError, load


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    point: str  # which point of MK 942 (or the law) the fact serves
    kind: str  # select | date | checkbox | text | textarea | number
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""


YES_NO = (("", "nav novērtēts"), ("yes", "jā"), ("no", "nē"))
FIELDS = (
    Field("disability_group", "Invaliditātes grupa", "9.2.1 (Invaliditātes likuma 12. panta otrā daļa)", "select",
          (("", "nav noteikta"), ("I", "I grupa"), ("II", "II grupa"), ("III", "III grupa"))),
    Field("visual_impairment", "Redzes invaliditāte", "1. pielikuma 3. punkts", "checkbox"),
    Field("opinion_kind", "VDEĀVK atzinums", "7.2, 9.2.1", "select",
          (("", "nav atzinuma"), ("assistance_need", "par asistenta pakalpojuma nepieciešamību"),
           ("special_care", "par īpašas kopšanas nepieciešamību (bērnam)"))),
    Field("opinion_issued_on", "Atzinums izdots", "7.2", "date"),
    Field("opinion_valid_until", "Atzinums derīgs līdz", "17.3", "date", help="tukšs — beztermiņa"),
    Field("opinion_in_information_system", "Atzinums ir pašvaldības informācijas sistēmā (kopija nav vajadzīga)",
          "7.2", "checkbox"),
    Field("residence_status", "Kur persona dzīvo", "18", "select",
          (("home", "mājās"), ("long_term_care", "ilgstošas sociālās aprūpes institūcijā"),
           ("hospital", "ārstniecības iestādē"), ("prison", "ieslodzījumā"))),
    Field("can_move_without_assistant", "Var pārvietoties ārpus mājas bez asistenta", "9.2.3", "select", YES_NO),
    Field("cannot_move_with_assistant", "Nevar pārvietoties arī ar asistentu", "9.2.3", "select", YES_NO),
    Field("activities_meet_annex1", "Personas iesaiste pasākumos atbilst 1. pielikuma kritērijiem", "8.3, 9.2.2",
          "select", YES_NO),
    Field("institution_transport_help", "Iestādes transportā palīdz iekāpt un izkāpt", "11.1", "select", YES_NO),
    Field("rehabilitation_plan", "Rehabilitācijas plāns atbalsta 1. pielikuma punktus", "9.2.2", "text",
          help="piemēram: 1, 4; tukšs — plāna nav"),
    Field("increase_reason", "Pamatojums stundām virs normas", "11.3", "textarea"),
    Field("technical_aids_reduction", "Stundu samazinājums tehnisko palīglīdzekļu dēļ", "11.4", "text",
          help="punkts: stundas nedēļā, piemēram: 1: 2, 6: 1"),
    Field("hours_used_previous_months", "Izmantotās stundas trīs iepriekšējos mēnešos", "11.¹", "text",
          help="piemēram: 40, 38, 42"),
    Field("duration_kind", "Termiņš", "9.1.2", "select",
          (("", "gads (ne ilgāk par atzinumu)"), ("one_time", "vienreizēji"), ("one_month", "mēnesis"),
           ("months", "vairāki mēneši"), ("until_year_end", "līdz gada beigām"), ("one_year", "gads"))),
    Field("months", "Mēnešu skaits (ja vairāki mēneši)", "9.1.2", "number"),
    Field("start", "Pakalpojuma sākums", "9.1.2", "date", help="tukšs — lēmuma diena"),
)
NAMES = {f.name for f in FIELDS}


class FormProblems(ValueError):
    """Problems per form field (field name → Latvian message), and the values as typed."""

    def __init__(self, problems: dict[str, str], values: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems, self.values = problems, values


def values_of(assessment: Assessment | None) -> dict[str, str]:
    """The form's values for an existing assessment (to edit it)."""
    if assessment is None:
        return {"residence_status": "home"}
    a = assessment
    yn = {True: "yes", False: "no", None: ""}
    return {
        "disability_group": a.disability_group or "", "visual_impairment": "on" if a.visual_impairment else "",
        "opinion_kind": a.opinion.kind if a.opinion else "",
        "opinion_issued_on": a.opinion.issued_on.isoformat() if a.opinion else "",
        "opinion_valid_until": a.opinion.valid_until.isoformat() if a.opinion and a.opinion.valid_until else "",
        "opinion_in_information_system": "on" if a.opinion_in_information_system else "",
        "residence_status": a.residence_status,
        "can_move_without_assistant": yn[a.can_move_without_assistant],
        "cannot_move_with_assistant": yn[a.cannot_move_with_assistant],
        "institution_transport_help": yn[a.institution_transport_help],
        "activities_meet_annex1": yn[a.activities_meet_annex1],
        "rehabilitation_plan": ", ".join(str(p) for p in a.rehabilitation_plan or []),
        "increase_reason": a.increase_reason or "",
        "technical_aids_reduction": ", ".join(f"{k}: {v}" for k, v in (a.technical_aids_reduction or {}).items()),
        "hours_used_previous_months": ", ".join(str(h) for h in a.hours_used_previous_months or []),
        "duration_kind": a.duration_kind or "", "months": str(a.months or ""),
        "start": a.start.isoformat() if a.start else "",
    }


def _list(text: str, decimals: bool = False) -> list[str]:
    """Parts of a list typed by hand; with `decimals`, a comma with no space after it is a decimal comma."""
    return [p for p in re.split(r"[;\s]+|,\s*" if not decimals else r"[;\s]+|,\s+", text.strip()) if p]


def parse_assessment(form) -> Assessment:
    """An `Assessment` from the posted form, or FormProblems naming each wrong field in Latvian."""
    values = {name: str(form.get(name, "")).strip()[:2000] for name in NAMES}
    problems: dict[str, str] = {}
    yn = {"yes": True, "no": False, "": None}
    data: dict[str, Any] = {
        "disability_group": values["disability_group"] or None,
        "visual_impairment": values["visual_impairment"] == "on",
        "opinion_in_information_system": values["opinion_in_information_system"] == "on",
        "residence_status": values["residence_status"] or "home",
        "increase_reason": values["increase_reason"] or None,
        "duration_kind": values["duration_kind"] or None,
        "months": values["months"] or None,
        "start": values["start"] or None,
    }
    for name in ("can_move_without_assistant", "cannot_move_with_assistant", "institution_transport_help",
                 "activities_meet_annex1"):
        if values[name] not in yn:
            problems[name] = "izvēlieties jā, nē vai nav novērtēts"
        data[name] = yn.get(values[name])
    if values["opinion_kind"]:
        data["opinion"] = {"kind": values["opinion_kind"], "issued_on": values["opinion_issued_on"] or None,
                           "valid_until": values["opinion_valid_until"] or None}
        if not values["opinion_issued_on"]:
            problems["opinion_issued_on"] = "norādiet, kad atzinums izdots"
    if values["rehabilitation_plan"]:
        data["rehabilitation_plan"] = _list(values["rehabilitation_plan"])
    if values["hours_used_previous_months"]:
        data["hours_used_previous_months"] = [h.replace(",", ".") for h in _list(values["hours_used_previous_months"],
                                                                                  decimals=True)]
    if values["technical_aids_reduction"]:
        pairs = {}
        for part in re.split(r"[;,]\s*(?=\d\s*:)", values["technical_aids_reduction"]):
            point, _, hours = part.partition(":")
            if not point.strip().isdigit() or not hours.strip():
                problems["technical_aids_reduction"] = "rakstiet 'punkts: stundas', piemēram, 1: 2"
                break
            pairs[point.strip()] = hours.strip().replace(",", ".")
        data["technical_aids_reduction"] = pairs
    if problems:
        raise FormProblems(problems, values)
    try:
        return load(Assessment, data)
    except RecordError as e:
        for p in e.problems:
            name = p.field.split(".")[0]
            if name == "opinion":
                sub = p.field.split(".")[1] if "." in p.field else "kind"
                name = {"issued_on": "opinion_issued_on", "valid_until": "opinion_valid_until"}.get(sub,
                                                                                                      "opinion_kind")
            problems[name if name in NAMES else "disability_group"] = p.message_lv
        raise FormProblems(problems, values) from None
