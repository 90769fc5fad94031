"""h-booth: leads met at the booth (booth_leads), and a key on roles for "the company's role
at this fair" that a lead's optional role points at

Revision ID: e2b6d8f0a4c1
Revises: c9e5a1f7d3b2
Create Date: 2026-12-07 01:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "e2b6d8f0a4c1"
down_revision = "c9e5a1f7d3b2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_roles_id_event_organization",
        "roles",
        ["id", "event_id", "organization_id"],
        unique=True,
    )
    op.create_table(
        "booth_leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("met_by_id", sa.Integer(), nullable=True),
        sa.Column("met_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=True),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "rating IS NULL OR rating BETWEEN 1 AND 4", name=op.f("ck_booth_leads_rating_range")
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate_profiles.id"],
            name=op.f("fk_booth_leads_candidate_id_candidate_profiles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_booth_leads_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["met_by_id"],
            ["users.id"],
            name=op.f("fk_booth_leads_met_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_booth_leads_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["roles.id"],
            name=op.f("fk_booth_leads_role_id_roles"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["role_id", "event_id", "organization_id"],
            ["roles.id", "roles.event_id", "roles.organization_id"],
            name=op.f("fk_booth_leads_role_of_company_at_event"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booth_leads")),
        sa.UniqueConstraint("client_id", name=op.f("uq_booth_leads_client_id")),
        sa.UniqueConstraint(
            "event_id",
            "organization_id",
            "candidate_id",
            name=op.f("uq_booth_leads_event_id_organization_id_candidate_id"),
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_booth_leads_organization_id", "booth_leads", ["organization_id"])
    op.create_index("ix_booth_leads_candidate_id", "booth_leads", ["candidate_id"])
    op.create_index("ix_booth_leads_role_id", "booth_leads", ["role_id"])


def downgrade():
    op.drop_index("ix_booth_leads_role_id", table_name="booth_leads")
    op.drop_index("ix_booth_leads_candidate_id", table_name="booth_leads")
    op.drop_index("ix_booth_leads_organization_id", table_name="booth_leads")
    op.drop_table("booth_leads")
    op.drop_index("ix_roles_id_event_organization", table_name="roles")
