"""The legal vocabulary: typed records for applications, assessments, decisions, contracts and timesheets.

Field names are the public JSON contract of DESIGN.md (snake_case English). Records validate on the way in;
`load()` turns pydantic's errors into `RecordError`, whose problems name the field and say what is wrong in
Latvian and English.

>>> app = load(Application, {"received_on": "2026-01-31", "applicant": {"given_name": "Jānis",
...     "surname": "Bērziņš", "personal_code": "010190-10001", "address": "Rīga"},
...     "activities": [{"annex1_point": 1, "hours_per_week": 25}]})
>>> app.activities[0].hours_per_week
Decimal('25')
>>> try:
...     load(Application, {"received_on": "2026-01-31", "applicant": {"given_name": "A", "surname": "B",
...         "personal_code": "010190-10002"}, "activities": [{"annex1_point": 9, "hours_per_week": -1}]})
... except RecordError as e:
...     print(*[p.field for p in e.problems], sep="\\n")
applicant.personal_code
activities.0.annex1_point
activities.0.hours_per_week
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BeforeValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from regulation import personal_code as pk
from regulation.dates import FORMS_LV, DateInputError, parse_date

# ---------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    """One invalid or missing field: where, and what is wrong in both languages."""

    field: str
    message_lv: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message_lv} / {self.message_en}"


class RecordError(ValueError):
    """A record did not validate. `problems` lists every bad field."""

    def __init__(self, kind: str, problems: list[Problem]):
        self.kind = kind
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Nederīgs ieraksts '{kind}' / invalid record '{kind}':\n{lines}")


def _bilingual(code: str, lv: str, en: str) -> PydanticCustomError:
    return PydanticCustomError(code, "{lv} / {en}", {"lv": lv, "en": en})


# pydantic's own error types, said in Latvian as well (the English is pydantic's).
_LV_BY_TYPE = {
    "missing": "obligāts lauks nav aizpildīts",
    "extra_forbidden": "nezināms lauks",
    "int_parsing": "jābūt veselam skaitlim",
    "int_from_float": "jābūt veselam skaitlim",
    "int_type": "jābūt veselam skaitlim",
    "decimal_parsing": "jābūt skaitlim",
    "decimal_type": "jābūt skaitlim",
    "date_from_datetime_parsing": f"jābūt datumam formā {FORMS_LV}",
    "date_parsing": f"jābūt datumam formā {FORMS_LV}",
    "date_type": f"jābūt datumam formā {FORMS_LV}",
    "time_parsing": "jābūt laikam formā SS:MM",
    "time_type": "jābūt laikam formā SS:MM",
    "bool_parsing": "jābūt jā/nē vērtībai",
    "bool_type": "jābūt jā/nē vērtībai",
    "string_type": "jābūt tekstam",
    "list_type": "jābūt sarakstam",
    "model_type": "jābūt objektam ar laukiem",
    "dict_type": "jābūt objektam ar laukiem",
    "literal_error": "neatļauta vērtība",
    "enum": "neatļauta vērtība",
    "greater_than_equal": "vērtība ir par mazu",
    "greater_than": "vērtība ir par mazu",
    "less_than_equal": "vērtība ir par lielu",
    "less_than": "vērtība ir par lielu",
    "string_too_short": "teksts ir par īsu",
    "string_too_long": "teksts ir par garu",
    "too_short": "par maz elementu",
    "too_long": "par daudz elementu",
}


def _expected_lv(expected: str) -> str:
    """Pydantic's "'I', 'II' or 'III'" in Latvian: "I, II vai III".

    >>> _expected_lv("'I', 'II' or 'III'")
    'I, II vai III'
    """
    return expected.replace("'", "").replace(" or ", " vai ")


def problems_from(error: ValidationError) -> list[Problem]:
    """Pydantic errors as `Problem`s with a Latvian and an English message."""
    out = []
    for err in error.errors(include_url=False):
        field = ".".join(str(part) for part in err["loc"]) or "(ieraksts)"
        ctx = err.get("ctx") or {}
        if "lv" in ctx and "en" in ctx:
            lv, en = ctx["lv"], ctx["en"]
        else:
            en = err["msg"]
            lv = _LV_BY_TYPE.get(err["type"], "nederīga vērtība")
            if "expected" in ctx:
                lv += f" (atļauts: {_expected_lv(ctx['expected'])})"
            elif "ge" in ctx or "le" in ctx or "gt" in ctx or "lt" in ctx:
                bound = next(ctx[k] for k in ("ge", "gt", "le", "lt") if k in ctx)
                lv += f" (robeža: {bound})"
        out.append(Problem(field, lv, en))
    return out


R = TypeVar("R", bound=BaseModel)


def load(kind: type[R], data: Any) -> R:
    """Validate `data` (a dict, or JSON text) into a record of `kind`, or raise `RecordError`."""
    try:
        if isinstance(data, (str, bytes)):
            return kind.model_validate_json(data)
        return kind.model_validate(data)
    except ValidationError as e:
        raise RecordError(kind.__name__.lower(), problems_from(e)) from None


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        # A JSON number with exactly the Decimal's digits (shortest float repr round-trips them).
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_jsonable(value: Any) -> Any:
    """Plain JSON-ready data: records dumped, Decimals as numbers, dates as ISO strings. (No indent: with one,
    `json.dumps` takes its pure-Python path, about twice the time for a timesheet.)"""
    return json.loads(dumps(value, indent=None))


def dumps(value: Any, indent: int | None = 2) -> str:
    """JSON text of a record (or list/dict of records). Decimals become numbers, dates ISO strings."""

    def plain(v: Any) -> Any:
        if isinstance(v, BaseModel):
            return v.model_dump(mode="python")
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v

    return json.dumps(plain(value), default=_json_default, ensure_ascii=False, indent=indent)


# ---------------------------------------------------------------- field types


def _check_personal_code(value: str) -> str:
    verdict = pk.check(value)
    if not verdict.valid:
        raise _bilingual("personal_code", verdict.message_lv, verdict.message_en)
    return verdict.compact


PersonalCode = Annotated[str, AfterValidator(_check_personal_code)]


def _typed_date(value: Any) -> Any:
    """A date as the clerk typed it ("23.11.2021.", "2021-11-23"); a day the calendar lacks is "no such date"."""
    if not isinstance(value, str):
        return value
    try:
        return parse_date(value)
    except DateInputError as e:
        raise _bilingual("date_typed", e.message_lv, e.message_en) from None


Date = Annotated[dt.date, BeforeValidator(_typed_date)]
Hours = Annotated[Decimal, Field(ge=0, le=168, max_digits=7, decimal_places=2)]
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Annex1Point = Annotated[int, Field(ge=1, le=7)]
AttachmentCode = Literal["7.1", "7.2", "7.3", "7.4", "7.5", "7.6"]
Weekday = Annotated[int, Field(ge=1, le=7)]  # ISO: 1 = pirmdiena … 7 = svētdiena

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# ---------------------------------------------------------------- people


_NAME_MARKS = frozenset(" -'\u2019\u02bc.")  # space, hyphen, apostrophes (O'Brien, O’Brien), full stop (initials)


def _is_name(value: str) -> bool:
    """Letters (any script, with their diacritics) joined by spaces, hyphens, apostrophes or full stops; digits
    are let through (synthetic and test people are numbered), no other sign."""
    return value[:1].isalpha() and all(
        c.isalnum() or c in _NAME_MARKS or unicodedata.category(c).startswith("M") for c in value)


class Name(Record):
    given_name: str = Field(min_length=1, max_length=100)
    surname: str = Field(min_length=1, max_length=100)
    # Grammatical gender for the letters ("m"/"f"); None: inferred from the given name (generator.gender), and
    # changeable in review and in the case.
    gender: Literal["m", "f"] | None = None

    @field_validator("given_name", "surname")
    @classmethod
    def _a_persons_name(cls, value: str) -> str:
        """A name or surname (6.1: "vārds, uzvārds") is letters: path separators, quotes, other signs or control
        characters mean a misreading or a forged field, never a person's name."""
        if not _is_name(value):
            raise _bilingual("name", "vārds un uzvārds sākas ar burtu, un tajā drīkst būt tikai burti, atstarpes, "
                                     "defises, apostrofi un punkti — pārbaudiet to pēc oriģināla",
                             "a name or surname starts with a letter and may hold only letters, spaces, hyphens, "
                             "apostrophes and full stops — check it against the original")
        return value


