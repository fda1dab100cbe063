"""One small module per page or action; each endpoint declares its roles with `web.middleware.auth.allow`."""
