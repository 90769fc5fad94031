"""Partners: personal API tokens, webhooks, and webhook deliveries in the outbox

Revision ID: c4e1f0a7d218
Revises: a3b75c5ca970
Create Date: 2026-11-27 00:40:00

"""
from alembic import op
import sqlalchemy as sa

import jobfair.models.base


# revision identifiers, used by Alembic.
revision = 'c4e1f0a7d218'
down_revision = 'a3b75c5ca970'
branch_labels = None
depends_on = None

OLD_CHANNELS = "channel IS NULL OR channel IN ('email', 'sms', 'desk', 'inbox')"
NEW_CHANNELS = "channel IS NULL OR channel IN ('email', 'sms', 'desk', 'inbox', 'webhook')"


def upgrade():
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=12), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('expires_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_used_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("scope IN ('read', 'write')", name=op.f('ck_api_tokens_scope')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_api_tokens_organization_id_organizations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('webhooks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.Column('events', sa.JSON(), nullable=False),
    sa.Column('created_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('disabled_at', jobfair.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_webhooks_created_by_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_webhooks_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_webhooks'))
    )
    with op.batch_alter_table('webhooks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_webhooks_organization_id'), ['organization_id'], unique=False)

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('webhook_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_messages_webhook_id'), ['webhook_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_messages_webhook_id_webhooks'), 'webhooks', ['webhook_id'], ['id'], ondelete='CASCADE')
        batch_op.drop_constraint(batch_op.f('ck_messages_channel_known'), type_='check')
        batch_op.create_check_constraint('channel_known', NEW_CHANNELS)


def downgrade():
    op.execute("DELETE FROM messages WHERE webhook_id IS NOT NULL")
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_messages_channel_known'), type_='check')
        batch_op.create_check_constraint('channel_known', OLD_CHANNELS)
        batch_op.drop_constraint(batch_op.f('fk_messages_webhook_id_webhooks'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_messages_webhook_id'))
        batch_op.drop_column('webhook_id')

    with op.batch_alter_table('webhooks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_webhooks_organization_id'))
    op.drop_table('webhooks')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))
    op.drop_table('api_tokens')
