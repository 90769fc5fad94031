"""The floor map of an event as inline SVG, drawn on the server for every page that shows it.

One owner: candidates' map, the organizer's layout page and the printed map all call
`render`, with the booths to mark (a candidate's companies) and the one to focus (the booth
a role page or a ticket pointed at). No script and no style attribute is needed (strict
CSP): the look is in static/css/floor_map.css, by class. Company names are shown as their
companies entered them; the rest of the text is translated.
"""

import os
import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Response, abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape
from sqlalchemy.orm import joinedload

from . import access, uploads
from .extensions import db
from .models import AreaKind, BoothPlace, Event, Exhibitor, FloorArea, FloorPlan

CELL = 100  # SVG units per grid cell
MARGIN = 36  # room for the column and row numbers on the organizer's map
PIXELS_PER_CELL = 80  # drawn size on a phone, which scrolls sideways; desktops fit the page
IMAGE_UNITS = 1000  # an image map is this many units wide
IMAGE_PIXELS = 900

AREA_LABELS = {
    AreaKind.ENTRANCE: _l("Entrance"),
    AreaKind.STAGE: _l("Stage"),
    AreaKind.DESK: _l("Information desk"),
    AreaKind.REST: _l("Rest area"),
}


@dataclass(frozen=True)
class Booth:
    """A booth on the map: its exhibitor (with company) and where it stands."""

    exhibitor: Exhibitor
    place: BoothPlace

    @property
    def code(self) -> str:
        return self.exhibitor.booth_code


def plan_of(event: Event) -> FloorPlan | None:
    return db.session.scalar(sa.select(FloorPlan).where(FloorPlan.event_id == event.id))


def image_response(event: Event):
    """The event's plan image (whoever may see the event's map), or 404."""
    plan = plan_of(event)
    if plan is None or not plan.image_filename:
        abort(404)
    path = uploads.floor_file(plan.image_filename)
    if not os.path.isfile(path):
        abort(404)
    kind = plan.image_filename.rsplit(".", 1)[-1]
    # Read at once (at most 5 MB) so no file handle outlives the request.
    with open(path, "rb") as handle:
        return Response(handle.read(), mimetype=uploads.FLOOR_IMAGE_TYPES[kind])


def anchor(code: str) -> str:
    """The id of a booth on the page ("booth-A03"), for links that point at it."""
    return "booth-" + re.sub(r"[^A-Za-z0-9_-]", "-", code or "")


def booth_list(event: Event, *, in_fair_only: bool = True) -> list[Exhibitor]:
    """The event's exhibitors with a booth code, by code (the legend and the printed list);
    only those in the fair unless ``in_fair_only=False`` (the organizer's own view)."""
    found = (
        sa.select(Exhibitor)
        .where(Exhibitor.event_id == event.id, Exhibitor.booth_code.is_not(None))
        .options(joinedload(Exhibitor.organization))
        .order_by(Exhibitor.booth_code)
    )
    if in_fair_only:
        found = found.where(access.exhibitor_is_in_fair())
    return db.session.scalars(found).all()


def placed_booths(event: Event, plan: FloorPlan, *, in_fair_only: bool = True) -> list[Booth]:
    """The booths standing on the plan's drawing (a cell on a grid, a point on an image)."""
    found = (
        sa.select(BoothPlace, Exhibitor)
        .join(Exhibitor, BoothPlace.exhibitor_id == Exhibitor.id)
        .where(BoothPlace.event_id == event.id, Exhibitor.booth_code.is_not(None))
        .options(joinedload(Exhibitor.organization))
        .order_by(Exhibitor.booth_code)
    )
    column = BoothPlace.grid_column if plan.is_grid else BoothPlace.image_x
    found = found.where(column.is_not(None))
    if in_fair_only:
        found = found.where(access.exhibitor_is_in_fair())
    return [Booth(exhibitor, place) for place, exhibitor in db.session.execute(found)]


def areas_of(event: Event) -> list[FloorArea]:
    return db.session.scalars(
        sa.select(FloorArea).where(FloorArea.event_id == event.id).order_by(FloorArea.id)
    ).all()


def placed_codes(event: Event) -> set[str]:
    """Booth codes of the fair's exhibitors that stand on its map (links point only there)."""
    plan = plan_of(event)
    if plan is None:
        return set()
    return {booth.code for booth in placed_booths(event, plan)}


