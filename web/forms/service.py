"""The forms of the running service's steps: the contract (14), a suspension (18) and its end, the
termination (17). Values are checked here only for shape; the rules are `casework`'s."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from regulation.dates import DateInputError, parse_date
from regulation.records import Assistant, RecordError, load


class StepInputError(ValueError):
    """Said to the clerk (Latvian)."""


def _date(form, name: str, label: str, required: bool = True) -> dt.date | None:
    text = str(form.get(name, "")).strip()
    if not text:
        if required:
            raise StepInputError(f"Norādiet {label}.")
        return None
    try:
        return parse_date(text)
    except DateInputError as e:
        raise StepInputError(f"{label.capitalize()}: {e.message_lv}.") from None


def optional_date(form, name: str, label: str) -> dt.date | None:
    """A date field the clerk may leave empty (None); one typed wrong is an error, never a guess."""
    return _date(form, name, label, required=False)


@dataclass(frozen=True)
class ContractForm:
    assistant: Assistant
    number: str | None
    start: dt.date | None
    end: dt.date | None
    concluded_on: dt.date | None


def _assistant(form) -> Assistant:
    given, surname = str(form.get("given_name", "")).strip(), str(form.get("surname", "")).strip()
    try:
        return load(Assistant, {"given_name": given, "surname": surname,
                                "personal_code": str(form.get("personal_code", "")).strip() or None})
    except RecordError as e:
        raise StepInputError("Asistents: " + "; ".join(p.message_lv for p in e.problems)) from None


def parse_contract(form) -> ContractForm:
    assistant = _assistant(form)
    return ContractForm(assistant, str(form.get("number", "")).strip()[:50] or None,
                        _date(form, "start", "sākuma datumu", required=False),
                        _date(form, "end", "beigu datumu", required=False),
                        _date(form, "concluded_on", "noslēgšanas datumu", required=False))


def parse_suspension(form) -> tuple[str, dt.date, dt.date | None, str | None]:
    reason = str(form.get("reason", ""))
    if reason not in ("long_term_care", "hospital", "prison"):
        raise StepInputError("Izvēlieties pārtraukuma iemeslu.")
    return (reason, _date(form, "start", "pārtraukuma sākumu"), _date(form, "end", "beigas", required=False),
            str(form.get("facts", "")).strip()[:2000] or None)


def parse_resume(form) -> dt.date:
    return _date(form, "on", "atsākšanas datumu")


def parse_termination(form) -> tuple[str, dt.date, str | None]:
    return (str(form.get("ground", "")), _date(form, "on", "pēdējo pakalpojuma dienu"),
            str(form.get("facts", "")).strip()[:2000] or None)


@dataclass(frozen=True)
class AssistantChangeForm:
    assistant: Assistant
    on: dt.date
    reason: str | None
    number: str | None


def parse_assistant_change(form) -> AssistantChangeForm:
    """16: the new assistant, from when, the person's reason and the new contract's number (optional)."""
    return AssistantChangeForm(_assistant(form), _date(form, "on", "maiņas datumu"),
                               str(form.get("reason", "")).strip()[:2000] or None,
                               str(form.get("number", "")).strip()[:50] or None)
