"""What a candidate, or someone looking at a candidate, may reach by URL; 404 otherwise."""

import sqlalchemy as sa
from flask import abort
from flask_login import current_user

from ..extensions import db
from ..models import Application, Event, Registration, Role, UserRole
from ..models.recruiting import RoleStatus
from .jobs import exhibitor_of


def get_registration_or_404(registration_id: int) -> Registration:
    """The signed-in candidate's own registration."""
    found = db.session.get(Registration, registration_id)
    if found is None or found.candidate_id != current_user.profile.id:
        abort(404)
    return found


def get_event_or_404(event_id: int) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or not event.published:
        abort(404)
    return event


def get_open_role_or_404(event_id: int, role_id: int) -> Role:
    """An open role of an approved exhibitor at a published event: public to anyone."""
    role = db.session.get(Role, role_id)
    if role is None or role.event_id != event_id or not role.event.published:
        abort(404)
    exhibitor = exhibitor_of(role)
    if role.status != RoleStatus.OPEN or exhibitor is None or exhibitor.status != "approved":
        abort(404)
    return role


def can_download_cv(user, profile_) -> bool:
    if user.role == UserRole.CANDIDATE:
        return user.profile is not None and user.profile.id == profile_.id
    if user.role == UserRole.EMPLOYER and profile_.has_consent:
        return (
            db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Application)
                .join(Role, Role.id == Application.role_id)
                .where(
                    Application.candidate_id == profile_.id,
                    Role.organization_id == user.organization_id,
                )
            )
            > 0
        )
    return False
