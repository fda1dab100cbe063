"""The package's own CSS and htmx (no CDN, no build step)."""
from __future__ import annotations

from starlette.staticfiles import StaticFiles

from web.render import STATIC


def static_app() -> StaticFiles:
    return StaticFiles(directory=STATIC)
