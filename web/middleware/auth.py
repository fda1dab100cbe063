"""Role checks: every endpoint says which roles it admits with `@allow(...)`; without a session it sends the
browser to the login page, with the wrong role it answers 403. A test checks that every route has one.

Roles: clerk works cases and reviews; head does what a clerk does and adopts decisions; auditor reads
everything and changes nothing; admin manages users and sees no case."""
from __future__ import annotations

import functools
import inspect
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse

READ = ("clerk", "head", "auditor")  # a person's case and documents
WORK = ("clerk", "head")  # changes to a case, review, uploads
HEAD = ("head",)  # adopting and signing decisions
AUDIT = ("auditor", "head")  # the audit log
ADMIN = ("admin",)  # users
ANYONE = ("clerk", "head", "auditor", "admin")
PUBLIC = ()  # the login page and static files only


def allow(*roles: str):
    def wrap(endpoint):
        def check(request):
            log = request.scope.get("asistents.log")
            if log is not None:
                log["route"] = request.scope["route"].path
            if not roles:
                return None
            user = request.scope.get("user")
            if user is None:
                if request.method == "GET":
                    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
                raise HTTPException(401)
            if user.role not in roles:
                raise HTTPException(403)
            return None

        if inspect.iscoroutinefunction(endpoint):
            @functools.wraps(endpoint)
            async def guarded(request):
                return check(request) or await endpoint(request)
        else:
            @functools.wraps(endpoint)
            def guarded(request):
                return check(request) or endpoint(request)
        guarded.roles = roles
        return guarded
    return wrap
