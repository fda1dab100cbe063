"""The steps taken from the case page — adopt (head only), notify, the contract, a change of assistant, a
suspension and its end, the termination, a document made again — each one `casework` call; the page is shown
again with what happened or why the step was refused (Latvian, with its point)."""
from __future__ import annotations

import datetime as dt

from starlette.concurrency import run_in_threadpool

import casework
from web.forms.service import (StepInputError, optional_date, parse_assistant_change, parse_contract, parse_resume,
                               parse_suspension, parse_termination)
from web.middleware.auth import HEAD, WORK, allow
from web.ui.case_show import show
from web.ui.outbox import outbox


async def _step(request, call, **kwargs):
    case_id = request.path_params["case_id"]
    try:
        done = await run_in_threadpool(lambda: call(request.app.state.registry, case_id,
                                                    by=request.scope["user"].username, **kwargs))
    except casework.CaseworkError as e:
        point = f" ({e.point}. punkts)" if e.point else ""
        # the CLI's flag means nothing here: name the form's field instead
        message = e.message_lv.replace("(--views-answer)", "laukā „Atbilde uz personas viedokli”")
        return await show(request, case_id, status=409 if e.forbidden else 400, error=message + point)
    return await show(request, case_id, message=done.message_lv)


@allow(*HEAD)
async def case_adopt(request):
    form = await request.form()
    try:
        on = optional_date(form, "on", "lēmuma datums") or dt.date.today()  # empty: adopted today
    except StepInputError as e:
        return await show(request, request.path_params["case_id"], status=400, error=str(e))
    return await _step(request, casework.adopt, on=on,
                       number=(str(form.get("number", "")).strip()[:50] or None),
                       views_answer=(str(form.get("views_answer", "")).strip()[:4000] or None), out=outbox(request))


@allow(*WORK)
async def case_notify(request):
    form = await request.form()
    how = str(form.get("how", ""))
    try:
        on = optional_date(form, "on", "paziņošanas datums") or dt.date.today()  # empty: notified today
    except StepInputError as e:
        return await show(request, request.path_params["case_id"], status=400, error=str(e))
    return await _step(request, casework.notify, how=how, on=on, out=outbox(request))


async def _parsed(request, parse):
    try:
        return parse(await request.form()), None
    except StepInputError as e:
        return None, str(e)


@allow(*WORK)
async def case_contract(request):
    form, error = await _parsed(request, parse_contract)
    if error:
        return await show(request, request.path_params["case_id"], status=400, error=error)
    return await _step(request, casework.register_contract, assistant=form.assistant, number=form.number,
                       start=form.start, end=form.end, concluded_on=form.concluded_on, out=outbox(request))


@allow(*WORK)
async def case_change_assistant(request):
    form, error = await _parsed(request, parse_assistant_change)
    if error:
        return await show(request, request.path_params["case_id"], status=400, error=error)
    return await _step(request, casework.change_assistant, assistant=form.assistant, on=form.on, reason=form.reason,
                       number=form.number, out=outbox(request))


@allow(*WORK)
async def case_regenerate(request):
    """A document made again with the current data and configuration; a new version, the old one stays."""
    return await _step(request, casework.regenerate, document_id=request.path_params["document_id"],
                       out=outbox(request), base=request.app.state.settings.root)


@allow(*WORK)
async def case_suspend(request):
    form, error = await _parsed(request, parse_suspension)
    if error:
        return await show(request, request.path_params["case_id"], status=400, error=error)
    reason, start, end, facts = form
    return await _step(request, casework.suspend, reason=reason, start=start, end=end, facts=facts,
                       out=outbox(request))


@allow(*WORK)
async def case_resume(request):
    on, error = await _parsed(request, parse_resume)
    if error:
        return await show(request, request.path_params["case_id"], status=400, error=error)
    return await _step(request, casework.resume, on=on)


@allow(*WORK)
async def case_terminate(request):
    form, error = await _parsed(request, parse_termination)
    if error:
        return await show(request, request.path_params["case_id"], status=400, error=error)
    ground, on, facts = form
    return await _step(request, casework.terminate, ground=ground, on=on, facts=facts, out=outbox(request))
