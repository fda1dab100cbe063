"""One case (`casework.case_show`): the timeline, the application, the assessment, the proposal or decision
with its findings and citations, what it still waits for, contracts, the person's timesheets with their
findings and payable amounts (`casework.case_timesheets`), documents and the case's audit lines; with the
steps the user's role may take. Every view is written to the audit log."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

import casework
from regulation.lifecycle import TERMINATION_GROUNDS
from web.middleware.auth import READ, allow
from web.render import page
from web.ui import gender
from web.ui.labels import (ACTIVITY_POINTS, HOW_LV, OUTCOMES, SEVERITY_LV, STEP_LV, SUSPENSION_REASONS,
                           TIMESHEET_STATES, document_label)


def recorded_views(view) -> str:
    """The person's views (APL 67(2)) as the case's latest assessment step recorded them."""
    steps = [st for st in view.timeline if st.step == "assess"]
    return str((steps[-1].details or {}).get("participant_views") or "") if steps else ""


async def load_case(request, case_id: int):
    """The case, its view written to the audit log as the logged-in user's (`case_show(viewed_by=…)`)."""
    reg = request.app.state.registry
    try:
        return await run_in_threadpool(casework.case_show, reg, case_id, request.scope["user"].username)
    except casework.CaseworkError:
        raise HTTPException(404) from None


async def show(request, case_id: int, status: int = 200, **extra):
    reg = request.app.state.registry
    view = await load_case(request, case_id)
    documents = await run_in_threadpool(reg.documents, case_id)
    timesheets = await run_in_threadpool(casework.case_timesheets, reg, case_id)
    return page(request, "case_show.html", status=status, view=view, case_id=case_id, documents=documents,
                timesheets=timesheets, views=recorded_views(view), severity=SEVERITY_LV, ts_states=TIMESHEET_STATES,
                grounds=TERMINATION_GROUNDS, reasons=SUSPENSION_REASONS,
                points=ACTIVITY_POINTS, outcomes=OUTCOMES, steps=STEP_LV, how=HOW_LV,
                document_label=document_label, **gender.of_case(view), **{"message": None, "error": None, **extra})


@allow(*READ)
async def case_show(request):
    return await show(request, request.path_params["case_id"])
