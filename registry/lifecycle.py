"""A case's life in the register: its state, the steps it went through, the decision's adoption (9) and
notification (10), terminations (17, 19) and changes of assistant (16).

The register refuses every step `regulation.lifecycle.step_allowed` refuses (`StepRefused`, Latvian and
English); each step is one `case_steps` row, the case's new state and an audit line, in the caller's
transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from registry import models as m
from registry.audit import Audit
from registry.base import RegistryError, _aware, _now
from registry.contracts import Contracts
from registry.lifecycle_models import AssistantChangeRow, CaseStepRow, TerminationRow
from regulation import lifecycle as rules
from regulation.records import Decision, load, to_jsonable


class StepRefused(RegistryError):
    """A step the regulation does not allow in the case's state (or at all): which point, in both languages."""

    def __init__(self, refusal: rules.Refusal):
        super().__init__(refusal.message_lv, refusal.message_en)
        self.point = refusal.point


@dataclass(frozen=True)
class CaseStep:
    id: int
    step: str
    state_before: str | None
    state: str
    effective_on: dt.date
    actor: str
    details: dict[str, Any]
    created_at: dt.datetime


@dataclass(frozen=True)
class StoredDecision:
    """The case's latest decision with its number, adoption (9) and notification (10)."""

    id: int
    case_id: int
    decision: Decision
    number: str | None
    adopted_on: dt.date | None
    adopted_by: str | None
    notified_on: dt.date | None
    notified_how: str | None
    notified_by: str | None


