"""One JSON line per file in `DIR/intake.log.jsonl`: hash, state, ids, timings — never names or personal codes.

>>> import tempfile, pathlib, json
>>> p = pathlib.Path(tempfile.mkdtemp()) / "log.jsonl"
>>> log = FileLog(p); log.write({"sha256": "ab", "state": "processed"}); log.close()
>>> json.loads(p.read_text())["state"]
'processed'
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import privacy


class FileLog:
    """Appends lines with O_APPEND (a whole line per write, so concurrent writers do not interleave).
    The file is private (`privacy`: 0600, or 0640 with the configured group) whatever the umask."""

    def __init__(self, path: Path, modes: privacy.Modes | None = None):
        self.path = Path(path)
        self.modes = modes
        self._fd: int | None = None

    def write(self, record: dict[str, Any]) -> None:
        if self._fd is None:
            modes = privacy.load() if self.modes is None else self.modes
            privacy.makedirs(self.path.parent, modes)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            privacy.private_file(self._fd, modes)
        line = {"at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"), "pid": os.getpid(),
                **record}
        os.write(self._fd, (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
