"""Headers on every answer: a strict Content-Security-Policy (scripts and styles from this server only), no
framing, no MIME sniffing, no referrer, and no caching of pages that carry personal data; bodies over the
limit are refused with 413 before anything reads them (asgi-csrf reads a form body whole)."""
from __future__ import annotations

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
FORM_LIMIT = 1024 * 1024  # a form without a file


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope["path"].startswith("/static/")
        limit = _limit(scope)
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            return await _too_large(send)
        seen = 0

        async def counted_receive():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:  # a chunked body longer than allowed
                raise _TooLarge()
            return message

        async def with_headers(message):
            if message["type"] == "http.response.start":
                extra = list(_HEADERS)
                if not static and not any(k.lower() == b"cache-control" for k, _ in message.get("headers", [])):
                    extra.append((b"cache-control", b"no-store"))
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        try:
            await self.app(scope, counted_receive, with_headers)
        except _TooLarge:
            await _too_large(send)


class _TooLarge(Exception):
    pass


def _limit(scope) -> int:
    headers = dict(scope["headers"])
    if headers.get(b"content-type", b"").startswith(b"multipart/form-data"):
        return scope["app"].state.settings.max_upload_bytes + 64 * 1024  # the file plus the form's other fields
    return FORM_LIMIT


async def _too_large(send):
    body = "Pārāk liels pieprasījums.".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + _HEADERS})
    await send({"type": "http.response.body", "body": body})
