"""Fair retries: kills that are not a file's doing are not held against it. A good scan interrupted by SIGKILL
again and again (more often than the old limit of 10 cut-short attempts) is processed in the end; a file that
stops its own parser (its wall-time limit) is quarantined at its first complete try."""
from __future__ import annotations

import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

# One pass in a process of its own, through the library (the wall-time limit is not a command-line option).
RUNNER = """
import sys
import registry
from intake.pipeline import Options, process
from parser import Limits

root = sys.argv[1]
reg = registry.open(f"sqlite:///{root}/asistents.db")
try:
    process(root, registry=reg, progress=False,
            options=Options(render=False, settle=0.3, max_wait=0.0, limits=Limits(wall_seconds=float(sys.argv[2]))))
finally:
    reg.close()
"""


def _run(h, root: Path, wall: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", RUNNER, str(root), str(wall)], env=h.env(), cwd=h.ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _long_scan(h, tmp_path: Path) -> bytes:
    """A copier scan of a 10-page letter: its reader needs far more than the 15 s it is given here."""
    from pypdf import PdfReader, PdfWriter

    from forms.build import scan

    page = PdfReader(h.hostile.letter(tmp_path)).pages[0]
    writer = PdfWriter()
    for _ in range(10):
        writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return scan(buf.getvalue(), dpi=600)  # 35 Mpx a page; the innocent scan reads in 3–6 s here


def test_innocent_file_survives_12_kills_one_that_stops_its_parser_is_quarantined(h, filler, intake_dir, tmp_path):
    from forms.build import scan

    inbox = intake_dir / "inbox"
    innocent = scan(filler.fill("application", h.corpus.application(600)))  # its reader takes seconds (OCR)
    crasher = _long_scan(h, tmp_path)
    for name, data in (("a-labs.pdf", innocent), ("b-lasitajs-neiztur.pdf", crasher)):
        (inbox / name).write_bytes(data)
        h.age(inbox / name)
    good, bad = hashlib.sha256(innocent).hexdigest(), hashlib.sha256(crasher).hexdigest()

    def attempts() -> int:
        try:
            return h.journal(intake_dir).get(good, {}).get("attempts", 0)
        except Exception:  # the register is being made
            return 0

    kills = 0
    for _ in range(12):
        before = attempts()
        proc = _run(h, intake_dir, 15.0)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and attempts() == before and proc.poll() is None:
            time.sleep(0.02)
        assert attempts() > before and proc.poll() is None, "the good file was not taken up"
        time.sleep(0.3)  # it is being read now, beside the other one: a kill that is not its doing
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
    journal = h.journal(intake_dir)
    assert journal[good]["state"] == "processing" and journal[good]["attempts"] >= 12 and journal[good]["faults"] == 0
    proc = _run(h, intake_dir, 15.0)  # left alone this time
    assert proc.wait(timeout=600) == 0, proc.stderr.read()
    journal = h.journal(intake_dir)
    assert journal[good]["state"] in ("processed", "needs_review"), journal[good]
    assert journal[good]["faults"] == 0
    assert h.scalar(intake_dir, f"SELECT count(*) FROM applications WHERE source_sha256 = '{good}'") == 1
    assert journal[bad]["state"] == "quarantined", journal[bad]
    [q] = (intake_dir / "quarantine").glob("*.pdf")
    reason = json.loads(q.with_name(q.name + ".reason.json").read_text(encoding="utf-8"))
    # On a quiet machine the parser may tell the letter is no form of ours before the 15 s are up (seen in a
    # clean-clone CI run): set aside either way at its first complete try, never after 12 interrupted ones.
    assert reason["code"] in ("timeout", "unknown_form") and q.with_name(q.name + ".reason.txt").exists()
    assert h.files_under(inbox) == []
