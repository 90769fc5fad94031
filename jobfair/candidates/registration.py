"""Registering for events, showing interest in roles and answering interview invitations.

Plain functions on models; the caller commits."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from .. import access, signals
from ..extensions import db
from ..messages import notifications
from ..models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Event,
    Interview,
    Registration,
    Role,
    StatusChange,
)
from ..models.base import utcnow
from ..models.recruiting import RoleStatus
from .profile import CandidateError


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
    notifications.enqueue(profile.user, "ticket", registration=registration)
    return registration


def registration_for(profile: CandidateProfile, event: Event) -> Registration | None:
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id, Registration.candidate_id == profile.id
        )
    )


def apply_to_role(profile: CandidateProfile, role: Role) -> Application:
    """Express interest in a role of an event the candidate registered for.

    Only a role candidates may see (`access.role_is_open`); an application withdrawn when the
    company left the fair opens again if the company is back and the candidate still wants it.
    """
    if role.status != RoleStatus.OPEN:
        raise CandidateError(_l("This role no longer takes applications."))
    if not access.role_is_open(role):
        raise CandidateError(
            _l("This role was withdrawn: the company is not taking part in this fair.")
        )
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
        if existing.status == ApplicationStatus.WITHDRAWN:
            _reopen(existing)
            notifications.enqueue(profile.user, "interest_confirmed", application=existing)
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
    signals.application_created.send(application)
    notifications.enqueue(profile.user, "interest_confirmed", application=application)
    return application


def _reopen(application: Application) -> None:
    application.status = ApplicationStatus.NEW
    application.updated_at = utcnow()
    db.session.add(
        StatusChange(
            application=application,
            from_status=ApplicationStatus.WITHDRAWN,
            to_status=ApplicationStatus.NEW,
        )
    )


def applications_of(profile: CandidateProfile) -> list[Application]:
    """The candidate's applications, newest change first (statuses only, never notes)."""
    return db.session.scalars(my_applications(profile)).all()


def my_applications(profile: CandidateProfile) -> sa.Select:
    """The statement of `applications_of`, for a page of it."""
    return (
        sa.select(Application)
        .where(Application.candidate_id == profile.id)
        .order_by(Application.updated_at.desc(), Application.id.desc())
    )


def interested_role_ids(profile: CandidateProfile) -> set[int]:
    """Roles the candidate's interest still stands for (a withdrawn one may be shown again)."""
    return set(
        db.session.scalars(
            sa.select(Application.role_id).where(
                Application.candidate_id == profile.id,
                Application.status != ApplicationStatus.WITHDRAWN,
            )
        )
    )


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
    if accept:
        signals.interview_accepted.send(interview)
    if not accept:
        # A declined slot is free for someone else.
        interview.slot_id = None
        interview.starts_at = None
    return interview
