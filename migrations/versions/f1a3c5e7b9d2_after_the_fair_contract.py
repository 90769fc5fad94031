"""after the fair: the sending-organisation role, follow-up opt-out, passed tests, departures

Revision ID: f1a3c5e7b9d2
Revises: e2b7d9a4f6c1
Create Date: 2026-12-07 04:00:00

"""
from alembic import op
import sqlalchemy as sa

from jobfair.models.base import UTCDateTime


# revision identifiers, used by Alembic.
revision = 'f1a3c5e7b9d2'
down_revision = 'e2b7d9a4f6c1'
branch_labels = None
depends_on = None

ROLES_BEFORE = "role IN ('candidate', 'employer', 'organizer', 'door', 'booth')"
ROLES_AFTER = "role IN ('candidate', 'employer', 'organizer', 'door', 'booth', 'sending')"
FIELDS = (
    "nursing_care", "building_cleaning", "industrial_manufacturing", "construction",
    "shipbuilding", "automobile_repair", "aviation", "accommodation", "automobile_transport",
    "railway", "agriculture", "fishery", "food_manufacturing", "food_service", "forestry",
    "wood_industry",
)


def _in(column, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _without_foreign_keys(change) -> None:
    """SQLite rebuilds the users table; with foreign keys on, dropping the old copy would
    cascade into every table that points at it."""
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


def _users_up():
    with op.batch_alter_table(
        'users', schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(sa.Column('follow_ups_opted_out_at', UTCDateTime(), nullable=True))
        batch_op.drop_constraint(batch_op.f('ck_users_role_known'), type_='check')
        batch_op.create_check_constraint('role_known', ROLES_AFTER)


def _users_down():
    with op.batch_alter_table(
        'users', schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_users_role_known'), type_='check')
        batch_op.create_check_constraint('role_known', ROLES_BEFORE)
        batch_op.drop_column('follow_ups_opted_out_at')


def upgrade():
    _without_foreign_keys(_users_up)
    op.create_table(
        'passed_tests',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('candidate_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('field', sa.String(length=30), nullable=False),
        sa.Column('passed_on', sa.Date(), nullable=False),
        sa.Column('detail', sa.String(length=200), server_default='', nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.CheckConstraint(_in('kind', ('ssw_skill', 'titp_stage_2')), name=op.f('ck_passed_tests_kind_known')),
        sa.CheckConstraint(_in('field', FIELDS), name=op.f('ck_passed_tests_field_known')),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidate_profiles.id'], name=op.f('fk_passed_tests_candidate_id_candidate_profiles'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_passed_tests')),
        sa.UniqueConstraint('candidate_id', 'kind', 'field', name=op.f('uq_passed_tests_candidate_id_kind_field')),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_passed_tests_candidate_id'), 'passed_tests', ['candidate_id'])
    op.create_table(
        'departures',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('agent_id', sa.Integer(), nullable=True),
        sa.Column('departed_on', sa.Date(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_departures_application_id_applications'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['agent_id'], ['users.id'], name=op.f('fk_departures_agent_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_departures')),
        sa.UniqueConstraint('application_id', name=op.f('uq_departures_application_id')),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f('ix_departures_agent_id'), 'departures', ['agent_id'])
    op.create_index(op.f('ix_departures_departed_on'), 'departures', ['departed_on'])


def downgrade():
    op.drop_index(op.f('ix_departures_departed_on'), table_name='departures')
    op.drop_index(op.f('ix_departures_agent_id'), table_name='departures')
    op.drop_table('departures')
    op.drop_index(op.f('ix_passed_tests_candidate_id'), table_name='passed_tests')
    op.drop_table('passed_tests')
    # Sending-organisation accounts cannot exist under the old rules.
    op.execute("DELETE FROM users WHERE role = 'sending'")
    _without_foreign_keys(_users_down)
