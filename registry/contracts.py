"""Contracts (14), their suspensions (18) and changes of assistant (16)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from registry import models as m
from registry.base import RegistryError, _code, _now
from registry.cases import Cases
from registry.checks import Checks
from regulation.records import Assistant, Contract, Suspension, load, to_jsonable


@dataclass(frozen=True)
class AssistantChange:
    """Point 16: a contract that put a different assistant in place of the previous one."""

    on: dt.date  # the new contract's start
    contract_number: str
    previous_contract_number: str
    assistant: Assistant
    previous_assistant: Assistant



class Contracts(Cases, Checks):
    """Contracts and what is asked of them."""

    def add_contract(self, contract: Contract, case_id: int | None = None) -> int:
        """Store a contract (14). The same number with the same content returns the existing id; the same number
        with different content is refused (use `replace_contract` for an amendment)."""
        s = self.session
        if case_id is not None:
            self._application_row(case_id)
        old = s.scalars(select(m.ContractRow).where(m.ContractRow.number == contract.number)).first()
        if old is not None:
            if old.record == to_jsonable(contract):
                return old.id
            raise RegistryError(
                f"līgums Nr. {contract.number} reģistrā jau ir ar citu saturu; grozījumiem lietojiet replace_contract",
                f"contract {contract.number} is already registered with different content; use replace_contract")
        return self._write_contract(m.ContractRow(number=contract.number, created_at=_now()), contract, case_id)

    def replace_contract(self, contract: Contract, case_id: int | None = None) -> int:
        """Store an amended contract under its existing number (periods, hours, suspensions)."""
        row = self.session.scalars(select(m.ContractRow).where(m.ContractRow.number == contract.number)).first()
        if row is None:
            return self.add_contract(contract, case_id)
        return self._write_contract(row, contract, case_id if case_id is not None else row.application_id)

    def _write_contract(self, row: m.ContractRow, c: Contract, case_id: int | None) -> int:
        """Every change of a contract forgets the stored checks of its recipient's timesheets (old and new)."""
        if row.id is not None:  # delete the old activity/suspension rows before their replacements go in
            self._forget_checks(recipient_id=row.recipient_id)
            row.activities.clear()
            row.suspensions.clear()
            self.session.flush()
        row.application_id = case_id
        row.recipient_id = self._person(c.recipient)
        row.assistant_id = self._assistant(c.assistant)
        row.provider_id = self._provider(c.provider)
        row.start, row.end, row.concluded_on = c.start, c.end, c.concluded_on
        row.hours_per_week, row.engagement = c.hours_per_week, c.engagement
        row.record = to_jsonable(c)
        row.activities = [m.ContractActivityRow(annex1_point=a.annex1_point, hours_per_week=a.hours_per_week)
                          for a in c.activities]
        row.suspensions = [m.SuspensionRow(start=x.start, end=x.end, reason=x.reason) for x in c.suspensions]
        self.session.add(row)
        self.session.flush()
        self._forget_checks(recipient_id=row.recipient_id)
        return row.id

    def add_suspension(self, contract_number: str, suspension: Suspension) -> Contract:
        """Point 18: record a suspension on a contract; returns the updated contract."""
        row = self.session.scalars(select(m.ContractRow).where(m.ContractRow.number == contract_number)).first()
        if row is None:
            raise RegistryError(f"līgums Nr. {contract_number} reģistrā nav atrasts",
                                f"contract {contract_number} is not in the register")
        contract = load(Contract, row.record)
        updated = contract.model_copy(update={"suspensions": [*contract.suspensions, suspension]})
        updated = load(Contract, to_jsonable(updated))
        self._write_contract(row, updated, row.application_id)
        return updated

    # ------------------------------------------------ contracts

    def _contracts_on(self, on: dt.date):
        return select(m.ContractRow).where(m.ContractRow.start <= on, m.ContractRow.end >= on)

    def contract_in_force(self, recipient_code: str, on: dt.date,
                          assistant: str | Assistant | None = None) -> Contract | None:
        """The recipient's contract in force on `on` (both the first and the last day included), with the given
        assistant if one is named; the latest started when several are."""
        q = (self._contracts_on(on).join(m.Person, m.ContractRow.recipient_id == m.Person.id)
             .where(m.Person.personal_code == _code(recipient_code)))
        if assistant is not None:
            q = q.join(m.AssistantRow, m.ContractRow.assistant_id == m.AssistantRow.id).where(
                m.AssistantRow.id.in_(self._assistant_ids(assistant)))
        row = self.session.scalars(q.order_by(m.ContractRow.start.desc(), m.ContractRow.id.desc())).first()
        return load(Contract, row.record) if row else None

    def assistant_contracts(self, assistant: str | Assistant, start: dt.date, end: dt.date) -> list[Contract]:
        """The assistant's contracts (with any recipient) in force on some day of `start`–`end` (3: one assistant,
        at most 40 hours a week in all)."""
        q = (select(m.ContractRow).where(m.ContractRow.start <= end, m.ContractRow.end >= start,
                                         m.ContractRow.assistant_id.in_(self._assistant_ids(assistant)))
             .order_by(m.ContractRow.start, m.ContractRow.id))
        return [load(Contract, r.record) for r in self.session.scalars(q)]

    def contracts_in_force(self, on: dt.date) -> list[Contract]:
        q = self._contracts_on(on).order_by(m.ContractRow.start, m.ContractRow.id)
        return [load(Contract, r.record) for r in self.session.scalars(q.execution_options(yield_per=500))]

    def contract(self, number: str) -> Contract | None:
        row = self.session.scalars(select(m.ContractRow).where(m.ContractRow.number == number)).first()
        return load(Contract, row.record) if row else None

    def assistant_changes_in_year(self, recipient_code: str, year: int) -> list[AssistantChange]:
        """Point 16: each contract starting in `year` whose assistant differs from the recipient's contract
        before it (contracts in order of start)."""
        rows = self.session.execute(
            select(m.ContractRow.number, m.ContractRow.start, m.ContractRow.assistant_id, m.ContractRow.record)
            .join(m.Person, m.ContractRow.recipient_id == m.Person.id)
            .where(m.Person.personal_code == _code(recipient_code), m.ContractRow.start < dt.date(year + 1, 1, 1))
            .order_by(m.ContractRow.start, m.ContractRow.id)).all()
        changes = []
        for prev, cur in zip(rows, rows[1:]):
            if cur.start.year == year and cur.assistant_id != prev.assistant_id:
                changes.append(AssistantChange(cur.start, cur.number, prev.number,
                                               load(Contract, cur.record).assistant,
                                               load(Contract, prev.record).assistant))
        return changes

