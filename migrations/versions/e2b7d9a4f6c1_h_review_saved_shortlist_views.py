"""h-review: saved shortlist views, shared by a company's recruiters

Revision ID: e2b7d9a4f6c1
Revises: c9e5a1f7d3b2
Create Date: 2026-12-07 01:30:00

A new table only: nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

import jobfair.models.base

# revision identifiers, used by Alembic.
revision = "e2b7d9a4f6c1"
down_revision = 'bef40d99d447'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("created_at", jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(name) > 0", name=op.f("ck_saved_views_name_given")),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_saved_views_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_saved_views_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
        sa.UniqueConstraint(
            "organization_id", "name", name=op.f("uq_saved_views_organization_id_name")
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_saved_views_organization_id"), ["organization_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("saved_views", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_views_organization_id"))

    op.drop_table("saved_views")