class Person(Name):
    """A natural person as point 6.1 lists them: name, surname, personas kods, declared address, phone or e-mail."""

    personal_code: PersonalCode
    birth_date: Date | None = None
    address: str | None = Field(default=None, max_length=300)
    phone: str | None = Field(default=None, max_length=40)
    email: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _birth_date_matches_code(self) -> "Person":
        from_code = pk.birth_date(self.personal_code)
        if self.birth_date is None and from_code is not None:
            object.__setattr__(self, "birth_date", from_code)
        elif self.birth_date and from_code and self.birth_date != from_code:
            raise _bilingual(
                "birth_date",
                f"dzimšanas datums {self.birth_date.isoformat()} nesakrīt ar personas kodu",
                f"birth date {self.birth_date.isoformat()} does not match the personal code",
            )
        return self


class Assistant(Name):
    """The natural person who provides the service (point 3)."""

    personal_code: PersonalCode | None = None
    is_minor: bool = False


class Provider(Record):
    """A legal-entity provider chosen by public procurement (point 3.¹)."""

    name: str = Field(min_length=1, max_length=200)
    registration_number: str | None = Field(default=None, max_length=20)


# ---------------------------------------------------------------- application (points 5–7)


class Activity(Record):
    """One activity of point 6.3, classified by its Annex 1 point."""

    annex1_point: Annex1Point
    hours_per_week: Hours
    weekdays: list[Weekday] = Field(default_factory=list)
    place: str | None = Field(default=None, max_length=300)
    institution_transport: bool = False
    outside_latvia: bool = False


