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
    size = request.app.state.settings.page_size
    number = page_number(request.query_params.get("lapa"))
    shown, items, total = await run_in_threadpool(casework.timesheet_errors_page, request.app.state.registry,
                                                  month_text, number, size)
    pages = max(1, -(-total // size))
    if number > pages:  # past the end: the last page, as the due list does
        number = pages
        shown, items, total = await run_in_threadpool(casework.timesheet_errors_page, request.app.state.registry,
                                                      month_text, number, size)
    path = f"/timesheets/errors?menesis={shown}" if shown else "/timesheets/errors"
    return page(request, "timesheet_errors.html", status=400 if problem else 200,
                items=items, month=shown, problem=problem, number=number,
                pages=pages, total=total, severity=SEVERITY_LV, ts_states=TIMESHEET_STATES, path=path)
