"""The people's grammatical gender in letters (`casework.gender`), on the case page and in the verification
station (`partials/gender.html`): shown with where it came from, changed by a clerk or head (one form per person,
POST /gender with the case id or the file's SHA-256; CSRF as every form)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse

import casework
from casework import gender as cw_gender
from web.middleware.auth import WORK, allow
from web.render import page


def of_case(view) -> dict:
    """The partial's context for a case page (from the view already loaded: no second read)."""
    return {"gender_people": cw_gender.genders(view.application, view.contracts),
            "gender_target": {"case_id": view.summary.id}}


async def of_review(request, item) -> dict:
    """The partial's context for a file in the verification station (applications only)."""
    if item.kind != "application":
        return {}
    people = await run_in_threadpool(cw_gender.review_genders, request.app.state.registry, item.sha256)
    return {"gender_people": people, "gender_target": {"sha256": item.sha256}}


@allow(*WORK)
async def gender_save(request):
    from web.ui.case_show import show

    form = await request.form()
    person, gender = str(form.get("person", "")), str(form.get("gender", ""))
    reg, by = request.app.state.registry, request.scope["user"].username
    case_id, sha = str(form.get("case_id", "")).strip(), str(form.get("sha256", "")).strip()
    if case_id.isdigit():
        try:
            people = await run_in_threadpool(lambda: cw_gender.set_gender(reg, int(case_id), by=by, person=person,
                                                                          gender=gender))
        except casework.CaseworkError as e:
            return await show(request, int(case_id), status=400, error=e.message_lv)
        changed = next(p for p in people if p.person == person)
        return await show(request, int(case_id), message=f"{changed.role_lv} {changed.name}: {changed.gender_lv}")
    if len(sha) == 64 and all(c in "0123456789abcdef" for c in sha):
        try:
            await run_in_threadpool(lambda: cw_gender.review_set_gender(reg, sha, by=by, person=person, gender=gender))
        except casework.CaseworkError as e:
            return page(request, "error.html", status=400, status_code=400, message=e.message_lv)
        return RedirectResponse(f"/review/{sha}#dzimte", status_code=303)
    raise HTTPException(400)
