"""The service after the decision: the contract (14), suspension (18) and its end, a change of assistant (16),
termination (17, with 19 refunds) and closing the case."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from regulation import lifecycle as rules
from regulation.records import Assistant, Contract, Provider, Suspension, load, to_jsonable

from casework.cases import _done, case_number
from casework.documents import render
from casework.errors import CaseworkError, refused, writing
from casework.records import StepDone


def _granted(decision: Any) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for a in decision.activities:
        if a.granted > 0:
            out[a.annex1_point] = out.get(a.annex1_point, Decimal(0)) + a.granted
    return out


def check_contract(contract: Contract, decision: Any | None, others: Sequence[Contract] = ()) \
        -> tuple[list[rules.Refusal], list[rules.Refusal]]:
    """The contract against the regulation (40 h total, Annex 1 caps with 11.3; with `others`, the assistant's
    other contracts over the same time, 40 h a week for one assistant, 3) and, when there is one, against the
    decision it follows (hours per point, total, term): (errors, warnings)."""
    points: dict[int, Decimal] = {}
    for a in contract.activities:
        points[a.annex1_point] = points.get(a.annex1_point, Decimal(0)) + a.hours_per_week
    errors, warnings = rules.contract_volume(contract.hours_per_week, points, contract.start)
    busy = rules.assistant_total([(o.number, o.start, o.end, o.hours_per_week) for o in others
                                  if o.number != contract.number], contract.start, contract.end,
                                 contract.hours_per_week)
    errors += [busy] if busy is not None else []
    if decision is not None:
        d = decision.duration
        errors += rules.contract_within_decision(decision.hours_per_week, _granted(decision), contract.start,
                                                 contract.end, d.start if d else None, d.end if d else None,
                                                 contract.hours_per_week, points)
    return errors, warnings


def _refuse(errors: list[rules.Refusal]) -> CaseworkError:
    return refused(errors[0].point, "; ".join(e.message_lv for e in errors), "; ".join(e.message_en for e in errors))


def _contract_data(case_id: int, contract: Contract, stored: Any, app: Any) -> dict[str, Any]:
    return {"case_number": case_number(case_id), "contract": to_jsonable(contract),
            "decision": to_jsonable(stored.decision), "decision_number": stored.number,
            "representative": to_jsonable(app.representative) if app.representative else None}


def register_contract(reg: Any, case_id: int, *, by: str, assistant: Assistant, number: str | None = None,
                      start: dt.date | None = None, end: dt.date | None = None,
                      activities: dict[int, Decimal] | None = None, provider: Provider | None = None,
                      concluded_on: dt.date | None = None, engagement: str = "employment",
                      out: Path | None = None, municipality: Any = None) -> StepDone:
    """14: the contract after a notified decision to grant. Hours per Annex 1 point default to the decision's,
    the term to the decision's duration; anything above the decision (hours per point, total, term) or above
    the regulation (40 h a week) is refused."""
    with writing(reg) as tx:
        tx.check_step(case_id, "contract")
        stored, case = tx.stored_decision(case_id), tx.case(case_id)
        d = stored.decision
        points = activities if activities is not None else _granted(d)
        contract = load(Contract, {
            "number": number or f"LIG-{case_id:06d}-{len(case.contracts) + 1}",
            "recipient": to_jsonable(case.application.applicant), "assistant": to_jsonable(assistant),
            "provider": to_jsonable(provider) if provider else None,
            "start": start or (d.duration.start if d.duration else None),
            "end": end or (d.duration.end if d.duration else None),
            "hours_per_week": sum(points.values(), Decimal(0)),
            "activities": [{"annex1_point": p, "hours_per_week": h} for p, h in sorted(points.items())],
            "concluded_on": concluded_on or max(x for x in (start, d.duration.start if d.duration else None,
                                                            stored.notified_on) if x is not None),
            "engagement": engagement})
        errors, warnings = check_contract(contract, d, tx.assistant_contracts(assistant, contract.start, contract.end))
        if errors:
            raise _refuse(errors)
        tx.add_contract(contract, case_id)
        tx.audit(by, "contract", "contract", contract.number, case_id, None, contract)
        state = tx.take_step(case_id, "contract", contract.concluded_on or contract.start, by,
                             {"contract": contract.number, "warnings": [w.message_lv for w in warnings]})
        doc = render(tx, out, case_id, "contract", _contract_data(case_id, contract, stored, case.application),
                     municipality, step="contract", rules_version=d.rules_version)
    return _done(case_id, "contract", state, f"līgums Nr. {contract.number} reģistrēts",
                 f"contract {contract.number} registered", [doc], contract=contract.number,
                 warnings=[w.message_lv for w in warnings])


def _current_contract(tx: Any, case_id: int, on: dt.date) -> Contract:
    contracts = [tx.contract(n) for n in tx.case_contracts(case_id)]
    running = [c for c in contracts if c.start <= on <= c.end]
    if not running:
        raise CaseworkError(f"lietai {case_id} nav līguma, kas būtu spēkā {on.isoformat()}",
                            f"case {case_id} has no contract in force on {on.isoformat()}", field="on")
    return running[-1]


def _notice_head(case_id: int, app: Any, contract: Contract, on: dt.date) -> dict[str, Any]:
    return {"case_number": case_number(case_id), "notified_on": on.isoformat(),
            "addressee": to_jsonable(app.applicant),
            "representative": to_jsonable(app.representative) if app.representative else None,
            "contract_number": contract.number, "contract_date": (contract.concluded_on or contract.start).isoformat()}


def _act_number(tx: Any, case_id: int, on: dt.date, given: str | None) -> str:
    """The number of the decision a step of 17 or 18 takes: `given`, else as `adopt` numbers the decision of 9
    (`AS-<year>-<case>`) with the step's place in the case's timeline after it (`AS-2026-000017-7`), so each act
    of a case has its own number and none collides with the decision of 9."""
    return given or f"AS-{on.year}-{case_id:06d}-{len(tx.steps(case_id)) + 1}"


def _mobility(case: Any) -> str | None:
    """9.2.3: which alternative the case's latest assessment found, as `notice_termination` names it."""
    a = case.assessments[-1] if case.assessments else None
    if a is not None and a.can_move_without_assistant:
        return "without_assistant"
    if a is not None and a.cannot_move_with_assistant:
        return "not_even_with_assistant"
    return None


