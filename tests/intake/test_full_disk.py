"""A full disk: `inbox process` and `inbox watch` on a tmpfs of 4 MiB filled to its last few KiB. Every file
stays where it was (or ends in one place, whole), the trouble is said once in Latvian and English, the watcher
keeps going and resumes when space returns."""
from __future__ import annotations

import hashlib
import json
import signal
import subprocess
import time
from pathlib import Path

import pytest


@pytest.fixture
def small_disk(tmp_path):
    """DIR on a tmpfs of 4 MiB (root only: skipped elsewhere), unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({p.stderr.strip()}): needs root")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill(mount: Path, leave_kib: int) -> Path:
    """Take the disk's space but `leave_kib` KiB."""
    ballast = mount / "ballast"
    with open(ballast, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    size = ballast.stat().st_size
    with open(ballast, "r+b") as f:
        f.truncate(max(0, size - leave_kib * 1024))
    return ballast


def _inputs(h, filler, inbox: Path, n: int) -> dict[str, bytes]:
    out = {}
    for i in range(n):
        kind = "application" if i % 2 == 0 else "timesheet"
        data = filler.fill(kind, h.corpus.application(700 + i) if kind == "application" else h.corpus.timesheet(700 + i))
        p = inbox / f"fails-{i}.pdf"
        p.write_bytes(data)
        h.age(p)
        out[hashlib.sha256(data).hexdigest()] = data
    return out


def _each_input_in_one_place(h, root: Path, inputs: dict[str, bytes], done: bool) -> None:
    found = h.originals(root)
    assert set(found) == set(inputs), "an input was lost or another file appeared"
    for sha, places in found.items():
        assert len(places) == 1, places  # never copied, never half moved
        assert places[0].read_bytes() == inputs[sha]
        if done:
            assert places[0].parent.name != "inbox", places
    for line in (root / "intake.log.jsonl").read_bytes().splitlines() if (root / "intake.log.jsonl").exists() else []:
        json.loads(line)  # no half line in the log


@pytest.mark.parametrize("free_kib", [0, 16, 96, 300, 350])
def test_inbox_process_on_a_full_disk_leaves_every_file_retryable(h, filler, small_disk, free_kib):
    root = small_disk / "intake"
    (root / "inbox").mkdir(parents=True)
    inputs = _inputs(h, filler, root / "inbox", 4)
    ballast = _fill(small_disk, free_kib)
    p = subprocess.run(h.inbox_cmd("process", root, "--json", "--no-render"), capture_output=True, text=True,
                       env=h.env(), cwd=h.ROOT, timeout=300)
    assert p.returncode == 1, (p.stdout, p.stderr)
    assert "Traceback" not in p.stderr, p.stderr
    summary = json.loads(p.stdout)
    assert summary["problem"]["code"] == "no_space", summary
    assert "nav brīvas vietas" in summary["problem"]["message_lv"]
    assert "no space left" in summary["problem"]["message_en"]
    _each_input_in_one_place(h, root, inputs, done=False)
    ballast.unlink()  # space again
    summary = h.run_process(root, "--no-render")
    assert summary["problem"] is None and summary["failed"] == 0, summary
    _each_input_in_one_place(h, root, inputs, done=True)
    assert h.scalar(root, "SELECT count(*) FROM applications") == 2
    assert h.scalar(root, "SELECT count(*) FROM timesheets") == 2


def test_inbox_watch_says_it_once_keeps_going_and_resumes(h, filler, small_disk):
    root = small_disk / "intake"
    (root / "inbox").mkdir(parents=True)
    inputs = _inputs(h, filler, root / "inbox", 4)
    ballast = _fill(small_disk, 0)  # full before the watcher starts: not even the register can be made
    watcher = subprocess.Popen(h.inbox_cmd("watch", root, "--interval", "0.3", "--no-render"),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=h.env(), cwd=h.ROOT)
    try:
        time.sleep(5.0)  # many intervals on the full disk
        assert watcher.poll() is None, watcher.communicate()
        ballast.unlink()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and h.files_under(root / "inbox"):
            time.sleep(0.2)
        assert watcher.poll() is None
    finally:
        watcher.send_signal(signal.SIGTERM)
        out, err = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, err
    assert "Traceback" not in err, err
    assert out.count("nav brīvas vietas") == 1 and out.count("no space left") == 1, out
    assert out.count("Darbs atsākts") == 1, out
    _each_input_in_one_place(h, root, inputs, done=True)
