"""Trouble outside the files that holds every file back alike — a full disk — told apart from a file's own failure,
and said once, in Latvian and English.

>>> out_of_space(OSError(28, "No space left on device")), out_of_space(ValueError("x"))
(True, False)
>>> no_space("/srv/asistents").code
'no_space'
"""
from __future__ import annotations

import errno
import os
from dataclasses import asdict, dataclass
from typing import Any

# sqlite3 error codes: "database or disk is full", and "unable to enlarge the shared memory file" (the WAL
# index: its only cause on Linux is a full disk, which SQLite reports as a "disk I/O error")
_SQLITE_NO_SPACE = {13, 4874}
_PG_DISK_FULL = "53100"  # PostgreSQL SQLSTATE disk_full


@dataclass(frozen=True)
class Problem:
    """Why a pass stopped early; every file it did not finish is still in the inbox, to be taken up again."""

    code: str
    message_lv: str
    message_en: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def out_of_space(error: BaseException | None) -> bool:
    """Whether `error` (or what it wraps: SQLAlchemy's `orig`, a cause or context) says the disk or quota is full."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if getattr(error, "sqlite_errorcode", None) in _SQLITE_NO_SPACE or getattr(error, "sqlstate", None) == _PG_DISK_FULL:
            return True
        error = getattr(error, "orig", None) or error.__cause__ or error.__context__
    return False


def no_space(folder: str | os.PathLike[str]) -> Problem:
    return Problem(
        "no_space",
        f"diskā nav brīvas vietas ({folder}) — faili paliek iesūtnē un tiks apstrādāti, kad vieta būs atbrīvota; "
        "atbrīvojiet vietu diskā",
        f"no space left on the disk ({folder}) — the files stay in the inbox and are processed once space is "
        "freed; free some disk space")
