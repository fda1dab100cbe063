"""Cases: the application (its id is the case id), the service's assessments and the decisions on it."""
from __future__ import annotations

from dataclasses import dataclass

import datetime as dt

from sqlalchemy import select

from registry import models as m
from registry.base import _code, _now
from registry.documents import DocumentInfo, Documents
from registry.people import People
from regulation.records import Application, Assessment, Contract, Decision, load, to_jsonable


@dataclass(frozen=True)
class Case:
    """A case: the application and what was decided and concluded on it."""

    id: int
    case_number: str | None
    source_sha256: str
    application: Application
    assessments: list[Assessment]
    decisions: list[Decision]
    contracts: list[Contract]
    documents: list[DocumentInfo]
    state: str = "received"  # regulation.lifecycle.STATES


class Cases(People, Documents):
    """Applications, assessments and decisions."""

    def add_application(self, app: Application, source_sha256: str, case_number: str | None = None) -> int:
        """Store an application; its id is the case id. The same source file (SHA-256) is stored once: adding it
        again returns the existing case id."""
        s = self.session
        existing = s.scalars(select(m.ApplicationRow.id).where(m.ApplicationRow.source_sha256 == source_sha256)).first()
        if existing is not None:
            return existing
        person_id = self._person(app.applicant)
        inserted = self._insert_ignore(m.ApplicationRow.__table__, dict(
            case_number=case_number, person_id=person_id, received_on=app.received_on, source_sha256=source_sha256,
            record=to_jsonable(app), created_at=_now()), ["source_sha256"])
        case_id = s.scalars(select(m.ApplicationRow.id).where(m.ApplicationRow.source_sha256 == source_sha256)).one()
        if inserted and app.representative is not None:
            rep_id = self._person(app.representative)
            s.add(m.Representative(application_id=case_id, person_id=rep_id, represented_id=person_id))
            s.flush()
        return case_id

    def add_assessment(self, case_id: int, assessment: Assessment, entered_by: str | None = None) -> int:
        """The service's own assessment (8.3), and who entered it."""
        self._application_row(case_id)
        row = m.AssessmentRow(application_id=case_id, record=to_jsonable(assessment), created_at=_now(),
                              entered_by=entered_by)
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_decision(self, case_id: int, decision: Decision) -> int:
        self._application_row(case_id)
        d = decision.duration
        row = m.DecisionRow(
            application_id=case_id, outcome=decision.outcome, decided_on=decision.decided_on,
            hours_per_week=decision.hours_per_week, duration_kind=d.kind if d else None, start=d.start if d else None,
            end=d.end if d else None, grounds=list(decision.grounds), findings=to_jsonable(decision.findings),
            rules_version=decision.rules_version, record=to_jsonable(decision), created_at=_now())
        self.session.add(row)
        self.session.flush()
        return row.id

    def replace_application(self, case_id: int, app: Application) -> Application:
        """A corrected reading of the case's application (review); returns the one it replaces."""
        row = self._application_row(case_id)
        old = load(Application, row.record)
        row.record, row.received_on = to_jsonable(app), app.received_on
        row.person_id = self._person(app.applicant)
        self.session.flush()
        return old

    def case(self, case_id: int) -> Case:
        s = self.session
        row = self._application_row(case_id)
        assessments = [load(Assessment, r.record) for r in s.scalars(
            select(m.AssessmentRow).where(m.AssessmentRow.application_id == case_id).order_by(m.AssessmentRow.id))]
        decisions = [load(Decision, r.record) for r in s.scalars(
            select(m.DecisionRow).where(m.DecisionRow.application_id == case_id).order_by(m.DecisionRow.id))]
        contracts = [load(Contract, r.record) for r in s.scalars(
            select(m.ContractRow).where(m.ContractRow.application_id == case_id).order_by(m.ContractRow.start))]
        return Case(row.id, row.case_number, row.source_sha256, load(Application, row.record), assessments, decisions,
                    contracts, self.documents(case_id), row.state)

    def case_ids(self, received_from: dt.date | None = None, received_to: dt.date | None = None) -> list[int]:
        """Ids of all cases (optionally received within the dates, both included), oldest application first."""
        q = select(m.ApplicationRow.id).order_by(m.ApplicationRow.received_on, m.ApplicationRow.id)
        if received_from is not None:
            q = q.where(m.ApplicationRow.received_on >= received_from)
        if received_to is not None:
            q = q.where(m.ApplicationRow.received_on <= received_to)
        return list(self.session.scalars(q))

    def case_by_source(self, source_sha256: str) -> int | None:
        return self.session.scalars(
            select(m.ApplicationRow.id).where(m.ApplicationRow.source_sha256 == source_sha256)).first()

    def history(self, recipient_code: str) -> list[Case]:
        """All cases of a person, oldest application first."""
        ids = self.session.scalars(
            select(m.ApplicationRow.id).join(m.Person).where(m.Person.personal_code == _code(recipient_code))
            .order_by(m.ApplicationRow.received_on, m.ApplicationRow.id)).all()
        return [self.case(i) for i in ids]

