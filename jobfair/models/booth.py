"""Candidates a company met at its booth: one lead per company, candidate and fair."""

from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..extensions import db
from .base import UTCDateTime, utcnow
from .candidates import CandidateProfile
from .rules import InvalidValue

if TYPE_CHECKING:
    from .accounts import Organization, User
    from .events import Event
    from .recruiting import Role

RATINGS = (1, 2, 3, 4)
MAX_TAGS = 8
MAX_TAG = 30
MAX_NOTE = 2000


class BoothLead(db.Model):
    """ "Met at the booth": who met the candidate and when, with the team's rating and note.

    Scanning the same ticket again keeps this one row (unique per fair, company and
    candidate); `client_id` is the id the scanning device gave its first scan, so a sync
    sent twice records nothing new. The candidate may withdraw: the company then no longer
    sees the lead (`withdrawn_at`).
    """

    __tablename__ = "booth_leads"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    candidate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("candidate_profiles.id", ondelete="CASCADE"), index=True
    )
    met_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # When the device scanned the ticket (it may sync hours later).
    met_at: Mapped[datetime] = mapped_column(UTCDateTime)
    client_id: Mapped[str] = mapped_column(sa.String(64), unique=True)
    rating: Mapped[int | None]
    note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    tags: Mapped[list] = mapped_column(sa.JSON, default=list)
    role_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("roles.id", ondelete="SET NULL"), index=True
    )
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event: Mapped["Event"] = relationship()
    organization: Mapped["Organization"] = relationship()
    candidate: Mapped[CandidateProfile] = relationship()
    met_by: Mapped["User | None"] = relationship()
    # The role's id alone: the composite key below only guards it.
    role: Mapped["Role | None"] = relationship(
        primaryjoin="BoothLead.role_id == Role.id", foreign_keys=[role_id]
    )

    __table_args__ = (
        sa.UniqueConstraint("event_id", "organization_id", "candidate_id"),
        sa.CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 4", name="rating_range"),
        # The role, if any, is the company's own role at this fair (a unique index on
        # roles makes the three columns a key another table may point at).
        sa.ForeignKeyConstraint(
            ["role_id", "event_id", "organization_id"],
            ["roles.id", "roles.event_id", "roles.organization_id"],
            name="fk_booth_leads_role_of_company_at_event",
        ),
    )

    @validates("tags")
    def _short_tags(self, key, value):
        """Short, distinct tags, at most MAX_TAGS: whoever sets them (page, sync, demo)."""
        tags = []
        for tag in value or []:
            tag = " ".join(str(tag).split())[:MAX_TAG]
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        if len(tags) > MAX_TAGS:
            raise InvalidValue(key, f"at most {MAX_TAGS} tags")
        return tags

    @validates("rating")
    def _rating(self, key, value):
        if value is not None and value not in RATINGS:
            raise InvalidValue(key, "a rating is 1 to 4")
        return value

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
