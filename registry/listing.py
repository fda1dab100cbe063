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


def case_page(reg: "Registry", offset: int, limit: int) -> tuple[int, list[CaseLine]]:
    """The number of cases and the `limit` lines from `offset`, newest application first."""
    latest = (select(m.DecisionRow.outcome).where(m.DecisionRow.application_id == m.ApplicationRow.id)
              .order_by(m.DecisionRow.id.desc()).limit(1).correlate(m.ApplicationRow).scalar_subquery())
    q = (select(m.ApplicationRow.id, m.ApplicationRow.case_number, m.Person.given_name, m.Person.surname,
                m.ApplicationRow.received_on, latest)
         .join(m.Person, m.Person.id == m.ApplicationRow.person_id)
         .order_by(m.ApplicationRow.received_on.desc(), m.ApplicationRow.id.desc())
         .offset(offset).limit(limit))
    with reg.reading() as tx:
        total = tx.session.scalar(select(func.count()).select_from(m.ApplicationRow))
        return total, [CaseLine(*row) for row in tx.session.execute(q)]
