"""One field settled: the value as typed corrects the reading (`casework.review_set`); the reading itself,
sent back unchanged (Enter), confirms it (`casework.review_confirm`). When the file's last field is settled,
`casework.review_done` sends it on as a clean file. htmx gets the field's row back; a plain form, the page."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import HTMLResponse, RedirectResponse

import casework
from web.forms.review import parse_field
from web.middleware.auth import WORK, allow
from web.render import render
from web.ui.outbox import outbox


def shown(value) -> str:
    """A reading as the clerk types it: booleans as jā/nē, nothing as empty."""
    if value is True:
        return "jā"
    if value is False:
        return "nē"
    return "" if value is None else str(value)


def _settle(reg, sha, name, typed, by):
    item = casework.review_show(reg, sha)
    field = next((f for f in item.fields if f.name == name), None)
    if field is None:
        raise HTTPException(404)
    if typed == shown(field.value) and field.value is not None:
        item = casework.review_confirm(reg, sha, name, by=by)
    else:
        item = casework.review_set(reg, sha, name, typed or None, by=by)
    done = None
    if item.open_fields == 0:
        done = casework.review_done(reg, sha, by=by)
    return item, next(f for f in item.fields if f.name == name), done


@allow(*WORK)
async def review_save(request):
    sha, name = request.path_params["sha256"], request.path_params["field"]
    form = parse_field(await request.form())
    reg, by = request.app.state.registry, request.scope["user"].username
    error, done = None, None
    try:
        item, field, done = await run_in_threadpool(_settle, reg, sha, name, form.value, by)
    except casework.CaseworkError as e:
        error = e.message_lv
        item = await run_in_threadpool(casework.review_show, reg, sha)
        field = next(f for f in item.fields if f.name == name)
    if request.headers.get("hx-request") != "true":
        if error:
            raise HTTPException(400)
        target = form.back if form.back.startswith("/review") else "/review"
        if done is not None and not form.back.startswith("/review/group/"):
            target = f"/review?pabeigts={item.name}"
        return RedirectResponse(target, status_code=303)
    html = render(request, "review_row.html", item=item, f=field, group=form.back.startswith("/review/group/"),
                  back=form.back, error=error, done=done, autofocus=False)
    response = HTMLResponse(html, status_code=200)
    if done is not None and not form.back.startswith("/review/group/"):
        response.headers["HX-Redirect"] = f"/review?pabeigts={item.name}"
    return response
