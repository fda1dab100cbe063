"""Alembic environment: runs on the connection `registry.migrate` hands over (or $ASISTENTS_DB_URL)."""
from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine

from registry.models import Base
import registry.users  # noqa: F401  (the workbench tables join Base.metadata)

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(os.environ.get("ASISTENTS_DB_URL", "sqlite:///./asistents.db"))
    with engine.begin() as conn:
        _run(conn)


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run them on a database")
run_migrations_online()
