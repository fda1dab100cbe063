"""The Annex 2 page (point 24): a month's figures from the register, and the report to download as XLSX, DOCX
or PDF — made by the same functions as `asistents report annex2` (`registry.annex2.compute` and the command's
writer), into a temporary file that is served and removed."""
from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse

from asistents.commands.report import _write as write_report
from asistents.output import UserError
from generator.config import load_municipality
from registry import annex2
from web.forms.common import month_of
from web.middleware.auth import READ, allow
from web.render import page
from web.ui.document_download import MEDIA

FORMATS = ("xlsx", "docx", "pdf")


def _compute(reg, year: int, month: int):
    municipality = load_municipality()
    return annex2.compute(reg, year, month, municipality.genitive), municipality


@allow(*READ)
async def annex2_page(request):
    text = request.query_params.get("menesis", "")
    report, error = None, None
    if text:
        chosen = month_of(text)
        if chosen is None:
            error = "Norādiet mēnesi formā GGGG-MM, piemēram, 2019-03."
        else:
            try:
                report, _ = await run_in_threadpool(_compute, request.app.state.registry, *chosen)
            except annex2.ReportPeriodError as e:
                error = e.message_lv
    return page(request, "annex2.html", status=400 if error else 200, month=text, report=report, error=error,
                formats=FORMATS)


@allow(*READ)
async def annex2_download(request):
    year, month, fmt = request.path_params["year"], request.path_params["month"], request.path_params["fmt"]
    if fmt not in FORMATS:
        raise HTTPException(404)
    try:
        report, municipality = await run_in_threadpool(_compute, request.app.state.registry, year, month)
    except annex2.ReportPeriodError:
        raise HTTPException(404) from None
    folder = Path(tempfile.mkdtemp(prefix="annex2-web-"))
    out = folder / f"pielikums2-{year}-{month:02d}.{fmt}"
    try:
        await run_in_threadpool(write_report, report, out, municipality)
    except UserError:
        _remove(folder)
        raise HTTPException(500) from None
    return FileResponse(out, media_type=MEDIA[f".{fmt}"], filename=out.name, content_disposition_type="attachment",
                        background=BackgroundTask(_remove, folder))


def _remove(folder: Path) -> None:
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
