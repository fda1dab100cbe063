"""One case: the application, the service's assessments, the decisions with findings and citations, the
contracts and the documents."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from registry import RegistryError
from web.middleware.auth import READ, allow
from web.render import page
from web.ui.labels import ACTIVITY_POINTS, OUTCOMES, document_label


async def load_case(request, case_id: int):
    reg = request.app.state.registry
    try:
        return await run_in_threadpool(reg.case, case_id)
    except RegistryError:
        raise HTTPException(404) from None


@allow(*READ)
async def case_show(request):
    case = await load_case(request, request.path_params["case_id"])
    return page(request, "case_show.html", case=case, points=ACTIVITY_POINTS, outcomes=OUTCOMES,
                document_label=document_label)
