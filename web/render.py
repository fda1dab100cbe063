"""Pages from Jinja2 templates (autoescape on for everything, a missing variable is an error) with the
Latvian formatting of the documents (`generator.lv`)."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import jinja2
from starlette.responses import HTMLResponse

from generator import lv
from web.middleware.csrf import token

HERE = Path(__file__).parent
STATIC = HERE / "static"


def _static_version() -> str:
    digest = hashlib.sha256()
    for f in sorted(STATIC.iterdir()):
        if f.is_file():
            digest.update(f.read_bytes())
    return digest.hexdigest()[:10]


def _date(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        return f"{lv.date_lv(value.date())} {value.astimezone():%H:%M}"
    return lv.date_lv(value)


def templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["date_lv"] = _date
    env.filters["money"] = lambda v: "—" if v is None else lv.money(v)
    env.filters["number"] = lambda v, places=None: "—" if v is None else lv.number(v, places)
    env.globals["static_version"] = _static_version()
    env.globals["month_year_lv"] = lv.month_year_lv
    env.filters["dates_lv"] = lv.dates_in_text  # ISO dates inside a message, as Latvian text writes them
    return env


def render(request, name: str, **context) -> str:
    env: jinja2.Environment = request.app.state.templates
    return env.get_template(name).render(request=request, user=request.scope.get("user"), csrf=token(request),
                                         **context)


def page(request, name: str, status: int = 200, **context) -> HTMLResponse:
    return HTMLResponse(render(request, name, **context), status_code=status)
