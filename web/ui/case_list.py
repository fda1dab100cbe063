"""The list of cases, newest application first, a page at a time (ids in URLs, never personal codes)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

from web.forms.common import page_number
from web.middleware.auth import READ, allow
from web.render import page


@allow(*READ)
async def case_list(request):
    reg = request.app.state.registry
    size = request.app.state.settings.page_size
    number = page_number(request.query_params.get("lapa"))
    ids = await run_in_threadpool(reg.case_ids)
    ids.reverse()
    pages = max(1, -(-len(ids) // size))
    number = min(number, pages)
    chosen = ids[(number - 1) * size: number * size]
    cases = await run_in_threadpool(lambda: [reg.case(i) for i in chosen])
    return page(request, "case_list.html", cases=cases, number=number, pages=pages, total=len(ids))
