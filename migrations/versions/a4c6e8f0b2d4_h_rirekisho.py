"""h-rirekisho: the candidate's rirekisho (履歴書), edited and confirmed

Revision ID: a4c6e8f0b2d4
Revises: b7d2e4f6a8c1
Create Date: 2026-12-07 04:10:00

"""
from alembic import op
import sqlalchemy as sa

from jobfair.models.base import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'a4c6e8f0b2d4'
down_revision = 'b7d2e4f6a8c1'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'rirekisho',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('candidate_id', sa.Integer(), nullable=False),
        sa.Column('name_kana', sa.String(length=120), nullable=False),
        sa.Column('name_romaji', sa.String(length=120), nullable=False),
        sa.Column('birth_date', sa.Date(), nullable=True),
        sa.Column('gender', sa.String(length=30), nullable=False),
        sa.Column('postal_code', sa.String(length=20), nullable=False),
        sa.Column('address', sa.String(length=300), nullable=False),
        sa.Column('address_kana', sa.String(length=300), nullable=False),
        sa.Column('phone', sa.String(length=30), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('contact', sa.String(length=300), nullable=False),
        sa.Column('education', sa.JSON(), nullable=False),
        sa.Column('jobs', sa.JSON(), nullable=False),
        sa.Column('licences', sa.JSON(), nullable=False),
        sa.Column('motivation', sa.Text(), nullable=False),
        sa.Column('wishes', sa.Text(), nullable=False),
        sa.Column('photo_filename', sa.String(length=100), nullable=True),
        sa.Column('confirmed_at', UTCDateTime(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidate_profiles.id'], name=op.f('fk_rirekisho_candidate_id_candidate_profiles'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_rirekisho')),
        sa.UniqueConstraint('candidate_id', name=op.f('uq_rirekisho_candidate_id')),
        sqlite_autoincrement=True,
    )


def downgrade():
    op.drop_table('rirekisho')
