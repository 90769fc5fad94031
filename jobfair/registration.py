"""Candidate workflows: profile, event registration, consent, applications, interviews,
data export and erasure. Plain functions on models; the caller commits."""

import os
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from . import uploads
from .extensions import db
from .models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Event,
    Interview,
    Registration,
    Role,
    User,
)
from .models.audit import record_audit
from .models.base import utcnow
from .models.recruiting import RoleStatus

# Bumped whenever the consent text changes; each candidate's consent records the version.
CONSENT_VERSION = "2026-01"

PROFILE_FIELDS = (
    "full_name", "name_khmer", "gender", "birth_year", "province", "headline",
    "education_level", "education_field", "experience", "past_jobs", "skills", "languages",
    "wanted_sectors", "wanted_locations", "programs",
)  # fmt: skip


class CandidateError(Exception):
    """A request the rules do not allow; the message is shown to the candidate."""


def update_profile(profile: CandidateProfile, **fields) -> CandidateProfile:
    """Set the given profile fields; unknown names are a programming error."""
    for name, value in fields.items():
        if name not in PROFILE_FIELDS:
            raise TypeError(f"not a profile field: {name}")
        setattr(profile, name, value)
    profile.updated_at = utcnow()
    return profile


def give_consent(profile: CandidateProfile, *, share_contact: bool) -> None:
    profile.consent_version = CONSENT_VERSION
    profile.consent_at = utcnow()
    profile.share_contact = share_contact
    profile.updated_at = utcnow()


def withdraw_consent(profile: CandidateProfile) -> None:
    """Exhibitors stop seeing the profile at once; rankings drop it on their next look."""
    profile.consent_version = None
    profile.consent_at = None
    profile.share_contact = False
    profile.updated_at = utcnow()
    record_audit(profile.user, "consent_withdrawn", profile)


def open_events() -> list[Event]:
    return db.session.scalars(
        sa.select(Event)
        .where(Event.published.is_(True), Event.registration_open.is_(True))
        .order_by(Event.starts_on)
    ).all()


def register_for_event(profile: CandidateProfile, event: Event) -> Registration:
    """The candidate's ticket for the event; registering twice returns the same ticket."""
    existing = registration_for(profile, event)
    if existing is not None:
        return existing
    if not (event.published and event.registration_open):
        raise CandidateError(_l("Registration for this event is closed."))
    # Ids, not relationships: the object joins the session only inside the savepoint.
    registration = Registration(event_id=event.id, candidate_id=profile.id, source="online")
    try:
        with db.session.begin_nested():
            db.session.add(registration)
    except sa.exc.IntegrityError:
        # Two taps at once: the database kept the first; give that one back.
        existing = registration_for(profile, event)
        if existing is None:
            raise
        return existing
    return registration


def registration_for(profile: CandidateProfile, event: Event) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.candidate_id == profile.id
        )
    )


def apply_to_role(profile: CandidateProfile, role: Role) -> Application:
    """Express interest in a role of an event the candidate registered for."""
    if role.status != RoleStatus.OPEN:
        raise CandidateError(_l("This role no longer takes applications."))
    if registration_for(profile, role.event) is None:
        raise CandidateError(_l("Register for the event first."))
    if not profile.has_consent:
        raise CandidateError(_l("Allow exhibitors to see your profile first."))
    existing = db.session.scalar(
        sa.select(Application).where(
            Application.role_id == role.id, Application.candidate_id == profile.id
        )
    )
    if existing is not None:
        return existing
    application = Application(
        role_id=role.id,
        candidate_id=profile.id,
        status=ApplicationStatus.NEW,
        applied_by_candidate=True,
    )
    try:
        with db.session.begin_nested():
            db.session.add(application)
    except sa.exc.IntegrityError:
        return db.session.scalar(
            sa.select(Application).where(
                Application.role_id == role.id, Application.candidate_id == profile.id
            )
        )
    return application


def applications_of(profile: CandidateProfile) -> list[Application]:
    """The candidate's applications, newest change first (statuses only, never notes)."""
    return db.session.scalars(
        sa.select(Application)
        .where(Application.candidate_id == profile.id)
        .order_by(Application.updated_at.desc())
    ).all()


def interviews_of(profile: CandidateProfile) -> list[Interview]:
    return db.session.scalars(
        sa.select(Interview)
        .where(Interview.candidate_id == profile.id)
        .order_by(Interview.starts_at.is_(None), Interview.starts_at)
    ).all()


def respond_to_interview(
    profile: CandidateProfile, interview: Interview, accept: bool
) -> Interview:
    if interview.candidate_id != profile.id:
        raise PermissionError("not this candidate's interview")
    if interview.status not in ("offered", "accepted"):
        raise CandidateError(_l("This invitation can no longer be answered."))
    interview.status = "accepted" if accept else "declined"
    interview.responded_at = utcnow()
    if not accept:
        # A declined slot is free for someone else.
        interview.slot_id = None
        interview.starts_at = None
    return interview


def export_data(user: User) -> dict:
    """Everything the platform holds about a candidate, as JSON-ready data."""
    profile = user.profile

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "account": {
            "email": user.email,
            "phone": user.phone,
            "name": user.display_name,
            "language": user.locale,
            "created_at": when(user.created_at),
            "last_login_at": when(user.last_login_at),
        },
        "profile": {
            **{name: getattr(profile, name) for name in PROFILE_FIELDS},
            "cv_file": profile.cv_original_name,
            "cv_text": profile.cv_text,
            "consent_version": profile.consent_version,
            "consent_at": when(profile.consent_at),
            "share_contact": profile.share_contact,
        },
        "registrations": [
            {
                "event": r.event.name,
                "registered_at": when(r.registered_at),
                "checked_in_at": when(r.checked_in_at),
                "source": r.source,
            }
            for r in profile.registrations
        ],
        "applications": [
            {
                "role": a.role.title,
                "company": a.role.organization.name,
                "status": a.status,
                "applied_at": when(a.created_at),
            }
            for a in applications_of(profile)
        ],
        "interviews": [
            {"role": i.application.role.title, "starts_at": when(i.starts_at), "status": i.status}
            for i in interviews_of(profile)
        ],
    }


def erase_candidate(user: User, *, actor: User | None = None, reason: str = "request") -> None:
    """Erase a candidate's personal data: account, profile, CV, applications, interviews.

    Each event keeps anonymous counts of the registrations and check-ins erased, so
    its statistics stay whole. The audit log records the erasure without personal data.
    """
    profile = user.profile
    if profile is not None:
        for registration in profile.registrations:
            event = registration.event
            event.erased_registrations += 1
            if registration.checked_in_at is not None:
                event.erased_checkins += 1
        if profile.cv_filename:
            uploads.delete_cv(profile.cv_filename)
        record_audit(actor or user, "candidate_erased", None, reason=reason, user_id=user.id)
        db.session.execute(sa.delete(Interview).where(Interview.candidate_id == profile.id))
        db.session.execute(sa.delete(Application).where(Application.candidate_id == profile.id))
        db.session.delete(profile)
        db.session.flush()
    db.session.delete(user)
    db.session.flush()


def cv_path(profile: CandidateProfile) -> str | None:
    if not profile.cv_filename:
        return None
    path = uploads.cv_file(profile.cv_filename)
    return path if os.path.exists(path) else None
