"""Follow-ups an organizer writes after a fair: the texts per language, the segment, and one
row per person it went to (the language they got and their message)."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User
from .base import UTCDateTime, enum_check, utcnow
from .events import Event
from .messages import Message

# The languages a follow-up may be written in, in the order the fallback looks for one.
FOLLOW_UP_LANGUAGES = ("en", "km", "ja")


class FollowUpStatus(enum.StrEnum):
    DRAFT = "draft"  # written, previewed, maybe tested; not sent
    SENDING = "sending"  # its job is writing the messages
    SENT = "sent"


class FollowUp(db.Model):
    """One message an organizer sends to a segment of a fair, in the languages they wrote."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    # segments.Segment.to_dict(): whom it was for, as the organizer chose.
    segment: Mapped[dict] = mapped_column(sa.JSON)
    # {"en": {"subject": ..., "body": ...}, "km": {...}}: only the languages written.
    texts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    status: Mapped[str] = mapped_column(sa.String(10), default=FollowUpStatus.DRAFT)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    sent_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    job_id: Mapped[int | None] = mapped_column(sa.ForeignKey("jobs.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    sent_by: Mapped[User | None] = relationship(foreign_keys=[sent_by_id])

    __table_args__ = (
        sa.CheckConstraint(enum_check("status", FollowUpStatus), name="status_known"),
        sa.CheckConstraint("status <> 'sent' OR sent_at IS NOT NULL", name="sent_has_a_time"),
        sa.Index("ix_follow_ups_event", "event_id", "created_at"),
    )

    @property
    def languages(self) -> list[str]:
        """The languages written, in FOLLOW_UP_LANGUAGES order."""
        return [code for code in FOLLOW_UP_LANGUAGES if (self.texts or {}).get(code)]

    @property
    def fallback(self) -> str | None:
        """The language people get when theirs was not written: English if written, else the
        first language written."""
        written = self.languages
        return written[0] if written else None

    def language_for(self, locale: str) -> str | None:
        """The language a reader of `locale` gets: their own, else the fallback."""
        return locale if locale in self.languages else self.fallback

    def text(self, language: str) -> dict:
        return (self.texts or {}).get(language) or {"subject": "", "body": ""}


class FollowUpRecipient(db.Model):
    """One person a follow-up went to: once per follow-up (the send may be retried)."""

    __tablename__ = "follow_up_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    follow_up_id: Mapped[int] = mapped_column(
        sa.ForeignKey("follow_ups.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The language of the text they got, and whether it was not their own.
    language: Mapped[str] = mapped_column(sa.String(5))
    fallback: Mapped[bool] = mapped_column(default=False)
    message_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("messages.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    follow_up: Mapped[FollowUp] = relationship()
    user: Mapped[User] = relationship()
    message: Mapped[Message | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("follow_up_id", "user_id"),  # once per person
        sa.CheckConstraint(
            enum_check("language", list(FOLLOW_UP_LANGUAGES)), name="language_known"
        ),
    )
