"""h-offers: offers (内定) with their terms, answer and who decided

Revision ID: e2c4a6f8b1d3
Revises: c9e5a1f7d3b2
Create Date: 2026-12-07 01:30:00

"""
from alembic import op
import sqlalchemy as sa

from jobfair.models.base import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'e2c4a6f8b1d3'
down_revision = 'a4e8c2f6b913'
branch_labels = None
depends_on = None

PENDING = sa.text("status = 'pending'")


def upgrade():
    op.create_table(
        'offers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('role_id', sa.Integer(), nullable=False),
        sa.Column('salary', sa.Integer(), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('expires_on', sa.Date(), nullable=True),
        sa.Column('note', sa.Text(), server_default='', nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', UTCDateTime(timezone=True), nullable=False),
        sa.Column('responded_at', UTCDateTime(timezone=True), nullable=True),
        sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'declined', 'withdrawn')",
            name=op.f('ck_offers_status_known'),
        ),
        sa.CheckConstraint(
            "currency IN ('USD', 'KHR', 'JPY')", name=op.f('ck_offers_currency_known')
        ),
        sa.CheckConstraint('salary >= 0', name=op.f('ck_offers_salary_not_negative')),
        sa.ForeignKeyConstraint(
            ['application_id'], ['applications.id'],
            name=op.f('fk_offers_application_id_applications'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['role_id'], ['roles.id'], name=op.f('fk_offers_role_id_roles'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['decided_by_id'], ['users.id'],
            name=op.f('fk_offers_decided_by_id_users'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['withdrawn_by_id'], ['users.id'],
            name=op.f('fk_offers_withdrawn_by_id_users'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offers')),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_offers_application_id'), 'offers', ['application_id'])
    op.create_index(op.f('ix_offers_role_id'), 'offers', ['role_id'])
    op.create_index(
        'uq_offers_one_pending', 'offers', ['application_id'], unique=True,
        sqlite_where=PENDING, postgresql_where=PENDING,
    )


def downgrade():
    op.drop_index('uq_offers_one_pending', table_name='offers')
    op.drop_index(op.f('ix_offers_role_id'), table_name='offers')
    op.drop_index(op.f('ix_offers_application_id'), table_name='offers')
    op.drop_table('offers')
