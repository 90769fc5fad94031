"""h-map: the hall of an event (grid or plan image), booth places and marked areas

Revision ID: bef40d99d447
Revises: c9e5a1f7d3b2
Create Date: 2026-12-07 01:14:41

New tables only: nothing existing changes.

"""

from alembic import op
import sqlalchemy as sa

import jobfair.models.base


# revision identifiers, used by Alembic.
revision = "bef40d99d447"
down_revision = 'e2c4a6f8b1d3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "floor_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("grid_column", sa.Integer(), nullable=False),
        sa.Column("grid_row", sa.Integer(), nullable=False),
        sa.Column("column_span", sa.Integer(), nullable=False),
        sa.Column("row_span", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('entrance', 'stage', 'desk', 'rest')", name=op.f("ck_floor_areas_kind_known")
        ),
        sa.CheckConstraint(
            "column_span BETWEEN 1 AND 40 AND row_span BETWEEN 1 AND 40",
            name=op.f("ck_floor_areas_span_in_range"),
        ),
        sa.CheckConstraint(
            "grid_column >= 1 AND grid_row >= 1", name=op.f("ck_floor_areas_cell_positive")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_floor_areas_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_floor_areas")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("floor_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_floor_areas_event_id"), ["event_id"], unique=False)

    op.create_table(
        "floor_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("grid_columns", sa.Integer(), nullable=False),
        sa.Column("grid_rows", sa.Integer(), nullable=False),
        sa.Column("image_filename", sa.String(length=64), nullable=True),
        sa.Column("image_width", sa.Integer(), nullable=True),
        sa.Column("image_height", sa.Integer(), nullable=True),
        sa.Column("updated_at", jobfair.models.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind = 'grid' OR (image_filename IS NOT NULL AND image_width > 0 AND image_height > 0)",
            name=op.f("ck_floor_plans_image_kind_has_image"),
        ),
        sa.CheckConstraint("kind IN ('grid', 'image')", name=op.f("ck_floor_plans_kind_known")),
        sa.CheckConstraint(
            "grid_columns BETWEEN 1 AND 40", name=op.f("ck_floor_plans_columns_in_range")
        ),
        sa.CheckConstraint("grid_rows BETWEEN 1 AND 40", name=op.f("ck_floor_plans_rows_in_range")),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_floor_plans_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_floor_plans")),
        sa.UniqueConstraint("event_id", name=op.f("uq_floor_plans_event_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "booth_places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("exhibitor_id", sa.Integer(), nullable=False),
        sa.Column("grid_column", sa.Integer(), nullable=True),
        sa.Column("grid_row", sa.Integer(), nullable=True),
        sa.Column("column_span", sa.Integer(), nullable=False),
        sa.Column("row_span", sa.Integer(), nullable=False),
        sa.Column("image_x", sa.Double(), nullable=True),
        sa.Column("image_y", sa.Double(), nullable=True),
        sa.Column("image_size", sa.Double(), nullable=True),
        sa.CheckConstraint(
            "(grid_column IS NULL) = (grid_row IS NULL)", name=op.f("ck_booth_places_cell_whole")
        ),
        sa.CheckConstraint(
            "(image_x IS NULL) = (image_y IS NULL) AND (image_x IS NULL) = (image_size IS NULL)",
            name=op.f("ck_booth_places_point_whole"),
        ),
        sa.CheckConstraint(
            "column_span BETWEEN 1 AND 40 AND row_span BETWEEN 1 AND 40",
            name=op.f("ck_booth_places_span_in_range"),
        ),
        sa.CheckConstraint(
            "grid_column >= 1 AND grid_row >= 1", name=op.f("ck_booth_places_cell_positive")
        ),
        sa.CheckConstraint(
            "image_x BETWEEN 0 AND 100 AND image_y BETWEEN 0 AND 100 AND image_size > 0 AND image_size <= 30",
            name=op.f("ck_booth_places_point_on_image"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_booth_places_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["exhibitor_id"],
            ["exhibitors.id"],
            name=op.f("fk_booth_places_exhibitor_id_exhibitors"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_booth_places")),
        sa.UniqueConstraint(
            "event_id",
            "grid_column",
            "grid_row",
            name=op.f("uq_booth_places_event_id_grid_column_grid_row"),
        ),
        sa.UniqueConstraint("exhibitor_id", name=op.f("uq_booth_places_exhibitor_id")),
        sqlite_autoincrement=True,
    )


def downgrade():
    op.drop_table("booth_places")
    op.drop_table("floor_plans")
    with op.batch_alter_table("floor_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_floor_areas_event_id"))

    op.drop_table("floor_areas")
