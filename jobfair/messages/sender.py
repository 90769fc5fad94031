"""The sender: delivers due messages from the outbox, with retries and back-off.

Each message is claimed (pending -> sending, one conditional UPDATE, committed) before
anything is sent, so two senders never send it twice. After the attempt the outcome is
recorded: sent, handed to the help desk, kept for the inbox, retried later (back-off
doubling from MESSAGE_RETRY_SECONDS up to an hour) or failed after MESSAGE_MAX_ATTEMPTS.
A sender that dies between claiming and recording leaves the message "sending"; after
MESSAGE_STALE_SECONDS it is marked failed, not resent, because it may have gone out.
"""

import logging
import time
from collections import Counter
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..models import Message, MessageStatus
from ..models.base import utcnow
from . import channels, digest
from .kinds import DESK_KINDS

log = logging.getLogger(__name__)


def backoff(attempts: int, base: float) -> timedelta:
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 3600))


def claim(message_id: int, now: datetime) -> bool:
    result = db.session.execute(
        sa.update(Message)
        .where(Message.id == message_id, Message.status == MessageStatus.PENDING)
        .values(status=MessageStatus.SENDING, claimed_at=now, attempts=Message.attempts + 1)
    )
    db.session.commit()
    return result.rowcount == 1


def choose(message: Message, email, sms) -> tuple[str, object | None]:
    """The channel for this message: (name, channel object or None for desk and inbox)."""
    if message.webhook_id is not None:
        return "webhook", channels.WebhookChannel(current_app.config)
    user = message.user
    if email is not None and user.email:
        return "email", email
    if sms is not None and user.phone:
        return "sms", sms
    if message.kind in DESK_KINDS:
        return "desk", None
    return "inbox", None


def deliver(message: Message, email, sms, now: datetime) -> str:
    """One attempt for a claimed message; records and returns the outcome."""
    config = current_app.config
    name, channel = choose(message, email, sms)
    message.channel = name
    if channel is None:
        message.status = MessageStatus.DESK if name == "desk" else MessageStatus.INBOX
        return message.status
    try:
        channel.send(message)
    except channels.PermanentFailure as exc:
        message.status, message.last_error = MessageStatus.FAILED, str(exc)[:500]
    except channels.TemporaryFailure as exc:
        message.last_error = str(exc)[:500]
        if message.attempts >= config["MESSAGE_MAX_ATTEMPTS"]:
            message.status = MessageStatus.FAILED
        else:
            message.status = MessageStatus.PENDING
            message.next_attempt_at = now + backoff(
                message.attempts, config["MESSAGE_RETRY_SECONDS"]
            )
            return "retry"
    else:
        message.status, message.sent_at, message.last_error = MessageStatus.SENT, now, ""
    return message.status


def give_up_stale(now: datetime) -> int:
    """Claims older than MESSAGE_STALE_SECONDS: the sender died mid-send. Never resend."""
    limit = now - timedelta(seconds=current_app.config["MESSAGE_STALE_SECONDS"])
    result = db.session.execute(
        sa.update(Message)
        .where(Message.status == MessageStatus.SENDING, Message.claimed_at < limit)
        .values(
            status=MessageStatus.FAILED,
            last_error="The sender stopped while sending; not resent in case it went out.",
        )
    )
    db.session.commit()
    return result.rowcount


def send_due(now: datetime | None = None, limit: int = 200) -> Counter:
    """Deliver the messages that are due; returns how many ended in each outcome."""
    now = now or utcnow()
    config = current_app.config
    email, sms = channels.email_channel(config), channels.sms_channel(config)
    outcomes = Counter()
    give_up_stale(now)
    # A message held for an undo window (not_before) is not due before it ends.
    due = db.session.scalars(
        sa.select(Message.id)
        .where(
            Message.status == MessageStatus.PENDING,
            Message.next_attempt_at <= now,
            sa.or_(Message.not_before.is_(None), Message.not_before <= now),
        )
        .order_by(Message.next_attempt_at, Message.id)
        .limit(limit)
    ).all()
    for message_id in due:
        if not claim(message_id, now):
            continue  # another sender took it
        message = db.session.get(Message, message_id)
        outcomes[deliver(message, email, sms, now)] += 1
        db.session.commit()
    return outcomes


def run(*, once: bool = False, interval: float = 5.0, stop=None) -> None:
    """The loop of `flask send-messages`: send, queue digests when due, sleep."""
    while True:
        try:
            outcomes = send_due()
            queued = digest.queue_digests()
            if outcomes or queued:
                log.info("messages: %s; digests queued: %d", dict(outcomes), queued)
        except Exception:  # keep serving; the next round retries
            db.session.rollback()
            log.exception("sending messages failed")
            if once:
                raise
        finally:
            db.session.remove()
        if once or (stop is not None and stop()):
            return
        time.sleep(interval)
