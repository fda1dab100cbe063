"""Names read from a form checked against what the register already knows about the same personal code.

A person known by personal code has their names in the register. A name read that matches the register's
spelling after folding the letters a scan confuses (marks, I/l/1/|, O/0) is *confirmed* with source
"register" — letters to that person use the register's spelling; a name that does not match is flagged
`uncertain` for a person to look at. Nothing is corrected here: the caller (the intake, which holds the
register) decides what to do with the checks.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal, Mapping

from parser.result import Issue, ParseResult

PEOPLE = ("applicant", "representative", "recipient", "assistant")
NAMES = ("given_name", "surname")
_CONFUSED = str.maketrans({"1": "l", "i": "l", "|": "l", "!": "l", "0": "o"})


@dataclass(frozen=True)
class Check:
    field: str  # the form field, e.g. "applicant.surname"
    read: str  # what the form says
    known: str  # the register's spelling
    outcome: Literal["confirmed", "mismatch"]
    source: str = "register"


def fold(text: str) -> str:
    """A name with the differences a scan makes folded away: marks, case, I/l/1/|, O/0, spacing.

    >>> fold("Ūdris") == fold("Udris") == fold("UDRIS"), fold("Jelgava") == fold("Jeigava")
    (True, True)
    >>> fold("Ozola") == fold("0zola"), fold("Ābele") == fold("Ābola")
    (True, False)
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.lower().translate(_CONFUSED).split())


def against_known(fields: Mapping[str, object], known: Mapping[str, tuple[str, str]]) -> list[Check]:
    """Checks of every person's names on a form against the register.

    `fields`: form field → value read (a `ParseResult.fields` mapping of readings, or plain values);
    `known`: personal code ("DDMMYY-NNNNN") → (given name, surname) as the register spells them.

    >>> read = {"applicant.personal_code": "010190-10002", "applicant.given_name": "Ēriks",
    ...         "applicant.surname": "Udris"}
    >>> [(c.field, c.outcome, c.known) for c in against_known(read, {"010190-10002": ("Ēriks", "Ūdris")})]
    [('applicant.given_name', 'confirmed', 'Ēriks'), ('applicant.surname', 'confirmed', 'Ūdris')]
    >>> [c.outcome for c in against_known(read, {"010190-10002": ("Ēriks", "Ozols")})]
    ['confirmed', 'mismatch']
    """
    checks = []
    for person in PEOPLE:
        code = _value(fields.get(f"{person}.personal_code"))
        if not code or code not in known:
            continue
        for name, spelled in zip(NAMES, known[code]):
            read = _value(fields.get(f"{person}.{name}"))
            if not read or not spelled:
                continue
            outcome = "confirmed" if fold(read) == fold(spelled) else "mismatch"
            checks.append(Check(f"{person}.{name}", read, spelled, outcome))
    return checks


def flag_mismatches(result: ParseResult, checks: list[Check]) -> ParseResult:
    """`result` with an `uncertain` warning on every name the register spells otherwise (needs review)."""
    issues = [Issue(field=c.field, severity="warning", code="uncertain",
                    message_lv=f"nolasītais «{c.read}» nesakrīt ar reģistrā zināmo «{c.known}» šim personas kodam "
                               "— pārbaudiet pēc oriģināla",
                    message_en=f"'{c.read}' as read does not match '{c.known}' known in the register for this "
                               "personal code — check it against the original")
              for c in checks if c.outcome == "mismatch"]
    if not issues:
        return result
    return result.model_copy(update={"issues": [*result.issues, *issues], "needs_review": True})


def _value(v: object) -> str | None:
    value = getattr(v, "value", v)
    return value if isinstance(value, str) else None


def settle_with_register(result: ParseResult, known: Mapping[str, tuple[str, str]]) -> ParseResult:
    """`result` checked against the register (`known`: personal code → names as the register spells them).

    A name that matches after folding is confirmed: the record and the reading carry the register's spelling
    (a letter to a known person uses it), and an `uncertain` doubt on that name alone is settled — what was
    seen stays in the reading's `raw`. A name that does not match is flagged `uncertain` (`flag_mismatches`).
    Nothing else changes; `needs_review` is worked out again as the assembler does.
    """
    checks = against_known(result.fields, known)
    if not checks:
        return result
    confirmed = {c.field: c.known for c in checks if c.outcome == "confirmed"}
    fields = dict(result.fields)
    record = result.record
    for field, spelled in confirmed.items():
        reading = fields.get(field)
        if reading is not None and getattr(reading, "value", None) != spelled:
            fields[field] = reading.model_copy(update={"value": spelled,
                                                       "raw": reading.raw if reading.raw is not None else reading.value})
        person, name = field.split(".")
        holder = getattr(record, person, None) if record is not None else None
        if holder is not None and getattr(holder, name, None) != spelled:
            record = record.model_copy(update={person: holder.model_copy(update={name: spelled})})
    issues = [i for i in result.issues if not (i.field in confirmed and i.code == "uncertain")]
    settled = result.model_copy(update={
        "fields": fields, "record": record, "issues": issues,
        "needs_review": any(i.code in ("uncertain", "unreadable") for i in issues)})
    return flag_mismatches(settled, checks)
