"""h-scorecards: interview scorecards (a role's criteria, each interviewer's 1-4 ratings)
and the colleagues a team note mentions

New tables only: existing rows are untouched, and a downgrade drops what was rated.

Revision ID: a4e8c2f6b913
Revises: c9e5a1f7d3b2
Create Date: 2026-12-07 01:15:09.378662

"""
from alembic import op
import sqlalchemy as sa

import jobfair.models.base


# revision identifiers, used by Alembic.
revision = 'a4e8c2f6b913'
down_revision = 'a4f8d2c6e1b9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('scorecard_criteria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('role_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=20), nullable=True),
    sa.Column('label', sa.String(length=60), server_default='', nullable=False),
    sa.Column('archived_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("key IS NOT NULL OR label <> ''", name=op.f('ck_scorecard_criteria_has_label')),
    sa.CheckConstraint("key IS NULL OR key IN ('japanese', 'technical', 'attitude', 'availability')", name=op.f('ck_scorecard_criteria_key_known')),
    sa.CheckConstraint('length(label) <= 60', name=op.f('ck_scorecard_criteria_label_short')),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], name=op.f('fk_scorecard_criteria_role_id_roles'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scorecard_criteria')),
    sa.UniqueConstraint('role_id', 'key', name=op.f('uq_scorecard_criteria_role_id_key')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('scorecard_criteria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scorecard_criteria_role_id'), ['role_id'], unique=False)

    op.create_table('scorecards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('interviewer_id', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), server_default='', nullable=False),
    sa.Column('created_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_scorecards_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['interviewer_id'], ['users.id'], name=op.f('fk_scorecards_interviewer_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scorecards')),
    sa.UniqueConstraint('application_id', 'interviewer_id', name=op.f('uq_scorecards_application_id_interviewer_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('scorecards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scorecards_application_id'), ['application_id'], unique=False)

    op.create_table('application_note_mentions',
    sa.Column('note_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['note_id'], ['application_notes.id'], name=op.f('fk_application_note_mentions_note_id_application_notes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_application_note_mentions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('note_id', 'user_id', name=op.f('pk_application_note_mentions')),
    sqlite_autoincrement=True
    )
    op.create_table('scorecard_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scorecard_id', sa.Integer(), nullable=False),
    sa.Column('criterion_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('comment', sa.String(length=500), server_default='', nullable=False),
    sa.CheckConstraint('score BETWEEN 1 AND 4', name=op.f('ck_scorecard_ratings_score_1_to_4')),
    sa.ForeignKeyConstraint(['criterion_id'], ['scorecard_criteria.id'], name=op.f('fk_scorecard_ratings_criterion_id_scorecard_criteria'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scorecard_id'], ['scorecards.id'], name=op.f('fk_scorecard_ratings_scorecard_id_scorecards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scorecard_ratings')),
    sa.UniqueConstraint('scorecard_id', 'criterion_id', name=op.f('uq_scorecard_ratings_scorecard_id_criterion_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('scorecard_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scorecard_ratings_criterion_id'), ['criterion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_scorecard_ratings_scorecard_id'), ['scorecard_id'], unique=False)



def downgrade():
    with op.batch_alter_table('scorecard_ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scorecard_ratings_scorecard_id'))
        batch_op.drop_index(batch_op.f('ix_scorecard_ratings_criterion_id'))

    op.drop_table('scorecard_ratings')
    op.drop_table('application_note_mentions')
    with op.batch_alter_table('scorecards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scorecards_application_id'))

    op.drop_table('scorecards')
    with op.batch_alter_table('scorecard_criteria', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scorecard_criteria_role_id'))

    op.drop_table('scorecard_criteria')
