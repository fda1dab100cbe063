"""Schema migrations with Alembic, run programmatically (no alembic.ini needed).

`upgrade(engine)` brings a database to the latest revision in `registry/migrations/versions`. Concurrent
openers are serialised: SQLite by the write lock taken at BEGIN, PostgreSQL by an advisory lock.
For a new revision after changing `registry/models.py`:
`python -c "from registry.migrate import revision; revision('what changed')"` (autogenerate, then review it).
"""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, text

MIGRATIONS = Path(__file__).with_name("migrations")
_LOCK_ID = 942_2012  # PostgreSQL advisory lock key for schema upgrades (any constant shared by all openers)


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _run(engine: Engine, step, revision: str) -> None:
    cfg = config()
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_ID})
        cfg.attributes["connection"] = conn
        step(cfg, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision` (default: the latest)."""
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Downgrade the schema to `revision` ("base": no tables at all — every row is lost)."""
    _run(engine, command.downgrade, revision)


def current(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def revision(message: str, url: str = "sqlite:///./migration-draft.db") -> None:
    """Autogenerate a new revision against a scratch database upgraded to head (for developers)."""
    engine = create_engine(url)
    upgrade(engine)
    cfg = config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)
