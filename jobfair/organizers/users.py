"""Suspending and reinstating accounts. Plain functions on models; the caller commits."""

from flask_babel import lazy_gettext as _l

from ..auth import accounts
from ..models import (
    User,
    UserRole,
)
from ..models.audit import record_audit
from .errors import OrganizerError


def suspend_user(user: User, actor: User) -> None:
    if user.role == UserRole.ORGANIZER:
        raise OrganizerError(_l("Organizer accounts are managed on the command line."))
    accounts.suspend(user)
    record_audit(actor, "user_suspended", user)


def reinstate_user(user: User, actor: User) -> None:
    user.suspended_at = None
    record_audit(actor, "user_reinstated", user)
