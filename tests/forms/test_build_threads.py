"""The blank forms drawn from several threads at once, as the web workbench draws crops in its thread pool."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DRAW_TOGETHER = textwrap.dedent("""
    import sys, threading
    sys.path.insert(0, sys.argv[1])
    from forms import build
    start, errors = threading.Barrier(6), []

    def draw(kind):
        start.wait()
        try:
            build._printed.__wrapped__(kind)  # the blank as printed, drawn afresh (not from the cache)
            build.fill(kind, {}, "flattened")  # and values printed over it
        except Exception as e:  # noqa: BLE001 - the test reports what went wrong
            errors.append(repr(e))

    threads = [threading.Thread(target=draw, args=(k,)) for k in ("application", "timesheet") * 3]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print("\\n".join(errors))
""")


def test_blank_forms_drawn_by_threads_of_a_fresh_process_at_once_all_draw():
    """Each run is a fresh process, so the fonts are registered by the racing threads themselves (a thread
    that found the regular face registered drew with a bold face not yet registered: KeyError; reportlab
    is not safe from two threads at once at all)."""
    for _ in range(8):
        done = subprocess.run([sys.executable, "-c", DRAW_TOGETHER, str(ROOT)], capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "", done.stdout
