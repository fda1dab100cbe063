"""The crop of the original file around a field (`parser.crop`), PNG; a page's crops are made together and
kept for the next fields (a scan is aligned once per page, not once per field)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import Response

import casework
from parser.crop import page_crops
from web.middleware.auth import READ, allow

KEEP = 32  # pages


class CropCache:
    """A page's crops by (file, page), the last KEEP pages. The browser asks for every open field's crop at
    once: the first request draws the page, the others for that page wait for it instead of each aligning
    the scan again."""

    def __init__(self):
        self._pages: OrderedDict = OrderedDict()
        self._drawing: dict = {}  # key → the lock its drawing thread holds
        self._lock = threading.Lock()

    def page(self, key, draw):
        """The crops kept under `key`, drawn by `draw()` (once, however many threads ask) if not kept."""
        with self._lock:
            if key in self._pages:
                self._pages.move_to_end(key)
                return self._pages[key]
            gate = self._drawing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._pages:
                    return self._pages[key]
            try:
                found = draw()
            except BaseException:
                with self._lock:
                    self._drawing.pop(key, None)
                raise
            with self._lock:
                self._drawing.pop(key, None)
                self._pages[key] = found
                while len(self._pages) > KEEP:
                    self._pages.popitem(last=False)
            return found


def _crops(reg, cache: CropCache, sha: str, name: str) -> bytes:
    item = casework.review_show(reg, sha)
    field = next((f for f in item.fields if f.name == name), None)
    if field is None or field.box is None or field.page is None:
        raise HTTPException(404)

    def draw():
        with reg.reading() as tx:
            reading = tx.review_file(item.sha256).reading
        path = reading.get("review_path")
        if not path or not Path(path).is_file():
            raise HTTPException(404)
        boxes = {f.name: f.box for f in item.fields if f.page == field.page and f.box is not None}
        return page_crops(Path(path).read_bytes(), field.page - 1, boxes, kind=item.kind,
                          scanned=reading.get("shape") == "scanned")

    found = cache.page((item.sha256, field.page), draw)
    if name not in found:
        raise HTTPException(404)
    return found[name]


@allow(*READ)
async def review_crop(request):
    sha, name = request.path_params["sha256"], request.path_params["field"]
    state = request.app.state
    try:
        png = await run_in_threadpool(_crops, state.registry, state.crops, sha, name)
    except casework.CaseworkError:
        raise HTTPException(404) from None
    return Response(png, media_type="image/png", headers={"cache-control": "private, max-age=600"})