class Application(Record):
    """Iesniegums par asistenta pakalpojuma piešķiršanu (points 5–7)."""

    received_on: Date
    applicant: Person
    representative: Person | None = None
    activities: list[Activity] = Field(min_length=1)
    visual_benefit: bool = False
    preferred_assistant: Name | None = None
    attachments: list[AttachmentCode] = Field(default_factory=list)


# ---------------------------------------------------------------- assessment (point 8)


class Opinion(Record):
    """The state commission's (VDEĀVK) opinion checked under 8.1."""

    kind: Literal["assistance_need", "special_care"]
    issued_on: Date
    valid_until: Date | None = None  # None: indefinite

    @model_validator(mode="after")
    def _order(self) -> "Opinion":
        if self.valid_until is not None and self.valid_until < self.issued_on:
            raise _bilingual(
                "opinion_dates",
                "atzinuma derīguma termiņš ir pirms izdošanas datuma",
                "the opinion expires before it was issued",
            )
        return self


DurationKind = Literal["one_time", "one_month", "months", "until_year_end", "one_year"]


class Assessment(Record):
    """The social service's own findings (8.1–8.3); none of this is on the form.

    A `None` means the service has not assessed it yet: rules that need it say so instead of guessing.
    """

    disability_group: Literal["I", "II", "III"] | None = None
    visual_impairment: bool = False
    opinion: Opinion | None = None
    residence_status: Literal["home", "long_term_care", "hospital", "prison"] = "home"
    can_move_without_assistant: bool | None = None
    cannot_move_with_assistant: bool | None = None
    activities_meet_annex1: bool | None = None  # 8.3: the person's involvement in the activities checked
    increase_reason: str | None = Field(default=None, max_length=2000)  # 11.3
    technical_aids_reduction: dict[Annex1Point, Hours] | None = None  # 11.4: hours/week less, by point
    rehabilitation_plan: list[Annex1Point] | None = None  # 9.2.2: points the plan supports; None = no plan
    hours_used_previous_months: list[Hours] | None = None  # 11.¹: hours used in each of the 3 months before
    duration_kind: DurationKind | None = None  # 9.1.2; None: one year, limited by the opinion
    months: int | None = Field(default=None, ge=1, le=12)  # with duration_kind "months"
    start: Date | None = None  # service start; None: the decision date
    institution_transport_help: bool | None = None  # 11.1: help to get in and out of the institution's transport
    opinion_in_information_system: bool = False  # 7.2: the opinion is in the municipal IS, no copy needed


