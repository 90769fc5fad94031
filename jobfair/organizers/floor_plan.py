"""Laying out the hall: the grid or the plan image, each booth's place, entrance and stage.

Plain functions on models; the caller commits. Every refusal says which booth and which
cell, so the organizer can fix it from the message alone. The database keeps two booths
from starting on the same cell; spans and areas are checked here.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from .. import uploads
from ..extensions import db
from ..floor_map import AREA_LABELS
from ..models import AreaKind, BoothPlace, Event, Exhibitor, FloorArea, FloorKind, FloorPlan
from ..models.floor import MAX_BOOTH_SIZE, MAX_CELLS
from .errors import OrganizerError


def plan_for(event: Event) -> FloorPlan:
    """The event's plan, a new 10 × 6 grid if it has none yet."""
    plan = db.session.scalar(sa.select(FloorPlan).where(FloorPlan.event_id == event.id))
    if plan is None:
        plan = FloorPlan(event_id=event.id, kind=FloorKind.GRID, grid_columns=10, grid_rows=6)
        db.session.add(plan)
    return plan


def set_grid(event: Event, *, columns: int, rows: int) -> FloorPlan:
    """Draw the hall as a grid of `columns` × `rows` cells; nothing placed may fall outside."""
    if not (1 <= columns <= MAX_CELLS and 1 <= rows <= MAX_CELLS):
        raise OrganizerError(
            _l("A grid has 1 to %(most)s columns and 1 to %(most)s rows.", most=MAX_CELLS)
        )
    for what, cells in _occupants(event).values():
        if any(column > columns or row > rows for column, row in cells):
            raise OrganizerError(
                _l(
                    "%(what)s is outside %(columns)s columns and %(rows)s rows: move it first.",
                    what=what,
                    columns=columns,
                    rows=rows,
                )
            )
    plan = plan_for(event)
    plan.kind, plan.grid_columns, plan.grid_rows = FloorKind.GRID, columns, rows
    return plan


def set_image(event: Event, data: bytes) -> FloorPlan:
    """Draw the hall on an uploaded plan image (checked by content); the old image goes once
    the transaction commits. Booths keep their points on it."""
    kind, width, height = uploads.read_floor_image(data)  # UploadError says why not
    plan = plan_for(event)
    db.session.flush()
    old = plan.image_filename
    plan.image_filename = uploads.store_floor_image(data, kind)
    plan.image_width, plan.image_height = width, height
    plan.kind = FloorKind.IMAGE
    uploads.delete_floor_image(old)
    return plan


def use_grid(event: Event) -> FloorPlan:
    """Switch back to the grid (the image stays, for switching again)."""
    plan = plan_for(event)
    plan.kind = FloorKind.GRID
    return plan


def use_image(event: Event) -> FloorPlan:
    plan = plan_for(event)
    if not plan.image_filename:
        raise OrganizerError(_l("Upload the floor plan image first."))
    plan.kind = FloorKind.IMAGE
    return plan


def place_on_grid(
    event: Event,
    exhibitor: Exhibitor,
    *,
    column: int,
    row: int,
    column_span: int = 1,
    row_span: int = 1,
) -> BoothPlace:
    """Put the exhibitor's booth on a cell (spanning more cells if asked), inside the grid,
    on no other booth and no area."""
    plan = plan_for(event)
    code = _booth_code(event, exhibitor)
    cells = _block(column, row, column_span, row_span)
    _inside(plan, cells, _l("Booth %(code)s", code=code))
    _free(event, cells, _l("Booth %(code)s", code=code), leave=f"booth:{exhibitor.id}")
    place = _place_of(event, exhibitor)
    place.grid_column, place.grid_row = column, row
    place.column_span, place.row_span = column_span, row_span
    return place


def place_on_image(event: Event, exhibitor: Exhibitor, *, x: float, y: float, size: float):
    """Put the booth at (x, y), in percent of the image's width and height, as a square of
    `size` percent of the width."""
    plan = plan_for(event)
    code = _booth_code(event, exhibitor)
    if not plan.image_filename:
        raise OrganizerError(_l("Upload the floor plan image first."))
    if not (0 <= x <= 100 and 0 <= y <= 100):
        raise OrganizerError(
            _l("Booth %(code)s: put it within the image (0 to 100 percent).", code=code)
        )
    if not (0 < size <= MAX_BOOTH_SIZE):
        raise OrganizerError(
            _l("Booth %(code)s: its size is 1 to %(most)s percent.", code=code, most=MAX_BOOTH_SIZE)
        )
    place = _place_of(event, exhibitor)
    place.image_x, place.image_y, place.image_size = x, y, size
    return place


