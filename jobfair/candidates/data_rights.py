"""A candidate's rights over their data: a copy of everything held, and erasure."""

from datetime import datetime

import sqlalchemy as sa

from .. import uploads
from ..extensions import db
from ..models import (
    Application,
    Interview,
    User,
)
from ..models.audit import record_audit
from .profile import PROFILE_FIELDS
from .registration import applications_of, interviews_of


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
        "offers": [
            {
                "role": o.role.title,
                "company": o.role.organization.name,
                "salary": o.salary,
                "currency": o.currency,
                "starts_on": o.starts_on.isoformat(),
                "note": o.note,
                "status": o.status,
                "offered_at": when(o.decided_at),
                "answered_at": when(o.responded_at),
            }
            for a in applications_of(profile)
            for o in a.offers
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
            uploads.delete_cv(profile.cv_filename)  # once the erasure commits
        record_audit(actor or user, "candidate_erased", None, reason=reason, user_id=user.id)
        db.session.execute(sa.delete(Interview).where(Interview.candidate_id == profile.id))
        db.session.execute(sa.delete(Application).where(Application.candidate_id == profile.id))
        db.session.delete(profile)
        db.session.flush()
    db.session.delete(user)
    db.session.flush()
