"""Opting out of organizers' follow-ups and surveys: the signed link every follow-up
carries (it works without logging in) and the one change both it and the setting make.

The link carries the user id signed with the app's secret (itsdangerous, its own salt). It
does not expire: an old message's link must still stop the next one. It can only opt out;
turning follow-ups back on needs the person's own session.
"""

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from ..extensions import db
from ..models import User
from ..models.base import utcnow
from .kinds import link


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="follow-up-opt-out")


def opt_out_token(user: User) -> str:
    return _serializer().dumps(user.id)


def user_for_token(token: str) -> User | None:
    try:
        user_id = _serializer().loads(token)
    except BadSignature:
        return None
    return db.session.get(User, user_id) if isinstance(user_id, int) else None


def opt_out_link(user: User) -> str:
    return link("messages.opt_out", token=opt_out_token(user))


def set_follow_ups(user: User, wanted: bool) -> None:
    """Opt in or out of organizers' follow-ups and surveys (the caller commits)."""
    if wanted:
        user.follow_ups_opted_out_at = None
    elif user.follow_ups_opted_out_at is None:
        user.follow_ups_opted_out_at = utcnow()
