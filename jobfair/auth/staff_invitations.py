"""Fair-day staff an organizer invites by a single-use link: door volunteers for one event,
booth staff for one company exhibiting (approved) at it.

The link follows the rule every invitation follows (`invitations`); plain functions on
models, the caller commits.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from .. import access
from ..extensions import db
from ..models import Event, Exhibitor, StaffInvitation, User, UserRole, record_audit
from ..models.base import utcnow
from . import accounts, invitations

STAFF_INVITATION_LIFETIME = timedelta(days=14)


def invite_door_staff(event: Event, actor: User, label: str = "") -> tuple[StaffInvitation, str]:
    """A link for one door volunteer of `event`; returns the invitation and its secret token."""
    return _invite(actor, role=UserRole.DOOR, event=event, organization=None, label=label)


def invite_booth_staff(
    exhibitor: Exhibitor, actor: User, label: str = ""
) -> tuple[StaffInvitation, str]:
    """A link for one booth staff member of an approved exhibitor's company."""
    if not access.is_in_fair(exhibitor):
        raise accounts.AccountError(
            _l("Only an approved exhibitor's company can have booth staff.")
        )
    return _invite(
        actor,
        role=UserRole.BOOTH,
        event=exhibitor.event,
        organization=exhibitor.organization,
        label=label,
    )


def _invite(actor, *, role, event, organization, label) -> tuple[StaffInvitation, str]:
    token, hashed = invitations.new_token()
    invitation = StaffInvitation(
        role=role,
        event=event,
        organization=organization,
        label=(label or "").strip()[:200],
        token_hash=hashed,
        created_by_id=actor.id,
        expires_at=utcnow() + STAFF_INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    db.session.flush()
    record_audit(actor, f"{role}_staff_invited", invitation, event=event.id)
    return invitation, token


def invitation_for_token(token: str) -> StaffInvitation | None:
    """The invitation if the token is genuine, unused, unexpired and not revoked."""
    return invitations.usable_by_token(StaffInvitation, token)


def accept(invitation: StaffInvitation, **user_fields) -> User:
    """Create the staff member's account (door: the event; booth: the company) and use up
    the link. A booth link stops working once its company is no longer in the fair."""
    if invitation.role == UserRole.BOOTH and not access.exhibitor_in_fair(
        invitation.event_id, invitation.organization_id
    ):
        raise accounts.AccountError(
            _l("This company is no longer approved for the fair. Ask the organizers.")
        )
    user = accounts.create_user(
        role=invitation.role,
        organization=invitation.organization,
        staff_event=invitation.event if invitation.role == UserRole.DOOR else None,
        **user_fields,
    )
    db.session.flush()
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    record_audit(user, "staff_joined", invitation)
    return user


def revoke(invitation: StaffInvitation, actor: User) -> None:
    """Void a link not used yet; for one already used, suspend the account it made (every
    session ends at once)."""
    if invitation.used_at is None:
        invitation.revoked_at = invitation.revoked_at or utcnow()
        record_audit(actor, "staff_invitation_revoked", invitation)
    elif invitation.used_by is not None and invitation.used_by.suspended_at is None:
        accounts.suspend(invitation.used_by)
        record_audit(actor, "user_suspended", invitation.used_by)


def status(invitation: StaffInvitation) -> str:
    """ "joined", "suspended", "revoked", "expired" or "invited"."""
    if invitation.used_at is not None:
        user = invitation.used_by
        return "suspended" if user is not None and user.suspended_at else "joined"
    if invitation.revoked_at is not None:
        return "revoked"
    return "expired" if invitation.expires_at <= utcnow() else "invited"


def invitations_of(event: Event) -> list[StaffInvitation]:
    """Every staff invitation of the event, newest first."""
    return list(
        db.session.scalars(
            sa.select(StaffInvitation)
            .where(StaffInvitation.event_id == event.id)
            .order_by(StaffInvitation.created_at.desc(), StaffInvitation.id.desc())
        )
    )
