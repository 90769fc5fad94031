"""h-contract: ids are never reused on SQLite (every table AUTOINCREMENT)

Ids leave the platform (API, webhooks, calendar UIDs, e-mail Message-IDs): a deleted
row's id must not come back. PostgreSQL's sequences never reuse one, so nothing is done
there. SQLite gives the highest id again after a delete unless the table is declared
AUTOINCREMENT, which only CREATE TABLE can say: each table is rebuilt (batch mode,
recreate="always"), with foreign keys off, as SQLite's own procedure for changing a
table asks (with them on, dropping the old parent table would delete its children).

Revision ID: f3b8e2a4c6d0
Revises: d7a1c3e5f901
Create Date: 2026-12-06 14:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f3b8e2a4c6d0'
down_revision = 'd7a1c3e5f901'
branch_labels = None
depends_on = None

TABLES = [
    "organizations", "users", "recruiter_invitations", "audit_log", "events", "exhibitors",
    "candidate_profiles", "registrations", "roles", "applications", "application_notes",
    "status_changes", "interview_slots", "interviews", "api_tokens", "webhooks", "messages",
]


def _rebuild(autoincrement: bool) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    raw = bind.connection.dbapi_connection
    raw.commit()  # PRAGMA foreign_keys is ignored inside a transaction
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        for name in TABLES:
            with op.batch_alter_table(
                name,
                recreate="always",
                table_kwargs={"sqlite_autoincrement": autoincrement},
            ):
                pass
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the rebuild: {broken[:5]}")
        raw.commit()
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def upgrade():
    _rebuild(True)


def downgrade():
    _rebuild(False)
