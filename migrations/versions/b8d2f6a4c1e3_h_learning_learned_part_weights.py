"""h-learning: part weights learned from a company's decisions at an event, per family of roles

Revision ID: b8d2f6a4c1e3
Revises: a5d658a1a555
Create Date: 2026-12-06 22:29:24

A new table only: nothing existing changes; `flask learn-weights` fills it.
"""

import sqlalchemy as sa
from alembic import op

import jobfair.models.base

# revision identifiers, used by Alembic.
revision = "b8d2f6a4c1e3"
down_revision = "a5d658a1a555"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "learned_weights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("family", sa.String(length=4), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("decisions", sa.Integer(), nullable=False),
        sa.Column("through_change_id", sa.Integer(), nullable=False),
        sa.Column("learned_at", jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("decisions > 0", name=op.f("ck_learned_weights_decisions_positive")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_learned_weights_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_learned_weights_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learned_weights")),
        sa.UniqueConstraint(
            "event_id",
            "organization_id",
            "family",
            name=op.f("uq_learned_weights_event_id_organization_id_family"),
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("learned_weights", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learned_weights_organization_id"), ["organization_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("learned_weights", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learned_weights_organization_id"))

    op.drop_table("learned_weights")
