"""Single-use, hashed, expiring invitation links, and colleagues invited by one to join the
company's account.

The link rule is shared by every kind of invitation (a recruiter's colleague here, fair-day
staff in `staff_invitations`): a random token in the link, only its SHA-256 in the database
(a copy of the database cannot be used to join), usable once and until it expires.
"""

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa

from ..extensions import db
from ..models import Organization, User, record_audit
from ..models.accounts import RecruiterInvitation
from ..models.base import utcnow
from . import accounts

INVITATION_LIFETIME = timedelta(days=7)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A fresh link token and the hash to store instead of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def usable_by_token(model, token: str):
    """The invitation of `model` whose link this is, if unused, unexpired and not revoked."""
    invitation = db.session.scalar(sa.select(model).where(model.token_hash == token_hash(token)))
    if (
        invitation is None
        or invitation.used_at is not None
        or invitation.expires_at <= utcnow()
        or getattr(invitation, "revoked_at", None) is not None
    ):
        return None
    return invitation


def invite_colleague(organization: Organization, actor: User) -> tuple[RecruiterInvitation, str]:
    """A single-use link for a colleague; returns the invitation and its secret token."""
    token, hashed = new_token()
    invitation = RecruiterInvitation(
        organization=organization,
        token_hash=hashed,
        created_by_id=actor.id,
        expires_at=utcnow() + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    record_audit(actor, "recruiter_invited", organization)
    return invitation, token


def invitation_for_token(token: str) -> RecruiterInvitation | None:
    """The invitation if the token is genuine, unused and not expired."""
    return usable_by_token(RecruiterInvitation, token)


def accept_invitation(invitation: RecruiterInvitation, **user_fields) -> User:
    """Create the colleague's account in the inviting company and use up the link."""
    user = accounts.create_user(
        role="employer", organization=invitation.organization, **user_fields
    )
    db.session.flush()
    invitation.used_at = utcnow()
    invitation.used_by_id = user.id
    return user


def pending_invitations(organization: Organization) -> list[RecruiterInvitation]:
    return list(
        db.session.scalars(
            sa.select(RecruiterInvitation)
            .where(
                RecruiterInvitation.organization_id == organization.id,
                RecruiterInvitation.used_at.is_(None),
                RecruiterInvitation.expires_at > utcnow(),
            )
            .order_by(RecruiterInvitation.created_at.desc())
        )
    )
