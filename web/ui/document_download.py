"""A generated document of a case, as an attachment; only documents recorded on that case are served.
`…/documents/ID.pdf` gives a DOCX as PDF, converted by LibreOffice (`generator.pdf`) into a temporary
folder for this answer (the register's document stays the editable DOCX)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse

from web.middleware.audit import record
from web.middleware.auth import READ, allow

MEDIA = {".pdf": "application/pdf",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


async def _document(request) -> Path:
    reg = request.app.state.registry
    case_id, document_id = request.path_params["case_id"], request.path_params["document_id"]
    documents = await run_in_threadpool(reg.documents, case_id)
    found = next((d for d in documents if d.id == document_id), None)
    path = Path(found.path) if found else None
    if path is not None and not path.is_absolute() and request.app.state.settings.root is not None:
        path = request.app.state.settings.root / path  # the inbox's drafts are recorded relative to DIR
    if path is None or not path.is_file():
        raise HTTPException(404)
    await record(request, "download", "document", document_id, case_id)
    return path


def _attachment(path: Path, **kwargs) -> FileResponse:
    return FileResponse(path, media_type=MEDIA.get(path.suffix.lower(), "application/octet-stream"),
                        filename=path.name, content_disposition_type="attachment", **kwargs)


@allow(*READ)
async def document_download(request):
    return _attachment(await _document(request))


@allow(*READ)
async def document_pdf(request):
    path = await _document(request)
    if path.suffix.lower() == ".pdf":
        return _attachment(path)
    if path.suffix.lower() != ".docx":
        raise HTTPException(404)
    from generator.pdf import convert_one

    folder = Path(tempfile.mkdtemp(prefix="dokuments-"))
    target = folder / f"{path.stem}.pdf"
    result = await run_in_threadpool(convert_one, path, target)
    if not result.ok or not target.is_file():
        shutil.rmtree(folder, ignore_errors=True)
        raise HTTPException(500)
    return _attachment(target, background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))
