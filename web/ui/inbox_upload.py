"""Dropping a PDF on the inbox page puts it into DIR/inbox, where `asistents inbox process|watch` takes it
like any other file (same journal, same dedupe). Written to a hidden `.part` name the intake ignores, then
renamed; never over an existing file. Size-limited (`Settings.max_upload_bytes`), PDFs only."""
from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from intake.layout import Layout
from web.forms.upload import UploadRefused, save_upload
from web.middleware.auth import WORK, allow
from web.render import page


def _layout(request) -> Layout | None:
    root = request.app.state.settings.root
    return Layout(root) if root is not None else None


@allow(*WORK)
async def inbox_page(request):
    layout = _layout(request)
    counts = await run_in_threadpool(request.app.state.registry.journal_counts)
    return page(request, "inbox.html", configured=layout is not None, counts=counts, saved=None, error=None)


@allow(*WORK)
async def inbox_upload(request):
    layout = _layout(request)
    if layout is None:
        raise HTTPException(404)
    settings = request.app.state.settings
    async with request.form(max_files=1, max_fields=5, max_part_size=64 * 1024) as form:
        upload = form.get("fails")
        try:
            saved = await save_upload(upload, layout.inbox, settings.max_upload_bytes)
            error = None
        except UploadRefused as e:
            saved, error = None, str(e)
    counts = await run_in_threadpool(request.app.state.registry.journal_counts)
    return page(request, "inbox.html", status=200 if error is None else 400, configured=True, counts=counts,
                saved=saved, error=error)
