"""`notice_decision`: point 10, the requester informed of the decision."""
from __future__ import annotations

from typing import Any

from pydantic import Field

from generator import lv
from generator.config import Municipality
from generator.documents.common import (
    DocumentKind, Notice, activity_name, addressee_block, common_ctx, file_stem, hours_lv,
)
from generator.documents.norms import REFUSAL_GROUNDS, ground_plain, mobility_of, norms
from regulation.records import Date, Decision


class NoticeDecisionData(Notice):
    """DATA of `notice_decision`: point 10, the requester informed of the decision within 10 days.

    `case_number`, `number` (the letter's number, default case_number), `notified_on` (the letter's date),
    `addressee` (Person: the requester), `representative` (Person or null: the letter goes to them too),
    `received_on` (the application's date, or null), `decision_number` (default case_number), `decision`.
    """

    received_on: Date | None = None
    decision_number: str | None = Field(default=None, max_length=50)
    decision: Decision


def _outcome_sentence(dec: Decision) -> str:
    if dec.outcome == "refuse":
        return "atteikt piešķirt asistenta pakalpojumu"
    span = ""
    if dec.duration:
        span = f" no {lv.date_genitive(dec.duration.start)} līdz {lv.date_dative(dec.duration.end)}"
    what = "piešķirt asistenta pakalpojumu" if dec.outcome == "grant" else "daļēji piešķirt asistenta pakalpojumu"
    return f"{what} {hours_lv(dec.hours_per_week)}{span}"


def _notice_decision_ctx(data: NoticeDecisionData, mun: Municipality) -> dict[str, Any]:
    dec = data.decision
    ctx = common_ctx(mun, "PAZIŅOJUMS PAR PIEŅEMTO LĒMUMU", data.number or data.case_number, data.notified_on)
    ctx.update(addressee_block(data.addressee, data.representative))
    ctx.update({
        "case_number": data.case_number,
        "decision_number": data.decision_number or data.case_number,
        "decided_on": lv.date_lv(dec.decided_on),
        "received_on": lv.date_genitive(data.received_on) if data.received_on else "",
        "has_received_on": data.received_on is not None,
        "outcome_sentence": _outcome_sentence(dec),
        "is_refusal": dec.outcome == "refuse",
        "grants_any": dec.outcome != "refuse",
        "rows": [{"activity": activity_name(a.annex1_point), "granted": lv.hours_number(a.granted)}
                 for a in dec.activities],
        "grounds": [{"point": lv.point(g), "plain": ground_plain(g, mobility_of(dec.findings))}
                   for g in dec.grounds if g in REFUSAL_GROUNDS],
        "next_step": ("Lai uzsāktu pakalpojuma saņemšanu, sociālais dienests ar Jums un asistenta pakalpojuma sniedzēju "
                      "slēgs līgumu (noteikumu 14. punkts). Lūdzam sazināties ar sociālo dienestu."
                      if dec.outcome != "refuse" else
                      "Ja Jūsu apstākļi mainās, Jūs varat iesniegt jaunu iesniegumu (noteikumu 12. punkts)."),
        "norms": norms(["10", "13"], [], []),
    })
    return ctx


KIND = DocumentKind("notice_decision", "notice_decision.docx", "Paziņojums par pieņemto lēmumu", NoticeDecisionData,
                    _notice_decision_ctx, lambda d: file_stem("pazinojums-lemums", d.number or d.case_number, d.addressee.surname))
