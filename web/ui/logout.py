"""Logout (POST with the CSRF token): the session row is deleted and the cookie cleared."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

from registry import users
from web.middleware.auth import ANYONE, allow
from web.middleware.session import cookie_header


@allow(*ANYONE)
async def logout(request):
    await run_in_threadpool(users.end_session, request.app.state.registry, request.scope["session_token"])
    response = RedirectResponse("/login", status_code=303)
    response.raw_headers.append(cookie_header(request.scope, request.app.state.settings, None))
    return response
