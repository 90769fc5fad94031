"""What a candidate, or someone looking at a candidate, may reach by URL; 404 otherwise."""

from flask import abort
from flask_login import current_user

from .. import access
from ..extensions import db
from ..models import Event, Offer, Registration, Role


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
    """A role candidates may see (`access.role_is_open`): public to anyone."""
    role = db.session.get(Role, role_id)
    if role is None or role.event_id != event_id or not access.role_is_open(role):
        abort(404)
    return role


def get_offer_or_404(offer_id: int) -> Offer:
    """An offer made to the signed-in candidate; anyone else's is 404."""
    found = db.session.get(Offer, offer_id)
    if found is None or found.application.candidate_id != current_user.profile.id:
        abort(404)
    return found
