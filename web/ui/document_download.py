"""A generated document of a case, as an attachment; only documents recorded on that case are served."""
from __future__ import annotations

from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse

from web.middleware.auth import READ, allow

MEDIA = {".pdf": "application/pdf",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@allow(*READ)
async def document_download(request):
    reg = request.app.state.registry
    case_id, document_id = request.path_params["case_id"], request.path_params["document_id"]
    documents = await run_in_threadpool(reg.documents, case_id)
    found = next((d for d in documents if d.id == document_id), None)
    path = Path(found.path) if found else None
    if path is None or not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, media_type=MEDIA.get(path.suffix.lower(), "application/octet-stream"),
                        filename=path.name, content_disposition_type="attachment")
