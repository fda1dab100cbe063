"""`decision_termination`: the decision to end the service (point 17) — an administrative act with the parts of
APL 67(2) and the appeal (13); the notice `notice_termination` sends it. Both take the same DATA."""
from __future__ import annotations

from typing import Any

from generator.config import Municipality
from generator.documents.common import (
    FACTS_PLACE, act_blockers, addressee_block, common_ctx, file_stem, views_ctx, DocumentKind,
)
from generator.documents.norms import norms
from generator.documents.notice_termination import NoticeTerminationData, termination_ctx


def _ctx(data: NoticeTerminationData, mun: Municipality) -> dict[str, Any]:
    ctx = common_ctx(mun, "LĒMUMS", data.decision_no, data.decision_date)
    ctx.update(addressee_block(data.addressee, data.representative))
    points = ["17", data.ground] + ([data.refusal_ground] if data.refusal_ground else []) + \
             ([data.refund.ground] if data.refund else []) + ["13"]
    ctx.update(views_ctx(data.participant_views, data.views_answer,
                         "Persona savu viedokli lēmuma sagatavošanas laikā neizteica."))
    ctx.update(termination_ctx(data, mun))
    ctx.update({
        "facts": data.facts or FACTS_PLACE,
        "norms": norms(points, [], [], act=True),
        "pending": blockers(data),
    })
    return ctx


def blockers(data: NoticeTerminationData) -> list[str]:
    out = act_blockers(data.participant_views, data.views_answer, data.facts)
    if data.refusal_ground == "9.2.3" and data.mobility is None:
        out.append("Nav norādīts, kuru 9.2.3. apakšpunkta gadījumu konstatēja izvērtējums (mobility: "
                   "without_assistant vai not_even_with_assistant).")
    return out


KIND = DocumentKind("decision_termination", "decision_termination.docx",
                    "Lēmums par asistenta pakalpojuma sniegšanas izbeigšanu", NoticeTerminationData, _ctx,
                    lambda d: file_stem("lemums-izbeigsana", d.decision_no, d.addressee.surname), blockers)