# What each marked place of an act's draft is filled with, on the command line and in the workbench.
_FILL = {"facts": ("konstatētie fakti (--facts)", "the facts established (--facts)"),
         "views_answer": ("sociālā dienesta atbilde uz personas viedokli (--views-answer)",
                          "the service's answer to the person's views (--views-answer)"),
         "mobility": ("atkārtots izvērtējums, kurš 9.2.3. apakšpunkta gadījums konstatēts",
                      "a re-assessment finding which case of 9.2.3 applies")}


def _check_act(kind: str, data: dict[str, Any], point: str) -> None:
    """Refuse the step (`point`) while the act's draft has marked places a clerk must fill (APL 67(2): facts,
    the answer to the person's views), as adoption (9) does: nothing is recorded or rendered."""
    from generator.documents import KINDS

    blockers = KINDS[kind].blockers(KINDS[kind].load(data))
    if not blockers:
        return
    missing = [k for k in _FILL if any(f"({k}" in b or (k == "mobility" and "9.2.3" in b) for b in blockers)]
    act = "pārtraukšanu uz laiku (18)" if point == "18" else "izbeigšanu (17)"
    raise CaseworkError(
        f"lēmumu par pakalpojuma {act} nevar pieņemt: " + " ".join(blockers) +
        (" Norādiet: " + "; ".join(_FILL[k][0] for k in missing) + "." if missing else ""),
        f"the decision ({point}) cannot be taken while its draft has places to fill" +
        (": " + "; ".join(_FILL[k][1] for k in missing) if missing else " (listed in Latvian)"),
        point=point, forbidden=True, field=missing[0] if missing else None)


def _act(tx: Any, out: Path | None, case_id: int, kinds: tuple[str, str], data: dict[str, Any], municipality: Any,
         step: str) -> list[str | None]:
    """The decision (an administrative act, APL 67(2), appeal by 13) and then the notice that sends it, both
    recorded as the step's documents."""
    decision, notice = kinds
    return [render(tx, out, case_id, decision, data, municipality, step=step, rules_version=None),
            render(tx, out, case_id, notice, data, municipality, step=step, rules_version=None)]


