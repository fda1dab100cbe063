"""What falls due (`casework.due`): decide by (9), notify by (10), opinions expiring (17.3), timesheets (20),
Annex 2 (24), files in review — soonest first, overdue marked."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

import casework
from web.forms.common import page_number
from web.middleware.auth import READ, allow
from web.render import page

WHAT_LV = {"decide": "jāpieņem lēmums", "notify": "jāpaziņo lēmums", "opinion_expires": "beidzas atzinums",
           "timesheet": "trūkst uzskaites lapas", "annex2": "2. pielikuma pārskats", "review": "jāpārbauda fails"}


@allow(*READ)
async def due_list(request):
    # a page at a time: thousands of rows are unreadable and cost a second to send
    items = await run_in_threadpool(casework.due, request.app.state.registry)
    size = request.app.state.settings.page_size
    pages = max(1, -(-len(items) // size))
    number = min(page_number(request.query_params.get("lapa")), pages)
    overdue = sum(1 for i in items if i.overdue)
    return page(request, "due.html", items=items[(number - 1) * size:number * size], what=WHAT_LV,
                number=number, pages=pages, total=len(items), overdue=overdue)
