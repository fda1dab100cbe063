"""the stored outcome of each timesheet's check

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30

`registry/check_models.py`: the worklist of timesheets with errors reads these instead of checking every
sheet of the month on each visit; `registry/checks.py` deletes a row whenever what its check read changes.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('timesheet_checks',
    sa.Column('timesheet_id', sa.Integer(), nullable=False),
    sa.Column('rules', sa.String(length=64), nullable=False),
    sa.Column('errors', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['timesheet_id'], ['timesheets.id'], name=op.f('fk_timesheet_checks_timesheet_id_timesheets'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('timesheet_id', name=op.f('pk_timesheet_checks'))
    )
    with op.batch_alter_table('timesheet_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timesheet_checks_errors'), ['errors'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('timesheet_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timesheet_checks_errors'))
    op.drop_table('timesheet_checks')
