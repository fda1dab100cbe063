"""The list of cases, newest application first, a page at a time (ids in URLs, never personal codes)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

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
    total, lines = await run_in_threadpool(case_page, reg, (number - 1) * size, size)
    pages = max(1, -(-total // size))
    if number > pages:
        number = pages
        total, lines = await run_in_threadpool(case_page, reg, (number - 1) * size, size)
    return page(request, "case_list.html", cases=lines, number=number, pages=pages, total=total, outcomes=OUTCOMES)
