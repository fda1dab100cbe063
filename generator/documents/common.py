"""What every document kind shares: paths, the DATA headers of notices, person and letterhead contexts, the kind
record (`DocumentKind`), XML safety and file names."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, Field

from generator import gender, lv
from generator.config import Municipality
from generator.documents.norms import ACT_NAME, ACT_NAME_GEN, ANNEX1_LV, POINT_13, act_title
from regulation import parameters
from regulation.records import Date, Money, Person, Record, RecordError, load


TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "templates" / "lv"
EXAMPLES_DIR = TEMPLATES_DIR / "examples"

DocNumber = Field(min_length=1, max_length=50)
LongText = Field(default=None, max_length=4000)


def full_name(p: Any) -> str:
    return f"{p.given_name} {p.surname}"


def person_ctx(p: Person | None) -> dict[str, Any]:
    """A person's name, code, address and contacts, and the role words agreeing with their gender (`role`)."""
    if p is None:
        return {"name": "", "personal_code": "", "address": "", "contacts": "", "present": "", "gender": "",
                "role": gender.words(None)}
    contacts = ", ".join(x for x in (f"tālr. {p.phone}" if p.phone else "", f"e-pasts {p.email}" if p.email else "") if x)
    return {"name": full_name(p), "personal_code": lv.personal_code(p.personal_code), "address": p.address or "",
            "contacts": contacts, "present": "yes", "gender": gender.of(p), "role": gender.words(p)}


def gender_notes(*people: Any) -> list[str]:
    """A note for the preparer for each person whose gender neither the record nor the name tells."""
    return [f"Personai {full_name(x)} dzimte pēc vārda nav nosakāma; vēstulē lietotas vīriešu dzimtes formas — "
            "norādiet gender (m/f) pārskatā vai lietā." for x in people if x is not None and gender.undecided(x)]


def hours_lv(x: Decimal) -> str:
    return lv.hours(x)


def activity_name(point: int) -> str:
    return f"{lv.point(str(point), annex=1)}: {ANNEX1_LV[point]}"


def redaction_lv(on: dt.date) -> str:
    """The redaction of MK 942 in force on `on`, in words: "redakcijā, kas stājās spēkā 2021. gada 1. janvārī".
    From the repeal on, the last redaction (old contracts run on under it); "" where none is encoded."""
    params = parameters.load()
    try:
        r = params.redaction(min(on, params.repealed_from - dt.timedelta(days=1)))
    except parameters.OutOfForce:
        return ""
    return f"redakcijā, kas stājās spēkā {lv.date_lv(r.start)}"


