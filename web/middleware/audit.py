"""Views and downloads of a person's data go to the lifecycle's append-only audit log (GDPR art. 9: disability
data is special-category data), as the user name with action `view` or `download`."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool


def _write(reg, actor: str, action: str, entity: str, entity_id, case_id) -> None:
    with reg.transaction() as tx:
        tx.audit(actor, action, entity, entity_id, case_id)


async def record(request, action: str, entity: str, entity_id=None, case_id: int | None = None) -> None:
    """One line: the logged-in user `action`ed `entity` `entity_id` (of case `case_id`)."""
    await run_in_threadpool(_write, request.app.state.registry, request.scope["user"].username, action, entity,
                            entity_id, case_id)
