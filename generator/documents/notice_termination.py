"""`notice_termination`: point 17, the service ended on one of the grounds 17.1–17.5."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from generator import lv
from generator.config import Municipality
from generator.documents.common import (
    ContractNotice, DocumentKind, LongText, Refund, addressee_block, common_ctx, contract_ctx, file_stem, refund_ctx,
)
from generator.documents.norms import REFUSAL_GROUNDS, TERMINATION_GROUNDS, ground_plain
from regulation.records import Date, _bilingual


class NoticeTerminationData(ContractNotice):
    """DATA of `notice_termination`: point 17, the service ended on one of the grounds 17.1–17.5.

    `case_number`, `number`, `notified_on`, `addressee`, `representative`, `contract_number`, `contract_date`,
    `ground` ("17.1"…"17.5"), `refusal_ground` ("9.2.1"…"9.2.4", required with 17.4), `mobility` (with 9.2.3:
    which alternative the assessment found — "without_assistant" or "not_even_with_assistant"), `effective_on`
    (the last day of the service), `facts` (what was established, in the clerk's words), `refund` (Refund or null),
    and the decision's `decided_on`, `decision_number`, `participant_views`, `views_answer` (ContractNotice). The
    same DATA makes `decision_termination`, the decision this notice sends.
    """

    ground: Literal["17.1", "17.2", "17.3", "17.4", "17.5"]
    refusal_ground: Literal["9.2.1", "9.2.2", "9.2.3", "9.2.4"] | None = Field(default=None, validate_default=True)
    mobility: Literal["without_assistant", "not_even_with_assistant"] | None = Field(default=None,
                                                                                     validate_default=True)
    effective_on: Date
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


def termination_ctx(data: NoticeTerminationData, mun: Municipality) -> dict[str, Any]:
    """The end of the service (17) as the decision and its notice both tell it: the contract, the ground (with
    the refusal ground of 17.4), from when, and any refund (19)."""
    wording, plain = TERMINATION_GROUNDS[data.ground]
    refusal = ({"point": lv.point(data.refusal_ground), "wording": REFUSAL_GROUNDS[data.refusal_ground][0],
                "plain": ground_plain(data.refusal_ground, data.mobility), "present": "yes"} if data.refusal_ground else
               {"point": "", "wording": "", "plain": "", "present": ""})
    return {**contract_ctx(data),
            "ground": {"point": lv.point(data.ground), "point_acc": lv.point_accusative(data.ground),
                       "wording": wording, "plain": plain},
            "refusal": refusal, "effective_on": lv.date_accusative(data.effective_on),
            "refund": refund_ctx(data.refund, mun)}


def _notice_termination_ctx(data: NoticeTerminationData, mun: Municipality) -> dict[str, Any]:
    ctx = common_ctx(mun, "PAZIŅOJUMS PAR ASISTENTA PAKALPOJUMA SNIEGŠANAS IZBEIGŠANU",
                  data.number or data.case_number, data.notified_on)
    ctx.update(addressee_block(data.addressee, data.representative))
    ctx.update(termination_ctx(data, mun))
    ctx.update({
        "facts": data.facts or "",
        "has_facts": bool(data.facts),
        # the decision this notice sends (point 17 is applied by a decision with its appeal, APL 67(2))
        "decision_number": data.decision_no,
        "decided_on": lv.date_lv(data.decision_date),
    })
    return ctx


KIND = DocumentKind("notice_termination", "notice_termination.docx", "Paziņojums par pakalpojuma izbeigšanu",
                    NoticeTerminationData, _notice_termination_ctx,
                    lambda d: file_stem("pazinojums-izbeigsana", d.number or d.case_number, d.addressee.surname))
