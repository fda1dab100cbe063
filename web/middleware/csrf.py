"""CSRF: asgi-csrf's double-submit cookie (signed with a key kept in the register), checked on every request
that is not GET/HEAD/OPTIONS/TRACE — from the `csrftoken` form field (first field of a multipart form) or the
`x-csrftoken` header htmx sends. `/login` is protected even without cookies (login CSRF). The cookie gets
`Secure` on requests that came over https (see `web.middleware.session.is_https`)."""
from __future__ import annotations

from asgi_csrf import asgi_csrf
from starlette.middleware import Middleware

from web.middleware.session import is_https

FIELD = "csrftoken"  # asgi-csrf's fixed form field name


async def _refused(scope, send, message_id):
    body = ("Pieprasījums noraidīts: trūkst derīga CSRF žetona. Atveriet lapu no jauna un mēģiniet vēlreiz."
            ).encode()
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
    await send({"type": "http.response.body", "body": body})


class _Csrf:
    def __init__(self, app, secret: str, settings):
        options = dict(signing_secret=secret, always_protect={"/login"}, cookie_samesite="Strict",
                       send_csrf_failed=_refused)
        self.plain = asgi_csrf(app, cookie_secure=False, **options)
        self.secure = asgi_csrf(app, cookie_secure=True, **options)
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and is_https(scope, self.settings):
            return await self.secure(scope, receive, send)
        return await self.plain(scope, receive, send)


def csrf_middleware(secret: str, settings) -> Middleware:
    return Middleware(_Csrf, secret=secret, settings=settings)


def token(request) -> str:
    """The token for a form (sets the cookie on this answer if the browser has none yet)."""
    return request.scope["csrftoken"]()
