"""The verification station's queue (`casework.review_queue`): files whose readings are uncertain, oldest first
with their decide-by date, and the same fields grouped by kind across the queue (group verification)."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool

import casework
from web.middleware.auth import READ, allow
from web.render import page


@allow(*READ)
async def review_queue(request):
    queue = await run_in_threadpool(casework.review_queue, request.app.state.registry)
    return page(request, "review_queue.html", items=queue.files, groups=queue.groups,
                finished=request.query_params.get("pabeigts"))
