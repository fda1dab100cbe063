"""The login page: name and password; a new session id at every login; the throttle of `registry.users`."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from registry import users
from web.forms.login import parse_login
from web.middleware.auth import PUBLIC, allow
from web.middleware.session import cookie_header
from web.render import page


def _next(value: str | None) -> str:
    # only a path on this site (no '//host', no scheme), so the login cannot send anyone elsewhere
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/"


@allow(*PUBLIC)
def login_form(request):
    return page(request, "login.html", error=None, username="", next=_next(request.query_params.get("next")))


@allow(*PUBLIC)
async def login(request):
    form = parse_login(await request.form())
    reg = request.app.state.registry
    result = await run_in_threadpool(users.authenticate, reg, form.username, form.password)
    if result.user is None:
        if result.locked_until is not None:
            error = (f"Pārāk daudz neveiksmīgu mēģinājumu. Konts uz laiku bloķēts līdz "
                     f"{result.locked_until.astimezone():%H:%M}.")
            status = 429
        else:
            error, status = "Nepareizs lietotājvārds vai parole.", 401
        return page(request, "login.html", status=status, error=error, username=form.username,
                    next=_next(form.next))
    token = await run_in_threadpool(users.start_session, reg, result.user.id, request.scope.get("session_token"))
    response = RedirectResponse(_next(form.next), status_code=303)
    response.raw_headers.append(cookie_header(request.scope, request.app.state.settings, token))
    return response
