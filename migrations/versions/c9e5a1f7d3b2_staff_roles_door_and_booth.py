"""staff roles: door volunteers (one event) and booth staff (one company)

Revision ID: c9e5a1f7d3b2
Revises: b8d2f6a4c1e3
Create Date: 2026-12-07 01:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c9e5a1f7d3b2'
down_revision = 'b8d2f6a4c1e3'
branch_labels = None
depends_on = None

ROLES_BEFORE = "role IN ('candidate', 'employer', 'organizer')"
ROLES_AFTER = "role IN ('candidate', 'employer', 'organizer', 'door', 'booth')"
ORG_BEFORE = "(role = 'employer') = (organization_id IS NOT NULL)"
ORG_AFTER = "(role IN ('employer', 'booth')) = (organization_id IS NOT NULL)"
DOOR = "(role = 'door') = (staff_event_id IS NOT NULL)"


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


def _upgrade():
    with op.batch_alter_table(
        'users', schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.add_column(sa.Column('staff_event_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_staff_event_id'), ['staff_event_id'])
        batch_op.create_foreign_key(
            batch_op.f('fk_users_staff_event_id_events'), 'events', ['staff_event_id'], ['id'],
            ondelete='CASCADE',
        )
        batch_op.drop_constraint(batch_op.f('ck_users_role_known'), type_='check')
        batch_op.create_check_constraint('role_known', ROLES_AFTER)
        batch_op.drop_constraint(batch_op.f('ck_users_employer_has_org'), type_='check')
        batch_op.create_check_constraint('employer_has_org', ORG_AFTER)
        batch_op.create_check_constraint('door_has_event', DOOR)


def _downgrade():
    with op.batch_alter_table(
        'users', schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_users_door_has_event'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_users_employer_has_org'), type_='check')
        batch_op.create_check_constraint('employer_has_org', ORG_BEFORE)
        batch_op.drop_constraint(batch_op.f('ck_users_role_known'), type_='check')
        batch_op.create_check_constraint('role_known', ROLES_BEFORE)
        batch_op.drop_constraint(batch_op.f('fk_users_staff_event_id_events'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_staff_event_id'))
        batch_op.drop_column('staff_event_id')


def upgrade():
    _without_foreign_keys(_upgrade)


def downgrade():
    # Staff accounts cannot exist under the old rules.
    op.execute("DELETE FROM users WHERE role IN ('door', 'booth')")
    _without_foreign_keys(_downgrade)
