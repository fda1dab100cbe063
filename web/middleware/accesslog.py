"""The server's access log: method, the route's template (`/cases/{case_id}`), status, time and user id.

uvicorn's own access log is off (`asistents serve` turns it off): it writes the raw path and query string,
where a search for a person would leave the personal code. Unknown paths are logged as `(nav maršruta)`."""
from __future__ import annotations

import logging
import time

log = logging.getLogger("asistents.web")


class AccessLog:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = 500
        state: dict = {}
        scope = {**scope, "asistents.log": state}

        async def watch(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            route = state.get("route") or "(nav maršruta)"
            log.info("%s %s %d %.1f ms lietotājs=%s", scope["method"], route, status,
                     (time.perf_counter() - started) * 1000, state.get("user_id", "-"))
