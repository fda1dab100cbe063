"""Timesheets with errors (`casework.timesheet_errors`): a month's sheets whose check finds errors (20, 22),
each with its findings and the provisional payable amounts, a page at a time as the due list."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

import casework
from web.forms.common import month_of, page_number
from web.middleware.auth import READ, allow
from web.render import page
from web.ui.labels import SEVERITY_LV, TIMESHEET_STATES


@allow(*READ)
async def timesheet_errors(request):
    asked = str(request.query_params.get("menesis", ""))
    month = month_of(asked)
    problem = "Mēnesi rakstiet kā GGGG-MM." if asked and month is None else None
    month_text = f"{month[0]:04d}-{month[1]:02d}" if month else None
    shown, items = await run_in_threadpool(casework.timesheet_errors, request.app.state.registry, month_text)
    size = request.app.state.settings.page_size
    pages = max(1, -(-len(items) // size))
    number = min(page_number(request.query_params.get("lapa")), pages)
    path = f"/timesheets/errors?menesis={shown}" if shown else "/timesheets/errors"
    return page(request, "timesheet_errors.html", status=400 if problem else 200,
                items=items[(number - 1) * size:number * size], month=shown, problem=problem, number=number,
                pages=pages, total=len(items), severity=SEVERITY_LV, ts_states=TIMESHEET_STATES, path=path)
