"""at most one accepted timesheet per recipient, assistant and month

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

A second file for the same person, assistant and month is kept as `conflict`, never merged; this partial
unique index makes that hold under concurrent writers (PostgreSQL's READ COMMITTED let two see "none yet").
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("uq_timesheets_one_accepted", "timesheets", ["recipient_id", "assistant_id", "month"],
                    unique=True, sqlite_where=sa.text("state = 'accepted'"),
                    postgresql_where=sa.text("state = 'accepted'"))


def downgrade() -> None:
    op.drop_index("uq_timesheets_one_accepted", table_name="timesheets")
