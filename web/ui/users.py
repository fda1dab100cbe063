"""The admin's page: the users, a form for a new one, disable or enable (the same functions as
`asistents users`). Admins see no case."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse

from registry import users
from web.forms.users import parse_new_user
from web.middleware.auth import ADMIN, allow
from web.render import page


def _page(request, all_users, status=200, error=None, form=None):
    return page(request, "users.html", status=status, users=all_users, roles=users.ROLES,
                role_labels=users.ROLE_LABELS, error=error, form=form or {})


@allow(*ADMIN)
async def user_list(request):
    return _page(request, await run_in_threadpool(users.users, request.app.state.registry))


@allow(*ADMIN)
async def user_add(request):
    reg = request.app.state.registry
    form = parse_new_user(await request.form())
    try:
        await run_in_threadpool(users.add_user, reg, form.username, form.full_name, form.role, form.password)
    except users.UserError as e:
        return _page(request, await run_in_threadpool(users.users, reg), status=400, error=e.message_lv,
                     form={"username": form.username, "full_name": form.full_name, "role": form.role})
    return RedirectResponse("/admin/users", status_code=303)


@allow(*ADMIN)
async def user_active(request):
    reg = request.app.state.registry
    found = await run_in_threadpool(users.user, reg, request.path_params["user_id"])
    if found is None:
        raise HTTPException(404)
    form = await request.form()
    if found.id == request.scope["user"].id:
        raise HTTPException(400)  # an admin does not lock themself out from the browser
    await run_in_threadpool(users.set_active, reg, found.username, form.get("aktivs") == "1")
    return RedirectResponse("/admin/users", status_code=303)
