"""the inbox journal: faults counted apart from interruptions, and file names kept as bytes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

`faults` counts the times there was evidence that a file itself stopped the process (it was alone at work when
the process died); `solo` marks a file at work alone, so the next pass can tell. `raw_name` keeps a name that
is not valid UTF-8 as the bytes it is on disk (`name` then holds a readable form).
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("journal") as batch:
        batch.add_column(sa.Column("faults", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("solo", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("raw_name", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("journal") as batch:
        batch.drop_column("raw_name")
        batch.drop_column("solo")
        batch.drop_column("faults")
