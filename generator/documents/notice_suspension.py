"""`notice_suspension`: point 18, the service stopped for a time."""
from __future__ import annotations

from typing import Any

from generator import lv
from generator.config import Municipality
from generator.documents.common import (
    addressee_block, common_ctx, contract_ctx, ContractNotice, file_stem, DocumentKind, LongText,
)
from generator.documents.norms import POINT_18, SUSPENSION_REASONS
from regulation.records import Suspension


class NoticeSuspensionData(ContractNotice):
    """DATA of `notice_suspension`: point 18, the service stopped for a time.

    `case_number`, `number`, `notified_on`, `addressee` (Person), `representative`, `contract_number`,
    `contract_date` (or null), `suspension` (Suspension: start, end or null, reason), `facts` (how the service
    learned of it, or null), and the decision's `decided_on`, `decision_number`, `participant_views`,
    `views_answer` (ContractNotice). The same DATA makes `decision_suspension`, the decision this notice sends.
    """

    suspension: Suspension
    facts: str | None = LongText


def suspension_ctx(data: NoticeSuspensionData) -> dict[str, Any]:
    """The suspension (18) as the decision and its notice both tell it: the contract, where the person is,
    from when and until when (in words)."""
    s = data.suspension
    return {**contract_ctx(data), "where": SUSPENSION_REASONS[s.reason], "start": lv.date_genitive(s.start),
            "end": lv.date_dative(s.end) if s.end else "", "has_end": s.end is not None, "point18": POINT_18}


def _notice_suspension_ctx(data: NoticeSuspensionData, mun: Municipality) -> dict[str, Any]:
    ctx = common_ctx(mun, "PAZIŅOJUMS PAR ASISTENTA PAKALPOJUMA PĀRTRAUKŠANU UZ LAIKU",
                  data.number or data.case_number, data.notified_on)
    ctx.update(addressee_block(data.addressee, data.representative))
    ctx.update(suspension_ctx(data))
    ctx.update({
        "facts": data.facts or "",
        "has_facts": bool(data.facts),
        # the decision this notice sends (point 18 is applied by a decision with its appeal, APL 67(2))
        "decision_number": data.decision_no,
        "decided_on": lv.date_lv(data.decision_date),
    })
    return ctx


KIND = DocumentKind("notice_suspension", "notice_suspension.docx", "Paziņojums par pakalpojuma pārtraukšanu uz laiku",
                    NoticeSuspensionData, _notice_suspension_ctx,
                    lambda d: file_stem("pazinojums-partrauksana", d.number or d.case_number, d.addressee.surname))
