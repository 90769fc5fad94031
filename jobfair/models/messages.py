"""Messages to people: one row per message, the outbox and the in-app inbox at once."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User
from .base import UTCDateTime, enum_check, utcnow
from .partners import Webhook


class MessageStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for the sender (again, after a failure: see next_attempt_at)
    SENDING = "sending"  # claimed by a sender; never picked up twice
    SENT = "sent"  # handed to the mail server or SMS provider
    DESK = "desk"  # phone-only person, no SMS configured: the help desk hands it over
    HANDED = "handed"  # the help desk handed it over
    INBOX = "inbox"  # nowhere to send it: the in-app inbox only
    FAILED = "failed"  # gave up after the last retry


class Message(db.Model):
    """A message to one user, rendered in their language when it was written.

    Written in the same transaction as the change that causes it (see
    jobfair/messages/notifications.py); `flask send-messages` delivers it afterwards.
    """

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(40))
    locale: Mapped[str] = mapped_column(sa.String(5))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    # A short text for SMS and the help desk (the body may be long).
    short_text: Mapped[str] = mapped_column(sa.String(480), default="")
    # [{"filename": ..., "content_type": ..., "content": text}], e.g. an interview's .ics
    attachments: Mapped[list] = mapped_column(sa.JSON, default=list)
    channel: Mapped[str | None] = mapped_column(sa.String(10))
    status: Mapped[str] = mapped_column(sa.String(10), default=MessageStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str] = mapped_column(sa.String(500), default="")
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A webhook delivery: the body is the signed JSON, posted to the webhook's URL.
    webhook_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("webhooks.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    # An undoable step's messages (see notifications.UNDO_WINDOW): neither sent nor shown
    # before `not_before`; the undo deletes the rows of its batch still waiting.
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)
    batch: Mapped[str | None] = mapped_column(sa.String(32), index=True)

    webhook: Mapped[Webhook | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(enum_check("status", MessageStatus), name="status_known"),
        sa.CheckConstraint(
            "channel IS NULL OR "
            + enum_check("channel", ["email", "sms", "desk", "inbox", "webhook"]),
            name="channel_known",
        ),
        sa.CheckConstraint("attempts >= 0", name="attempts_counted"),
        # The sender's query: due messages in order.
        sa.Index("ix_messages_due", "status", "next_attempt_at"),
        # The inbox: a user's messages, newest first, and the unread count.
        sa.Index("ix_messages_inbox", "user_id", "read_at", "created_at"),
    )
