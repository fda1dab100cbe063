"""The append-only audit log: every change (and, from the workbench, every view of a case) with what, before →
after, who and when. Rows are only ever inserted: revision 0003's triggers refuse UPDATE and DELETE."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, insert, or_, select

from registry.base import Store, _aware, _now
from registry.lifecycle_models import AuditRow
from regulation.records import to_jsonable

_AUDIT = AuditRow.__table__


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str | None
    case_id: int | None
    before: Any
    after: Any


class Audit(Store):
    """Writing and reading the audit log."""

    def audit(self, actor: str, action: str, entity: str, entity_id: str | int | None = None,
              case_id: int | None = None, before: Any = None, after: Any = None) -> int:
        """Append one line: `actor` did `action` on `entity` `entity_id` (of case `case_id`), `before` → `after`
        (records or plain data, stored as JSON)."""
        return self.session.execute(insert(_AUDIT).values(
            at=_now(), actor=actor, action=action, entity=entity,
            entity_id=None if entity_id is None else str(entity_id), case_id=case_id,
            before=to_jsonable(before), after=to_jsonable(after)).returning(_AUDIT.c.id)).scalar_one()

    def audit_log(self, case_id: int | None = None, actor: str | None = None,
                  source_sha256: str | None = None) -> list[AuditEntry]:
        """The log, oldest first; only a case's lines and/or only one actor's when given. With `source_sha256`
        (the case's file), a case's lines include the review of its file made before the case existed."""
        q = select(_AUDIT).order_by(_AUDIT.c.id)
        if case_id is not None:
            of_case = _AUDIT.c.case_id == case_id
            if source_sha256 is not None:
                of_case = or_(of_case, and_(_AUDIT.c.entity.in_(("review_field", "review_file")),
                                            _AUDIT.c.entity_id.startswith(source_sha256[:12])))
            q = q.where(of_case)
        if actor is not None:
            q = q.where(_AUDIT.c.actor == actor)
        return [AuditEntry(r.id, _aware(r.at), r.actor, r.action, r.entity, r.entity_id, r.case_id, r.before, r.after)
                for r in self.session.execute(q)]
