"""`decision_suspension`: the decision to suspend the service for a time (point 18) — an administrative act
with the parts of APL 67(2) and the appeal (13); the notice `notice_suspension` sends it. Same DATA for both."""
from __future__ import annotations

from typing import Any

from generator.config import Municipality
from generator.documents.common import (
    FACTS_PLACE, act_blockers, addressee_block, common_ctx, file_stem, views_ctx, DocumentKind,
)
from generator.documents.norms import norms
from generator.documents.notice_suspension import NoticeSuspensionData, suspension_ctx


def _ctx(data: NoticeSuspensionData, mun: Municipality) -> dict[str, Any]:
    ctx = common_ctx(mun, "LĒMUMS", data.decision_no, data.decision_date)
    ctx.update(addressee_block(data.addressee, data.representative))
    ctx.update(views_ctx(data.participant_views, data.views_answer,
                         "Persona savu viedokli lēmuma sagatavošanas laikā neizteica."))
    ctx.update(suspension_ctx(data))
    ctx.update({
        "facts": data.facts or FACTS_PLACE,
        "norms": norms(["13", "15", "18", "20"], [], [], act=True),
        "pending": blockers(data),
    })
    return ctx


def blockers(data: NoticeSuspensionData) -> list[str]:
    return act_blockers(data.participant_views, data.views_answer, data.facts)


KIND = DocumentKind("decision_suspension", "decision_suspension.docx",
                    "Lēmums par asistenta pakalpojuma sniegšanas pārtraukšanu uz laiku", NoticeSuspensionData, _ctx,
                    lambda d: file_stem("lemums-partrauksana", d.decision_no, d.addressee.surname), blockers)
