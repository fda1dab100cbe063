"""The verification station's queue: files whose readings are uncertain (`casework.review_list`), oldest first
with their decide-by date, and the same fields grouped by kind across the queue (group verification)."""
from __future__ import annotations

import re
from collections import Counter

from starlette.concurrency import run_in_threadpool

import casework
from web.middleware.auth import WORK, allow
from web.render import page

_INDEX = re.compile(r"\.\d+(?=\.|$)")
_POINT = re.compile(r"\s*\(1\. pielikuma \d+\. punkts\)$")


def field_kind(name: str) -> str:
    """`activities.3.hours_per_week` → `activities.*.hours_per_week`: one kind of field across rows and files."""
    return _INDEX.sub(".*", name)


def open_fields(item):
    return [f for f in item.fields if f.issues and not f.confirmed and f.corrected is None]


@allow(*WORK)
async def review_queue(request):
    items = await run_in_threadpool(casework.review_list, request.app.state.registry)
    kinds: Counter = Counter()
    labels: dict[str, str] = {}
    for item in items:
        for f in open_fields(item):
            key = f"{item.kind}:{field_kind(f.name)}"
            kinds[key] += 1
            labels.setdefault(key, _POINT.sub("", f.label_lv))  # the group spans the rows of every point
    groups = sorted(((key, labels[key], n) for key, n in kinds.items()), key=lambda g: (-g[2], g[1]))
    return page(request, "review_queue.html", items=items, groups=groups,
                finished=request.query_params.get("pabeigts"))
