"""CSRF protection on every request that is not GET/HEAD/OPTIONS: a synchronizer token bound to the browser
and its login session.

The browser holds a random `asistents_csrf` cookie (HttpOnly, SameSite=Strict, Secure over https); the token
in each form (`csrftoken` field) and in htmx's `x-csrftoken` header is HMAC-SHA256(key, cookie | session id)
with a key kept in the register. A request without the cookie, with another browser's token, or with a token
from before the login (the session id changed) is refused with 403 before any endpoint runs. The form is parsed
with Starlette's own parser from the buffered body (bounded by `web.middleware.security`) and the body is then
handed on unchanged.

Written here rather than taken from asgi-csrf: its multipart check fails with the python-multipart that
Starlette needs (`FormParser(FileClass=…)` was renamed), and its token is not bound to the session.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.requests import Request

from web.middleware.session import is_https, session_token

COOKIE = "asistents_csrf"
FIELD = "csrftoken"
HEADER = b"x-csrftoken"
SAFE = {"GET", "HEAD", "OPTIONS"}


class _Token:
    """What a page asks for: `token()` (and the cookie is set on the answer if the browser had none)."""

    def __init__(self, key: bytes, cookie: str | None, session: str | None):
        self.key, self.cookie, self.session = key, cookie, session
        self.new_cookie: str | None = None

    def token(self) -> str:
        if self.cookie is None:
            self.cookie = self.new_cookie = secrets.token_urlsafe(32)
        return expected(self.key, self.cookie, self.session)


def expected(key: bytes, cookie: str, session: str | None) -> str:
    return hmac.new(key, f"{cookie}|{session or ''}".encode(), hashlib.sha256).hexdigest()


def _cookie(scope, name: str) -> str | None:
    return session_token(scope, name)


class Csrf:
    def __init__(self, app, secret: str, settings):
        self.app, self.key, self.settings = app, secret.encode(), settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        cookie = _cookie(scope, COOKIE)
        state = _Token(self.key, cookie, scope.get("session_token"))
        scope = {**scope, "csrf": state}

        async def send_with_cookie(message):
            if message["type"] == "http.response.start" and state.new_cookie:
                parts = [f"{COOKIE}={state.new_cookie}", "Path=/", "HttpOnly", "SameSite=Strict"]
                if is_https(scope, self.settings):
                    parts.append("Secure")
                message = {**message, "headers": list(message.get("headers", [])) +
                           [(b"set-cookie", "; ".join(parts).encode())]}
            await send(message)

        if scope["method"] in SAFE:
            return await self.app(scope, receive, send_with_cookie)

        messages = []
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request" or not message.get("more_body"):
                break
        given = dict(scope["headers"]).get(HEADER, b"").decode("latin-1")
        if not given:
            given = await _form_token(scope, messages)
        if cookie is None or not given or not hmac.compare_digest(
                given.encode(), expected(self.key, cookie, scope.get("session_token")).encode()):
            return await _refused(send)

        replay = list(messages)

        async def replay_receive():
            return replay.pop(0) if replay else await receive()

        await self.app(scope, replay_receive, send_with_cookie)


async def _form_token(scope, messages) -> str:
    content_type = dict(scope["headers"]).get(b"content-type", b"")
    if not content_type.startswith((b"application/x-www-form-urlencoded", b"multipart/form-data")):
        return ""
    replay = list(messages)

    async def receive():
        return replay.pop(0) if replay else {"type": "http.request", "body": b"", "more_body": False}

    try:
        async with Request(scope, receive).form(max_files=5, max_fields=50) as form:
            value = form.get(FIELD)
            return value if isinstance(value, str) else ""
    except Exception:  # a malformed body carries no valid token
        return ""


async def _refused(send):
    body = ("Pieprasījums noraidīts: trūkst derīga CSRF žetona. Atveriet lapu no jauna un mēģiniet vēlreiz."
            ).encode()
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def token(request) -> str:
    """The token for a page's forms."""
    return request.scope["csrf"].token()
