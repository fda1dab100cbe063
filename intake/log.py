"""One JSON line per file in `DIR/intake.log.jsonl`: hash, state, ids, timings — never names or personal codes.

>>> import tempfile, pathlib, json
>>> p = pathlib.Path(tempfile.mkdtemp()) / "log.jsonl"
>>> log = FileLog(p); log.write({"sha256": "ab", "state": "processed"}); log.close()
>>> json.loads(p.read_text())["state"]
'processed'
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
from pathlib import Path
from typing import Any

import privacy


class FileLog:
    """Appends lines with O_APPEND (a whole line per write, so concurrent writers do not interleave). A write the
    disk cannot take raises OSError and leaves the log as it was (one pass writes at a time: the folder lock).
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
        data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
        end = os.lseek(self._fd, 0, os.SEEK_END)
        try:
            if os.write(self._fd, data) != len(data):  # a full disk can take part of a line
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self.path))
        except OSError:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, end)  # no half line left for a reader to choke on
            raise

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