def place_from_form(event: Event, exhibitor: Exhibitor, data: dict) -> BoothPlace | None:
    """Place the booth as the page's form for it says (a cell, or a point on the image);
    an empty form takes it off the map."""
    if "grid_column" in data:
        column, row = data["grid_column"], data["grid_row"]
        if column is None and row is None:
            return take_off_map(event, exhibitor)
        if column is None or row is None:
            raise OrganizerError(_l("Give both the column and the row."))
        spans = (data.get("column_span") or 1, data.get("row_span") or 1)
        return place_on_grid(
            event, exhibitor, column=column, row=row, column_span=spans[0], row_span=spans[1]
        )
    x, y = data["image_x"], data["image_y"]
    if x is None and y is None:
        return take_off_map(event, exhibitor)
    if x is None or y is None:
        raise OrganizerError(_l("Give the booth's place across and down."))
    return place_on_image(event, exhibitor, x=x, y=y, size=data.get("image_size") or 4)


def places_by_exhibitor(event: Event) -> dict[int, BoothPlace]:
    places = db.session.scalars(sa.select(BoothPlace).where(BoothPlace.event_id == event.id))
    return {place.exhibitor_id: place for place in places}


def take_off_map(event: Event, exhibitor: Exhibitor) -> None:
    """Remove the booth from the drawing in use (grid or image)."""
    _check_exhibitor(event, exhibitor)
    place = _existing_place(exhibitor)
    if place is None:
        return
    if plan_for(event).is_grid:
        place.grid_column = place.grid_row = None
        place.column_span = place.row_span = 1
    else:
        place.image_x = place.image_y = place.image_size = None
    if not place.on_grid and not place.on_image:
        db.session.delete(place)


def add_area(
    event: Event, *, kind: str, column: int, row: int, column_span: int = 1, row_span: int = 1
) -> FloorArea:
    """Mark an entrance, stage, desk or rest area on free cells of the grid."""
    if kind not in set(AreaKind):
        raise OrganizerError(_l("Choose what the area is."))
    what = AREA_LABELS[AreaKind(kind)]
    cells = _block(column, row, column_span, row_span)
    _inside(plan_for(event), cells, what)
    _free(event, cells, what, leave=None)
    area = FloorArea(
        event_id=event.id,
        kind=kind,
        grid_column=column,
        grid_row=row,
        column_span=column_span,
        row_span=row_span,
    )
    db.session.add(area)
    return area


def remove_area(area: FloorArea) -> None:
    db.session.delete(area)


# --- the rules ---------------------------------------------------------------------------


def _check_exhibitor(event: Event, exhibitor: Exhibitor) -> None:
    if exhibitor.event_id != event.id:
        raise OrganizerError(_l("This company is not an exhibitor of this event."))


def _booth_code(event: Event, exhibitor: Exhibitor) -> str:
    _check_exhibitor(event, exhibitor)
    if not exhibitor.booth_code:
        raise OrganizerError(
            _l("Give %(name)s a booth code first.", name=exhibitor.organization.name)
        )
    return exhibitor.booth_code


def _block(column: int, row: int, column_span: int, row_span: int) -> set[tuple[int, int]]:
    if min(column, row, column_span, row_span) < 1:
        raise OrganizerError(_l("Columns, rows and sizes count from 1."))
    return {(c, r) for c in range(column, column + column_span) for r in range(row, row + row_span)}


def _inside(plan: FloorPlan, cells: set[tuple[int, int]], what) -> None:
    if any(c > plan.grid_columns or r > plan.grid_rows for c, r in cells):
        raise OrganizerError(
            _l(
                "%(what)s does not fit: the hall has %(columns)s columns and %(rows)s rows.",
                what=what,
                columns=plan.grid_columns,
                rows=plan.grid_rows,
            )
        )


def _free(event: Event, cells: set[tuple[int, int]], what, *, leave: str | None) -> None:
    for key, (other, taken) in _occupants(event).items():
        if key == leave:
            continue
        clash = sorted(cells & taken)
        if clash:
            column, row = clash[0]
            raise OrganizerError(
                _l(
                    "%(what)s would cover column %(column)s, row %(row)s, where %(other)s is.",
                    what=what,
                    column=column,
                    row=row,
                    other=other,
                )
            )


def _occupants(event: Event) -> dict[str, tuple[object, set[tuple[int, int]]]]:
    """Everything on the grid: key → (what it is, for people; its cells)."""
    found = {}
    places = db.session.execute(
        sa.select(BoothPlace, Exhibitor)
        .join(Exhibitor, BoothPlace.exhibitor_id == Exhibitor.id)
        .where(BoothPlace.event_id == event.id, BoothPlace.grid_column.is_not(None))
    )
    for place, exhibitor in places:
        name = _l("Booth %(code)s", code=exhibitor.booth_code or "?")
        found[f"booth:{exhibitor.id}"] = (name, place.cells())
    for area in db.session.scalars(sa.select(FloorArea).where(FloorArea.event_id == event.id)):
        found[f"area:{area.id}"] = (AREA_LABELS[AreaKind(area.kind)], area.cells())
    return found


def _existing_place(exhibitor: Exhibitor) -> BoothPlace | None:
    return db.session.scalar(sa.select(BoothPlace).where(BoothPlace.exhibitor_id == exhibitor.id))


def _place_of(event: Event, exhibitor: Exhibitor) -> BoothPlace:
    place = _existing_place(exhibitor)
    if place is None:
        place = BoothPlace(event_id=event.id, exhibitor_id=exhibitor.id)
        db.session.add(place)
    return place
