"""Sending organisations' people, invited by an employer for one hire at a time.

The invitation follows the rule every invitation link follows (`auth.invitations`: a
random token in the link, only its hash stored, single use, expiring). The account
(role "sending") is made with the invitation, unable to log in until the person sets a
password through the link; inviting the same email to another hire adds that hire to the
same account. Plain functions on models; the caller commits.
"""

import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..auth import accounts, invitations
from ..extensions import db
from ..messages import notifications
from ..models import Departure, SendingInvitation, User, UserRole, record_audit
from ..models.base import utcnow

INVITATION_LIFETIME = timedelta(days=14)


def invite(
    departure: Departure, actor: User, *, name: str, agency: str, email: str
) -> SendingInvitation:
    """Make (or reuse) the sending organisation's account for `email`, put it on this hire
    and write the invitation to it; the agent the hire had before no longer sees it."""
    email = accounts.normalise_email(email)
    if not email:
        raise accounts.AccountError(_l("Give an email address or a phone number."))
    agent = accounts.find_user(email)
    if agent is not None and agent.role != UserRole.SENDING:
        raise accounts.AccountError(
            _l("This email belongs to another kind of account here. Use another email.")
        )
    if agent is None:
        agent = accounts.create_user(
            role=UserRole.SENDING,
            display_name=name,
            email=email,
            password=secrets.token_urlsafe(24),
            pending=True,
        )
        db.session.flush()
    token, hashed = invitations.new_token()
    invitation = SendingInvitation(
        departure=departure,
        agent=agent,
        agency=(agency or "").strip()[:200],
        token_hash=hashed,
        created_by_id=actor.id,
        expires_at=utcnow() + INVITATION_LIFETIME,
    )
    db.session.add(invitation)
    departure.agent = agent
    db.session.flush()
    record_audit(actor, "sending_agent_invited", departure, agent=agent.id)
    notifications.enqueue(agent, "sending_invited", invitation=invitation, token=token)
    return invitation


def invitation_for_token(token: str) -> SendingInvitation | None:
    """The invitation if the token is genuine, unused and not expired."""
    return invitations.usable_by_token(SendingInvitation, token)


def needs_password(invitation: SendingInvitation) -> bool:
    """Whether the link's account is still waiting for its password (a first invitation)."""
    return invitation.agent.pending_signup_at is not None


def accept(invitation: SendingInvitation, *, password: str) -> User:
    """Set the agent's password on their first link and use the link up; their hires are
    the departures they are the agent of."""
    agent = invitation.agent
    if not agent.is_active:
        raise accounts.AccountError(_l("This account is suspended. Ask the organizers."))
    if needs_password(invitation):
        agent.set_password(password)
        agent.pending_signup_at = None
    invitation.used_at = utcnow()
    record_audit(agent, "sending_agent_joined", invitation.departure)
    return agent


def agency_of(departure: Departure) -> str:
    """The sending organisation's name, as the latest invitation for the hire gave it."""
    latest = db.session.scalar(
        sa.select(SendingInvitation)
        .where(
            SendingInvitation.departure_id == departure.id,
            SendingInvitation.agent_id == departure.agent_id,
        )
        .order_by(SendingInvitation.created_at.desc(), SendingInvitation.id.desc())
    )
    return latest.agency if latest is not None else ""
