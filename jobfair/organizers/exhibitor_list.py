"""The organizer's exhibitor approval list: searched by company name, filtered by sector and
status, with how many exhibitors each status and each sector has.

Everything is SQL: the page loads only its own exhibitors (LIMIT/OFFSET) and the counts are
GROUP BY counts, so a national fair's list reads as fast as a small one's.
"""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from .. import access
from ..database import paginate
from ..extensions import db
from ..likes import contains
from ..models import Event, Exhibitor, ExhibitorStatus, Organization, Role
from ..paging import Page

MAX_QUERY = 100


@dataclass(frozen=True)
class ExhibitorFilters:
    """What the organizer looks for; empty strings mean "any"."""

    q: str = ""
    sector: str = ""
    status: str = ""

    @classmethod
    def from_args(cls, args) -> "ExhibitorFilters":
        status = (args.get("status") or "").strip()
        return cls(
            q=(args.get("q") or "").strip()[:MAX_QUERY],
            sector=(args.get("sector") or "").strip()[:MAX_QUERY],
            status=status if status in set(ExhibitorStatus) else "",
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.sector or self.status)

    def args(self, **changes) -> dict:
        """The filters as query arguments (empty ones left out), with `changes`."""
        values = {"q": self.q, "sector": self.sector, "status": self.status, **changes}
        return {name: value for name, value in values.items() if value}


def _conditions(event: Event, filters: ExhibitorFilters, *, leave_out: str = "") -> list:
    """The SQL conditions of the filters, but `leave_out`'s (its own counts ignore it)."""
    found = [Exhibitor.event_id == event.id]
    for word in filters.q.split():
        found.append(contains(Organization.name, word))
    if filters.sector and leave_out != "sector":
        found.append(Organization.sector == filters.sector)
    if filters.status and leave_out != "status":
        found.append(Exhibitor.status == filters.status)
    return found


def _counts(event: Event, filters: ExhibitorFilters, column) -> dict[str, int]:
    """How many exhibitors each value of `column` has, under the other filters."""
    rows = db.session.execute(
        sa.select(column, sa.func.count(Exhibitor.id))
        .join(Organization, Organization.id == Exhibitor.organization_id)
        .where(*_conditions(event, filters, leave_out=column.key))
        .group_by(column)
        .order_by(column)
    )
    return {key: value for key, value in rows}


def _booth_order():
    """Booths in order, exhibitors without a booth last, then by company name."""
    no_booth = sa.case(
        (sa.or_(Exhibitor.booth_code.is_(None), Exhibitor.booth_code == ""), 1), else_=0
    )
    return (no_booth, Exhibitor.booth_code, Organization.name, Exhibitor.id)


def exhibitor_page(event: Event, filters: ExhibitorFilters, *, page: int, per_page: int) -> Page:
    """One page of the event's exhibitors matching the filters, booths in order (those
    without a booth last), with `counts["status"]` and `counts["sector"]`."""
    statement = (
        sa.select(Exhibitor)
        .join(Organization, Organization.id == Exhibitor.organization_id)
        .options(contains_eager(Exhibitor.organization))
        .where(*_conditions(event, filters))
        .order_by(*_booth_order())
    )
    shown = paginate(statement, page=page, per_page=per_page)
    counts = {
        "status": _counts(event, filters, Exhibitor.status),
        "sector": _counts(event, filters, Organization.sector),
    }
    return Page(items=shown.items, total=shown.total, shown=shown.shown, counts=counts)


def companies_to_invite(event: Event) -> dict[int, str]:
    """The companies not yet at the event, by name (the "add as exhibitor" choices)."""
    present = sa.select(Exhibitor.organization_id).where(Exhibitor.event_id == event.id)
    rows = db.session.execute(
        sa.select(Organization.id, Organization.name)
        .where(Organization.id.not_in(present))
        .order_by(Organization.name)
    )
    return {key: value for key, value in rows}


def public_page(event: Event, *, page: int, per_page: int) -> Page:
    """One page of the companies in the fair (approved), by booth, for the public page."""
    statement = (
        sa.select(Exhibitor)
        .join(Organization, Organization.id == Exhibitor.organization_id)
        .options(contains_eager(Exhibitor.organization))
        .where(Exhibitor.event_id == event.id, access.exhibitor_is_in_fair())
        .order_by(*_booth_order())
    )
    return paginate(statement, page=page, per_page=per_page)


def open_roles_of(event: Event, exhibitors: list[Exhibitor]) -> dict[int, list[Role]]:
    """The open roles of these exhibitors' companies, by company id (one page's worth)."""
    companies = [exhibitor.organization_id for exhibitor in exhibitors]
    found: dict[int, list[Role]] = {}
    if not companies:
        return found
    roles = db.session.scalars(
        sa.select(Role)
        .where(
            Role.event_id == event.id,
            Role.organization_id.in_(companies),
            access.open_to_candidates(),
        )
        .order_by(Role.title, Role.id)
    )
    for role in roles:
        found.setdefault(role.organization_id, []).append(role)
    return found
