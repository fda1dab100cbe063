"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 (matches registry/models.py)
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('administration_costs',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('month', sa.Integer(), nullable=False),
    sa.Column('amount_eur', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('year', 'month', name=op.f('pk_administration_costs'))
    )
    op.create_table('assistants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=220), nullable=False),
    sa.Column('name_key', sa.String(length=220), nullable=False),
    sa.Column('personal_code', sa.String(length=12), nullable=True),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('surname', sa.String(length=100), nullable=False),
    sa.Column('is_minor', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assistants')),
    sa.UniqueConstraint('key', name=op.f('uq_assistants_key')),
    sa.UniqueConstraint('personal_code', name=op.f('uq_assistants_personal_code'))
    )
    with op.batch_alter_table('assistants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assistants_name_key'), ['name_key'], unique=False)

    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('personal_code', sa.String(length=12), nullable=False),
    sa.Column('given_name', sa.String(length=100), nullable=False),
    sa.Column('surname', sa.String(length=100), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('personal_code', name=op.f('uq_people_personal_code'))
    )
    op.create_table('providers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('registration_number', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_providers')),
    sa.UniqueConstraint('registration_number', name=op.f('uq_providers_registration_number'))
    )
    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_number', sa.String(length=50), nullable=True),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('record', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_applications_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('case_number', name=op.f('uq_applications_case_number')),
    sa.UniqueConstraint('source_sha256', name=op.f('uq_applications_source_sha256'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_person_id'), ['person_id'], unique=False)

    op.create_table('timesheets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('assistant_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('conflicts_with_id', sa.Integer(), nullable=True),
    sa.Column('hours', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('transport_eur', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('signed_by_assistant', sa.Boolean(), nullable=False),
    sa.Column('signed_by_recipient', sa.Boolean(), nullable=False),
    sa.Column('record', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('accepted', 'conflict', 'rejected')", name=op.f('ck_timesheets_state')),
    sa.ForeignKeyConstraint(['assistant_id'], ['assistants.id'], name=op.f('fk_timesheets_assistant_id_assistants')),
    sa.ForeignKeyConstraint(['conflicts_with_id'], ['timesheets.id'], name=op.f('fk_timesheets_conflicts_with_id_timesheets')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_timesheets_provider_id_providers')),
    sa.ForeignKeyConstraint(['recipient_id'], ['people.id'], name=op.f('fk_timesheets_recipient_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timesheets')),
    sa.UniqueConstraint('recipient_id', 'assistant_id', 'month', 'source_sha256', name='uq_timesheets_source')
    )
    with op.batch_alter_table('timesheets', schema=None) as batch_op:
        batch_op.create_index('ix_timesheets_assistant_month', ['assistant_id', 'month'], unique=False)
        batch_op.create_index(batch_op.f('ix_timesheets_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index('ix_timesheets_recipient_month', ['recipient_id', 'month'], unique=False)
        batch_op.create_index(batch_op.f('ix_timesheets_source_sha256'), ['source_sha256'], unique=False)

    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_assessments_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_application_id'), ['application_id'], unique=False)

    op.create_table('contracts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=50), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('assistant_id', sa.Integer(), nullable=False),
    sa.Column('provider_id', sa.Integer(), nullable=True),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('concluded_on', sa.Date(), nullable=True),
    sa.Column('hours_per_week', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('engagement', sa.String(length=20), nullable=False),
    sa.Column('record', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f('ck_contracts_period')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_contracts_application_id_applications')),
    sa.ForeignKeyConstraint(['assistant_id'], ['assistants.id'], name=op.f('fk_contracts_assistant_id_assistants')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_contracts_provider_id_providers')),
    sa.ForeignKeyConstraint(['recipient_id'], ['people.id'], name=op.f('fk_contracts_recipient_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contracts')),
    sa.UniqueConstraint('number', name=op.f('uq_contracts_number'))
    )
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contracts_application_id'), ['application_id'], unique=False)
        batch_op.create_index('ix_contracts_assistant_period', ['assistant_id', 'start', 'end'], unique=False)
        batch_op.create_index(batch_op.f('ix_contracts_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index('ix_contracts_recipient_period', ['recipient_id', 'start', 'end'], unique=False)

    op.create_table('decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('hours_per_week', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('duration_kind', sa.String(length=20), nullable=True),
    sa.Column('start', sa.Date(), nullable=True),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('grounds', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('findings', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('rules_version', sa.String(length=100), nullable=False),
    sa.Column('record', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("outcome IN ('grant', 'partial', 'refuse')", name=op.f('ck_decisions_outcome')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_decisions_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_application_id'), ['application_id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('template_sha256', sa.String(length=64), nullable=False),
    sa.Column('input_sha256', sa.String(length=64), nullable=False),
    sa.Column('rules_version', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_documents_application_id_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_application_id'), ['application_id'], unique=False)

    op.create_table('journal',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('received', 'processing', 'processed', 'needs_review', 'quarantined', 'duplicate', 'failed')", name=op.f('ck_journal_state')),
    sa.ForeignKeyConstraint(['case_id'], ['applications.id'], name=op.f('fk_journal_case_id_applications')),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_journal'))
    )
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_journal_state', ['state'], unique=False)

    op.create_table('representatives',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('represented_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_representatives_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_representatives_person_id_people')),
    sa.ForeignKeyConstraint(['represented_id'], ['people.id'], name=op.f('fk_representatives_represented_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_representatives')),
    sa.UniqueConstraint('application_id', 'person_id', name='uq_representatives_application_person')
    )
    with op.batch_alter_table('representatives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_representatives_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_representatives_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_representatives_represented_id'), ['represented_id'], unique=False)

    op.create_table('timesheet_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('timesheet_id', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.Column('hours', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.Column('annex1_point', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=True),
    sa.Column('outside_latvia', sa.Boolean(), nullable=False),
    sa.Column('transport_eur', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('iso_year', sa.Integer(), nullable=False),
    sa.Column('iso_week', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['timesheet_id'], ['timesheets.id'], name=op.f('fk_timesheet_entries_timesheet_id_timesheets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timesheet_entries'))
    )
    with op.batch_alter_table('timesheet_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timesheet_entries_date'), ['date'], unique=False)
        batch_op.create_index(batch_op.f('ix_timesheet_entries_timesheet_id'), ['timesheet_id'], unique=False)
        batch_op.create_index('ix_timesheet_entries_week', ['iso_year', 'iso_week'], unique=False)

    op.create_table('contract_activities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('annex1_point', sa.Integer(), nullable=False),
    sa.Column('hours_per_week', sa.Numeric(precision=7, scale=2), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_contract_activities_contract_id_contracts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contract_activities')),
    sa.UniqueConstraint('contract_id', 'annex1_point', name='uq_contract_activities_contract_point')
    )
    op.create_table('suspensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('contract_id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['contract_id'], ['contracts.id'], name=op.f('fk_suspensions_contract_id_contracts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suspensions'))
    )
    with op.batch_alter_table('suspensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suspensions_contract_id'), ['contract_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('suspensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suspensions_contract_id'))

    op.drop_table('suspensions')
    op.drop_table('contract_activities')
    with op.batch_alter_table('timesheet_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_timesheet_entries_week')
        batch_op.drop_index(batch_op.f('ix_timesheet_entries_timesheet_id'))
        batch_op.drop_index(batch_op.f('ix_timesheet_entries_date'))

    op.drop_table('timesheet_entries')
    with op.batch_alter_table('representatives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_representatives_represented_id'))
        batch_op.drop_index(batch_op.f('ix_representatives_person_id'))
        batch_op.drop_index(batch_op.f('ix_representatives_application_id'))

    op.drop_table('representatives')
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.drop_index('ix_journal_state')
        batch_op.drop_index(batch_op.f('ix_journal_case_id'))

    op.drop_table('journal')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_application_id'))

    op.drop_table('documents')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_application_id'))

    op.drop_table('decisions')
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_index('ix_contracts_recipient_period')
        batch_op.drop_index(batch_op.f('ix_contracts_provider_id'))
        batch_op.drop_index('ix_contracts_assistant_period')
        batch_op.drop_index(batch_op.f('ix_contracts_application_id'))

    op.drop_table('contracts')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_application_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('timesheets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timesheets_source_sha256'))
        batch_op.drop_index('ix_timesheets_recipient_month')
        batch_op.drop_index(batch_op.f('ix_timesheets_provider_id'))
        batch_op.drop_index('ix_timesheets_assistant_month')

    op.drop_table('timesheets')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_person_id'))

    op.drop_table('applications')
    op.drop_table('providers')
    op.drop_table('people')
    with op.batch_alter_table('assistants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assistants_name_key'))

    op.drop_table('assistants')
    op.drop_table('administration_costs')

