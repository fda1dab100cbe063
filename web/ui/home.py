"""The start page: each role to its first list."""
from __future__ import annotations

from starlette.responses import RedirectResponse

from web.middleware.auth import ANYONE, allow


@allow(*ANYONE)
def home(request):
    return RedirectResponse("/admin/users" if request.scope["user"].role == "admin" else "/cases", status_code=303)
