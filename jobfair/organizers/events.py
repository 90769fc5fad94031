"""Events, exhibitors and booths. Plain functions on models; the caller commits."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import (
    Event,
    Exhibitor,
    Organization,
)
from ..models.audit import record_audit
from ..models.events import ExhibitorStatus
from . import exhibitors
from .errors import OrganizerError


def save_event(event: Event | None, **fields) -> Event:
    """Create or update an event; the database checks the days and hours are in order."""
    if fields["ends_on"] < fields["starts_on"]:
        raise OrganizerError(_l("The last day is before the first day."))
    if fields["closes_at"] <= fields["opens_at"]:
        raise OrganizerError(_l("Closing time must be after opening time."))
    if event is None:
        event = Event()
        db.session.add(event)
    for name, value in fields.items():
        setattr(event, name, value)
    return event


def invite_exhibitor(event: Event, organization: Organization) -> Exhibitor:
    existing = db.session.scalar(
        sa.select(Exhibitor).where(
            Exhibitor.event_id == event.id, Exhibitor.organization_id == organization.id
        )
    )
    if existing is not None:
        return existing
    exhibitor = Exhibitor(
        event_id=event.id, organization_id=organization.id, status=ExhibitorStatus.APPROVED
    )
    db.session.add(exhibitor)
    exhibitors.tell_recruiters(exhibitor)
    return exhibitor


def set_exhibitor(exhibitor: Exhibitor, *, status: str, booth_code: str | None, actor) -> list:
    """Approve, reject or withdraw an exhibitor and give it a booth; booth codes are unique
    per event. What a change of status means follows in `exhibitors.change_status`."""
    booth_code = (booth_code or "").strip().upper() or None
    if booth_code is not None:
        taken = db.session.scalar(
            sa.select(Exhibitor.id).where(
                Exhibitor.event_id == exhibitor.event_id,
                Exhibitor.booth_code == booth_code,
                Exhibitor.id != exhibitor.id,
            )
        )
        if taken:
            raise OrganizerError(_l("Booth %(code)s is already taken.", code=booth_code))
    exhibitor.booth_code = booth_code
    withdrawn = exhibitors.change_status(exhibitor, status, actor)
    record_audit(actor, "exhibitor_updated", exhibitor, status=status, withdrawn=len(withdrawn))
    return withdrawn


# --- check-in ---------------------------------------------------------------------------