def render(
    event: Event,
    *,
    marked: Collection[int] = (),
    focused: str | None = None,
    link: Callable[[Exhibitor], str | None] | None = None,
    image_url: str | None = None,
    in_fair_only: bool = True,
    numbered: bool = False,
) -> Markup | None:
    """The event's map as an <svg> element, or None when the hall is not laid out.

    `marked`: exhibitor ids drawn as "yours" (a star and colour); `focused`: the booth code
    drawn outlined; `link`: each booth's address (its company's roles); `image_url`: where
    the plan image is served (image plans); `numbered`: column and row numbers on a grid,
    for the organizer typing cells.
    """
    plan = plan_of(event)
    if plan is None or (not plan.is_grid and not image_url):
        return None
    booths = placed_booths(event, plan, in_fair_only=in_fair_only)
    focused = (focused or "").strip().upper()
    draw = _Drawing(set(marked), focused, link or (lambda exhibitor: None))
    if plan.is_grid:
        return draw.grid(plan, booths, areas_of(event), numbered=numbered)
    return draw.image(plan, booths, image_url)


class _Drawing:
    def __init__(self, marked: set[int], focused: str, link):
        self.marked, self.focused, self.link = marked, focused, link

    def grid(self, plan, booths, areas, *, numbered: bool) -> Markup:
        margin = MARGIN if numbered else 0
        width, height = plan.grid_columns * CELL, plan.grid_rows * CELL
        parts = [f'<g transform="translate({margin} {margin})">']
        parts.append(f'<rect class="hall" x="0" y="0" width="{width}" height="{height}"/>')
        lines = [f"M{c * CELL} 0V{height}" for c in range(1, plan.grid_columns)]
        lines += [f"M0 {r * CELL}H{width}" for r in range(1, plan.grid_rows)]
        parts.append(f'<path class="cells" d="{"".join(lines)}"/>')
        for area in areas:
            parts.append(self._area(area))
        for booth in booths:
            place = booth.place
            x, y = (place.grid_column - 1) * CELL, (place.grid_row - 1) * CELL
            box = (x + 5, y + 5, place.column_span * CELL - 10, place.row_span * CELL - 10)
            parts.append(self._booth(booth, box, names=1 + place.row_span))
        parts.append("</g>")
        if numbered:
            parts += _numbers(plan)
        pixels = (plan.grid_columns * CELL + margin) * PIXELS_PER_CELL // CELL
        return _svg(width + margin, height + margin, pixels, "".join(parts))

    def image(self, plan, booths, image_url: str) -> Markup:
        width = IMAGE_UNITS
        height = round(IMAGE_UNITS * plan.image_height / plan.image_width)
        parts = [
            f'<image href="{escape(image_url)}" x="0" y="0" width="{width}" '
            f'height="{height}" preserveAspectRatio="none"/>'
        ]
        for booth in booths:
            place = booth.place
            side = place.image_size * IMAGE_UNITS / 100
            cx, cy = place.image_x * width / 100, place.image_y * height / 100
            parts.append(self._booth(booth, (cx - side / 2, cy - side / 2, side, side), names=0))
        return _svg(width, height, IMAGE_PIXELS, "".join(parts))

    def _booth(self, booth: Booth, box, *, names: int) -> str:
        x, y, w, h = (round(v, 1) for v in box)
        exhibitor = booth.exhibitor
        mine = exhibitor.id in self.marked
        classes = (
            ["booth"]
            + (["marked"] if mine else [])
            + (["focused"] if booth.code.upper() == self.focused else [])
        )
        code = booth.code
        name = exhibitor.organization.name
        label = _("Booth %(code)s: %(name)s", code=booth.code, name=name)
        size = min(28.0, max(10.0, h * 0.3)) if not names else 28.0
        parts = [f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>']
        star = ""
        if mine:  # beside the link, not in it: the link's name stays the booth's
            star_x, star_y = (x + w - 8, y + 32) if names else (x + w - 2, y + size * 0.9)
            star = _text("star", star_x, star_y, "★", size, end=True)
        if names:
            parts.append(_text("code", x + 8, y + 32, code, size))
            for index, line in enumerate(_lines(name, w - 14, 18, names)):
                parts.append(_text("name", x + 7, y + 57 + index * 21, line, 18))
        else:
            parts.append(_text("code", x + w / 2, y + h / 2 + size / 3, code, size, middle=True))
        href = self.link(exhibitor)
        inner = "".join(parts) + f"<title>{escape(label)}</title>"
        attributes = f'class="{" ".join(classes)}" id="{anchor(booth.code)}"'
        if href:
            # Named by its <title> ("Booth A03: company"), which holds the visible text.
            drawn = f'<a {attributes} href="{escape(href)}">{inner}</a>'
        else:
            drawn = f'<g {attributes} role="img" aria-label="{escape(label)}">{inner}</g>'
        return drawn + star

    def _area(self, area: FloorArea) -> str:
        x, y = (area.grid_column - 1) * CELL, (area.grid_row - 1) * CELL
        w, h = area.column_span * CELL, area.row_span * CELL
        label = str(AREA_LABELS.get(area.kind, area.kind))
        return (
            f'<g class="area area-{escape(area.kind)}">'
            f'<rect x="{x + 3}" y="{y + 3}" width="{w - 6}" height="{h - 6}" rx="10"/>'
            + _text("area-label", x + w / 2, y + h / 2 + 9, _fit(label, w - 16, 26), 26, True)
            + "</g>"
        )


def _svg(width: float, height: float, pixels: int, body: str) -> Markup:
    tall = round(pixels * height / width)
    return Markup(  # noqa: S704 - every text inside was escaped by _text / escape
        f'<svg xmlns="http://www.w3.org/2000/svg" class="floor-map" viewBox="0 0 {width} '
        f'{height}" width="{pixels}" height="{tall}" role="group" '
        f'aria-label="{escape(_("Floor map"))}">{body}</svg>'
    )


def _numbers(plan: FloorPlan) -> list[str]:
    top = [
        _text("number", MARGIN + (c - 0.5) * CELL, MARGIN - 10, str(c), 20, True)
        for c in range(1, plan.grid_columns + 1)
    ]
    left = [
        _text("number", MARGIN / 2, MARGIN + (r - 0.5) * CELL + 7, str(r), 20, True)
        for r in range(1, plan.grid_rows + 1)
    ]
    return top + left


def _text(kind: str, x: float, y: float, text: str, size: float, middle=False, end=False) -> str:
    anchor_at = ' text-anchor="middle"' if middle else ' text-anchor="end"' if end else ""
    if kind == "star":
        anchor_at += ' aria-hidden="true"'
    return (
        f'<text class="{kind}" x="{round(x, 1)}" y="{round(y, 1)}" '
        f'font-size="{round(size, 1)}"{anchor_at}>{escape(text)}</text>'
    )


def _width(text: str) -> float:
    """A text's width in ems, roughly: CJK is one em, marks that sit on a letter (Khmer
    vowel signs) none, Khmer letters 0.8, everything else about half."""
    total = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        if unicodedata.east_asian_width(char) in ("W", "F"):
            total += 1.0
        else:  # Khmer letters are wider than Latin ones
            total += 0.8 if "\u1780" <= char <= "\u17ff" else 0.58
    return total


def _fit(text: str, room: float, size: float) -> str:
    """The text cut, with an ellipsis, to what fits in `room` units at `size`."""
    if _width(text) * size <= room:
        return text
    cut = len(text)
    while cut > 1 and (_width(text[:cut]) + 0.6) * size > room:
        cut -= 1
    return text[: _whole_letters(text, cut)].rstrip() + "…"


def _whole_letters(text: str, cut: int) -> int:
    """Move a cut back so that no mark (a Khmer vowel sign, a subscript consonant after its
    COENG) is parted from the letter it belongs to."""
    while 1 < cut < len(text) and (
        unicodedata.category(text[cut]) in ("Mn", "Mc", "Me") or text[cut - 1] == "\u17d2"
    ):
        cut -= 1
    return cut


def _lines(text: str, room: float, size: float, most: int) -> list[str]:
    """The text over at most `most` lines of `room` units, broken between words where it can
    (Khmer and Japanese, written without spaces, break anywhere); the last line cut."""
    lines: list[str] = []
    rest = text.strip()
    while rest and len(lines) < most - 1:
        cut = len(rest)
        while cut > 1 and _width(rest[:cut]) * size > room:
            cut -= 1
        if cut < len(rest) and " " in rest[:cut]:
            cut = rest[:cut].rindex(" ")
        cut = _whole_letters(rest, cut)
        lines.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        lines.append(_fit(rest, room, size))
    return lines
