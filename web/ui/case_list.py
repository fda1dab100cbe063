"""The list of cases, newest application first, a page at a time (ids in URLs, never personal codes); `?stavoklis=`
narrows it to one state — e.g. the applications waiting for the service's assessment (8.3)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from regulation.lifecycle import STATE_LV
from registry.listing import case_page
from web.forms.common import page_number
from web.middleware.auth import READ, allow
from web.render import page
from web.ui.labels import OUTCOMES


@allow(*READ)
async def case_list(request):
    reg = request.app.state.registry
    size = request.app.state.settings.page_size
    number = page_number(request.query_params.get("lapa"))
    state = request.query_params.get("stavoklis") or None
    if state is not None and state not in STATE_LV:
        state = None  # an unknown state is no filter: the whole list, as the form's first choice
    total, lines = await run_in_threadpool(case_page, reg, (number - 1) * size, size, state)
    pages = max(1, -(-total // size))
    if number > pages:
        number = pages
        total, lines = await run_in_threadpool(case_page, reg, (number - 1) * size, size, state)
    path = f"/cases?stavoklis={state}" if state else "/cases"
    return page(request, "case_list.html", cases=lines, number=number, pages=pages, total=total, outcomes=OUTCOMES,
                states=STATE_LV, state=state, path=path)
