"""Organizer workflows: events, exhibitors and booths, check-in at the door, walk-ins.

Plain functions on models; the caller commits.
"""

import re
import secrets

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from . import accounts
from .extensions import db
from .models import (
    CandidateProfile,
    Event,
    Exhibitor,
    Organization,
    Registration,
    User,
    UserRole,
)
from .models.audit import record_audit
from .models.base import utcnow
from .models.candidates import SHORT_CODE_ALPHABET
from .models.events import ExhibitorStatus


class EventError(Exception):
    """A request the rules do not allow; the message is shown to the organizer."""


def save_event(event: Event | None, **fields) -> Event:
    """Create or update an event; the database checks the days and hours are in order."""
    if fields["ends_on"] < fields["starts_on"]:
        raise EventError(_l("The last day is before the first day."))
    if fields["closes_at"] <= fields["opens_at"]:
        raise EventError(_l("Closing time must be after opening time."))
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
    return exhibitor


def set_exhibitor(exhibitor: Exhibitor, *, status: str, booth_code: str | None, actor) -> None:
    """Approve or reject an exhibitor and give it a booth; booth codes are unique per event."""
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
            raise EventError(_l("Booth %(code)s is already taken.", code=booth_code))
    exhibitor.status = ExhibitorStatus(status)
    exhibitor.booth_code = booth_code
    record_audit(actor, "exhibitor_updated", exhibitor, status=status)


# --- check-in ---------------------------------------------------------------------------


def clean_code(text: str) -> str:
    """A short code as typed (any case, spaces or dashes) or a scanned ticket token."""
    return re.sub(r"[\s-]", "", text or "")


def find_ticket(event: Event, text: str) -> Registration | None:
    """The registration a scanned token or a typed short code points to, at this event."""
    token = (text or "").strip()
    if not token:
        return None
    # Tokens may contain dashes; only short codes are typed with spaces or dashes.
    short = clean_code(token).upper()
    shorts = [short] if len(short) == 8 and all(c in SHORT_CODE_ALPHABET for c in short) else []
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id,
            sa.or_(Registration.ticket_token == token, Registration.short_code.in_(shorts)),
        )
    )


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
        raise EventError(
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


# --- accounts -----------------------------------------------------------------------------


def suspend_user(user: User, actor: User) -> None:
    if user.role == UserRole.ORGANIZER:
        raise EventError(_l("Organizer accounts are managed on the command line."))
    accounts.suspend(user)
    record_audit(actor, "user_suspended", user)


def reinstate_user(user: User, actor: User) -> None:
    user.suspended_at = None
    record_audit(actor, "user_reinstated", user)
