"""follow-ups: an organizer's message to a segment of a fair, and who got it in which language

Revision ID: b7d2e4f6a8c1
Revises: f1a3c5e7b9d2
Create Date: 2026-12-07 04:00:00

"""
from alembic import op
import sqlalchemy as sa

from jobfair.models.base import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'b7d2e4f6a8c1'
down_revision = 'f1a3c5e7b9d2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'follow_ups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=False),
        sa.Column('segment', sa.JSON(), nullable=False),
        sa.Column('texts', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('sent_by_id', sa.Integer(), nullable=True),
        sa.Column('job_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.Column('sent_at', UTCDateTime(), nullable=True),
        sa.CheckConstraint("status IN ('draft', 'sending', 'sent')", name=op.f('ck_follow_ups_status_known')),
        sa.CheckConstraint("status <> 'sent' OR sent_at IS NOT NULL", name=op.f('ck_follow_ups_sent_has_a_time')),
        sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_follow_ups_event_id_events'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_follow_ups_author_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'], name=op.f('fk_follow_ups_sent_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_follow_ups_job_id_jobs'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups')),
        sqlite_autoincrement=True,
    )
    op.create_index('ix_follow_ups_event', 'follow_ups', ['event_id', 'created_at'])
    op.create_table(
        'follow_up_recipients',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('follow_up_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('language', sa.String(length=5), nullable=False),
        sa.Column('fallback', sa.Boolean(), nullable=False),
        sa.Column('message_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.CheckConstraint("language IN ('en', 'km', 'ja')", name=op.f('ck_follow_up_recipients_language_known')),
        sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], name=op.f('fk_follow_up_recipients_follow_up_id_follow_ups'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follow_up_recipients_user_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['message_id'], ['messages.id'], name=op.f('fk_follow_up_recipients_message_id_messages'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_recipients')),
        sa.UniqueConstraint('follow_up_id', 'user_id', name=op.f('uq_follow_up_recipients_follow_up_id_user_id')),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_follow_up_recipients_follow_up_id'), 'follow_up_recipients', ['follow_up_id'])
    op.create_index(op.f('ix_follow_up_recipients_user_id'), 'follow_up_recipients', ['user_id'])


def downgrade():
    op.drop_index(op.f('ix_follow_up_recipients_user_id'), table_name='follow_up_recipients')
    op.drop_index(op.f('ix_follow_up_recipients_follow_up_id'), table_name='follow_up_recipients')
    op.drop_table('follow_up_recipients')
    op.drop_index('ix_follow_ups_event', table_name='follow_ups')
    op.drop_table('follow_ups')
