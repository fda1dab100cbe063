"""The workbench as an ASGI application: `create_app(Settings) -> Starlette` (served by `asistents serve`).

The stack, outermost first: security headers and the access log (route templates only, never a query string or
a personal code) → the session (a server-side row per login) → CSRF (a token bound to the browser's cookie and the session,
`web.middleware.csrf`) → the routes, each declaring the roles it admits (`web.middleware.auth.allow`).
"""
from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.middleware import Middleware

import registry
from registry import users
from web.middleware.accesslog import AccessLog
from web.middleware.csrf import Csrf
from web.middleware.security import SecurityHeaders
from web.middleware.session import Sessions
from web.render import templates
from web.routes import routes
from web.ui.review_crop import CropCache
from web.settings import Settings


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or Settings()
    reg = registry.open(settings.db_url)
    secret = users.secret_key(reg)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        reg.close()

    app = Starlette(
        routes=routes(),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(AccessLog),
            Middleware(Sessions),
            Middleware(Csrf, secret=secret, settings=settings),
        ],
        lifespan=lifespan,
        exception_handlers=_errors(),
    )
    app.state.registry = reg
    app.state.settings = settings
    app.state.templates = templates()
    app.state.crops = CropCache()
    return app


def _errors():
    from web.ui.errors import handle_http_error

    return {404: handle_http_error, 403: handle_http_error, 405: handle_http_error, 413: handle_http_error,
            400: handle_http_error}
