"""Where the steps' documents are rendered: DIR/outbox of `asistents serve --dir DIR` (as the inbox's drafts),
else ./outbox."""
from __future__ import annotations

from pathlib import Path

from intake.layout import Layout


def outbox(request) -> Path:
    root = request.app.state.settings.root
    return Layout(root).outbox if root is not None else Path("outbox").resolve()
