"""What a company's recruiters and booth staff may reach by URL: their company's data only
(404 otherwise), and candidates' data only while the company is in the fair (403, `access`)."""

import sqlalchemy as sa
from flask import abort

from .. import access
from ..extensions import db
from ..models import BoothLead, Event, Exhibitor, User


def get_booth_event_or_404(event_id: int, *, for_user: User) -> tuple[Event, Exhibitor]:
    """A fair where the user's company exhibits; scanning and leads need it approved (403
    with the reason, as the employers' pages say it)."""
    exhibitor = access.exhibitor_of(event_id, for_user.organization_id)
    if exhibitor is None:
        abort(404)
    access.check_in_fair(exhibitor)
    return exhibitor.event, exhibitor


def get_lead_or_404(lead_id: int, *, for_user: User) -> BoothLead:
    """One of the company's leads it may see (`access.leads_seen_by`); anything else is 404."""
    lead = db.session.scalar(
        sa.select(BoothLead).where(
            BoothLead.id == lead_id, access.leads_seen_by(for_user.organization_id)
        )
    )
    if lead is None:
        abort(404)
    return lead
