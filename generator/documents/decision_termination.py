"""`decision_termination`: the decision to end the service (point 17) — an administrative act with the parts of
APL 67(2) and the appeal (13); the notice `notice_termination` sends it. Both take the same DATA."""
from __future__ import annotations

from typing import Any

from generator import lv
from generator.config import Municipality
from generator.documents.common import (
    FACTS_PLACE, act_blockers, addressee_block, common_ctx, file_stem, refund_ctx, views_ctx, DocumentKind,
)
from generator.documents.norms import REFUSAL_GROUNDS, TERMINATION_GROUNDS, ground_plain, norms
from generator.documents.notice_termination import NoticeTerminationData


def _ctx(data: NoticeTerminationData, mun: Municipality) -> dict[str, Any]:
    ctx = common_ctx(mun, "LĒMUMS", data.decision_no, data.decision_date)
    ctx.update(addressee_block(data.addressee, data.representative))
    wording, plain = TERMINATION_GROUNDS[data.ground]
    refusal = ({"point": lv.point(data.refusal_ground), "wording": REFUSAL_GROUNDS[data.refusal_ground][0],
                "plain": ground_plain(data.refusal_ground, data.mobility), "present": "yes"} if data.refusal_ground
               else {"point": "", "wording": "", "plain": "", "present": ""})
    points = ["17", data.ground] + ([data.refusal_ground] if data.refusal_ground else []) + \
             ([data.refund.ground] if data.refund else []) + ["13"]
    ctx.update(views_ctx(data.participant_views, data.views_answer,
                         "Persona savu viedokli lēmuma sagatavošanas laikā neizteica."))
    ctx.update({
        "case_number": data.case_number,
        "contract_number": data.contract_number,
        "contract_date": lv.date_genitive(data.contract_date) if data.contract_date else "",
        "has_contract_date": data.contract_date is not None,
        "ground": {"point": lv.point(data.ground), "point_acc": lv.point_accusative(data.ground),
                   "wording": wording, "plain": plain},
        "refusal": refusal,
        "effective_on": lv.date_accusative(data.effective_on),
        "facts": data.facts or FACTS_PLACE,
        "refund": refund_ctx(data.refund, mun),
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
