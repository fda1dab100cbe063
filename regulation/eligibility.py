"""Who may receive the service: age and group (Invaliditātes likums 12(2); MK 942 1.1, 2, 8.1, 9.2.1),
residence (18) and mobility (9.2.3). Each rule is a pure function returning a `RuleResult`.

>>> import datetime as dt
>>> age_on(dt.date(2010, 5, 17), dt.date(2015, 5, 16)), age_on(dt.date(2010, 5, 17), dt.date(2015, 5, 17))
(4, 5)
>>> from regulation.records import Assessment
>>> mobility_rule(Assessment(can_move_without_assistant=True)).grounds
('9.2.3',)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from regulation.findings import LAW_12_2, cite_lv, finding, pending
from regulation.records import Assessment, Finding, Opinion

Category = Literal["adult", "child", "too_young"]


@dataclass(frozen=True)
class RuleResult:
    """What one rule found: refusal grounds (points of 9.2 or 18) and findings."""

    grounds: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def __add__(self, other: "RuleResult") -> "RuleResult":
        return RuleResult(self.grounds + other.grounds, self.findings + other.findings)


OK = RuleResult()


def age_on(birth: dt.date, on: dt.date) -> int:
    """Full years on `on` (a birthday counts from its own day)."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def category(birth: dt.date, on: dt.date, child_from: int, adult_from: int) -> Category:
    """1.1: "personai ar I vai II invaliditātes grupu un personai ar invaliditāti no piecu līdz 18 gadu vecumam".

    A child from the 5th birthday up to the day before the 18th; an adult from the 18th birthday.
    """
    age = age_on(birth, on)
    if age >= adult_from:
        return "adult"
    return "child" if age >= child_from else "too_young"


def age_rule(birth: dt.date | None, on: dt.date, child_from: int, adult_from: int) -> tuple[Category | None, RuleResult]:
    """Invaliditātes likuma 12. panta otrā daļa; MK 942 1.1 and 9.2.1: a child under five is not eligible.

    9.2.1 (as MK 377 worded it) refuses if "persona neatbilst Invaliditātes likuma 12. panta pirmās daļas 3., 3.1
    vai 4. punktā minētajiem asistenta pakalpojuma saņemšanas nosacījumiem"; the age bounds are 1.1's.

    The birth date comes from the personal code (6.1); a new-format code holds none, and then the clerk
    must give `applicant.birth_date`.
    """
    if birth is None:
        return None, RuleResult(findings=(pending(
            "dzimšanas datumu nevar nolasīt no personas koda; norādiet to laukā applicant.birth_date",
            "the birth date cannot be read from the personal code; give it in applicant.birth_date",
            "9.2.1", field="applicant.birth_date"),))
    cat = category(birth, on, child_from, adult_from)
    if cat == "too_young":
        return cat, RuleResult(("9.2.1",), (finding(
            "9.2.1", "error",
            f"personai {on.isoformat()} vēl nav {child_from} gadu; bērnam pakalpojumu piešķir "
            f"no {child_from} līdz 18 gadu vecumam",
            f"the person is not yet {child_from} on {on.isoformat()}; a child is eligible from {child_from} to 18",
            field="applicant.personal_code", cite=f"{LAW_12_2}; MK 942 1.1. un 9.2.1. apakšpunkts"),))
    return cat, OK


def opinion_rule(opinion: Opinion | None, wanted: str, on: dt.date) -> RuleResult:
    """8.1: "Invaliditātes informatīvajā sistēmā pārliecinās, vai komisija personai izsniegusi:
    8.1.1. atzinumu par asistenta pakalpojuma nepieciešamību, ja asistenta pakalpojumu pieprasa persona,
    vecāka par 18 gadiem; 8.1.2. atzinumu par īpašas kopšanas nepieciešamību ... bērnam no piecu līdz
    18 gadu vecumam". Missing, expired or of the wrong kind → refusal under 9.2.1.
    """
    name_lv = {"assistance_need": "atzinums par asistenta pakalpojuma nepieciešamību",
               "special_care": "atzinums par īpašas kopšanas nepieciešamību"}[wanted]
    name_en = {"assistance_need": "opinion on the need for an assistant",
               "special_care": "opinion on the need for special care"}[wanted]
    point = "8.1.1" if wanted == "assistance_need" else "8.1.2"
    if opinion is None:
        lv = f"nav komisijas {name_lv.replace('atzinums', 'atzinuma', 1)}"
        en = f"there is no commission {name_en}"
    elif opinion.kind != wanted:
        lv, en = f"komisijas atzinums ir cita veida; nepieciešams {name_lv}", f"the opinion is of the wrong kind; a {name_en} is needed"
    elif opinion.issued_on > on:
        lv = f"komisijas atzinums izsniegts {opinion.issued_on.isoformat()}, pēc {on.isoformat()}"
        en = f"the opinion was issued on {opinion.issued_on.isoformat()}, after {on.isoformat()}"
    elif opinion.valid_until is not None and opinion.valid_until < on:
        lv = f"komisijas atzinuma derīguma termiņš beidzās {opinion.valid_until.isoformat()}"
        en = f"the opinion expired on {opinion.valid_until.isoformat()}"
    else:
        return OK
    return RuleResult(("9.2.1",), (finding(point, "error", lv, en, field="assessment.opinion",
                                           cite=f"{cite_lv(point)}, {cite_lv('9.2.1')}"),))


