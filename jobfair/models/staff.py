"""Invitations with which an organizer brings fair-day staff in: door volunteers, booth staff."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import Organization, User
from .base import UTCDateTime, utcnow
from .events import Event


class StaffInvitation(db.Model):
    """A single-use, expiring link for one door volunteer of an event, or one booth staff
    member of a company exhibiting there. Only a hash of the token is stored."""

    __tablename__ = "staff_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    # The company a booth staff member works for; none for the door.
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    # Whom the organizer meant (a name to recognise the row by, never used to log in).
    label: Mapped[str] = mapped_column(sa.String(200), default="")
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship()
    organization: Mapped[Organization | None] = relationship()
    used_by: Mapped[User | None] = relationship(foreign_keys=[used_by_id])

    __table_args__ = (
        sa.CheckConstraint("role IN ('door', 'booth')", name="staff_role_known"),
        sa.CheckConstraint(
            "(role = 'booth') = (organization_id IS NOT NULL)", name="booth_has_org"
        ),
    )
