"""The hall of an event: a grid or a floor-plan image, where each booth stands, marked areas."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .base import UTCDateTime, enum_check, utcnow
from .events import Event, Exhibitor

# A hall wider or longer than this many cells is drawn on an image instead.
MAX_CELLS = 40
# A booth on an image is a square this many percent of the image's width at most.
MAX_BOOTH_SIZE = 30


class FloorKind(enum.StrEnum):
    """How the hall is drawn: cells of a grid, or marks on the organizer's own plan image."""

    GRID = "grid"
    IMAGE = "image"


class AreaKind(enum.StrEnum):
    """Places on a grid that are not booths, shown to help people find their way."""

    ENTRANCE = "entrance"
    STAGE = "stage"
    DESK = "desk"
    REST = "rest"


class FloorPlan(db.Model):
    """One event's hall. On a grid, cells count from 1 at the top left."""

    __tablename__ = "floor_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(sa.String(10), default=FloorKind.GRID)
    grid_columns: Mapped[int] = mapped_column(default=10)
    grid_rows: Mapped[int] = mapped_column(default=6)
    # The uploaded plan (random name under uploads/floor/) and its size in pixels.
    image_filename: Mapped[str | None] = mapped_column(sa.String(64))
    image_width: Mapped[int | None]
    image_height: Mapped[int | None]
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship()

    __table_args__ = (
        sa.CheckConstraint(enum_check("kind", FloorKind), name="kind_known"),
        sa.CheckConstraint(f"grid_columns BETWEEN 1 AND {MAX_CELLS}", name="columns_in_range"),
        sa.CheckConstraint(f"grid_rows BETWEEN 1 AND {MAX_CELLS}", name="rows_in_range"),
        sa.CheckConstraint(
            "kind = 'grid' OR (image_filename IS NOT NULL AND image_width > 0 "
            "AND image_height > 0)",
            name="image_kind_has_image",
        ),
    )

    @property
    def is_grid(self) -> bool:
        return self.kind == FloorKind.GRID


class BoothPlace(db.Model):
    """Where one exhibitor's booth stands: a cell (and span) on the grid, and/or a point and
    size on the image, in percent of the image's width and height. Each drawing uses its own."""

    __tablename__ = "booth_places"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    exhibitor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("exhibitors.id", ondelete="CASCADE"), unique=True
    )
    grid_column: Mapped[int | None]
    grid_row: Mapped[int | None]
    column_span: Mapped[int] = mapped_column(default=1)
    row_span: Mapped[int] = mapped_column(default=1)
    image_x: Mapped[float | None]
    image_y: Mapped[float | None]
    image_size: Mapped[float | None]

    exhibitor: Mapped[Exhibitor] = relationship()

    __table_args__ = (
        # Two booths never start on the same cell (spans are checked by `floor_plan`).
        sa.UniqueConstraint("event_id", "grid_column", "grid_row"),
        sa.CheckConstraint("(grid_column IS NULL) = (grid_row IS NULL)", name="cell_whole"),
        sa.CheckConstraint("grid_column >= 1 AND grid_row >= 1", name="cell_positive"),
        sa.CheckConstraint(
            f"column_span BETWEEN 1 AND {MAX_CELLS} AND row_span BETWEEN 1 AND {MAX_CELLS}",
            name="span_in_range",
        ),
        sa.CheckConstraint(
            "(image_x IS NULL) = (image_y IS NULL) AND (image_x IS NULL) = (image_size IS NULL)",
            name="point_whole",
        ),
        sa.CheckConstraint(
            f"image_x BETWEEN 0 AND 100 AND image_y BETWEEN 0 AND 100 "
            f"AND image_size > 0 AND image_size <= {MAX_BOOTH_SIZE}",
            name="point_on_image",
        ),
    )

    @property
    def on_grid(self) -> bool:
        return self.grid_column is not None

    @property
    def on_image(self) -> bool:
        return self.image_x is not None

    def cells(self) -> set[tuple[int, int]]:
        """The (column, row) cells the booth covers on the grid; none if it has no cell."""
        if not self.on_grid:
            return set()
        return _cells(self.grid_column, self.grid_row, self.column_span, self.row_span)


class FloorArea(db.Model):
    """An entrance, a stage, the information desk or a rest area: a block of grid cells."""

    __tablename__ = "floor_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    grid_column: Mapped[int]
    grid_row: Mapped[int]
    column_span: Mapped[int] = mapped_column(default=1)
    row_span: Mapped[int] = mapped_column(default=1)

    __table_args__ = (
        sa.CheckConstraint(enum_check("kind", AreaKind), name="kind_known"),
        sa.CheckConstraint("grid_column >= 1 AND grid_row >= 1", name="cell_positive"),
        sa.CheckConstraint(
            f"column_span BETWEEN 1 AND {MAX_CELLS} AND row_span BETWEEN 1 AND {MAX_CELLS}",
            name="span_in_range",
        ),
    )

    def cells(self) -> set[tuple[int, int]]:
        return _cells(self.grid_column, self.grid_row, self.column_span, self.row_span)


def _cells(column: int, row: int, columns: int, rows: int) -> set[tuple[int, int]]:
    return {(c, r) for c in range(column, column + columns) for r in range(row, row + rows)}