def suspend(reg: Any, case_id: int, *, by: str, reason: str, start: dt.date, end: dt.date | None = None,
            facts: str | None = None, views: str | None = None, views_answer: str | None = None,
            decision_number: str | None = None, out: Path | None = None, municipality: Any = None) -> StepDone:
    """18: the service stops while the person is in long-term care, a hospital or prison (`reason`). A decision
    (`decision_suspension`, dated `start`, numbered as `_act_number` says) and the notice sending it."""
    with writing(reg) as tx:
        tx.check_step(case_id, "suspend")
        contract = _current_contract(tx, case_id, start)
        suspension = load(Suspension, {"start": start, "end": end, "reason": reason})
        number = _act_number(tx, case_id, start, decision_number)
        app = tx.case(case_id).application
        data = {**_notice_head(case_id, app, contract, start), "suspension": to_jsonable(suspension), "facts": facts,
                "decided_on": start.isoformat(), "decision_number": number, "participant_views": views,
                "views_answer": views_answer}
        _check_act("decision_suspension", data, "18")
        updated = tx.add_suspension(contract.number, suspension)
        tx.audit(by, "suspend", "contract", contract.number, case_id, contract, updated)
        state = tx.take_step(case_id, "suspend", start, by, {"contract": contract.number, "reason": reason,
                                                             "decision_number": number})
        docs = _act(tx, out, case_id, ("decision_suspension", "notice_suspension"), data, municipality, "suspension")
    return _done(case_id, "suspend", state, f"pakalpojums pārtraukts no {start.isoformat()} (18), lēmums Nr. {number}",
                 f"service suspended from {start.isoformat()} (18), decision {number}", docs,
                 contract=contract.number, decision_number=number)


def resume(reg: Any, case_id: int, *, by: str, on: dt.date) -> StepDone:
    """18: the suspension's cause has ended; the service runs again from `on`."""
    with writing(reg) as tx:
        tx.check_step(case_id, "resume")
        contract = _current_contract(tx, case_id, on)
        open_ = [s for s in contract.suspensions if s.end is None or s.end >= on]
        if not open_:
            raise CaseworkError("līgumā nav pārtraukuma, ko atsākt", "the contract has no suspension to end", field="on")
        last = open_[-1]
        if on <= last.start:
            raise CaseworkError(f"atsākšana {on.isoformat()} nav pēc pārtraukuma sākuma {last.start.isoformat()}",
                                f"resuming on {on.isoformat()} is not after the suspension's start {last.start.isoformat()}",
                                field="on")
        ended = [s if s is not last else s.model_copy(update={"end": on - dt.timedelta(days=1)})
                 for s in contract.suspensions]
        updated = load(Contract, to_jsonable(contract.model_copy(update={"suspensions": ended})))
        tx.replace_contract(updated, case_id)
        tx.audit(by, "resume", "contract", contract.number, case_id, contract, updated)
        state = tx.take_step(case_id, "resume", on, by, {"contract": contract.number})
    return _done(case_id, "resume", state, f"pakalpojums atsākts {on.isoformat()}", f"service resumed on {on.isoformat()}",
                 [], contract=contract.number)


def change_assistant(reg: Any, case_id: int, *, by: str, assistant: Assistant, on: dt.date,
                     reason: str | None = None, number: str | None = None, provider: Provider | None = None,
                     engagement: str | None = None, out: Path | None = None, municipality: Any = None) -> StepDone:
    """16: the person chose another assistant from `on` (a reasoned written application; at most twice a
    calendar year). The running contract ends the day before; a new one with the same volume and end starts."""
    with writing(reg) as tx:
        tx.check_step(case_id, "change_assistant")
        case = tx.case(case_id)
        old = _current_contract(tx, case_id, on)
        changes = tx.assistant_changes_in_year(case.application.applicant.personal_code, on.year)
        refusal = rules.assistant_change_allowed(len(changes))
        if refusal is not None:
            raise refused(refusal.point, refusal.message_lv, refusal.message_en)
        if on <= old.start:
            raise CaseworkError(f"maiņas datumam {on.isoformat()} jābūt pēc līguma sākuma {old.start.isoformat()}",
                                f"the change date {on.isoformat()} must be after the contract's start "
                                f"{old.start.isoformat()}", field="on")
        ended = load(Contract, to_jsonable(old.model_copy(update={"end": on - dt.timedelta(days=1)})))
        new = load(Contract, {**to_jsonable(old), "number": number or f"LIG-{case_id:06d}-{len(case.contracts) + 1}",
                              "assistant": to_jsonable(assistant), "start": on, "concluded_on": on, "suspensions": [],
                              "provider": to_jsonable(provider) if provider else to_jsonable(old.provider),
                              "engagement": engagement or old.engagement})
        busy = rules.assistant_total([(o.number, o.start, o.end, o.hours_per_week) for o in
                                      tx.assistant_contracts(assistant, new.start, new.end) if o.number != old.number],
                                     new.start, new.end, new.hours_per_week)
        if busy is not None:
            raise refused(busy.point, busy.message_lv, busy.message_en)
        tx.replace_contract(ended, case_id)
        tx.add_contract(new, case_id)
        tx.add_assistant_change(case_id, old.number, new.number, on, by, reason)
        tx.audit(by, "change_assistant", "contract", new.number, case_id, old, new)
        state = tx.take_step(case_id, "change_assistant", on, by, {"previous": old.number, "contract": new.number,
                                                                   "reason": reason})
        stored = tx.stored_decision(case_id)
        doc = render(tx, out, case_id, "contract", _contract_data(case_id, new, stored, case.application),
                     municipality, step="contract", rules_version=stored.decision.rules_version)
    return _done(case_id, "change_assistant", state, f"asistents mainīts no {on.isoformat()}; līgums Nr. {new.number}",
                 f"assistant changed from {on.isoformat()}; contract {new.number}", [doc], contract=new.number,
                 changes_this_year=len(changes) + 1)


