"""`decision_suspension`: the decision to suspend the service for a time (point 18) — an administrative act
with the parts of APL 67(2) and the appeal (13); the notice `notice_suspension` sends it. Same DATA for both."""
from __future__ import annotations

from typing import Any

from generator import lv
from generator.config import Municipality
from generator.documents.common import (
    FACTS_PLACE, act_blockers, addressee_block, common_ctx, file_stem, views_ctx, DocumentKind,
)
from generator.documents.norms import POINT_18, SUSPENSION_REASONS, norms
from generator.documents.notice_suspension import NoticeSuspensionData


def _ctx(data: NoticeSuspensionData, mun: Municipality) -> dict[str, Any]:
    s = data.suspension
    ctx = common_ctx(mun, "LĒMUMS", data.decision_no, data.decision_date)
    ctx.update(addressee_block(data.addressee, data.representative))
    ctx.update(views_ctx(data.participant_views, data.views_answer,
                         "Persona savu viedokli lēmuma sagatavošanas laikā neizteica."))
    ctx.update({
        "case_number": data.case_number,
        "contract_number": data.contract_number,
        "contract_date": lv.date_genitive(data.contract_date) if data.contract_date else "",
        "has_contract_date": data.contract_date is not None,
        "where": SUSPENSION_REASONS[s.reason],
        "start": lv.date_genitive(s.start),
        "end": lv.date_dative(s.end) if s.end else "",
        "has_end": s.end is not None,
        "facts": data.facts or FACTS_PLACE,
        "point18": POINT_18,
        "norms": norms(["13", "15", "18", "20"], [], [], act=True),
        "pending": blockers(data),
    })
    return ctx


def blockers(data: NoticeSuspensionData) -> list[str]:
    return act_blockers(data.participant_views, data.views_answer, data.facts)


KIND = DocumentKind("decision_suspension", "decision_suspension.docx",
                    "Lēmums par asistenta pakalpojuma sniegšanas pārtraukšanu uz laiku", NoticeSuspensionData, _ctx,
                    lambda d: file_stem("lemums-partrauksana", d.decision_no, d.addressee.surname), blockers)
