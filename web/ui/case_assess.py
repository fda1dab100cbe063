"""The assessment form (8.3): every fact with its Latvian label and the point it serves; saved with
`casework.assess`, which makes the proposal again (`pending` while facts are missing)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse

import casework
from web.forms.assessment import FIELDS, FormProblems, parse_assessment, values_of
from web.middleware.auth import WORK, allow
from web.render import page
from web.ui.case_show import load_case, recorded_views
from web.ui.outbox import outbox


def _form(request, case_id, view, values, problems, status=200, views=None):
    return page(request, "case_assess.html", status=status, case_id=case_id, view=view, fields=FIELDS,
                values=values, problems=problems, views=recorded_views(view) if views is None else views)


@allow(*WORK)
async def assess_form(request):
    case_id = request.path_params["case_id"]
    view = await load_case(request, case_id)
    return _form(request, case_id, view, values_of(view.assessment), {})


@allow(*WORK)
async def assess_save(request):
    case_id = request.path_params["case_id"]
    form = await request.form()
    view = await load_case(request, case_id)
    views = str(form.get("views", "")).strip()[:4000]
    try:
        assessment = parse_assessment(form)
    except FormProblems as e:
        return _form(request, case_id, view, e.values, e.problems, status=400, views=views)
    try:
        await run_in_threadpool(lambda: casework.assess(request.app.state.registry, case_id, assessment,
                                                        by=request.scope["user"].username, views=views or None,
                                                        out=outbox(request)))
    except casework.CaseworkError as e:
        return _form(request, case_id, view, {k: str(form.get(k, "")) for k in form.keys()},
                     {e.field or "disability_group": e.message_lv}, status=409 if e.forbidden else 400, views=views)
    return RedirectResponse(f"/cases/{case_id}#lemums", status_code=303)