# ---------------------------------------------------------------- decision (points 9–13)


class Finding(Record):
    """One result of a rule: which point, how serious, and what it means, in Latvian and English."""

    rule: str  # e.g. "MK942 9.2.3"
    severity: Literal["error", "warning", "info"]
    message_lv: str
    message_en: str
    field: str | None = None  # the record field it is about, where there is one


class ActivityDecision(Record):
    annex1_point: Annex1Point
    requested: Hours
    granted: Hours
    reason: str | None = None  # Latvian; why granted differs from requested


class Duration(Record):
    kind: DurationKind
    start: Date
    end: Date


class Deadlines(Record):
    decide_by: Date  # point 9: within a month of receipt
    notify_by: Date  # point 10: within 10 days of the decision


class Decision(Record):
    """A decision proposal (point 9) with its findings and citations."""

    outcome: Literal["grant", "partial", "refuse", "pending"]  # pending: waits for the assessment (8.3)
    decided_on: Date
    hours_per_week: Hours
    activities: list[ActivityDecision]
    duration: Duration | None
    grounds: list[str]  # refusal grounds, e.g. ["9.2.3"]
    findings: list[Finding]
    deadlines: Deadlines
    rules_version: str


# ---------------------------------------------------------------- contract (point 14) and timesheet (point 20)


class Suspension(Record):
    """Point 18: the service stops while the person is in long-term care, hospital or prison."""

    start: Date
    end: Date | None = None
    reason: Literal["long_term_care", "hospital", "prison"]


class ContractActivity(Record):
    annex1_point: Annex1Point
    hours_per_week: Hours


class Contract(Record):
    """The three-party contract of point 14, as far as the timesheet check needs it."""

    number: str = Field(min_length=1, max_length=50)
    recipient: Person
    assistant: Assistant
    provider: Provider | None = None
    start: Date
    end: Date
    hours_per_week: Hours
    activities: list[ContractActivity] = Field(default_factory=list)
    suspensions: list[Suspension] = Field(default_factory=list)
    # When the contract was signed (29.¹ and the 2021-07-01 repeal depend on it); None: taken as `start`.
    concluded_on: Date | None = None
    # How the assistant is engaged: 22.2 contributions are paid by the employer for an employment or a
    # service contract (uzņēmuma līgums), not for a self-employed assistant, who pays their own.
    engagement: Literal["employment", "service_contract", "self_employed"] = "employment"

    @property
    def contributions_apply(self) -> bool:
        """22.2: "ja darba devējam šādas iemaksas jāveic" — not for a self-employed assistant."""
        return self.engagement != "self_employed"

    @model_validator(mode="after")
    def _order(self) -> "Contract":
        if self.end < self.start:
            raise _bilingual("contract_dates", "līguma beigas ir pirms sākuma", "the contract ends before it starts")
        return self


class TimesheetEntry(Record):
    date: Date
    start: dt.time
    end: dt.time
    hours: Hours
    annex1_point: Annex1Point
    place: str | None = Field(default=None, max_length=300)
    outside_latvia: bool = False
    transport_eur: Money = Decimal("0")


class Timesheet(Record):
    """Pakalpojuma uzskaites lapa for one month (point 20)."""

    month: str
    recipient: Person
    assistant: Assistant
    provider: Provider | None = None
    entries: list[TimesheetEntry] = Field(default_factory=list)
    signed_by_assistant: bool = False
    signed_by_recipient: bool = False

    @field_validator("month")
    @classmethod
    def _month(cls, value: str) -> str:
        if not _MONTH.match(value):
            raise _bilingual("month", "mēnesim jābūt formā GGGG-MM", "month must be YYYY-MM")
        return value

    @property
    def first_day(self) -> dt.date:
        return dt.date(int(self.month[:4]), int(self.month[5:]), 1)


RECORD_KINDS: dict[str, type[Record]] = {
    "application": Application,
    "assessment": Assessment,
    "decision": Decision,
    "contract": Contract,
    "timesheet": Timesheet,
}
