"""An uploaded PDF for the inbox: checked (a PDF, not empty, within the limit) and stored atomically."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

import privacy
from intake.files import free_name
from intake.layout import slug

CHUNK = 256 * 1024


class UploadRefused(ValueError):
    """Said to the clerk (Latvian)."""


async def save_upload(upload, inbox: Path, limit: int) -> str:
    """Store `upload` in `inbox` under a safe name; the name it got."""
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise UploadRefused("Izvēlieties PDF failu.")
    head = await upload.read(5)
    if head != b"%PDF-":
        raise UploadRefused("Fails nav PDF. Iesūtnē var ielikt tikai PDF failus.")
    inbox.mkdir(parents=True, exist_ok=True)
    part = inbox / f".augsupielade-{secrets.token_hex(8)}.part"  # hidden .part: the intake skips it
    size = len(head)
    try:
        with open(part, "xb") as out:
            privacy.private_file(out.fileno(), privacy.load())  # an application: 0600 (0640 with files.group)
            out.write(head)
            while chunk := await upload.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise UploadRefused(f"Fails ir lielāks par {limit // (1024 * 1024)} MB.")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        name = await run_in_threadpool(_place, part, inbox, f"{slug(upload.filename)}.pdf")
    finally:
        part.unlink(missing_ok=True)
    return name


def _place(part: Path, inbox: Path, name: str) -> str:
    while True:
        target = free_name(inbox / name)
        try:
            os.link(part, target)  # fails if the name was taken meanwhile: never over another file
        except FileExistsError:
            continue
        return target.name