def common_ctx(mun: Municipality, title: str, number: str, date: dt.date) -> dict[str, Any]:
    return {"mun": mun.as_context(), "doc": {"title": title, "number": number, "date": lv.date_lv(date),
                                             "date_short": lv.date_short(date)},
            "act": {"name": ACT_NAME, "name_gen": ACT_NAME_GEN, "title": act_title(date), "redaction": redaction_lv(date)},
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


class Notice(Record):
    """The header every notice to a person carries (its fields come first in each notice's DATA)."""

    case_number: str = DocNumber
    number: str | None = Field(default=None, max_length=50)
    notified_on: Date
    addressee: Person
    representative: Person | None = None


class ContractNotice(Notice):
    """A step about a running contract (points 17, 18): the same DATA makes the decision (an administrative act
    with the APL 67(2) parts and the appeal) and the notice that sends it.

    `decided_on` (the decision's date, default `notified_on`), `decision_number` (default `number` or
    `case_number`), `participant_views` (the person's views as heard) and `views_answer` (the service's answer;
    unanswered views leave a marked place in the decision and block its adoption).
    """

    contract_number: str = DocNumber
    contract_date: Date | None = None
    decided_on: Date | None = None
    decision_number: str | None = Field(default=None, max_length=50)
    participant_views: str | None = LongText
    views_answer: str | None = LongText

    @property
    def decision_date(self) -> dt.date:
        return self.decided_on or self.notified_on

    @property
    def decision_no(self) -> str:
        return self.decision_number or self.number or self.case_number


def contract_ctx(data: ContractNotice) -> dict[str, Any]:
    """The case and the contract a step of 17 or 18 is about, as the decision and its notice both name them."""
    return {"case_number": data.case_number, "contract_number": data.contract_number,
            "contract_date": lv.date_genitive(data.contract_date) if data.contract_date else "",
            "has_contract_date": data.contract_date is not None}


# A marked place the clerk fills before adoption (the draft shows it; the kind's blockers refuse adoption).
ANSWER_PLACE = ("[JĀAIZPILDA: sociālā dienesta atbilde uz personas argumentiem – kāpēc tie ņemti vērā vai "
                "noraidīti (Administratīvā procesa likuma 67. panta otrā daļa)]")
FACTS_PLACE = "[JĀAIZPILDA: konstatētie fakti – kas, kad un no kā noskaidrots]"


def views_ctx(views: str | None, answer: str | None, default: str) -> dict[str, Any]:
    """The participants' views (APL 67(2)) and the service's answer, or the marked place for it."""
    answered = bool((answer or "").strip())
    return {"views": views or default, "has_views": bool(views),
            "views_answer": (answer or "").strip() or ANSWER_PLACE, "views_answered": answered}


def act_blockers(views: str | None, answer: str | None, facts: str | None = "-") -> list[str]:
    """What keeps an administrative act's draft from adoption: unanswered views, missing facts."""
    out = []
    if views and not (answer or "").strip():
        out.append("Persona izteica viedokli, bet lēmumā nav sociālā dienesta atbildes uz to (views_answer); "
                   "Administratīvā procesa likuma 67. panta otrā daļa prasa to izvērtēt.")
    if not (facts or "").strip():
        out.append("Lēmumā nav konstatēto faktu (facts); Administratīvā procesa likuma 67. panta otrā daļa.")
    return out


class Refund(Record):
    """Point 19: who refunds how much, by when, and why."""

    ground: Literal["19.1", "19.2"]
    amount: Money
    due_on: Date
    explanation: str | None = LongText


def addressee_block(p: Person, rep: Person | None) -> dict[str, Any]:
    return {"addressee": person_ctx(p), "representative": person_ctx(rep), "has_representative": rep is not None}


def refund_ctx(r: Refund | None, mun: Municipality) -> dict[str, Any]:
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

# ---------------------------------------------------------------- XML safety

# XML 1.0 has no place for C0 control characters other than tab, line feed and carriage return: one in the
# DATA (a scanner's form feed, a pasted vertical tab) would make the DOCX unreadable. \f and \a are kept out
# too, because docxtpl turns them into page and paragraph breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def typeset_all(value: Any) -> Any:
    """Every string of the context set in Latvian typography (lv.typeset: „…” quotes, no-break spaces)."""
    if isinstance(value, str):
        return lv.typeset(value)
    if isinstance(value, dict):
        return {k: typeset_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typeset_all(v) for v in value]
    return value


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


@dataclass(frozen=True)


class DocumentKind:
    """One kind of document: its template, Latvian title, DATA model and the context it makes."""

    name: str
    template_name: str
    title_lv: str
    data_model: type[BaseModel]
    _context: Callable[[Any, Municipality], dict[str, Any]]
    _stem: Callable[[Any], str]
    _blockers: Callable[[Any], list[str]] | None = None

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
        ctx = typeset_all(self._context(data, municipality))
        ctx["kind"] = self.name
        return _xml_safe(ctx)

    def file_stem(self, data: Any) -> str:
        return self._stem(data)

    def blockers(self, data: Any) -> list[str]:
        """Why this draft cannot be adopted (Latvian, one line each); empty when it can. Adoption refuses a
        draft with blockers (a marked place left empty, an assessment still pending)."""
        return self._blockers(data) if self._blockers else []

    def notes(self, data: Any, municipality: Municipality) -> list[str]:
        """Notes for the preparer (terms, missing attachments, report warnings): the command prints them; the
        document never carries them."""
        return list(self._context(data, municipality).get("notes", []))

    def load(self, raw: Any) -> Any:
        """Validated DATA, or RecordError named after this kind, each problem naming its field."""
        try:
            return load(self.data_model, raw)
        except RecordError as e:
            raise RecordError(self.name, e.problems) from None


def file_stem(prefix: str, *parts: str) -> str:
    return "-".join([prefix] + [slug(p, 30) for p in parts if p])[:100]
