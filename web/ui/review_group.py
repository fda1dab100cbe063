"""Verification one file at a time, or one kind of field across the whole queue (e.g. every uncertain
"hours" field on one screen): each field's crop beside its reading; Enter confirms, a typed value corrects."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

import casework
from web.middleware.audit import record
from web.middleware.auth import READ, allow
from web.render import page
from web.ui import gender
from web.forms.common import page_number


@allow(*READ)
async def review_file(request):
    sha = request.path_params["sha256"]
    try:
        item = await run_in_threadpool(casework.review_show, request.app.state.registry, sha)
    except casework.CaseworkError:
        raise HTTPException(404) from None
    await record(request, "view", "review_file", sha[:12], item.case_id)
    rows = [(item, f) for f in item.fields]
    confirmed = await run_in_threadpool(casework.review_register_confirmed, request.app.state.registry, item.sha256)
    return page(request, "review_fields.html", title=f"Fails {item.name}", rows=rows, group=None, item=item,
                back=request.url.path, confirmed=confirmed, **await gender.of_review(request, item))


@allow(*READ)
async def review_group(request):
    key = request.path_params["key"]
    number = page_number(request.query_params.get("lapa"))
    rows, pages = await run_in_threadpool(casework.review_group, request.app.state.registry, key, number)
    if not rows:
        return page(request, "review_fields.html", title="Grupas pārbaude", rows=[], group=key, item=None,
                    back=request.url.path, number=1, pages=1, confirmed=[])
    await record(request, "view", "review_group", key, None)
    return page(request, "review_fields.html", title=f"Grupas pārbaude: {rows[0][1].label_lv}", rows=rows, group=key,
                item=None, back=request.url.path, number=min(number, pages), pages=pages, confirmed=[])