def adult_rule(assessment: Assessment, on: dt.date) -> RuleResult:
    """Invaliditātes likuma 12. panta otrā daļa; MK 942 1.1: "personai ar I vai II invaliditātes grupu";
    group III is refused under 9.2.1; the opinion of 8.1.1 must be valid on the date.
    """
    group = assessment.disability_group
    if group is None:
        return RuleResult(findings=(pending(
            "jānorāda personas invaliditātes grupa", "the disability group must be given", "9.2.1",
            field="assessment.disability_group"),)) + opinion_rule(assessment.opinion, "assistance_need", on)
    if group == "III":
        return RuleResult(("9.2.1",), (finding(
            "9.2.1", "error",
            f"pilngadīgai personai pakalpojumu piešķir ar I vai II invaliditātes grupu, bet personai ir III grupa",
            "an adult is eligible with disability group I or II; the person has group III",
            field="assessment.disability_group", cite=f"{LAW_12_2}; MK 942 1.1. un 9.2.1. apakšpunkts"),))
    return opinion_rule(assessment.opinion, "assistance_need", on)


def child_rule(assessment: Assessment, on: dt.date) -> RuleResult:
    """1.1 "personai ar invaliditāti no piecu līdz 18 gadu vecumam" with the opinion of 8.1.2 valid on the date."""
    return opinion_rule(assessment.opinion, "special_care", on)


_RESIDENCE_LV = {"long_term_care": "ilgstošas sociālās aprūpes institūcijā", "hospital": "stacionārā ārstniecības iestādē",
                 "prison": "ieslodzījuma vietā"}
_RESIDENCE_EN = {"long_term_care": "a long-term social care institution", "hospital": "an inpatient hospital",
                 "prison": "a prison"}


def residence_rule(assessment: Assessment) -> RuleResult:
    """18: "Asistenta pakalpojuma sniegšana personai tiek pārtraukta uz laiku, kamēr asistenta pakalpojuma
    saņēmējs atrodas ilgstošas sociālās aprūpes institūcijā, stacionārā ārstniecības iestādē vai ieslodzījuma vietā."
    While the person is there no service is provided: the proposal refuses (an ongoing service is suspended).
    """
    where = assessment.residence_status
    if where == "home":
        return OK
    return RuleResult(("18",), (finding(
        "18", "error",
        f"persona atrodas {_RESIDENCE_LV[where]}; kamēr persona tur atrodas, asistenta pakalpojumu nesniedz "
        "(jau piešķirtu pakalpojumu uz šo laiku pārtrauc); pēc izrakstīšanās var iesniegt jaunu iesniegumu",
        f"the person is in {_RESIDENCE_EN[where]}; no service is provided while they are there (an ongoing service "
        "is suspended); a new application may be made after leaving",
        field="assessment.residence_status"),))


def mobility_rule(assessment: Assessment) -> RuleResult:
    """9.2.3: refuse if, "izvērtējot personas darbības un sociālās funkcionēšanas spējas, konstatē, ka persona
    spēj pārvietoties ārpus mājokļa bez asistenta vai nespēj pārvietoties ar asistenta atbalstu".
    Not assessed yet (None) → the clerk must assess it (8.3); never guessed.
    """
    out = OK
    if assessment.can_move_without_assistant:
        out += RuleResult(("9.2.3",), (finding(
            "9.2.3", "error", "persona spēj pārvietoties ārpus mājokļa bez asistenta",
            "the person can move outside the home without an assistant",
            field="assessment.can_move_without_assistant"),))
    if assessment.cannot_move_with_assistant:
        out += RuleResult(("9.2.3",), (finding(
            "9.2.3", "error", "persona nespēj pārvietoties ārpus mājokļa arī ar asistenta atbalstu",
            "the person cannot move outside the home even with an assistant's support",
            field="assessment.cannot_move_with_assistant"),))
    if out.grounds:
        return RuleResult(("9.2.3",), out.findings)
    missing = [name for name in ("can_move_without_assistant", "cannot_move_with_assistant")
               if getattr(assessment, name) is None]
    if missing:
        return RuleResult(findings=(pending(
            "sociālajam dienestam jāizvērtē, vai persona spēj pārvietoties ārpus mājokļa bez asistenta "
            "un vai spēj pārvietoties ar asistenta atbalstu",
            "the social service must assess whether the person can move outside the home without an assistant "
            "and whether they can move with one",
            "9.2.3", field=f"assessment.{missing[0]}"),))
    return OK

