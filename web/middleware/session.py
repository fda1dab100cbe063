"""The login session: a random token in an HttpOnly, SameSite=Strict cookie (Secure over https), looked up in
the register's `web_sessions` on every request (`registry.users.session_user`); the user goes to
`scope["user"]`. A server-side row, not a signed cookie, so logout, a disabled user or a new password end the
session at once and the id can be replaced at login."""
from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.concurrency import run_in_threadpool

from registry import users

COOKIE = "asistents_session"


def is_https(scope, settings) -> bool:
    """Over TLS: directly, or by X-Forwarded-Proto from a proxy on this machine; `secure_cookies` overrides."""
    if settings.secure_cookies in ("always", "never"):
        return settings.secure_cookies == "always"
    if scope.get("scheme") == "https":
        return True
    client = scope.get("client") or ("", 0)
    if client[0] in ("127.0.0.1", "::1"):
        proto = dict(scope["headers"]).get(b"x-forwarded-proto", b"")
        return proto.split(b",")[0].strip().lower() == b"https"
    return False


def session_token(scope, name: str = COOKIE) -> str | None:
    """The value of cookie `name` (default: the session's) from the request, or None."""
    for header, value in scope["headers"]:
        if header == b"cookie":
            jar = SimpleCookie()
            try:
                jar.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header: as if there were none
                return None
            if name in jar and jar[name].value:
                return jar[name].value
    return None


def cookie_header(scope, settings, token: str | None) -> tuple[bytes, bytes]:
    """Set-Cookie for `token` (None: delete it)."""
    parts = [f"{COOKIE}={token or ''}", "Path=/", "HttpOnly", "SameSite=Strict"]
    if token is None:
        parts.append("Max-Age=0")
    if is_https(scope, settings):
        parts.append("Secure")
    return b"set-cookie", "; ".join(parts).encode()


class Sessions:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        user = None
        token = session_token(scope)
        if token and not scope["path"].startswith("/static/"):
            user = await run_in_threadpool(users.session_user, scope["app"].state.registry, token)
        scope = {**scope, "user": user, "session_token": token}
        if user is not None and "asistents.log" in scope:
            scope["asistents.log"]["user_id"] = user.id
        await self.app(scope, receive, send)
