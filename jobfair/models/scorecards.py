"""Interview scorecards: a role's criteria and each interviewer's 1–4 ratings of a candidate.

A criterion that has ratings is never rewritten: removing or renaming it archives the row
and a new one takes its place, so an old scorecard keeps the words it was rated against.
"""

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ..extensions import db
from .accounts import User
from .base import UTCDateTime, enum_check, utcnow
from .recruiting import Application, Role
from .rules import InvalidValue

# The criteria a role has until its recruiters choose their own, in their order.
DEFAULT_CRITERIA = {
    "japanese": _l("Japanese conversation"),
    "technical": _l("Technical skill"),
    "attitude": _l("Attitude"),
    "availability": _l("Availability"),
}
MAX_LABEL = 60
MAX_CRITERIA = 8
SCORES = (1, 2, 3, 4)
MAX_COMMENT = 500
MAX_OVERALL_COMMENT = 2000


class ScorecardCriterion(db.Model):
    """One thing a role's interviewers rate; a default one (`key`) reads in each
    recruiter's language, a company's own (`label`) as its recruiters wrote it."""

    __tablename__ = "scorecard_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(sa.ForeignKey("roles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str | None] = mapped_column(sa.String(20))
    label: Mapped[str] = mapped_column(sa.String(MAX_LABEL), default="", server_default="")
    # Removed (or renamed) after someone rated it: kept for the scorecards that did.
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    role: Mapped[Role] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("role_id", "key"),
        sa.CheckConstraint(
            f"key IS NULL OR {enum_check('key', list(DEFAULT_CRITERIA))}", name="key_known"
        ),
        sa.CheckConstraint("key IS NOT NULL OR label <> ''", name="has_label"),
        sa.CheckConstraint(f"length(label) <= {MAX_LABEL}", name="label_short"),
    )

    @property
    def display_label(self):
        """The recruiters' own words, or the default's in the reader's language (lazy)."""
        return self.label or DEFAULT_CRITERIA[self.key]

    @property
    def slug(self) -> str:
        """A name for the criterion's form fields that a default keeps before it is saved."""
        return self.key or str(self.id)


class Scorecard(db.Model):
    """One interviewer's ratings of one candidate for one role; only its author edits it."""

    __tablename__ = "scorecards"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    interviewer_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    comment: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    application: Mapped[Application] = relationship()
    interviewer: Mapped[User | None] = relationship()
    ratings: Mapped[list["ScorecardRating"]] = relationship(
        back_populates="scorecard", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (sa.UniqueConstraint("application_id", "interviewer_id"),)

    @validates("comment")
    def _short_comment(self, name, value):
        if len(value or "") > MAX_OVERALL_COMMENT:
            raise InvalidValue(name, _l("At most %(num)d characters.", num=MAX_OVERALL_COMMENT))
        return value or ""

    def rating_for(self, criterion: ScorecardCriterion) -> "ScorecardRating | None":
        return next((r for r in self.ratings if r.criterion_id == criterion.id), None)


class ScorecardRating(db.Model):
    """A score from 1 (poor) to 4 (excellent) on one criterion, with an optional comment."""

    __tablename__ = "scorecard_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(
        sa.ForeignKey("scorecards.id", ondelete="CASCADE"), index=True
    )
    criterion_id: Mapped[int] = mapped_column(
        sa.ForeignKey("scorecard_criteria.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(sa.String(MAX_COMMENT), default="", server_default="")

    scorecard: Mapped[Scorecard] = relationship(back_populates="ratings")
    criterion: Mapped[ScorecardCriterion] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("scorecard_id", "criterion_id"),
        sa.CheckConstraint("score BETWEEN 1 AND 4", name="score_1_to_4"),
    )

    @validates("score")
    def _in_range(self, name, value):
        if value not in SCORES:
            raise InvalidValue(name, _l("A rating is from 1 to 4."))
        return value

    @validates("comment")
    def _short_comment(self, name, value):
        if len(value or "") > MAX_COMMENT:
            raise InvalidValue(name, _l("At most %(num)d characters.", num=MAX_COMMENT))
        return value or ""
