"""ready for Japan: a role's SSW field, departure checklists, sending-organisation invitations

Revision ID: a7c9e1f3b5d8
Revises: a4c6e8f0b2d4
Create Date: 2026-12-07 04:10:00

"""
from alembic import op
import sqlalchemy as sa

from jobfair.models.base import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'a7c9e1f3b5d8'
down_revision = 'a4c6e8f0b2d4'
branch_labels = None
depends_on = None

FIELDS = (
    "nursing_care", "building_cleaning", "industrial_manufacturing", "construction",
    "shipbuilding", "automobile_repair", "aviation", "accommodation", "automobile_transport",
    "railway", "agriculture", "fishery", "food_manufacturing", "food_service", "forestry",
    "wood_industry",
)
STEPS = ("passport", "ocwc", "contract", "coe", "visa", "training", "departure")


def _in(column, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _without_foreign_keys(change) -> None:
    """SQLite rebuilds the roles table; with foreign keys on, dropping the old copy would
    cascade into every table that points at it (applications, translations …)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        change()
        return
    raw = bind.connection.dbapi_connection
    raw.commit()  # PRAGMA foreign_keys is ignored inside a transaction
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        change()
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
        raw.commit()
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _roles_up():
    with op.batch_alter_table(
        'roles', schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(sa.Column('ssw_field', sa.String(length=30), nullable=True))
        batch_op.create_check_constraint(
            'ssw_field_known', "ssw_field IS NULL OR " + _in('ssw_field', FIELDS)
        )


def _roles_down():
    with op.batch_alter_table(
        'roles', schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_roles_ssw_field_known'), type_='check')
        batch_op.drop_column('ssw_field')


def upgrade():
    _without_foreign_keys(_roles_up)
    op.create_table(
        'departure_steps',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('departure_id', sa.Integer(), nullable=False),
        sa.Column('step', sa.String(length=20), nullable=False),
        sa.Column('done_on', sa.Date(), nullable=False),
        sa.Column('ticked_by_id', sa.Integer(), nullable=True),
        sa.Column('ticked_at', UTCDateTime(), nullable=False),
        sa.CheckConstraint(_in('step', STEPS), name=op.f('ck_departure_steps_step_known')),
        sa.ForeignKeyConstraint(['departure_id'], ['departures.id'], name=op.f('fk_departure_steps_departure_id_departures'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['ticked_by_id'], ['users.id'], name=op.f('fk_departure_steps_ticked_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_departure_steps')),
        sa.UniqueConstraint('departure_id', 'step', name=op.f('uq_departure_steps_departure_id_step')),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_departure_steps_departure_id'), 'departure_steps', ['departure_id'])
    op.create_table(
        'sending_invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('departure_id', sa.Integer(), nullable=False),
        sa.Column('agent_id', sa.Integer(), nullable=False),
        sa.Column('agency', sa.String(length=200), nullable=False),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('used_at', UTCDateTime(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['departure_id'], ['departures.id'], name=op.f('fk_sending_invitations_departure_id_departures'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['agent_id'], ['users.id'], name=op.f('fk_sending_invitations_agent_id_users'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_sending_invitations_created_by_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sending_invitations')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_sending_invitations_token_hash')),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_sending_invitations_departure_id'), 'sending_invitations', ['departure_id'])
    op.create_index(op.f('ix_sending_invitations_agent_id'), 'sending_invitations', ['agent_id'])


def downgrade():
    op.drop_index(op.f('ix_sending_invitations_agent_id'), table_name='sending_invitations')
    op.drop_index(op.f('ix_sending_invitations_departure_id'), table_name='sending_invitations')
    op.drop_table('sending_invitations')
    op.drop_index(op.f('ix_departure_steps_departure_id'), table_name='departure_steps')
    op.drop_table('departure_steps')
    _without_foreign_keys(_roles_down)
