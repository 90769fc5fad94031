"""The demo fair's day staff: a door volunteer, and booth staff for the first company."""

import random
from datetime import timedelta

from ..auth import invitations
from ..extensions import db
from ..models import Event, Organization, StaffInvitation, User, UserRole
from ..models.base import utcnow

DOOR_NAMES = ["Chea Sophal", "Keo Ratana", "Sim Bopha", "Long Visal"]
BOOTH_NAMES = ["Heng Sreyleak", "Nov Chanthou", "Pich Sothea"]
# Someone the organizer invited who has not opened the link yet.
PENDING_NAMES = ["Ly Mengheang", "Ouk Sovann"]


def add_demo_staff(
    event: Event, organization: Organization, organizer: User, password_hash: str, *, seed: int
) -> dict:
    """Add the staff (joined through invitations, as the organizer would have) and one
    invitation still open; return their log-ins for `seed_demo`'s list."""
    rng = random.Random(f"{seed}-staff")
    domain = organizer.email.split("@", 1)[1]
    door = User(
        role=UserRole.DOOR,
        staff_event_id=event.id,
        display_name=rng.choice(DOOR_NAMES),
        email=f"door@{domain}",
        password_hash=password_hash,
        locale="km",
    )
    booth = User(
        role=UserRole.BOOTH,
        organization=organization,
        display_name=rng.choice(BOOTH_NAMES),
        email=f"booth01@{domain}",
        password_hash=password_hash,
        locale="km",
    )
    db.session.add_all([door, booth])
    db.session.flush()
    sent = utcnow() - timedelta(days=rng.randint(3, 6))
    for user in (door, booth):
        invitation = _invitation(event, organizer, user, user.display_name, sent)
        invitation.used_at = sent + timedelta(hours=rng.randint(1, 20))
        invitation.used_by_id = user.id
    _invitation(event, organizer, None, rng.choice(PENDING_NAMES), sent)
    return {"door": door.email, "booth": booth.email}


def _invitation(event, organizer, user, label, sent) -> StaffInvitation:
    """An invitation for `user`'s post (a door one when there is no user yet)."""
    invitation = StaffInvitation(
        role=user.role if user is not None else UserRole.DOOR,
        event_id=event.id,
        organization_id=user.organization_id if user is not None else None,
        label=label,
        # A random token nobody knows: the demo's links are shown to nobody.
        token_hash=invitations.new_token()[1],
        created_by_id=organizer.id,
        created_at=sent,
        expires_at=sent + timedelta(days=14),
    )
    db.session.add(invitation)
    return invitation
