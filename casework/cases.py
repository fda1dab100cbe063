"""Cases: list, show, assess (8.3), adopt (9) and notify (10)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from regulation import lifecycle as rules
from regulation.assess import assess as propose
from regulation.assess import pending_findings
from regulation.parameters import OutOfForce
from regulation.records import Assessment, to_jsonable

from casework.documents import render
from casework.errors import CaseworkError, reading, refused, writing
from casework.records import AuditLine, CaseSummary, CaseView, Document, Step, StepDone


def case_number(case_id: int) -> str:
    """The case (lietas) number the inbox's drafts carry."""
    return f"IN-{case_id:06d}"


def _summary(tx: Any, case_id: int) -> CaseSummary:
    case = tx.case(case_id)
    stored = tx.stored_decision(case_id)
    p = case.application.applicant
    return CaseSummary(case.id, case.case_number or case_number(case.id), f"{p.given_name} {p.surname}",
                       case.application.received_on, case.state, rules.STATE_LV.get(case.state, case.state),
                       stored.decision.outcome if stored else None, stored.number if stored else None)


def _done(case_id: int, step: str, state: str, lv: str, en: str, docs: list[str | None],
          **details: Any) -> StepDone:
    return StepDone(case_id, step, state, rules.STATE_LV.get(state, state), lv, en, [d for d in docs if d], details)


def case_list(reg: Any, state: str | None = None) -> list[CaseSummary]:
    """Every case (or those in `state`), oldest application first."""
    if state is not None and state not in rules.STATES:
        raise CaseworkError(f"nezināms stāvoklis '{state}' (der: {', '.join(rules.STATES)})",
                            f"unknown state '{state}' (use: {', '.join(rules.STATES)})", field="state")
    with reading(reg) as tx:
        return [_summary(tx, i) for i in (tx.cases_in_state(state) if state else tx.cases_in_state())]


def case_show(reg: Any, case_id: int, viewed_by: str | None = None) -> CaseView:
    """The case: application, assessment, decision (with number, adoption, notification), what the proposal
    still waits for, contracts, timeline, documents and the case's audit lines. `viewed_by` (the workbench
    passes its user) appends a `view` line to the audit log first."""
    if viewed_by is not None:
        with writing(reg) as tx:
            tx.case_state(case_id)  # a case that is not there is refused before anything is logged
            tx.audit(viewed_by, "view", "case", case_id, case_id)
    with reading(reg) as tx:
        case = tx.case(case_id)
        stored = tx.stored_decision(case_id)
        decision = None
        if stored is not None:
            decision = {**to_jsonable(stored.decision), "number": stored.number, "adopted_on": stored.adopted_on,
                        "adopted_by": stored.adopted_by, "notified_on": stored.notified_on,
                        "notified_how": stored.notified_how, "notified_by": stored.notified_by}
        return CaseView(
            _summary(tx, case_id), case.application, case.assessments[-1] if case.assessments else None,
            to_jsonable(decision), pending_findings(stored.decision) if stored else [], case.contracts,
            [Step(s.step, s.state_before, s.state, s.effective_on, s.actor, s.details, s.created_at)
             for s in tx.steps(case_id)],
            [Document(d.kind, d.path, d.created_at, d.id) for d in case.documents],
            [AuditLine(a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.case_id, a.before, a.after)
             for a in tx.audit_log(case_id=case_id, source_sha256=case.source_sha256)])


def _views(tx: Any, case_id: int) -> str | None:
    """The person's views on the proposal (APL 67(2)) as the latest assessment step recorded them."""
    steps = [st for st in tx.steps(case_id) if st.step == "assess"]
    return (steps[-1].details or {}).get("participant_views") if steps else None


def assess(reg: Any, case_id: int, assessment: Assessment, *, by: str, on: dt.date | None = None,
           views: str | None = None, out: Path | None = None, municipality: Any = None) -> StepDone:
    """8.3: enter the service's assessment; the proposal is made again under the rules of `on` (default: the
    application's receipt date, as `asistents assess`). A proposal that still waits has outcome `pending` and
    leaves the case awaiting assessment; otherwise the case holds a proposal (its draft rendered into `out`).
    `views`: the person's views and arguments as heard (APL 67(2)), kept with the step; the decision must
    answer them (`adopt(views_answer=...)`)."""
    with writing(reg) as tx:
        case = tx.case(case_id)
        tx.check_step(case_id, "assess")
        try:
            decision = propose(case.application, assessment, on)
        except OutOfForce as e:
            raise CaseworkError(f"lēmuma projektu nevar sagatavot: {e}", f"no proposal can be made: {e}",
                                field="on") from None
        before = case.assessments[-1] if case.assessments else None
        tx.add_assessment(case_id, assessment, entered_by=by)
        tx.audit(by, "assess", "assessment", case_id, case_id, before, assessment)
        tx.add_decision(case_id, decision)
        waiting = decision.outcome == "pending"
        state = tx.take_step(case_id, "assess", decision.decided_on, by,
                             {"outcome": decision.outcome, **({"participant_views": views} if views else {})},
                             pending=waiting)
        docs = [] if waiting else [render(tx, out, case_id, "decision", {
            "case_number": case_number(case_id), "application": to_jsonable(case.application),
            "assessment": to_jsonable(assessment), "decision": to_jsonable(decision), "participant_views": views},
            municipality, step="proposal", rules_version=decision.rules_version)]
    if waiting:
        return _done(case_id, "assess", state, "lēmuma projekts gaida izvērtējumu (8.3)",
                     "the proposal waits for the assessment (8.3)", docs, outcome=decision.outcome,
                     pending=[f.message_lv for f in pending_findings(decision)])
    return _done(case_id, "assess", state, f"lēmuma projekts: {decision.outcome}, {decision.hours_per_week} h nedēļā",
                 f"proposal: {decision.outcome}, {decision.hours_per_week} h a week", docs, outcome=decision.outcome)