def terminate(reg: Any, case_id: int, *, by: str, ground: str, on: dt.date, notified_on: dt.date | None = None,
              refusal_ground: str | None = None, facts: str | None = None,
              refund: tuple[str, Decimal, dt.date] | None = None, views: str | None = None,
              views_answer: str | None = None, decision_number: str | None = None, out: Path | None = None,
              municipality: Any = None) -> StepDone:
    """17: the service ends on ground 17.1–17.5 with `on` its last day; `refund` = (19.1|19.2, EUR, due on)
    where a refund of point 19 applies. The contract ends on `on`; a decision (`decision_termination`, dated
    `notified_on` or `on`) and the notice sending it are rendered. With 17.4 on 9.2.3 the decision names the
    alternative the case's latest assessment found."""
    if ground not in rules.TERMINATION_GROUNDS:
        raise CaseworkError(f"izbeigšanas pamats jānorāda kā 17.1–17.5, nevis '{ground}'",
                            f"the ground must be 17.1–17.5, not '{ground}'", field="ground")
    with writing(reg) as tx:
        tx.check_step(case_id, "terminate")
        contract = _current_contract(tx, case_id, on)
        decided_on = notified_on or on
        number = _act_number(tx, case_id, decided_on, decision_number)
        case = tx.case(case_id)
        r = None if refund is None else {"ground": refund[0], "amount": str(refund[1]), "due_on": refund[2].isoformat()}
        data = {**_notice_head(case_id, case.application, contract, decided_on), "ground": ground,
                "refusal_ground": refusal_ground, "effective_on": on.isoformat(), "facts": facts, "refund": r,
                "mobility": _mobility(case) if refusal_ground == "9.2.3" else None,
                "decided_on": decided_on.isoformat(), "decision_number": number, "participant_views": views,
                "views_answer": views_answer}
        _check_act("decision_termination", data, "17")
        ended = load(Contract, to_jsonable(contract.model_copy(update={"end": on})))
        tx.replace_contract(ended, case_id)
        tx.add_termination(case_id, contract.number, ground, on, by, refusal_ground, facts, refund)
        tx.audit(by, "terminate", "contract", contract.number, case_id, contract, ended)
        state = tx.take_step(case_id, "terminate", on, by, {"ground": ground, "contract": contract.number,
                                                            "refund": list(refund) if refund else None,
                                                            "decision_number": number})
        docs = _act(tx, out, case_id, ("decision_termination", "notice_termination"), data, municipality,
                    "termination")
    return _done(case_id, "terminate", state, f"pakalpojums izbeigts ({ground}), pēdējā diena {on.isoformat()}, "
                 f"lēmums Nr. {number}", f"service terminated ({ground}), last day {on.isoformat()}, decision {number}",
                 docs, ground=ground, decision_number=number)


def close(reg: Any, case_id: int, *, by: str, on: dt.date | None = None) -> StepDone:
    """Close a terminated case (a refusal's case closes when it is notified)."""
    on = on or dt.date.today()
    with writing(reg) as tx:
        state = tx.take_step(case_id, "close", on, by)
    return _done(case_id, "close", state, "lieta slēgta", "case closed", [])
