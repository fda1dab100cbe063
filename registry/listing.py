"""A page of the case list in one statement: what a list shows of each case (number, name, received, the
latest decision's outcome), newest application first — not the whole `Case` of each."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from registry import models as m

if TYPE_CHECKING:
    from registry.store import Registry


@dataclass(frozen=True)
class CaseLine:
    id: int
    case_number: str | None
    given_name: str
    surname: str
    received_on: dt.date
    outcome: str | None  # the latest decision's, None before any
    state: str  # the case's state (regulation.lifecycle.STATES)


def case_page(reg: "Registry", offset: int, limit: int, state: str | None = None) -> tuple[int, list[CaseLine]]:
    """The number of cases (in `state`, when given) and the `limit` lines from `offset`, newest application
    first."""
    a = m.ApplicationRow
    latest = (select(m.DecisionRow.outcome).where(m.DecisionRow.application_id == a.id)
              .order_by(m.DecisionRow.id.desc()).limit(1).correlate(a).scalar_subquery())
    q = (select(a.id, a.case_number, m.Person.given_name, m.Person.surname, a.received_on, latest, a.state)
         .join(m.Person, m.Person.id == a.person_id)
         .order_by(a.received_on.desc(), a.id.desc())
         .offset(offset).limit(limit))
    count = select(func.count()).select_from(a)
    if state is not None:
        q, count = q.where(a.state == state), count.where(a.state == state)
    with reg.reading() as tx:
        return tx.session.scalar(count), [CaseLine(*row) for row in tx.session.execute(q)]
