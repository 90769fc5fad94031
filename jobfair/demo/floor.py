"""The demo fair's hall: a grid with the stage, the entrance and every booth placed."""

import sqlalchemy as sa

from ..extensions import db
from ..models import AreaKind, Event, Exhibitor
from ..organizers import floor_plan

COLUMNS, ROWS = 13, 9
# Two blocks of booths either side of a central aisle (column 7), in four rows with aisles
# between them: the stage at the top, the entrance, desk and rest area at the bottom.
BOOTH_ROWS = (3, 4, 6, 7)
BOOTH_COLUMNS = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13)
AREAS = (
    (AreaKind.STAGE, 4, 1, 7, 1),
    (AreaKind.DESK, 1, 9, 3, 1),
    (AreaKind.ENTRANCE, 6, 9, 3, 1),
    (AreaKind.REST, 11, 9, 3, 1),
)


def lay_out_hall(event: Event) -> None:
    """Every booth of the fair on the grid, in booth-code order, row by row."""
    floor_plan.set_grid(event, columns=COLUMNS, rows=ROWS)
    for kind, column, row, width, depth in AREAS:
        floor_plan.add_area(
            event, kind=kind, column=column, row=row, column_span=width, row_span=depth
        )
    exhibitors = db.session.scalars(
        sa.select(Exhibitor)
        .where(Exhibitor.event_id == event.id, Exhibitor.booth_code.is_not(None))
        .order_by(Exhibitor.booth_code)
    ).all()
    cells = [(column, row) for row in BOOTH_ROWS for column in BOOTH_COLUMNS]
    for exhibitor, (column, row) in zip(exhibitors, cells, strict=False):
        floor_plan.place_on_grid(event, exhibitor, column=column, row=row)
    db.session.flush()
