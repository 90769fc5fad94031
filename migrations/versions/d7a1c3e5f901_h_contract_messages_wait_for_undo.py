"""h-contract: messages of an undoable step wait for the undo window (not_before, batch)

Revision ID: d7a1c3e5f901
Revises: e7a9c3d15b42
Create Date: 2026-12-06 14:00:00

"""
from alembic import op
import sqlalchemy as sa

import jobfair.models.base


# revision identifiers, used by Alembic.
revision = 'd7a1c3e5f901'
down_revision = 'e7a9c3d15b42'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('not_before', jobfair.models.base.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('batch', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_messages_batch'), ['batch'], unique=False)


def downgrade():
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_messages_batch'))
        batch_op.drop_column('batch')
        batch_op.drop_column('not_before')
