"""Durable writes: a temporary name in the same folder, fsync, rename — never a half-written file.

Documents hold personal data: they are made with the private modes of `privacy` (0600, or 0640 with the
configured group), and folders made on the way 0700 / 0750, whatever the umask.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_bytes(d / "a.txt", b"sveiki")
PosixPath('...a.txt')
>>> (d / "a.txt").read_bytes()
b'sveiki'
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import privacy


def fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def replacing(path: Path, *, overwrite: bool = True, modes: privacy.Modes | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success fsync it and rename it into place.

    With `overwrite=False` an existing `path` is an error (FileExistsError) and is left as it was.
    `modes`: the private modes (default: what asistents.yaml says, `privacy.load()`).
    """
    path = Path(path)
    modes = privacy.load() if modes is None else modes
    privacy.makedirs(path.parent, modes)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        try:
            privacy.private_file(fd, modes)  # mkstemp's 0600 kept, or 0640 and the group
        finally:
            os.close(fd)
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if `path` exists: no silent overwrite
            tmp.unlink()
        fsync_dir(path.parent)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_bytes(path: Path, data: bytes, *, overwrite: bool = True) -> Path:
    with replacing(Path(path), overwrite=overwrite) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: Path, text: str, *, overwrite: bool = True) -> Path:
    return write_bytes(path, text.encode("utf-8"), overwrite=overwrite)
