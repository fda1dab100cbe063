"""Every route of the workbench declares the roles it admits (a route without `@allow` would be open)."""
from __future__ import annotations

from starlette.routing import Mount, Route

from web.middleware.auth import ANYONE, PUBLIC
from web.routes import routes

OPEN = {("/login", "GET"), ("/login", "POST")}


def test_every_route_declares_its_roles():
    seen = 0
    for route in routes():
        if isinstance(route, Mount):
            assert route.path == "/static"
            continue
        assert isinstance(route, Route)
        roles = getattr(route.endpoint, "roles", None)
        assert roles is not None, f"{route.path} has no @allow"
        assert set(roles) <= set(ANYONE)
        for method in route.methods - {"HEAD"}:
            assert (roles == PUBLIC) == ((route.path, method) in OPEN), (route.path, method, roles)
        seen += 1
    assert seen >= 10
