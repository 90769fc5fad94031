"""What partners' systems hold: personal API tokens and recruiters' webhooks."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import Organization, User
from .base import UTCDateTime, enum_check, utcnow

TOKEN_SCOPES = ("read", "write")
WEBHOOK_EVENTS = ("application.created", "application.status_changed", "interview.accepted")


class ApiToken(db.Model):
    """A personal API token: shown once, stored as a SHA-256 hash, scoped, expiring, revocable.

    A recruiter's token is tied to the company they were in when they made it; it stops
    working if they move to another (see jobfair/api/tokens.py).
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # The first characters, so people can tell their tokens apart; not enough to use one.
    prefix: Mapped[str] = mapped_column(sa.String(12))
    scope: Mapped[str] = mapped_column(sa.String(10))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship()
    organization: Mapped[Organization | None] = relationship()

    __table_args__ = (sa.CheckConstraint(enum_check("scope", list(TOKEN_SCOPES)), name="scope"),)

    @property
    def can_write(self) -> bool:
        return self.scope == "write"


class Webhook(db.Model):
    """A company's endpoint for events; each delivery is signed with the secret (HMAC-SHA256)."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    # The outbox needs a recipient: the recruiter who registered it.
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(sa.String(500))
    # Kept as is: signing needs the secret itself, not a hash of it.
    secret: Mapped[str] = mapped_column(sa.String(64))
    events: Mapped[list] = mapped_column(sa.JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization] = relationship()
    created_by: Mapped[User] = relationship()
