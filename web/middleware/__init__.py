"""Middleware: security headers, the access log, CSRF, sessions and the role checks of each route."""
