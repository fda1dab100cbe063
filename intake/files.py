"""Files in the inbox: finding them, telling when they are complete, hashing them, moving them durably.

A file is *settled* when its last change (mtime) is at least `settle` seconds old and it has bytes; it is
then read whole to hash it and stat-ed again — a size or mtime that moved meanwhile means a writer is still
at it, and the file waits for the next look. Zero-byte files are scanners' placeholders: they wait, up to
`empty_limit` seconds, and are set aside after that.

Moves never overwrite and never lose a file: the original is hard-linked to its new name (which fails if the
name is taken), the new folder is fsync-ed, and only then is the old name removed and its folder fsync-ed.
A crash between leaves both names on the same bytes, which the next pass recognises.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import privacy
from generator.atomic import fsync_dir
from intake.layout import is_partial

CHUNK = 1 << 20


@dataclass(frozen=True)
class Seen:
    """A file as one look found it."""

    path: Path
    size: int
    mtime_ns: int

    def age(self, now: float | None = None) -> float:
        return (time.time() if now is None else now) - self.mtime_ns / 1e9


def discover(inbox: Path) -> Iterator[Seen]:
    """Every candidate file under `inbox` (recursively), oldest first within a folder walk.

    Hidden files and folders, office lock files and partial-download names are left alone; so are symbolic
    links (a link could point anywhere on the machine)."""
    stack = [inbox]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        found = []
        for entry in entries:
            if is_partial(entry.name):
                continue
            try:
                if entry.is_symlink():
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    st = entry.stat(follow_symlinks=False)
                    found.append(Seen(Path(entry.path), st.st_size, st.st_mtime_ns))
            except FileNotFoundError:  # moved away while we looked
                continue
        found.sort(key=lambda s: (s.mtime_ns, s.path.name))
        yield from found


def restat(path: Path) -> Seen | None:
    try:
        st = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return None
    return Seen(path, st.st_size, st.st_mtime_ns)


def hash_file(seen: Seen) -> str | None:
    """SHA-256 of the whole file, or None when it changed (size, mtime) while being read or vanished."""
    h = hashlib.sha256()
    try:
        with open(seen.path, "rb") as f:
            st = os.fstat(f.fileno())
            if (st.st_size, st.st_mtime_ns) != (seen.size, seen.mtime_ns):
                return None
            read = 0
            while chunk := f.read(CHUNK):
                h.update(chunk)
                read += len(chunk)
            st = os.fstat(f.fileno())
    except (FileNotFoundError, IsADirectoryError):
        return None
    if read != seen.size or (st.st_size, st.st_mtime_ns) != (seen.size, seen.mtime_ns):
        return None
    return h.hexdigest()


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except FileNotFoundError:
        return False


def move(src: Path, dst: Path) -> Path:
    """Move `src` to `dst` without overwriting anything: link, fsync, unlink, fsync.

    If `dst` is already a link to the same file (a crash between link and unlink), `src` is the redundant name
    and is removed; any other file at `dst` is never touched (FileExistsError). Across filesystems the bytes are copied to a temporary name, fsync-ed and
    renamed into place first."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except FileExistsError:
        if not same_file(src, dst):  # only our own earlier link counts as done; anything else is kept
            raise
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        tmp = dst.with_name(f".{dst.name}.moving.tmp")
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            shutil.copyfileobj(fin, fout, CHUNK)
            fout.flush()
            os.fsync(fout.fileno())
        try:
            os.link(tmp, dst)
        finally:
            tmp.unlink()
    privacy.private_file(dst, privacy.load())  # a clerk's 0644 original becomes private where it is kept
    fsync_dir(dst.parent)
    os.unlink(src)
    fsync_dir(src.parent)
    return dst


def free_name(path: Path) -> Path:
    """`path`, or `path` with -2, -3 … before the suffix: the first name not taken (for duplicate copies)."""
    if not path.exists():
        return path
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


def prune_empty_folders(inbox: Path, older_than: float) -> None:
    """Remove sub-folders of the inbox left empty after their files moved on (not the inbox itself, not a
    folder changed in the last `older_than` seconds — it may be being moved in or filled right now)."""
    now = time.time()
    for folder, dirs, files in os.walk(inbox, topdown=False):
        path = Path(folder)
        if path == inbox or files or dirs:
            continue
        try:
            if now - path.stat().st_mtime < older_than:
                continue
            path.rmdir()  # fails (and is ignored) if something arrived meanwhile
        except OSError:
            continue
