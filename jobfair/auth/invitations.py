"""Colleagues invited by a single-use link to join the company's account."""

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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_colleague(organization: Organization, actor: User) -> tuple[RecruiterInvitation, str]:
    """A single-use link for a colleague; returns the invitation and its secret token."""
    token = secrets.token_urlsafe(32)
    invitation = RecruiterInvitation(
        organization=organization,
        token_hash=_token_hash(token),
        created_by_id=actor.id,
        expires_at=utcnow() + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    record_audit(actor, "recruiter_invited", organization)
    return invitation, token


def invitation_for_token(token: str) -> RecruiterInvitation | None:
    """The invitation if the token is genuine, unused and not expired."""
    invitation = db.session.scalar(
        sa.select(RecruiterInvitation).where(RecruiterInvitation.token_hash == _token_hash(token))
    )
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= utcnow():
        return None
    return invitation


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
