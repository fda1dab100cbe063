"""Mail-merge: spreadsheet headers → a kind's DATA fields (only `contract` for now)."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from generator.documents.common import slug
from generator.documents.registry import kind
from generator.lv import NBSP
from regulation.dates import DateInputError, parse_date
from regulation.records import RecordError

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
    "decision_number": ["Lēmuma Nr.", "Lēmuma numurs", "decision_number"],
    "decision_date": ["Lēmuma datums", "decision_date"],
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
    if last in ("start", "end", "concluded_on", "decision_date"):
        try:
            return parse_date(text).isoformat()
        except DateInputError:
            return text  # kept as typed: the record's error quotes it ("šāda datuma nav: 31.02.2020.")
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
