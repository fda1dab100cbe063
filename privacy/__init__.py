"""Who may read what the toolkit writes: owner only by default, or the owner and one configured group.

The register, its `-wal`/`-shm` files, the intake folders, the log, every document and every backup hold
personal codes and disability data (special-category data, GDPR art. 9). They are made 0600 (files) and 0700
(folders) whatever the process umask is; with

```yaml
files:
  group: asistents      # the group a service account and the clerks share
```

in `asistents.yaml` (beside `municipality:`) they are 0640 / 0750 and belong to that group, so `asistents serve`
or `inbox watch` under a service account and the clerks in the group can both read them.

The file is found as `generator.config` finds it: `ASISTENTS_CONFIG`, else `./asistents.yaml`.

>>> import tempfile, pathlib, stat
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> m = Modes()
>>> oct(m.file), oct(m.folder)
('0o600', '0o700')
>>> oct(stat.S_IMODE(makedirs(d / "a" / "b", m).stat().st_mode))
'0o700'
>>> load(env={}, cwd=d) == Modes()
True
"""
from __future__ import annotations

import functools
import grp
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml

CONFIG_NAME = "asistents.yaml"
ENV_VAR = "ASISTENTS_CONFIG"


class ModesError(ValueError):
    """The `files:` setting cannot be applied; said in Latvian and English."""

    def __init__(self, message_lv: str, message_en: str):
        super().__init__(f"{message_lv} / {message_en}")
        self.message_lv, self.message_en = message_lv, message_en


@dataclass(frozen=True)
class Modes:
    """The modes to give: `group` None → owner only; a group name → owner and that group (read, folders enter)."""

    group: str | None = None
    gid: int | None = None

    @property
    def file(self) -> int:
        return 0o640 if self.gid is not None else 0o600

    @property
    def folder(self) -> int:
        return 0o750 if self.gid is not None else 0o700

    @classmethod
    def shared_with(cls, group: str) -> "Modes":
        try:
            return cls(group, grp.getgrnam(group).gr_gid)
        except KeyError:
            raise ModesError(f"grupa '{group}' (asistents.yaml files.group) šajā datorā nav",
                             f"the group '{group}' (asistents.yaml files.group) does not exist on this machine") from None


def config_path(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Path | None:
    """`ASISTENTS_CONFIG` if set, else ./asistents.yaml if it exists, else None."""
    env = os.environ if env is None else env
    if env.get(ENV_VAR):
        return Path(env[ENV_VAR])
    candidate = (cwd or Path.cwd()) / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load(env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Modes:
    """The modes `asistents.yaml` asks for (owner only when there is no file or no `files.group`)."""
    path = config_path(env, cwd)
    if path is None:
        return Modes()
    try:
        st = path.stat()
    except FileNotFoundError:
        return Modes()  # a missing named file is reported by the municipality settings, which need it
    return _read(str(path), st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=8)
def _read(path: str, _mtime_ns: int, _size: int) -> Modes:
    # keyed by mtime and size: every document write asks, the file is parsed once per change
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return Modes()  # the municipality settings report an unreadable file, naming the line
    files = data.get("files") if isinstance(data, dict) else None
    group = files.get("group") if isinstance(files, dict) else None
    if group in (None, ""):
        return Modes()
    return Modes.shared_with(str(group))


def apply(target: str | Path | int, mode: int, modes: Modes) -> None:
    """Give a file or folder (a path or an open descriptor) `mode` and, when set, the group.

    Someone else's file is left as it is when it already has them (a clerk in the group running a command on
    the service account's folder); otherwise the OS error says why it cannot be done.
    """
    st = os.stat(target)
    want_gid = modes.gid if modes.gid is not None else st.st_gid
    if (st.st_mode & 0o7777) == mode and st.st_gid == want_gid:
        return
    if st.st_uid != os.geteuid() and os.geteuid() != 0:
        return  # not ours to change; the owner's own runs keep it right
    if modes.gid is not None and st.st_gid != modes.gid:
        try:
            os.chown(target, -1, modes.gid)
        except PermissionError:
            raise ModesError(f"nevar piešķirt grupu '{modes.group}' failam {target}: šis konts nav grupā",
                             f"cannot give {target} to the group '{modes.group}': this account is not in it") from None
    os.chmod(target, mode)


def private_file(target: str | Path | int, modes: Modes) -> None:
    apply(target, modes.file, modes)


def private_folder(path: str | Path, modes: Modes) -> Path:
    apply(path, modes.folder, modes)
    return Path(path)


def makedirs(path: str | Path, modes: Modes) -> Path:
    """`mkdir -p` where each folder it makes gets the private folder mode (folders already there are kept)."""
    path = Path(path)
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by a concurrent writer
        private_folder(folder, modes)
    return path


def create_file(path: str | Path, modes: Modes) -> Path:
    """Make `path` an empty private file if it does not exist yet; an existing one gets the private mode."""
    path = Path(path)
    makedirs(path.parent, modes)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        private_file(fd, modes)
    finally:
        os.close(fd)
    return path
