"""h-security: self sign-ups wait for the link sent to their email or phone

Revision ID: e7a9c3d15b42
Revises: d5a7c3e9b1f4
Create Date: 2026-12-06 14:10:00

"""
from alembic import op
import sqlalchemy as sa

import jobfair.models.base


# revision identifiers, used by Alembic.
revision = 'e7a9c3d15b42'
down_revision = 'd5a7c3e9b1f4'
branch_labels = None
depends_on = None


def upgrade():
    # NULL for every existing account: only new self sign-ups wait for their link.
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('pending_signup_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('pending_signup_at')
