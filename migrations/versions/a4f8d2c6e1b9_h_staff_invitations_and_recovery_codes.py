"""h-staff: staff invitations (door volunteers, booth staff) and two-factor recovery codes

Revision ID: a4f8d2c6e1b9
Revises: c9e5a1f7d3b2
Create Date: 2026-12-07 01:30:00

"""
from alembic import op
import sqlalchemy as sa

from jobfair.models.base import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'a4f8d2c6e1b9'
down_revision = 'e2b6d8f0a4c1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'staff_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('organization_id', sa.Integer(), nullable=True),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('expires_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('used_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('used_by_id', sa.Integer(), nullable=True),
        sa.Column('revoked_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('door', 'booth')", name=op.f('ck_staff_invitations_staff_role_known')),
        sa.CheckConstraint(
            "(role = 'booth') = (organization_id IS NOT NULL)",
            name=op.f('ck_staff_invitations_booth_has_org'),
        ),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_staff_invitations_created_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_staff_invitations_event_id_events'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_staff_invitations_organization_id_organizations'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['used_by_id'], ['users.id'], name=op.f('fk_staff_invitations_used_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_invitations')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_staff_invitations_token_hash')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('staff_invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_invitations_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_invitations_organization_id'), ['organization_id'], unique=False)

    op.create_table(
        'recovery_codes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('used_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_recovery_codes_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_codes')),
        sa.UniqueConstraint('code_hash', name=op.f('uq_recovery_codes_code_hash')),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table('recovery_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recovery_codes_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('recovery_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recovery_codes_user_id'))
    op.drop_table('recovery_codes')
    with op.batch_alter_table('staff_invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_invitations_organization_id'))
        batch_op.drop_index(batch_op.f('ix_staff_invitations_event_id'))
    op.drop_table('staff_invitations')
