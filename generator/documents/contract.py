"""`contract`: the three-party contract of point 14."""
from __future__ import annotations

from typing import Any

from pydantic import Field, ValidationInfo, field_validator

from generator import gender, lv
from generator.config import Municipality
from generator.documents.common import (
    DocNumber, DocumentKind, activity_name, gender_notes, common_ctx, file_stem, full_name, hours_lv, person_ctx,
)
from generator.documents.norms import DURATION_LV, norms
from regulation.records import Date, _bilingual, Contract, Decision, Person, Record


class ContractData(Record):
    """DATA of `contract`: the three-party contract of point 14.

    `contract_number` (default `contract.number`; must match it when both are given), `case_number`,
    `contract` (the Contract record: recipient, assistant, provider or null, start, end, hours_per_week,
    activities, engagement), `decision` (Decision or null: its date and number are cited),
    `decision_number` (default case_number), `decision_date` (the decision's date when `decision` is not given,
    e.g. from a mail-merge column "Lēmuma datums"), `representative` (the recipient's legal representative or null),
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
    decision_date: Date | None = None
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


_ENGAGEMENT_LV = {
    "employment": "darba līgums ar {employer}",
    "service_contract": "uzņēmuma līgums ar {employer}",
    "self_employed": "asistents ir saimnieciskās darbības veicējs un pats veic savas sociālās apdrošināšanas iemaksas",
}


def _contract_ctx(data: ContractData, mun: Municipality) -> dict[str, Any]:
    c, dec = data.contract, data.decision
    decided_on = dec.decided_on if dec else data.decision_date
    concluded = c.concluded_on or c.start
    ctx = common_ctx(mun, "LĪGUMS PAR ASISTENTA PAKALPOJUMA SNIEGŠANU", c.number, concluded)
    rows = [{"activity": activity_name(a.annex1_point), "hours": lv.hours_number(a.hours_per_week)}
            for a in c.activities]
    if dec is not None and not rows:
        rows = [{"activity": activity_name(a.annex1_point), "hours": lv.hours_number(a.granted)}
                for a in dec.activities if a.granted > 0]
    provider = c.provider
    ctx.update({
        "case_number": data.case_number,
        "place": data.place or mun.address,
        "recipient": person_ctx(c.recipient),
        "representative": person_ctx(data.representative),
        "has_representative": data.representative is not None,
        "assistant": {"name": full_name(c.assistant),
                      "personal_code": lv.personal_code(c.assistant.personal_code) if c.assistant.personal_code else "",
                      "address": data.assistant_address or "", "role": gender.words(c.assistant)},
        "is_provider": provider is not None,
        "provider": {"name": provider.name if provider else "",
                     "registration_number": (provider.registration_number or "") if provider else "",
                     "address": data.provider_address or "",
                     "signatory": data.provider_signatory or ""},
        "engagement": _ENGAGEMENT_LV[c.engagement].format(
            employer="Pakalpojuma sniedzēju" if provider is not None else "Sociālo dienestu"),
        "volume": {"hours": hours_lv(c.hours_per_week), "rows": rows, "has_rows": bool(rows)},
        "duration": {"start": lv.date_genitive(c.start), "end": lv.date_dative(c.end),
                     "start_short": lv.date_short(c.start), "end_short": lv.date_short(c.end),
                     "kind": DURATION_LV[dec.duration.kind] if dec and dec.duration else ""},
        # Point 14: the contract follows the decision — it cites the decision's number and date whenever known.
        "decision": {"present": "yes" if decided_on else "",
                     "number": data.decision_number or data.case_number,
                     "date": lv.date_genitive(decided_on) if decided_on else "",
                     "hours": hours_lv(dec.hours_per_week) if dec else ""},
        "notes": gender_notes(c.recipient, data.representative, c.assistant) + (
            [] if decided_on else ["Līgumā nav atsauces uz lēmumu: norādiet lēmuma numuru un datumu "
                                   "(decision_number, decision_date; tabulā „Lēmuma Nr.”, „Lēmuma datums”)."]),
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


def _blockers(data: ContractData) -> list[str]:
    """Point 14: a contract is concluded after the decision, and cites it."""
    if data.decision is None and data.decision_date is None:
        return ["Līgumā nav lēmuma datuma (decision_date) — līgums jāslēdz pēc lēmuma un jāatsaucas uz to."]
    return []


KIND = DocumentKind("contract", "contract.docx", "Līgums par asistenta pakalpojuma sniegšanu", ContractData,
                    _contract_ctx, lambda d: file_stem("ligums", d.contract.number, d.contract.recipient.surname),
                    _blockers)
