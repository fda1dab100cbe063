"""No parser process outlives the watcher: SIGKILL of the watcher's process group while its sandboxed readers
(and the Tesseract they started) are at work leaves none of them alive a second later."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, parent pid, start time) of a process, None when it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = raw[raw.rindex(")") + 2:].split()  # the command name may hold spaces and parentheses
    return fields[0], int(fields[1]), int(fields[19])


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def _descendants(root: int) -> dict[int, tuple[int, str]]:
    """Every live descendant of `root`: pid → (start time, command name)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))) is not None:
            children.setdefault(st[1], []).append(int(entry))
    out, stack = {}, [root]
    while stack:
        for pid in children.get(stack.pop(), []):
            st = _stat(pid)
            if st is not None and st[0] != "Z":
                out[pid] = (st[2], _comm(pid))
                stack.append(pid)
    return out


def _alive(pid: int, started: int) -> bool:
    st = _stat(pid)
    return st is not None and st[0] != "Z" and st[2] == started


def _long_scan(h, tmp_path: Path) -> bytes:
    """A copier scan of a 10-page letter: no form, so every page is read whole by Tesseract (tens of seconds)."""
    import io

    from pypdf import PdfReader, PdfWriter

    from forms.build import scan

    page = PdfReader(h.hostile.letter(tmp_path)).pages[0]
    writer = PdfWriter()
    for _ in range(10):
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return scan(buf.getvalue(), dpi=150)


def test_no_parser_child_is_alive_1_s_after_the_watchers_group_is_killed(h, intake_dir, tmp_path):
    inbox = intake_dir / "inbox"
    data = _long_scan(h, tmp_path)
    for i in range(2):  # two readers, each in Tesseract for much longer than the second looked at below
        p = inbox / f"skenets-{i}.pdf"
        p.write_bytes(data + b"\n%" + str(i).encode() + b"\n")  # different bytes: both are read
        h.age(p)
    watcher = subprocess.Popen(h.inbox_cmd("watch", intake_dir, "--interval", "0.5", "--no-render"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=h.env(), cwd=h.ROOT,
                               start_new_session=True)
    try:
        seen: dict[int, tuple[int, str]] = {}
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and watcher.poll() is None:
            seen.update(_descendants(watcher.pid))
            if any(name == "tesseract" for _, name in seen.values()):
                break
            time.sleep(0.05)
        names = sorted(name for _, name in seen.values())
        assert "tesseract" in names, names  # readers at work, one of them in Tesseract
        assert sum(name.startswith("python") for name in names) >= 2, names  # readers and their guardians
        seen.update(_descendants(watcher.pid))
    finally:
        os.killpg(watcher.pid, signal.SIGKILL)  # the whole group, as a service manager or a terminal does
        watcher.wait()
    time.sleep(1.0)
    survivors = {pid: name for pid, (started, name) in seen.items() if _alive(pid, started)}
    assert survivors == {}, survivors
    assert len(h.files_under(inbox)) >= 1  # it was killed in the middle of its work
