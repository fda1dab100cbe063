"""What the documents say: each kind's input DATA (a pydantic model), its template and its Latvian context.

`KINDS` is the registry `asistents render KIND DATA` and `asistents mailmerge --template NAME` use. A kind
validates the user's DATA (`prepare()` raises `RecordError` naming every bad field, as `regulation.records.load`
does), and turns it into a template context of plain, already formatted Latvian strings and lists, so the DOCX
templates hold layout and wording only. Each kind's DATA is described in its model's docstring and in
`templates/lv/README.md`; `templates/lv/examples/<kind>.json` holds a sample of each.

>>> from generator.config import EXAMPLE
>>> import json
>>> raw = json.loads((EXAMPLES_DIR / "contract.json").read_text(encoding="utf-8"))
>>> template, ctx = prepare("contract", raw, EXAMPLE)
>>> template.name, ctx["volume"]["hours"].replace(NBSP, " ")
('contract.docx', '22 stundas nedēļā')
>>> KINDS["contract"].file_stem(KINDS["contract"].data_model.model_validate(raw))
'ligums-as-2026-017-berzina'
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Literal, Mapping

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from generator import lv
from generator.config import Municipality
from generator.lv import NBSP
from regulation import parameters
from regulation.annex2 import Annex2Report
from regulation.findings import is_pending
from regulation.records import (
    Application,
    Assessment,
    Contract,
    Decision,
    Finding,
    Hours,
    Money,
    Person,
    Record,
    RecordError,
    Suspension,
    _bilingual,
    load,
)

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "lv"
EXAMPLES_DIR = TEMPLATES_DIR / "examples"

DocNumber = Field(min_length=1, max_length=50)
LongText = Field(default=None, max_length=4000)

# ---------------------------------------------------------------- the regulation's wording (from the seeds)

ACT_BASE = "Kārtība, kādā piešķir un finansē asistenta pakalpojumu pašvaldībā"
ACT_2019 = ACT_BASE + ", augstskolā un koledžā"  # title from MK 13.08.2019. noteikumi Nr. 377
ACT_NAME = "Ministru kabineta 2012. gada 18. decembra noteikumi Nr. 942"
ACT_NAME_GEN = "Ministru kabineta 2012. gada 18. decembra noteikumu Nr. 942"

# Annex 1 activities as the ministry's 2016 text words them (seed 000).
ANNEX1_LV = {
    1: "strādā, tai skaitā veic saimniecisko darbību",
    2: "apgūst izglītību, tai skaitā kursus",
    3: "persona ar redzes invaliditāti apgūst augstāko izglītību augstskolā",
    4: "apmeklē dienas aprūpes centru, dienas centru, citu sociālās rehabilitācijas institūciju",
    5: "saņem ārstniecības pakalpojumus, apmeklē dažādas institūcijas (valsts un pašvaldību iestādes u. c.)",
    6: "iesaistās dažādos sociālajos pasākumos (darbs NVO, pašdarbības kolektīvi, sports, brīvprātīgais darbs u. c.)",
    7: "iesaistās sociālās iekļaušanas pasākumos (iepirkšanās, koncerti u. c. brīvā laika pavadīšanas pasākumi)",
}

# 9.2.1–9.2.4: the ground's wording (seed 003) and what it means for the person, in plain words.
REFUSAL_GROUNDS = {
    "9.2.1": ("persona neatbilst Invaliditātes likuma 12. panta pirmās daļas 3., 3.¹ vai 4. punktā minētajiem "
              "asistenta pakalpojuma saņemšanas nosacījumiem",
              "Asistenta pakalpojumu var saņemt pieaugušais ar I vai II invaliditātes grupu, kuram komisija "
              "izsniegusi atzinumu par asistenta pakalpojuma nepieciešamību, vai bērns no 5 līdz 18 gadu vecumam ar "
              "invaliditāti, kuram izsniegts atzinums par īpašas kopšanas nepieciešamību. Jūsu gadījumā šie "
              "nosacījumi nav izpildīti."),
    "9.2.2": ("pasākumi, kuros vēlas iesaistīties persona, neatbilst šo noteikumu 1. pielikumā norādītajiem "
              "kritērijiem vai rehabilitācijas plānam, ja rehabilitācijas plāns ir sastādīts",
              "Asistenta pakalpojumu piešķir tikai noteikumu 1. pielikumā uzskaitītajiem pasākumiem (darbs, "
              "izglītība, dienas centrs, ārstniecība un iestāžu apmeklējumi, sociālie un sociālās iekļaušanas "
              "pasākumi). Pieprasītie pasākumi šiem kritērijiem neatbilst."),
    "9.2.3": ("izvērtējot personas darbības un sociālās funkcionēšanas spējas, konstatē, ka persona spēj "
              "pārvietoties ārpus mājokļa bez asistenta vai nespēj pārvietoties ar asistenta atbalstu",
              "Asistents palīdz pārvietoties ārpus mājokļa. Izvērtējums parādīja, ka Jūs to spējat bez asistenta "
              "vai arī nespējat pārvietoties pat ar asistenta atbalstu, tāpēc pakalpojums nav piemērots."),
    "9.2.4": ("asistenta pakalpojumu pieprasa izmantošanai ārpus Latvijas Republikas teritorijas – atsakot "
              "pakalpojumu daļā, kas paredzēta izmantošanai ārpus Latvijas Republikas teritorijas",
              "Asistenta pakalpojumu sniedz tikai Latvijā. Tā daļa, kas pieprasīta izmantošanai ārzemēs, netiek "
              "piešķirta; pārējā daļā pieprasījums ir izskatīts."),
}

# Point 17 (seed 003), and what each ground means for the person.
TERMINATION_GROUNDS = {
    "17.1": ("persona iesniedz sociālajā dienestā iesniegumu par atteikšanos no asistenta pakalpojuma",
             "Jūs paši (vai Jūsu likumiskais pārstāvis) iesniedzāt iesniegumu, ka no asistenta pakalpojuma "
             "atsakāties."),
    "17.2": ("persona dzīvesvietu deklarējusi citas pašvaldības administratīvajā teritorijā",
             "Jūs esat deklarējuši dzīvesvietu citā pašvaldībā. Asistenta pakalpojumu nodrošina deklarētās "
             "dzīvesvietas sociālais dienests (noteikumu 4. punkts), tāpēc jāvēršas tās pašvaldības sociālajā "
             "dienestā."),
    "17.3": ("beidzies šo noteikumu 8.1.1. vai 8.1.2. apakšpunktā minētā atzinuma derīguma termiņš",
             "Beidzies Veselības un darbspēju ekspertīzes ārstu valsts komisijas atzinuma derīguma termiņš. Ja "
             "saņemsiet jaunu atzinumu, varat atkārtoti pieteikties pakalpojumam (noteikumu 12. punkts)."),
    "17.4": ("sociālais dienests vai Labklājības ministrija konstatē, ka iestājies kāds no šo noteikumu 9.2.1., "
             "9.2.2., 9.2.3. vai 9.2.4. apakšpunktā minētajiem apstākļiem",
             "Konstatēts apstāklis, kura dēļ asistenta pakalpojumu nevar piešķirt; tas paskaidrots zemāk."),
    "17.5": ("sociālais dienests konstatē, ka asistenta pakalpojums faktiski netiek izmantots, izņemot šo "
             "noteikumu 18. punktā minētos gadījumus",
             "Konstatēts, ka asistenta pakalpojums faktiski netiek izmantots (uzturēšanās ilgstošas sociālās "
             "aprūpes institūcijā, slimnīcā vai ieslodzījuma vietā par to netiek uzskatīta – tad pakalpojumu "
             "pārtrauc uz laiku)."),
}

SUSPENSION_REASONS = {
    "long_term_care": "ilgstošas sociālās aprūpes institūcijā",
    "hospital": "stacionārā ārstniecības iestādē",
    "prison": "ieslodzījuma vietā",
}

DURATION_LV = {  # 9.1.2
    "one_time": "vienreizējs", "one_month": "uz vienu mēnesi", "months": "uz vairākiem mēnešiem",
    "until_year_end": "līdz kārtējā gada beigām", "one_year": "uz vienu gadu",
}

POINT_13 = ("Sociālā dienesta lēmumu asistenta pakalpojuma pieprasītājs var apstrīdēt attiecīgās pašvaldības "
            "domē mēneša laikā no lēmuma spēkā stāšanās dienas. Pašvaldības domes lēmumu var pārsūdzēt "
            "administratīvajā tiesā mēneša laikā no pašvaldības domes lēmuma spēkā stāšanās dienas.")

# Short descriptions for the list of applied norms (MK 942 points, seed 003 wording shortened).
NORM_LV = {
    "1.1": "personas, kurām piešķir asistenta pakalpojumu",
    "3": "asistenta pakalpojuma sniedzējs, ne vairāk kā 40 stundu nedēļā",
    "4": "pakalpojumu nodrošina deklarētās dzīvesvietas sociālais dienests",
    "5": "iesnieguma iesniegšana",
    "6": "iesnieguma saturs",
    "7": "iesniegumam pievienojamie dokumenti",
    "8": "iesnieguma izskatīšana",
    "8.1": "komisijas atzinuma pārbaude",
    "8.3": "personas aktivitātes un nepieciešamā pakalpojuma apjoma izvērtēšana",
    "9": "lēmuma pieņemšana mēneša laikā pēc iesnieguma saņemšanas",
    "9.1.1": "asistenta pakalpojuma apjoms (stundas nedēļā)",
    "9.1.2": "asistenta pakalpojuma ilgums",
    "11.1": "pakalpojums nokļūšanai netiek piešķirts, ja izmanto institūcijas transportu",
    "11.3": "apjoma palielināšana ar pamatojumu, ne vairāk kā 40 stundu nedēļā",
    "11.4": "apjoma samazināšana atkarībā no tehniskā palīglīdzekļa izmantošanas",
    "11.¹": "stundu izmantošana ārkārtējās situācijas laikā",
    "13": "lēmuma apstrīdēšana un pārsūdzēšana",
    "14": "trīspusējs līgums",
    "15": "pienākums triju darbdienu laikā informēt sociālo dienestu",
    "16": "asistenta maiņa ne biežāk kā divas reizes gadā",
    "17": "pakalpojuma sniegšanas izbeigšana",
    "18": "pakalpojuma sniegšanas pārtraukšana uz laiku",
    "19": "izlietoto līdzekļu atmaksa",
    "19.1": "atmaksa, ja persona vairs neatbilst nosacījumiem vai mainījies apjoms",
    "19.2": "atmaksa, ja sniegta nepatiesa informācija vai konstatēti citi pārkāpumi",
    "20": "pakalpojuma uzskaites lapa par iepriekšējo mēnesi",
    "22.1": "asistenta atlīdzība par vienu pakalpojuma sniegšanas stundu, ne vairāk kā par 40 stundām nedēļā",
    "22.2": "darba devēja valsts sociālās apdrošināšanas obligātās iemaksas",
    "22.3": "transporta izdevumi, pavadot personu ar invaliditāti",
    "22.4": "administrēšanas izdevumi",
    "29.¹": "pārejas noteikumi līgumiem, kas noslēgti līdz 2015. gada 31. decembrim",
    "1. pielikums": "kritēriji asistenta pakalpojuma apjoma noteikšanai",
}
for _p, (_wording, _plain) in {**REFUSAL_GROUNDS, **TERMINATION_GROUNDS}.items():
    NORM_LV[_p] = _wording

_PART_LV = {1: "pirmās", 2: "otrās", 3: "trešās", 4: "ceturtās", 5: "piektās", 6: "sestās", 7: "septītās"}


def act_title(on: dt.date | None) -> str:
    """The regulation's title as it read on `on` (MK 377 of 2019 added "augstskolā un koledžā").

    >>> act_title(dt.date(2018, 5, 1)) == ACT_BASE, act_title(dt.date(2021, 3, 1)) == ACT_2019
    (True, True)
    """
    added = next((r.start for r in parameters.load().redactions if "377" in r.act_lv), None)
    if on is None or added is None or on >= added:
        return ACT_2019
    return ACT_BASE


def _point_sort_key(p: str) -> tuple:
    head = p.split()[0]
    parts = [int(re.sub(r"\D", "", x) or 0) for x in head.split(".") if x]
    return (1 if "pielikum" in p else 0, parts, p)


def norm_point(rule: str) -> tuple[str, str] | None:
    """A finding's `rule` as (kind, point): ("mk942", "9.2.3"), ("law", "Invaliditātes likuma …").

    >>> norm_point("MK942 9.2.3"), norm_point("MK942 1. pielikuma 7. punkts")
    (('mk942', '9.2.3'), ('mk942', '1. pielikums'))
    >>> norm_point("Invaliditātes likums 12(1)3.¹")
    ('law', 'Invaliditātes likuma 12. panta pirmās daļas 3.¹ punkts')
    """
    rule = rule.strip()
    m = re.match(r"^MK\s?942\s+(.+)$", rule)
    if m:
        p = m.group(1).strip()
        if "pielikum" in p:
            return "mk942", f"{p.split('.')[0]}. pielikums"
        return "mk942", p.rstrip(".")
    m = re.match(r"^Invaliditātes likums\s+(\d+)\((\d+)\)(\S+)?$", rule)
    if m:
        art, part, pt = m.groups()
        text = f"Invaliditātes likuma {art}. panta {_PART_LV.get(int(part), part + '.')} daļa"
        if pt:
            text = f"Invaliditātes likuma {art}. panta {_PART_LV.get(int(part), part + '.')} daļas {pt} punkts"
        return "law", text
    return None


def norms(points: list[str], findings: list[Finding], extra_law: list[str] = ()) -> dict[str, Any]:
    """The separate list of applied legal norms (APL 67(2)): MK 942 points with their wording, then the law."""
    mk: set[str] = set(points)
    law: list[str] = list(extra_law)
    for f in findings:
        got = norm_point(f.rule)
        if got is None:
            continue
        kind, p = got
        if kind == "mk942":
            mk.add(p)
        elif p not in law:
            law.append(p)
    items = []
    for p in sorted(mk, key=_point_sort_key):
        if "pielikum" in p:
            label = p
        else:
            label = lv.point(p)
        items.append({"point": label, "text": NORM_LV.get(p, "")})
    return {"mk942": items, "law": law}


# ---------------------------------------------------------------- small formatters shared by kinds


def _name(p: Any) -> str:
    return f"{p.given_name} {p.surname}"


def person_ctx(p: Person | None) -> dict[str, str]:
    if p is None:
        return {"name": "", "personal_code": "", "address": "", "contacts": "", "present": ""}
    contacts = ", ".join(x for x in (f"tālr. {p.phone}" if p.phone else "", f"e-pasts {p.email}" if p.email else "") if x)
    return {"name": _name(p), "personal_code": lv.personal_code(p.personal_code), "address": p.address or "",
            "contacts": contacts, "present": "yes"}


def _hours(x: Decimal) -> str:
    return lv.hours(x)


def _activity_name(point: int) -> str:
    return f"{lv.point(str(point), annex=1)}: {ANNEX1_LV[point]}"


def _common(mun: Municipality, title: str, number: str, date: dt.date) -> dict[str, Any]:
    return {"mun": mun.as_context(), "doc": {"title": title, "number": number, "date": lv.date_lv(date),
                                             "date_short": lv.date_short(date)},
            "act": {"name": ACT_NAME, "name_gen": ACT_NAME_GEN, "title": act_title(date)},
            "appeal": appeal_ctx(mun)}


def appeal_ctx(mun: Municipality) -> dict[str, str]:
    """Point 13 made concrete for the municipality."""
    return {
        "point13": POINT_13,
        "council": mun.council.name,
        "council_address": mun.council.address,
        # The council's name stays in the nominative inside the brackets: declining a configured name is a guess.
        "text": (f"Lēmumu var apstrīdēt pašvaldības domē ({mun.council.name}, {mun.council.address}) mēneša laikā no "
                 f"lēmuma spēkā stāšanās dienas. Domes lēmumu var pārsūdzēt administratīvajā tiesā mēneša laikā no "
                 f"domes lēmuma spēkā stāšanās dienas (noteikumu 13. punkts)."),
    }


# ---------------------------------------------------------------- DATA models


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


class _Notice(Record):
    """The header every notice to a person carries (its fields come first in each notice's DATA)."""

    case_number: str = DocNumber
    number: str | None = Field(default=None, max_length=50)
    notified_on: dt.date
    addressee: Person
    representative: Person | None = None


class _ContractNotice(_Notice):
    """A notice about a running contract (points 17, 18)."""

    contract_number: str = DocNumber
    contract_date: dt.date | None = None


class NoticeDecisionData(_Notice):
    """DATA of `notice_decision`: point 10, the requester informed of the decision within 10 days.

    `case_number`, `number` (the letter's number, default case_number), `notified_on` (the letter's date),
    `addressee` (Person: the requester), `representative` (Person or null: the letter goes to them too),
    `received_on` (the application's date, or null), `decision_number` (default case_number), `decision`.
    """

    received_on: dt.date | None = None
    decision_number: str | None = Field(default=None, max_length=50)
    decision: Decision


class NoticeSuspensionData(_ContractNotice):
    """DATA of `notice_suspension`: point 18, the service stopped for a time.

    `case_number`, `number`, `notified_on`, `addressee` (Person), `representative`, `contract_number`,
    `contract_date` (or null), `suspension` (Suspension: start, end or null, reason), `facts` (how the service
    learned of it, or null).
    """

    suspension: Suspension
    facts: str | None = LongText


class Refund(Record):
    """Point 19: who refunds how much, by when, and why."""

    ground: Literal["19.1", "19.2"]
    amount: Money
    due_on: dt.date
    explanation: str | None = LongText


class NoticeTerminationData(_ContractNotice):
    """DATA of `notice_termination`: point 17, the service ended on one of the grounds 17.1–17.5.

    `case_number`, `number`, `notified_on`, `addressee`, `representative`, `contract_number`, `contract_date`,
    `ground` ("17.1"…"17.5"), `refusal_ground` ("9.2.1"…"9.2.4", required with 17.4), `effective_on` (the last
    day of the service), `facts` (what was established, in the clerk's words), `refund` (Refund or null).
    """

    ground: Literal["17.1", "17.2", "17.3", "17.4", "17.5"]
    refusal_ground: Literal["9.2.1", "9.2.2", "9.2.3", "9.2.4"] | None = Field(default=None, validate_default=True)
    effective_on: dt.date
    facts: str | None = LongText
    refund: Refund | None = None

    @field_validator("refusal_ground")
    @classmethod
    def _ground_17_4(cls, value: str | None, info: ValidationInfo) -> str | None:
        # a field validator (not a model one) so the error names the field
        if info.data.get("ground") == "17.4" and value is None:
            raise _bilingual("refusal_ground", "17.4. apakšpunktam jānorāda refusal_ground (9.2.1.–9.2.4.)",
                             "ground 17.4 needs refusal_ground (9.2.1–9.2.4)")
        return value


class Addressee(Record):
    """A letter's addressee who may be a natural person (an assistant) or a legal entity (a provider)."""

    name: str = Field(min_length=1, max_length=200)
    address: str | None = Field(default=None, max_length=300)
    registration_number: str | None = Field(default=None, max_length=20)


class NoticeTimesheetData(Record):
    """DATA of `notice_timesheet`: point 20 (a timesheet that does not match) and 19 (a refund).

    `case_number`, `number`, `notified_on`, `addressee` (Addressee: the assistant, provider or recipient),
    `role` ("assistant" | "provider" | "recipient"), `recipient_name` (the person served), `contract_number`,
    `month` ("YYYY-MM"), `hours_granted` (for the month), `hours_reported` (on the timesheet), `hours_accepted`
    (paid), `findings` (Finding list from `asistents check-timesheet`), `refund` (Refund or null),
    `respond_by` (date to explain or correct, or null).
    """

    case_number: str = DocNumber
    number: str | None = Field(default=None, max_length=50)
    notified_on: dt.date
    addressee: Addressee
    role: Literal["assistant", "provider", "recipient"]
    recipient_name: str = Field(min_length=1, max_length=200)
    contract_number: str = DocNumber
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$")
    hours_granted: Hours
    hours_reported: Hours
    hours_accepted: Hours
    findings: list[Finding] = Field(default_factory=list)
    refund: Refund | None = None
    respond_by: dt.date | None = None


class ContractData(Record):
    """DATA of `contract`: the three-party contract of point 14.

    `contract_number` (default `contract.number`; must match it when both are given), `case_number`,
    `contract` (the Contract record: recipient, assistant, provider or null, start, end, hours_per_week,
    activities, engagement), `decision` (Decision or null: its date and number are cited),
    `decision_number` (default case_number), `representative` (the recipient's legal representative or null),
    `assistant_address`, `provider_address`, `provider_signatory` (who signs for a legal-entity provider),
    `place` (where signed, default the municipality's address), `timesheet_day` (the day of the month by which
    the timesheet of point 20 is due — the regulation sets none, so it is the contract's own term; null: the
    contract says "monthly" without a day).
    """

    case_number: str = DocNumber
    contract: Contract
    contract_number: str | None = Field(default=None, max_length=50)  # after `contract`: checked against it
    decision: Decision | None = None
    decision_number: str | None = Field(default=None, max_length=50)
    representative: Person | None = None
    assistant_address: str | None = Field(default=None, max_length=300)
    provider_address: str | None = Field(default=None, max_length=300)
    provider_signatory: str | None = Field(default=None, max_length=200)
    place: str | None = Field(default=None, max_length=200)
    timesheet_day: int | None = Field(default=None, ge=1, le=28)

    @field_validator("contract_number")
    @classmethod
    def _number(cls, value: str | None, info: ValidationInfo) -> str | None:
        contract = info.data.get("contract")
        if value and contract is not None and value != contract.number:
            raise _bilingual("contract_number", f"contract_number '{value}' nesakrīt ar contract.number "
                             f"'{contract.number}'", f"contract_number '{value}' differs from contract.number "
                             f"'{contract.number}'")
        return value


# ---------------------------------------------------------------- contexts


def _decision_ctx(data: DecisionData, mun: Municipality) -> dict[str, Any]:
    app, dec, ass = data.application, data.decision, data.assessment
    number = data.number or data.case_number
    ctx = _common(mun, "LĒMUMS", number, dec.decided_on)
    requested = [{"activity": _activity_name(a.annex1_point), "hours": lv.hours_number(a.hours_per_week),
                  "place": a.place or "", "weekdays": ", ".join(lv.weekday(w) for w in a.weekdays),
                  "abroad": "ārpus Latvijas" if a.outside_latvia else ""} for a in app.activities]
    granted_rows = [{"activity": _activity_name(a.annex1_point), "requested": lv.hours_number(a.requested),
                     "granted": lv.hours_number(a.granted), "reason": a.reason or ""} for a in dec.activities]
    # Reasoning: one paragraph per activity whose hours changed, then every finding that is not info-only noise.
    per_activity = []
    for a in dec.activities:
        # "pieprasīts: N stundas" rather than "pieprasītas N stundas": the participle would agree with N.
        got = f"piešķirts: {_hours(a.granted)}" if a.granted > 0 else "nav piešķirts"
        if a.granted == a.requested:
            got = "piešķirts pieprasītajā apjomā"
        per_activity.append(lv.sentence_end(f"{_activity_name(a.annex1_point)} – pieprasīts: {_hours(a.requested)}, {got}"
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
            "preferred_assistant": _name(app.preferred_assistant) if app.preferred_assistant else "nav norādīts",
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
            "hours": _hours(dec.hours_per_week),
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
           f"{_name(app.applicant)}" + (f"; iesniedza likumiskais pārstāvis {_name(app.representative)}"
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


def _outcome_sentence(dec: Decision) -> str:
    if dec.outcome == "refuse":
        return "atteikt piešķirt asistenta pakalpojumu"
    span = ""
    if dec.duration:
        span = f" no {lv.date_genitive(dec.duration.start)} līdz {lv.date_dative(dec.duration.end)}"
    what = "piešķirt asistenta pakalpojumu" if dec.outcome == "grant" else "daļēji piešķirt asistenta pakalpojumu"
    return f"{what} {_hours(dec.hours_per_week)}{span}"


def _addressee_block(p: Person, rep: Person | None) -> dict[str, Any]:
    return {"addressee": person_ctx(p), "representative": person_ctx(rep), "has_representative": rep is not None}


def _notice_decision_ctx(data: NoticeDecisionData, mun: Municipality) -> dict[str, Any]:
    dec = data.decision
    ctx = _common(mun, "PAZIŅOJUMS PAR PIEŅEMTO LĒMUMU", data.number or data.case_number, data.notified_on)
    ctx.update(_addressee_block(data.addressee, data.representative))
    ctx.update({
        "case_number": data.case_number,
        "decision_number": data.decision_number or data.case_number,
        "decided_on": lv.date_lv(dec.decided_on),
        "received_on": lv.date_genitive(data.received_on) if data.received_on else "",
        "has_received_on": data.received_on is not None,
        "outcome_sentence": _outcome_sentence(dec),
        "is_refusal": dec.outcome == "refuse",
        "grants_any": dec.outcome != "refuse",
        "rows": [{"activity": _activity_name(a.annex1_point), "granted": lv.hours_number(a.granted)}
                 for a in dec.activities],
        "grounds": [{"point": lv.point(g), "plain": REFUSAL_GROUNDS[g][1]} for g in dec.grounds if g in REFUSAL_GROUNDS],
        "next_step": ("Lai uzsāktu pakalpojuma saņemšanu, sociālais dienests ar Jums un asistenta pakalpojuma sniedzēju "
                      "slēgs līgumu (noteikumu 14. punkts). Lūdzam sazināties ar sociālo dienestu."
                      if dec.outcome != "refuse" else
                      "Ja Jūsu apstākļi mainās, Jūs varat iesniegt jaunu iesniegumu (noteikumu 12. punkts)."),
        "norms": norms(["10", "13"], [], []),
    })
    return ctx


def _notice_suspension_ctx(data: NoticeSuspensionData, mun: Municipality) -> dict[str, Any]:
    s = data.suspension
    ctx = _common(mun, "PAZIŅOJUMS PAR ASISTENTA PAKALPOJUMA PĀRTRAUKŠANU UZ LAIKU",
                  data.number or data.case_number, data.notified_on)
    ctx.update(_addressee_block(data.addressee, data.representative))
    ctx.update({
        "case_number": data.case_number,
        "contract_number": data.contract_number,
        "contract_date": lv.date_genitive(data.contract_date) if data.contract_date else "",
        "has_contract_date": data.contract_date is not None,
        "where": SUSPENSION_REASONS[s.reason],
        "start": lv.date_lv(s.start),
        "start_short": lv.date_short(s.start),
        "end": lv.date_short(s.end) if s.end else "",
        "has_end": s.end is not None,
        "facts": data.facts or "",
        "has_facts": bool(data.facts),
        "point18": ("Asistenta pakalpojuma sniegšana personai tiek pārtraukta uz laiku, kamēr asistenta pakalpojuma "
                    "saņēmējs atrodas ilgstošas sociālās aprūpes institūcijā, stacionārā ārstniecības iestādē vai "
                    "ieslodzījuma vietā."),
        "norms": norms(["13", "15", "18", "20"], [], []),
    })
    return ctx


def _refund_ctx(r: Refund | None, mun: Municipality) -> dict[str, Any]:
    if r is None:
        return {"present": "", "amount": "", "words": "", "due_on": "", "point": "", "wording": "", "explanation": "",
                "bank": ""}
    wording = {
        "19.1": ("persona vai tās likumiskais pārstāvis, ja persona vairs neatbilst asistenta pakalpojuma saņemšanas "
                 "nosacījumiem vai mainījies piešķirtā pakalpojuma apjoms (atmaksā finansējuma starpību par piešķirtā "
                 "asistenta pakalpojuma apjomu un konkrētās personas izmantotā pakalpojuma apjomu)"),
        "19.2": ("asistents, kā arī asistenta pakalpojuma sniedzējs – juridiskā persona –, ja sniegta nepatiesa "
                 "informācija par sniegto pakalpojumu vai Labklājības ministrija vai sociālais dienests konstatējis "
                 "citus pārkāpumus saistībā ar asistenta pakalpojuma nodrošināšanu"),
    }[r.ground]
    bank = ""
    if mun.bank:
        bank = f"{mun.name}, reģ. Nr. {mun.registration_number}, {mun.bank.name}, konts {mun.bank.iban}"
    return {"present": "yes", "amount": lv.money(r.amount), "words": lv.money_words(r.amount),
            "due_on": lv.date_dative(r.due_on), "point": lv.point_accusative(r.ground), "wording": wording,
            "explanation": r.explanation or "", "bank": bank}


def _notice_termination_ctx(data: NoticeTerminationData, mun: Municipality) -> dict[str, Any]:
    ctx = _common(mun, "PAZIŅOJUMS PAR ASISTENTA PAKALPOJUMA SNIEGŠANAS IZBEIGŠANU",
                  data.number or data.case_number, data.notified_on)
    ctx.update(_addressee_block(data.addressee, data.representative))
    wording, plain = TERMINATION_GROUNDS[data.ground]
    refusal = ({"point": lv.point(data.refusal_ground), "wording": REFUSAL_GROUNDS[data.refusal_ground][0],
                "plain": REFUSAL_GROUNDS[data.refusal_ground][1], "present": "yes"} if data.refusal_ground else
               {"point": "", "wording": "", "plain": "", "present": ""})
    points = ["17", data.ground] + ([data.refusal_ground] if data.refusal_ground else []) + \
             ([data.refund.ground] if data.refund else []) + ["13"]
    ctx.update({
        "case_number": data.case_number,
        "contract_number": data.contract_number,
        "contract_date": lv.date_genitive(data.contract_date) if data.contract_date else "",
        "has_contract_date": data.contract_date is not None,
        "ground": {"point": lv.point(data.ground), "point_acc": lv.point_accusative(data.ground),
                   "wording": wording, "plain": plain},
        "refusal": refusal,
        "effective_on": lv.date_accusative(data.effective_on),
        "facts": data.facts or "",
        "has_facts": bool(data.facts),
        "refund": _refund_ctx(data.refund, mun),
        "norms": norms(points, [], []),
    })
    return ctx


_ROLE_LV = {"assistant": "asistents", "provider": "asistenta pakalpojuma sniedzējs", "recipient": "pakalpojuma saņēmējs"}


def _notice_timesheet_ctx(data: NoticeTimesheetData, mun: Municipality) -> dict[str, Any]:
    year, month = int(data.month[:4]), int(data.month[5:])
    ctx = _common(mun, "PAZIŅOJUMS PAR PAKALPOJUMA UZSKAITES LAPU", data.number or data.case_number, data.notified_on)
    a = data.addressee
    points = ["20"] + ([data.refund.ground] if data.refund else [])
    ctx.update({
        "case_number": data.case_number,
        "addressee": {"name": a.name, "address": a.address or "", "registration_number": a.registration_number or ""},
        "role": _ROLE_LV[data.role],
        "recipient_name": data.recipient_name,
        "contract_number": data.contract_number,
        "month": lv.month_year_lv(year, month),
        "month_acc": f"{year}. gada {lv.month_accusative(month)}",  # "par …" takes the accusative
        "hours": {"granted": lv.hours(data.hours_granted, per_week=False),
                  "reported": lv.hours(data.hours_reported, per_week=False),
                  "accepted": lv.hours(data.hours_accepted, per_week=False),
                  "difference": lv.hours(max(data.hours_reported - data.hours_accepted, Decimal(0)), per_week=False)},
        "findings": [{"text": lv.dates_in_text(f.message_lv), "rule": f.rule} for f in data.findings if f.severity != "info"]
                    or [{"text": "Uzskaites lapā norādītais apjoms pārsniedz apmaksājamo apjomu.", "rule": "MK942 20"}],
        "refund": _refund_ctx(data.refund, mun),
        "respond_by": lv.date_dative(data.respond_by) if data.respond_by else "",
        "has_respond_by": data.respond_by is not None,
        "point20": ("Asistents vai asistenta pakalpojuma sniedzējs, kas ir juridiska persona, reizi mēnesī iesniedz "
                    "sociālajā dienestā pakalpojuma uzskaites lapu par iepriekšējā mēnesī sniegto asistenta "
                    "pakalpojumu, un sociālais dienests kontrolē šo noteikumu 14. punktā minētā līguma saistību izpildi."),
        "norms": norms(points, data.findings, []),
    })
    return ctx


_ENGAGEMENT_LV = {
    "employment": "darba līgums ar {employer}",
    "service_contract": "uzņēmuma līgums ar {employer}",
    "self_employed": "asistents ir saimnieciskās darbības veicējs un pats veic savas sociālās apdrošināšanas iemaksas",
}


def _contract_ctx(data: ContractData, mun: Municipality) -> dict[str, Any]:
    c, dec = data.contract, data.decision
    concluded = c.concluded_on or c.start
    ctx = _common(mun, "LĪGUMS PAR ASISTENTA PAKALPOJUMA SNIEGŠANU", c.number, concluded)
    rows = [{"activity": _activity_name(a.annex1_point), "hours": lv.hours_number(a.hours_per_week)}
            for a in c.activities]
    if dec is not None and not rows:
        rows = [{"activity": _activity_name(a.annex1_point), "hours": lv.hours_number(a.granted)}
                for a in dec.activities if a.granted > 0]
    provider = c.provider
    ctx.update({
        "case_number": data.case_number,
        "place": data.place or mun.address,
        "recipient": person_ctx(c.recipient),
        "representative": person_ctx(data.representative),
        "has_representative": data.representative is not None,
        "assistant": {"name": _name(c.assistant),
                      "personal_code": lv.personal_code(c.assistant.personal_code) if c.assistant.personal_code else "",
                      "address": data.assistant_address or ""},
        "is_provider": provider is not None,
        "provider": {"name": provider.name if provider else "",
                     "registration_number": (provider.registration_number or "") if provider else "",
                     "address": data.provider_address or "",
                     "signatory": data.provider_signatory or ""},
        "engagement": _ENGAGEMENT_LV[c.engagement].format(
            employer="Pakalpojuma sniedzēju" if provider is not None else "Sociālo dienestu"),
        "volume": {"hours": _hours(c.hours_per_week), "rows": rows, "has_rows": bool(rows)},
        "duration": {"start": lv.date_genitive(c.start), "end": lv.date_dative(c.end),
                     "start_short": lv.date_short(c.start), "end_short": lv.date_short(c.end),
                     "kind": DURATION_LV[dec.duration.kind] if dec and dec.duration else ""},
        "decision": {"present": "yes" if dec else "",
                     "number": data.decision_number or data.case_number,
                     "date": lv.date_genitive(dec.decided_on) if dec else "",
                     "hours": _hours(dec.hours_per_week) if dec else ""},
        "timesheet_due": (f"līdz katra mēneša {data.timesheet_day}. datumam" if data.timesheet_day
                          else "reizi mēnesī"),
        "contributions": ("No valsts budžeta līdzekļiem sedz darba devēja valsts sociālās apdrošināšanas "
                          "obligātās iemaksas, ja darba devējam šādas iemaksas jāveic, izmaksājot 5.1. punktā minēto "
                          "atlīdzību (noteikumu 22.2. apakšpunkts)."
                          if c.contributions_apply else
                          "Asistents kā saimnieciskās darbības veicējs pats veic savas valsts sociālās apdrošināšanas "
                          "obligātās iemaksas (noteikumu 22.2. apakšpunkts uz viņu neattiecas)."),
        "norms": norms(["3", "14", "15", "16", "17", "18", "19", "20", "22.1", "22.2", "22.3"], [], []),
    })
    return ctx


def _annex2_ctx(data: Annex2Report, mun: Municipality) -> dict[str, Any]:
    m, y = data.month_values, data.year_to_date
    ctx = _common(mun, "PĀRSKATS", f"{data.year}-{data.month:02d}", data.prepared_on or data.period_end)
    ctx["doc"]["date"] = lv.date_short(data.prepared_on) if data.prepared_on else ""

    def row(no: str, label: str, a: Any, b: Any, kind: str) -> dict[str, str]:
        fmt = {"int": lambda v: str(v), "hours": lambda v: lv.number(v, 2), "money": lambda v: lv.number(v, 2)}[kind]
        return {"no": no, "label": label, "month": fmt(a), "ytd": fmt(b)}

    rows = [
        row("1.", "Asistentu skaits*", m.assistants, y.assistants, "int"),
        row("2.", "Asistenta pakalpojuma saņēmēju skaits**", m.recipients, y.recipients, "int"),
        row("3.", "Sniegto asistenta pakalpojuma stundu skaits", m.hours, y.hours, "hours"),
        row("4.", "Izlietotie finanšu līdzekļi kopā, EUR (4.1.–4.4.)", m.total, y.total, "money"),
        row("4.1.", "asistentu atlīdzībai (22.1. apakšpunkts), EUR", m.remuneration, y.remuneration, "money"),
        row("4.2.", "darba devēja valsts sociālās apdrošināšanas obligātajām iemaksām (22.2. apakšpunkts), EUR",
            m.contributions, y.contributions, "money"),
        row("4.3.", "transporta izdevumiem, pavadot personu ar invaliditāti (22.3. apakšpunkts), EUR",
            m.transport, y.transport, "money"),
        row("4.4.", "administrēšanas izdevumiem (22.4. apakšpunkts), EUR", m.administration, y.administration, "money"),
    ]
    ctx.update({
        "title": {"genitive": data.municipality, "year": str(data.year), "month": lv.month_locative(data.month)},
        "period": f"{lv.date_short(data.period_start)}–{lv.date_short(data.period_end)}",
        "rows": rows,
        "due_on": lv.date_dative(data.due_on),
        "prepared_by": data.prepared_by or "",
        "prepared_on": lv.date_short(data.prepared_on) if data.prepared_on else "",
        "warnings": [lv.dates_in_text(f.message_lv) for f in data.findings if f.severity != "info"],
        "footnote1": ("* Norāda asistentu kopējo skaitu, ar kuriem noslēgti līgumi un kas sniedz pakalpojumu no gada "
                      "sākuma līdz pārskata perioda beigām. Katru asistentu uzskaita vienu reizi neatkarīgi no tā, cik "
                      "personām asistents sniedz pakalpojumu."),
        "footnote2": ("** Norāda to personu kopējo skaitu, kuras noslēgušas līgumu un saņem pakalpojumu no gada "
                      "sākuma līdz pārskata perioda beigām. Katru personu uzskaita vienu reizi neatkarīgi no noslēgto "
                      "līgumu skaita."),
        "rules_version": data.rules_version,
    })
    return ctx


# ---------------------------------------------------------------- XML safety

# XML 1.0 has no place for C0 control characters other than tab, line feed and carriage return: one in the
# DATA (a scanner's form feed, a pasted vertical tab) would make the DOCX unreadable. \f and \a are kept out
# too, because docxtpl turns them into page and paragraph breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    """Every string of the context without characters XML cannot hold (a control character becomes a space)."""
    if isinstance(value, str):
        return _CONTROL.sub(" ", value.replace("\r\n", "\n").replace("\r", "\n"))
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    return value


# ---------------------------------------------------------------- file names


def slug(text: str, max_len: int = 40) -> str:
    """ASCII, lower case, [a-z0-9-] only, no leading dots or slashes: safe as part of any file name.

    Hand-written over the standard library's unicodedata (a slug library would add a dependency for 5 lines).

    >>> slug("Bērziņa"), slug("../../etc/passwd"), slug("Nr. 2026/17 «Ķ»"), slug("")
    ('berzina', 'etc-passwd', 'nr-2026-17-k', 'x')
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:max_len].strip("-")
    return s or "x"


# ---------------------------------------------------------------- the registry


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its template, Latvian title, DATA model and the context it makes."""

    name: str
    template_name: str
    title_lv: str
    data_model: type[BaseModel]
    _context: Callable[[Any, Municipality], dict[str, Any]]
    _stem: Callable[[Any], str]

    @property
    def template(self) -> Path:
        return TEMPLATES_DIR / self.template_name

    def template_for(self, municipality: Municipality | None) -> Path:
        """The municipality's own copy when it has `templates_dir` holding this template, else the shipped one."""
        if municipality is not None and municipality.templates_dir is not None:
            own = municipality.templates_dir / self.template_name
            if own.is_file():
                return own
        return self.template

    def context(self, data: Any, municipality: Municipality) -> dict[str, Any]:
        ctx = self._context(data, municipality)
        ctx["kind"] = self.name
        return _xml_safe(ctx)

    def file_stem(self, data: Any) -> str:
        return self._stem(data)

    def load(self, raw: Any) -> Any:
        """Validated DATA, or RecordError named after this kind, each problem naming its field."""
        try:
            return load(self.data_model, raw)
        except RecordError as e:
            raise RecordError(self.name, e.problems) from None


def _stem(prefix: str, *parts: str) -> str:
    return "-".join([prefix] + [slug(p, 30) for p in parts if p])[:100]


KINDS: dict[str, DocumentKind] = {k.name: k for k in (
    DocumentKind("decision", "decision.docx", "Lēmums par asistenta pakalpojumu", DecisionData, _decision_ctx,
                 lambda d: _stem("lemums", d.number or d.case_number, d.application.applicant.surname)),
    DocumentKind("notice_decision", "notice_decision.docx", "Paziņojums par pieņemto lēmumu", NoticeDecisionData,
                 _notice_decision_ctx,
                 lambda d: _stem("pazinojums-lemums", d.number or d.case_number, d.addressee.surname)),
    DocumentKind("notice_suspension", "notice_suspension.docx", "Paziņojums par pakalpojuma pārtraukšanu uz laiku",
                 NoticeSuspensionData, _notice_suspension_ctx,
                 lambda d: _stem("pazinojums-partrauksana", d.number or d.case_number, d.addressee.surname)),
    DocumentKind("notice_termination", "notice_termination.docx", "Paziņojums par pakalpojuma izbeigšanu",
                 NoticeTerminationData, _notice_termination_ctx,
                 lambda d: _stem("pazinojums-izbeigsana", d.number or d.case_number, d.addressee.surname)),
    DocumentKind("notice_timesheet", "notice_timesheet.docx", "Paziņojums par pakalpojuma uzskaites lapu",
                 NoticeTimesheetData, _notice_timesheet_ctx,
                 lambda d: _stem("pazinojums-uzskaite", d.number or d.case_number, d.month, d.addressee.name)),
    DocumentKind("contract", "contract.docx", "Līgums par asistenta pakalpojuma sniegšanu", ContractData, _contract_ctx,
                 lambda d: _stem("ligums", d.contract.number, d.contract.recipient.surname)),
    DocumentKind("annex2", "annex2.docx", "Pārskats par finanšu izlietojumu (2. pielikums)", Annex2Report, _annex2_ctx,
                 lambda d: _stem("parskats", f"{d.year}-{d.month:02d}", d.municipality)),
)}


def kind(name: str) -> DocumentKind:
    """The kind called `name`, or RecordError listing the kinds there are."""
    try:
        return KINDS[name]
    except KeyError:
        from regulation.records import Problem

        known = ", ".join(KINDS)
        raise RecordError("kind", [Problem("kind", f"nezināms dokumenta veids '{name}' (ir: {known})",
                                           f"unknown document kind '{name}' (known: {known})")]) from None


def prepare(kind_name: str, raw: Any, municipality: Municipality) -> tuple[Path, dict[str, Any]]:
    """Validate `raw` DATA for `kind_name` (RecordError naming each bad field) → (template path, context)."""
    k = kind(kind_name)
    data = k.load(raw)
    return k.template_for(municipality), k.context(data, municipality)


# ---------------------------------------------------------------- mail-merge


def _fold(text: str) -> str:
    """Header comparison key: case-, diacritics-, space- and punctuation-insensitive."""
    return slug(text, 200).replace("-", "")


# Input field (dotted path into the kind's DATA) → accepted spreadsheet headers, the Latvian one first.
_CONTRACT_COLUMNS: dict[str, list[str]] = {
    "contract.number": ["Līguma Nr.", "Līguma numurs", "contract_number"],
    "case_number": ["Lietas Nr.", "Lietas numurs", "case_number"],
    "contract.recipient.given_name": ["Vārds", "Saņēmēja vārds", "given_name"],
    "contract.recipient.surname": ["Uzvārds", "Saņēmēja uzvārds", "surname"],
    "contract.recipient.personal_code": ["Personas kods", "Saņēmēja personas kods", "personal_code"],
    "contract.recipient.address": ["Adrese", "Deklarētā adrese", "Dzīvesvieta", "address"],
    "contract.recipient.phone": ["Tālrunis", "phone"],
    "contract.recipient.email": ["E-pasts", "email"],
    "contract.hours_per_week": ["Stundas nedēļā", "Stundu skaits nedēļā", "hours_per_week"],
    "contract.activities.0.annex1_point": ["Pasākums", "1. pielikuma punkts", "annex1_point"],
    "contract.start": ["Sākuma datums", "Sākums", "Līguma sākums", "start"],
    "contract.end": ["Beigu datums", "Beigas", "Līguma beigas", "end"],
    "contract.concluded_on": ["Noslēgšanas datums", "Līguma datums", "concluded_on"],
    "contract.assistant.given_name": ["Asistenta vārds", "assistant_given_name"],
    "contract.assistant.surname": ["Asistenta uzvārds", "assistant_surname"],
    "contract.assistant.personal_code": ["Asistenta personas kods", "assistant_personal_code"],
    "assistant_address": ["Asistenta adrese", "assistant_address"],
    "contract.engagement": ["Nodarbinātība", "Līguma veids", "engagement"],
    "contract.provider.name": ["Pakalpojuma sniedzējs", "Sniedzējs", "provider"],
    "contract.provider.registration_number": ["Sniedzēja reģistrācijas Nr.", "Reģistrācijas numurs",
                                              "provider_registration_number"],
    "provider_address": ["Sniedzēja adrese", "provider_address"],
    "provider_signatory": ["Sniedzēja pārstāvis", "provider_signatory"],
    "decision_number": ["Lēmuma Nr.", "decision_number"],
}

_ENGAGEMENT_WORDS = {"darba ligums": "employment", "darbs": "employment", "uznemuma ligums": "service_contract",
                     "pasnodarbinats": "self_employed", "pasnodarbinata": "self_employed",
                     "saimnieciska darbiba": "self_employed"}


def mailmerge_columns(kind_name: str) -> dict[str, list[str]]:
    """Each input field of `kind_name` → the spreadsheet headers accepted for it (compare with `match_header`)."""
    if kind_name == "contract":
        return {k: list(v) for k, v in _CONTRACT_COLUMNS.items()}
    kind(kind_name)
    from regulation.records import Problem

    raise RecordError("kind", [Problem("kind", f"dokumenta veidam '{kind_name}' sapludināšana no tabulas nav paredzēta "
                                               "(ir: contract)",
                                       f"mail-merge is not available for '{kind_name}' (available: contract)")])


def match_header(kind_name: str, header: str) -> str | None:
    """The input field a spreadsheet header stands for ('PERSONAS KODS', 'personas_kods' → …personal_code)."""
    key = _fold(header)
    for field, names in mailmerge_columns(kind_name).items():
        if any(_fold(n) == key for n in names):
            return field
    return None


def _cell(value: Any, field: str) -> Any:
    """A spreadsheet cell as the record wants it: dates ISO (dd.mm.yyyy accepted), decimal comma, text trimmed."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip()
    if text == "":
        return None
    last = field.rsplit(".", 1)[-1]
    if last in ("start", "end", "concluded_on"):
        m = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$", text)
        if m:
            d, mo, y = (int(x) for x in m.groups())
            return f"{y:04d}-{mo:02d}-{d:02d}"
        return text
    if last in ("hours_per_week",):
        candidate = text.replace(NBSP, "").replace(" ", "").replace(",", ".")
        try:
            Decimal(candidate)
            return candidate
        except InvalidOperation:
            return text
    if last == "annex1_point":
        m = re.match(r"^(\d)\.?", text)
        return int(m.group(1)) if m else text
    if last == "engagement":
        return _ENGAGEMENT_WORDS.get(slug(text).replace("-", " "), text)  # English values pass through
    return text


def row_to_data(kind_name: str, row: Mapping[str, Any]) -> dict[str, Any]:
    """One spreadsheet row (header → cell) as nested raw DATA for `prepare()`.

    Unknown headers are ignored; empty cells are left out (so a missing required field is reported by
    `prepare` as the record's field, e.g. `contract.recipient.personal_code`).

    >>> d = row_to_data("contract", {"Vārds": "Jānis", "UZVARDS": "Bērziņš", "Sākuma datums": "1.2.2026.",
    ...                              "Stundas nedēļā": "12,5", "Asistenta vārds": "Ilze"})
    >>> d["contract"]["start"], d["contract"]["hours_per_week"], d["contract"]["recipient"]["surname"]
    ('2026-02-01', '12.5', 'Bērziņš')
    """
    out: dict[str, Any] = {}
    for header, value in row.items():
        field = match_header(kind_name, str(header))
        if field is None:
            continue
        cell = _cell(value, field)
        if cell is None:
            continue
        node: Any = out
        parts = field.split(".")
        for i, part in enumerate(parts[:-1]):
            nxt_is_index = parts[i + 1].isdigit()
            if part.isdigit():
                idx = int(part)
                while len(node) <= idx:
                    node.append({})
                node = node[idx]
            else:
                node = node.setdefault(part, [] if nxt_is_index else {})
        node[parts[-1]] = cell
    if kind_name == "contract":
        c = out.setdefault("contract", {})
        acts = c.get("activities")
        if acts and "hours_per_week" in c:
            acts[0].setdefault("hours_per_week", c["hours_per_week"])
    return out
