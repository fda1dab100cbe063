"""Crops of scans drawn from several threads at once, as the web workbench draws them in its thread pool."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CROP_TOGETHER = textwrap.dedent("""
    import sys, threading
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from parser.crop import page_crops
    scans = Path(sys.argv[1], "samples/applications/scanned")
    start, errors, sizes = threading.Barrier(6), [], []

    def crop(n):
        data = (scans / f"{n}.pdf").read_bytes()
        start.wait()
        try:
            sizes.append(len(page_crops(data, 0, {"a": (40, 100, 300, 130)}, kind="application", scanned=True)["a"]))
        except Exception as e:  # noqa: BLE001 - the test reports what went wrong
            errors.append(repr(e))

    threads = [threading.Thread(target=crop, args=(n,)) for n in ("01", "02", "03") * 2]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print("\\n".join(errors) or min(sizes))
""")


def test_crops_of_scans_drawn_by_threads_of_a_fresh_process_at_once_all_draw():
    """A fresh process has not rendered the blank form yet: the first crops render it (with pdfium) while
    others render their scans (pdfium is not safe from two threads: "Failed to load page", "no four corner
    registration squares", and every crop after that failed)."""
    for _ in range(4):
        done = subprocess.run([sys.executable, "-c", CROP_TOGETHER, str(ROOT)], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().isdigit() and int(done.stdout) > 100, done.stdout
