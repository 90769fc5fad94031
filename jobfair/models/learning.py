"""Part weights learned from a company's decisions at an event, per family of roles."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .base import UTCDateTime, utcnow


class LearnedWeights(db.Model):
    """The part weights one company's recruiters' decisions taught for a family of its roles.

    `family` is an ISCO-08 key of the roles' occupations: a minor group ("721"), a major
    group ("7"), or "" for all the company's roles at the event (`matching.learning`).
    Written by `jobfair.learned_weights.learn` (a job after decisions, or `flask
    learn-weights`); read when a shortlist is ranked. One company's rows rank only its roles.
    """

    __tablename__ = "learned_weights"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    family: Mapped[str] = mapped_column(sa.String(4), default="")
    # {"title": w, "occupation": w, "group": w, "skills": w, "text": w}, summing to 1.
    weights: Mapped[dict] = mapped_column(sa.JSON)
    decisions: Mapped[int]
    # The newest status change the weights have seen: newer ones make them stale.
    through_change_id: Mapped[int] = mapped_column(default=0)
    learned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        sa.UniqueConstraint("event_id", "organization_id", "family"),
        sa.CheckConstraint("decisions > 0", name="decisions_positive"),
    )