class Lifecycle(Contracts, Audit):
    """States, steps and what each step records."""

    def case_state(self, case_id: int) -> str:
        return self._application_row(case_id).state

    def _outcome(self, case_id: int) -> str | None:
        return self.session.scalars(select(m.DecisionRow.outcome).where(m.DecisionRow.application_id == case_id)
                                    .order_by(m.DecisionRow.id.desc()).limit(1)).first()

    def check_step(self, case_id: int, step: str) -> None:
        """Raise `StepRefused` unless `step` is allowed now (nothing is written)."""
        refusal = rules.step_allowed(self._application_row(case_id).state, step, outcome=self._outcome(case_id))
        if refusal is not None:
            raise StepRefused(refusal)

    def take_step(self, case_id: int, step: str, effective_on: dt.date, actor: str,
                  details: dict[str, Any] | None = None, *, pending: bool = False) -> str:
        """Record `step` on the case (refused with `StepRefused` when the state does not allow it); returns the
        new state. `pending`: an assessment that leaves the proposal waiting (8.3)."""
        row = self._application_row(case_id)
        outcome = self._outcome(case_id)
        refusal = rules.step_allowed(row.state, step, outcome=outcome)
        if refusal is not None:
            raise StepRefused(refusal)
        new = rules.next_state(row.state, step, outcome=outcome, pending=pending)
        return self._write_step(row, step, new, effective_on, actor, details or {})

    def open_case(self, case_id: int, effective_on: dt.date, actor: str, pending: bool | None) -> str:
        """The first steps of a case just registered: `register` (received) and, when a proposal was made,
        `assess` (awaiting assessment or proposal). A case that has steps already is left as it is."""
        row = self._application_row(case_id)
        if self.session.scalar(select(func.count()).where(CaseStepRow.application_id == case_id)):
            return row.state
        self._write_step(row, "register", "received", effective_on, actor, {}, first=True)
        if pending is None:
            return row.state
        return self.take_step(case_id, "assess", effective_on, actor, pending=pending)

    def _write_step(self, row: m.ApplicationRow, step: str, new: str, effective_on: dt.date, actor: str,
                    details: dict[str, Any], first: bool = False) -> str:
        old = None if first else row.state
        details = to_jsonable(details)
        self.session.add(CaseStepRow(application_id=row.id, step=step, state_before=old, state=new,
                                     effective_on=effective_on, actor=actor, details=details, created_at=_now()))
        row.state = new
        self.session.flush()
        self.audit(actor, step, "case", row.id, row.id, {"state": old}, {"state": new, "on": effective_on, **details})
        return new

    def steps(self, case_id: int) -> list[CaseStep]:
        rows = self.session.scalars(select(CaseStepRow).where(CaseStepRow.application_id == case_id)
                                    .order_by(CaseStepRow.id))
        return [CaseStep(r.id, r.step, r.state_before, r.state, r.effective_on, r.actor, r.details,
                         _aware(r.created_at)) for r in rows]

    def cases_in_state(self, *states: str) -> list[int]:
        q = select(m.ApplicationRow.id).order_by(m.ApplicationRow.received_on, m.ApplicationRow.id)
        if states:
            q = q.where(m.ApplicationRow.state.in_(states))
        return list(self.session.scalars(q))

    # ------------------------------------------------ the decision: adoption (9), notification (10)

    def _decision_row(self, case_id: int) -> m.DecisionRow:
        row = self.session.scalars(select(m.DecisionRow).where(m.DecisionRow.application_id == case_id)
                                   .order_by(m.DecisionRow.id.desc()).limit(1)).first()
        if row is None:
            raise RegistryError(f"lietai {case_id} nav lēmuma projekta", f"case {case_id} has no decision proposal")
        return row

    def stored_decision(self, case_id: int) -> StoredDecision | None:
        try:
            r = self._decision_row(case_id)
        except RegistryError:
            return None
        return StoredDecision(r.id, case_id, load(Decision, r.record), r.number, r.adopted_on, r.adopted_by,
                              r.notified_on, r.notified_how, r.notified_by)

    def adopt_decision(self, case_id: int, number: str, adopted_on: dt.date, actor: str,
                       details: dict[str, Any] | None = None) -> StoredDecision:
        """9: the head adopts the proposal under `number` on `adopted_on` (the step `adopt`; `details` are kept
        with the step, e.g. the answer to the person's views)."""
        row = self._decision_row(case_id)
        taken = self.session.scalars(select(m.DecisionRow.id).where(m.DecisionRow.number == number)).first()
        if taken is not None and taken != row.id:
            raise RegistryError(f"lēmuma numurs {number} jau ir izmantots", f"decision number {number} is already used")
        self.take_step(case_id, "adopt", adopted_on, actor, {"number": number, "outcome": row.outcome, **(details or {})})
        row.number, row.adopted_on, row.adopted_by = number, adopted_on, actor
        self.session.flush()
        return self.stored_decision(case_id)  # type: ignore[return-value]

    def notify_decision(self, case_id: int, notified_on: dt.date, how: str, actor: str) -> StoredDecision:
        """10: the requester was informed on `notified_on`, `how` (in_person, post, registered_post, e_address)."""
        if how not in rules.NOTIFICATION_METHODS:
            raise RegistryError(f"nezināms paziņošanas veids '{how}' (der: {', '.join(rules.NOTIFICATION_METHODS)})",
                                f"unknown way of notification '{how}' (use: {', '.join(rules.NOTIFICATION_METHODS)})")
        row = self._decision_row(case_id)
        if row.adopted_on is not None and notified_on < row.adopted_on:
            raise RegistryError(f"paziņošanas datums {notified_on} ir pirms lēmuma pieņemšanas {row.adopted_on}",
                                f"the notification date {notified_on} is before the adoption {row.adopted_on}")
        self.take_step(case_id, "notify", notified_on, actor, {"how": how, "number": row.number})
        row.notified_on, row.notified_how, row.notified_by = notified_on, how, actor
        self.session.flush()
        return self.stored_decision(case_id)  # type: ignore[return-value]

    # ------------------------------------------------ terminations (17, 19) and changes of assistant (16)

    def _contract_id(self, number: str) -> int:
        found = self.session.scalars(select(m.ContractRow.id).where(m.ContractRow.number == number)).first()
        if found is None:
            raise RegistryError(f"līgums Nr. {number} reģistrā nav atrasts", f"contract {number} is not in the register")
        return found

    def add_termination(self, case_id: int, contract_number: str | None, ground: str, effective_on: dt.date,
                        actor: str, refusal_ground: str | None = None, facts: str | None = None,
                        refund: tuple[str, Decimal, dt.date] | None = None) -> int:
        """17: record the termination (its step is taken by the caller); `refund` = (19.1|19.2, EUR, due on)."""
        row = TerminationRow(
            application_id=case_id, contract_id=self._contract_id(contract_number) if contract_number else None,
            ground=ground, refusal_ground=refusal_ground, effective_on=effective_on, facts=facts,
            refund_ground=refund[0] if refund else None, refund_eur=refund[1] if refund else None,
            refund_due_on=refund[2] if refund else None, actor=actor, created_at=_now())
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_assistant_change(self, case_id: int, previous_number: str, number: str, effective_on: dt.date,
                             actor: str, reason: str | None = None) -> int:
        """16: the person chose another assistant; the previous and the new contract."""
        row = AssistantChangeRow(application_id=case_id, previous_contract_id=self._contract_id(previous_number),
                                 contract_id=self._contract_id(number), effective_on=effective_on, reason=reason,
                                 actor=actor, created_at=_now())
        self.session.add(row)
        self.session.flush()
        return row.id

    def case_contracts(self, case_id: int) -> list[str]:
        """Numbers of the case's contracts, in order of start."""
        return list(self.session.scalars(select(m.ContractRow.number).where(m.ContractRow.application_id == case_id)
                                         .order_by(m.ContractRow.start, m.ContractRow.id)))
