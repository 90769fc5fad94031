"""Check-in at the door: confirming a ticket (found by `tickets.find_ticket`), walk-ins.

Plain functions on models; the caller commits.
"""

import secrets

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..auth import accounts
from ..extensions import db
from ..models import (
    CandidateProfile,
    Event,
    Registration,
    User,
    UserRole,
)
from ..models.base import utcnow
from .errors import OrganizerError


def check_in(registration: Registration, staff: User) -> bool:
    """Mark the candidate as arrived; returns False when they already were (harmless)."""
    if registration.checked_in_at is not None:
        return False
    # A conditional update: two door scanners at once check a person in only once.
    result = db.session.execute(
        sa.update(Registration)
        .where(Registration.id == registration.id, Registration.checked_in_at.is_(None))
        .values(checked_in_at=utcnow(), checked_in_by_id=staff.id)
    )
    db.session.refresh(registration)
    return result.rowcount == 1


def register_walk_in(
    event: Event,
    staff: User,
    *,
    name: str,
    phone: str | None,
    email: str | None,
    province: str,
    gender: str | None,
) -> Registration:
    """A candidate who arrives without an account: registered and checked in at once."""
    if accounts.contact_taken(accounts.normalise_email(email), accounts.normalise_phone(phone)):
        raise OrganizerError(
            _l("Someone with this phone or email is already registered: find their ticket.")
        )
    user = accounts.create_user(
        role=UserRole.CANDIDATE,
        display_name=name,
        # They set a password later through "forgot your password".
        password=secrets.token_urlsafe(24),
        email=email,
        phone=phone,
    )
    db.session.flush()
    profile = db.session.scalar(
        sa.select(CandidateProfile).where(CandidateProfile.user_id == user.id)
    )
    profile.province = province
    profile.gender = gender or None
    registration = Registration(
        event_id=event.id,
        candidate_id=profile.id,
        source="walk_in",
        checked_in_at=utcnow(),
        checked_in_by_id=staff.id,
    )
    db.session.add(registration)
    return registration
