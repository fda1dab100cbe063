"""The sandbox's child lives no longer than its parent, and a child stopped from outside blames no file."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from parser import Sandbox
from parser.sandbox import SandboxInterrupted

ROOT = Path(__file__).resolve().parents[2]


def _letter(hostile_corpus) -> Path:
    return next(p for p in hostile_corpus if p.name == "letter.pdf")


def _long_scan(hostile_corpus, folder: Path) -> Path:
    """A copier scan of a 10-page letter: every page read whole by Tesseract, tens of seconds."""
    from pypdf import PdfReader, PdfWriter

    from forms.build import scan

    writer = PdfWriter()
    for _ in range(10):
        writer.add_page(PdfReader(_letter(hostile_corpus)).pages[0])
    buf = io.BytesIO()
    writer.write(buf)
    path = folder / "long-scan.pdf"
    path.write_bytes(scan(buf.getvalue(), dpi=150))
    return path


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2:].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            out.append(int(entry))
    return out


def test_reader_stopped_from_outside_is_not_the_files_fault(hostile_corpus, tmp_path):
    slow = _long_scan(hostile_corpus, tmp_path)
    with Sandbox() as box:
        box.parse(_letter(hostile_corpus))  # the child is up
        pid = box._proc.pid
        threading.Timer(1.0, os.kill, (pid, signal.SIGTERM)).start()  # e.g. a service manager stopping
        with pytest.raises(SandboxInterrupted):
            box.parse(slow)
        assert box.parse(_letter(hostile_corpus)).kind == "unknown"  # a fresh child goes on


def test_idle_reader_killed_between_files_blames_no_file(hostile_corpus):
    with Sandbox() as box:
        box.parse(_letter(hostile_corpus))
        os.kill(box._proc.pid, signal.SIGKILL)
        time.sleep(0.2)
        assert box.parse(_letter(hostile_corpus)).kind == "unknown"


def test_reader_and_its_group_die_with_their_parent(hostile_corpus, tmp_path):
    """The parent is killed with SIGKILL while its reader is in Tesseract: reader, guardian and Tesseract are
    gone a second later (the death signal kills the reader; the guardian the rest of its group)."""
    slow = _long_scan(hostile_corpus, tmp_path)
    script = ("import sys, threading\n"
              "from parser import Sandbox\n"
              "box = Sandbox()\n"
              "box.parse(sys.argv[1])\n"
              "print(box._proc.pid, flush=True)\n"
              "box.parse(sys.argv[2])\n")
    parent = subprocess.Popen([sys.executable, "-c", script, str(_letter(hostile_corpus)), str(slow)],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"})
    try:
        child = int(parent.stdout.readline())
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_group(child)) < 3:  # reader, guardian, Tesseract
            time.sleep(0.05)
        members = _group(child)
        assert len(members) >= 3, members
    finally:
        parent.kill()
        parent.wait()
    time.sleep(1.0)
    assert _group(child) == []


def test_a_reader_that_cannot_import_its_libraries_is_not_the_files_fault(tmp_path, monkeypatch):
    """A module missing from the installation (as after an upgrade that skipped scripts/setup) stops the reader
    before it sees any file: SandboxBroken (retried later), never a `crashed` ParseError that would send a good
    file to quarantine."""
    from parser import ParseError
    from parser.sandbox import Sandbox, SandboxBroken

    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "email_validator.py").write_text("raise ModuleNotFoundError(\"No module named 'email_validator'\")\n")
    monkeypatch.setenv("PYTHONPATH", str(shadow))
    sample = Path(__file__).resolve().parents[2] / "samples" / "applications" / "fillable" / "01.pdf"
    with Sandbox() as box:
        with pytest.raises(SandboxBroken) as caught:
            box.parse(sample)
    assert not isinstance(caught.value, ParseError)
    assert "scripts/setup" in str(caught.value)
