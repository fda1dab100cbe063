"""Grammatical gender of a case's people (issue point 6): shown — set by a person, or inferred from the Latvian
given name (or surname), and from which — and changed by a clerk, audited like every other change. The letters
made after the change agree with it ("likumiskais pārstāvis" / "likumiskā pārstāve", "asistents" /
"asistente"); letters already made stay as they were.

The gender lives on the person in the records (`gender`: "m", "f" or null for inferred): the application's
applicant (the recipient) and representative, the contracts' recipient and assistant. In the verification
station it is a correction of the file's reading (field `applicant.gender` / `representative.gender`) that
`review_done` applies to the record it registers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from generator import gender as grammar
from regulation.records import to_jsonable

from casework.errors import CaseworkError, reading, writing

PERSONS = {"recipient": "pakalpojuma saņēmējs", "representative": "likumiskais pārstāvis", "assistant": "asistents"}
GENDERS = {"f": "sieviešu dzimte", "m": "vīriešu dzimte"}
# the record path of each person in an application file under review
REVIEW_FIELDS = {"recipient": "applicant.gender", "representative": "representative.gender"}


@dataclass(frozen=True)
class PersonGender:
    """One person's grammatical gender as a screen shows it."""

    person: str  # recipient | representative | assistant
    role_lv: str
    name: str
    gender: str | None  # "m" | "f"; None: neither set nor told by the name
    source: str  # "iestatīts" (set by a person), "vārds", "uzvārds" or "nav nosakāms"

    @property
    def gender_lv(self) -> str:
        return GENDERS.get(self.gender or "", "nav nosakāma")


def _one(person: str, who: Any) -> PersonGender:
    name = f"{who.given_name} {who.surname}"
    if getattr(who, "gender", None) in GENDERS:
        return PersonGender(person, PERSONS[person], name, who.gender, "iestatīts")
    got, source = grammar.infer(who.given_name, who.surname)
    return PersonGender(person, PERSONS[person], name, got, source)


def genders(application: Any, contracts: Iterable[Any] = ()) -> list[PersonGender]:
    """The recipient, the representative (when there is one) and the latest contract's assistant."""
    out = [_one("recipient", application.applicant)]
    if application.representative is not None:
        out.append(_one("representative", application.representative))
    contracts = list(contracts)
    if contracts:
        out.append(_one("assistant", contracts[-1].assistant))
    return out


def _check(person: str, gender: str, allowed: Iterable[str]) -> None:
    if person not in allowed:
        raise CaseworkError(f"persona jānorāda kā {', '.join(allowed)}, nevis '{person}'",
                            f"the person is one of {', '.join(allowed)}, not '{person}'", field="person")
    if gender not in GENDERS:
        raise CaseworkError(f"dzimte jānorāda kā f (sieviešu) vai m (vīriešu), nevis '{gender}'",
                            f"the gender is f or m, not '{gender}'", field="gender")


def _with(person_record: Any, gender: str) -> Any:
    return person_record.model_copy(update={"gender": gender})


def case_genders(reg: Any, case_id: int) -> list[PersonGender]:
    with reading(reg) as tx:
        case = tx.case(case_id)
        return genders(case.application, case.contracts)


def set_gender(reg: Any, case_id: int, *, by: str, person: str, gender: str) -> list[PersonGender]:
    """Set `person`'s (recipient | representative | assistant) grammatical gender to `gender` ("f" | "m") in the
    case's records: the application and every contract naming that person. Audited as `gender`."""
    _check(person, gender, PERSONS)
    with writing(reg) as tx:
        case = tx.case(case_id)
        app = case.application
        if person == "representative" and app.representative is None:
            raise CaseworkError("lietā nav likumiskā pārstāvja", "the case has no legal representative",
                                field="person")
        if person == "assistant" and not case.contracts:
            raise CaseworkError("lietā vēl nav līguma ar asistentu (14)", "the case has no contract with an assistant "
                                "yet (14)", field="person")
        before = {p.person: p.gender for p in genders(app, case.contracts)}
        if person == "recipient":
            tx.replace_application(case_id, app.model_copy(update={"applicant": _with(app.applicant, gender)}))
        elif person == "representative":
            tx.replace_application(case_id, app.model_copy(update={"representative": _with(app.representative,
                                                                                            gender)}))
        latest = case.contracts[-1].assistant if case.contracts else None
        for c in case.contracts:
            if person == "recipient":
                tx.replace_contract(c.model_copy(update={"recipient": _with(c.recipient, gender)}), case_id)
            elif person == "assistant" and (c.assistant.given_name, c.assistant.surname,
                                            c.assistant.personal_code) == (latest.given_name, latest.surname,
                                                                           latest.personal_code):
                tx.replace_contract(c.model_copy(update={"assistant": _with(c.assistant, gender)}), case_id)
        tx.audit(by, "gender", "person", person, case_id, {"person": person, "gender": before.get(person)},
                 {"person": person, "gender": gender})
        case = tx.case(case_id)
        return genders(case.application, case.contracts)


def review_genders(reg: Any, sha256: str) -> list[PersonGender]:
    """The people of an application file under review, as its reading (with corrections) names them; empty
    while the names are not read or the file is a timesheet."""
    from casework.review import rebuilt_record

    with reading(reg) as tx:
        record = rebuilt_record(tx, sha256)
    if record is None or not hasattr(record, "applicant"):
        return []
    return genders(record)


def review_set_gender(reg: Any, sha256: str, *, by: str, person: str, gender: str) -> list[PersonGender]:
    """Set the gender of the file's recipient or representative: a correction of its reading (the original
    reading kept), applied to the record `review_done` registers. Audited as `review_gender`."""
    _check(person, gender, REVIEW_FIELDS)
    field = REVIEW_FIELDS[person]
    with writing(reg) as tx:
        f = tx.review_file(sha256)
        if f.kind != "application":
            raise CaseworkError("dzimti maina iesnieguma personām; uzskaites lapā — lietā",
                                "the gender is set on an application's people; a timesheet's in the case",
                                field="person")
        tx.add_correction(f.sha256, field, "set", {}, gender, by)
        tx.audit(by, "review_gender", "review_field", f"{f.sha256[:12]}:{field}", f.case_id, None,
                 {"person": person, "gender": gender})
        sha = f.sha256
    return review_genders(reg, sha)


def jsonable(people: list[PersonGender]) -> list[dict[str, Any]]:
    return to_jsonable([{**p.__dict__, "gender_lv": p.gender_lv} for p in people])
