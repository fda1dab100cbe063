"""Files → regulation records: form kind detection, AcroForm fields, the text layer, OCR of scans.

`parse_file(path)` reads one application or monthly timesheet PDF (fillable, flattened or scanned) in a
sandboxed child process and returns a `ParseResult` with the record, per-field confidence and issues, or
raises `ParseError` for a file that cannot be read.
"""
from __future__ import annotations

import os
import tempfile

from parser.result import FieldReading, Issue, Limits, ParseError, ParseResult, Source

__all__ = ["parse_file", "parse_bytes", "ParseResult", "ParseError", "FieldReading", "Issue", "Source", "Limits",
           "Sandbox"]


def parse_file(path: str | os.PathLike[str], *, sandbox: bool = True, limits: Limits | None = None) -> ParseResult:
    """Read one form file. With `sandbox` (the default) in a child process under CPU, memory and time limits."""
    if sandbox:
        from parser.sandbox import parse_in_sandbox

        return parse_in_sandbox(path, limits)
    from parser.errors import error
    from parser.read import parse_bytes_unsandboxed

    name = str(path)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except (FileNotFoundError, PermissionError, IsADirectoryError) as e:
        raise error("not_found", name, detail=type(e).__name__) from None
    return parse_bytes_unsandboxed(data, name, limits=limits)


def parse_bytes(data: bytes, name: str = "<bytes>", *, sandbox: bool = True,
                limits: Limits | None = None) -> ParseResult:
    """Read a form from bytes; `name` is reported as the file."""
    if not sandbox:
        from parser.read import parse_bytes_unsandboxed

        return parse_bytes_unsandboxed(data, name, limits=limits)
    with tempfile.TemporaryDirectory(prefix="asistents-parse-") as tmp:
        path = os.path.join(tmp, "input.pdf")
        with open(path, "wb") as f:
            f.write(data)
        try:
            result = parse_file(path, sandbox=True, limits=limits)
        except ParseError as e:
            e.file = name
            raise
    return result.model_copy(update={"file": name})


def __getattr__(name: str):
    if name == "Sandbox":
        from parser.sandbox import Sandbox

        return Sandbox
    raise AttributeError(name)
