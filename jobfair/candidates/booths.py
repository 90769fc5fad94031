"""A candidate's booths at a fair: the companies of the roles they showed interest in."""

import sqlalchemy as sa

from .. import access
from ..extensions import db
from ..models import Application, ApplicationStatus, CandidateProfile, Event, Exhibitor, Role


def interests(profile: CandidateProfile | None, event: Event) -> dict[Exhibitor, list[Role]]:
    """Each exhibitor in the fair whose roles the candidate is interested in (applied to, or
    invited by the company; a withdrawn interest is not), with those roles, by booth code.
    Nobody signed in, or no candidate: none."""
    if profile is None:
        return {}
    rows = db.session.execute(
        sa.select(Exhibitor, Role)
        .join(Role, (Role.organization_id == Exhibitor.organization_id))
        .join(Application, Application.role_id == Role.id)
        .where(
            Exhibitor.event_id == event.id,
            Role.event_id == event.id,
            Application.candidate_id == profile.id,
            Application.status != ApplicationStatus.WITHDRAWN,
            access.exhibitor_is_in_fair(),
        )
        .order_by(Exhibitor.booth_code, Role.title, Role.id)
    )
    found: dict[Exhibitor, list[Role]] = {}
    for exhibitor, role in rows:
        found.setdefault(exhibitor, []).append(role)
    return found
