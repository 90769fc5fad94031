"""Recruiter review: reasons and undoable bulk moves, walk-up interviews

A status change can carry the reason a candidate was not selected and the bulk action it
was part of (so the whole action can be undone); an interview is either a booked slot or a
walk-up interview at the booth.

Revision ID: c4d2e8f1a9b6
Revises: b71c0e5a9d34
Create Date: 2026-11-27 00:20:00
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4d2e8f1a9b6"
down_revision = "b71c0e5a9d34"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("status_changes") as batch:
        batch.add_column(sa.Column("reason", sa.String(500), nullable=False, server_default=""))
        batch.add_column(sa.Column("batch", sa.String(32), nullable=True))
        batch.create_index("ix_status_changes_batch", ["batch"])
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column("kind", sa.String(10), nullable=False, server_default="slot"))
        batch.create_check_constraint("kind_known", "kind IN ('slot', 'walk_up')")


def downgrade():
    with op.batch_alter_table("interviews") as batch:
        batch.drop_constraint("kind_known", type_="check")
        batch.drop_column("kind")
    with op.batch_alter_table("status_changes") as batch:
        batch.drop_index("ix_status_changes_batch")
        batch.drop_column("batch")
        batch.drop_column("reason")