def _blocked(blockers: list[str], *, unanswered: bool) -> CaseworkError:
    """The draft cannot be adopted (APL 67(2)): what keeps it, and how to give the missing answer."""
    if unanswered:
        return CaseworkError("lēmuma projektu nevar pieņemt: " + " ".join(blockers) +
                             " Norādiet sociālā dienesta atbildi (--views-answer).",
                             "the proposal cannot be adopted: the person's views have no answer from the service "
                             "(APL 67(2)); give it (--views-answer)", forbidden=True,
                             field="views_answer")
    return CaseworkError("lēmuma projektu nevar pieņemt: " + " ".join(blockers),
                         "the proposal cannot be adopted: the draft still has places to fill (listed in Latvian)",
                         forbidden=True)


def adopt(reg: Any, case_id: int, *, by: str, on: dt.date | None = None, number: str | None = None,
          views_answer: str | None = None, out: Path | None = None, municipality: Any = None) -> StepDone:
    """9: the head adopts the proposal, giving it a number (default `AS-<year>-<case>`), on `on` (default
    today); refused while its findings are pending (8.3) or while the draft has other blockers
    (`KINDS["decision"].blockers`: the person's views recorded at `assess` without `views_answer`, the
    service's answer, APL 67(2)). Renders the decision."""
    from generator.documents import KINDS

    on = on or dt.date.today()
    with writing(reg) as tx:
        stored = tx.stored_decision(case_id)
        if stored is not None and pending_findings(stored.decision):
            tx.check_step(case_id, "adopt")  # awaiting assessment: the regulation's refusal
            raise refused("8.3", "lēmuma projektā ir neizvērtēti apstākļi (8.3): to nevar pieņemt",
                          "the proposal has findings still pending (8.3): it cannot be adopted")
        tx.check_step(case_id, "adopt")
        number = number or f"AS-{on.year}-{case_id:06d}"
        case = tx.case(case_id)
        views = _views(tx, case_id)
        data = {"case_number": case_number(case_id), "number": number, "application": to_jsonable(case.application),
                "assessment": to_jsonable(case.assessments[-1]) if case.assessments else None,
                "decision": to_jsonable(stored.decision) if stored else None, "participant_views": views,
                "views_answer": views_answer}
        if stored is not None:
            blockers = KINDS["decision"].blockers(KINDS["decision"].load(data))
            if blockers:
                raise _blocked(blockers, unanswered=bool(views) and not (views_answer or "").strip())
        stored = tx.adopt_decision(case_id, number, on, by,
                                   {"views_answer": views_answer} if (views_answer or "").strip() else None)
        d = stored.decision
        doc = render(tx, out, case_id, "decision", {**data, "decision": to_jsonable(d)}, municipality,
                     step="decision", rules_version=d.rules_version)
        state = tx.case_state(case_id)
    return _done(case_id, "adopt", state, f"lēmums Nr. {number} pieņemts {on.isoformat()}",
                 f"decision {number} adopted on {on.isoformat()}", [doc], number=number, outcome=d.outcome)


def notify(reg: Any, case_id: int, *, by: str, how: str, on: dt.date | None = None, out: Path | None = None,
           municipality: Any = None) -> StepDone:
    """10: the requester informed of the decision on `on` (default today), `how`: in_person, post,
    registered_post or e_address. Renders the notice. A refusal's case closes here."""
    on = on or dt.date.today()
    with writing(reg) as tx:
        stored = tx.notify_decision(case_id, on, how, by)
        case = tx.case(case_id)
        app = case.application
        doc = render(tx, out, case_id, "notice_decision", {
            "case_number": case_number(case_id), "notified_on": on.isoformat(), "addressee": to_jsonable(app.applicant),
            "representative": to_jsonable(app.representative) if app.representative else None,
            "received_on": app.received_on.isoformat(), "decision_number": stored.number,
            "decision": to_jsonable(stored.decision)}, municipality, step="notice",
            rules_version=stored.decision.rules_version)
        state = tx.case_state(case_id)
        late = stored.adopted_on is not None and on > rules.notify_by(stored.adopted_on)
    return _done(case_id, "notify", state,
                 f"paziņots {on.isoformat()} ({rules.NOTIFICATION_METHODS[how]})" + (" — pēc 10 dienu termiņa" if late else ""),
                 f"notified on {on.isoformat()} ({how})" + (" — after the 10-day term" if late else ""), [doc], how=how)
