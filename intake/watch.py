"""Keep an inbox processed: a pass whenever the filesystem says something changed, and at least every
`interval` seconds anyway.

Filesystem events (watchdog: inotify on Linux) make the reaction quick; the timed pass is the polling fallback
and the periodic full rescan — inotify says nothing about files written on a network share by another machine,
and events can be dropped when its queue overflows. Every pass rescans the whole inbox, so nothing depends on
an event having arrived.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any, Callable

from intake.layout import Layout
from intake.pipeline import Options, PassSummary, Stop, process


def _observer(folder: Path, wake: threading.Event) -> Any | None:
    try:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:  # pragma: no cover - watchdog is a dependency; polling still works without it
        return None

    class Wake(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            wake.set()

    observer = Observer()
    try:
        observer.schedule(Wake(), str(folder), recursive=True)
        observer.daemon = True
        observer.start()
    except OSError:  # e.g. out of inotify watches: polling alone
        return None
    return observer


def watch(root: str | os.PathLike[str], *, registry: Any, interval: float = 5.0, options: Options | None = None,
          stop: Stop | None = None, on_pass: Callable[[PassSummary], None] | None = None,
          municipality: Any = None) -> int:
    """Run passes until `stop` is set; returns the number of passes made."""
    opts = options or Options(max_wait=0.0, failed_backoff=30.0)
    stop = stop if stop is not None else Stop()
    layout = Layout(Path(root)).ensure()
    wake = threading.Event()
    observer = _observer(layout.inbox, wake)
    passes = 0
    try:
        while not stop:
            wake.clear()
            summary = process(layout.root, registry=registry, progress=False, options=opts, stop=stop,
                              municipality=municipality)
            passes += 1
            if on_pass is not None:
                on_pass(summary)
            # Young files are looked at again once they may have settled; otherwise wait for an event or the
            # polling interval, whichever comes first.
            pause = min(interval, max(opts.settle, 0.05)) if summary.waiting else interval
            deadline = time.monotonic() + pause
            while not stop and not wake.is_set():
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                stop.wait(min(left, 0.1))
            if wake.is_set() and not stop:
                stop.wait(min(opts.settle, 0.5))  # let a burst of events (a folder moved in) finish arriving
    finally:
        if observer is not None:
            observer.stop()
            observer.join(timeout=5)
    return passes
