"""The sender: delivers due messages from the outbox, with retries and back-off.

Each message is claimed (pending -> sending, one conditional UPDATE, committed) before
anything is sent, so two senders never send it twice. What the channel needs is then read
into an `Outgoing` and that read ends; the channel is called with no transaction open
(a slow receiver must never hold a database lock); the outcome is recorded afterwards in
a new short transaction: sent, handed to the help desk, kept for the inbox, retried later
(back-off doubling from MESSAGE_RETRY_SECONDS up to an hour) or failed after
MESSAGE_MAX_ATTEMPTS. A message that cannot even be built is retried like a network
failure, never left "sending". A sender that dies between claiming and recording leaves
the message "sending"; after MESSAGE_STALE_SECONDS it is marked failed, not resent,
because it may have gone out.

Webhook deliveries run apart from e-mail and SMS: their own loop and a pool of
WEBHOOK_WORKERS threads, each delivery within WEBHOOK_TIMEOUT_SECONDS in all, so one slow
receiver delays neither the other receivers nor anyone's e-mail.
"""

import logging
import threading
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from ..extensions import db
from ..models import Message, MessageStatus, UserRole
from ..models.base import utcnow
from . import channels, digest
from .kinds import DESK_KINDS, STAFF_PRIVATE_KINDS

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
    """The channel for this message: (name, channel object or None for desk and inbox).

    Reset links of organizers and recruiters never go to the help desk's list (anyone at
    the desk could take over the account): without mail they stay in the inbox and the
    operator's log says so.
    """
    if message.webhook_id is not None:
        return "webhook", channels.WebhookChannel(current_app.config)
    user = message.user
    if email is not None and user.email:
        return "email", email
    if sms is not None and user.phone:
        return "sms", sms
    if message.kind in STAFF_PRIVATE_KINDS and user.role != UserRole.CANDIDATE:
        # For the operator only (the server's log), who may pass the link on.
        log.warning(
            "message %s (%s) for user %s could not be sent: no mail or SMS is configured; "
            "the person should ask the operator. The message: %s",
            message.id,
            message.kind,
            user.id,
            message.body,
        )
        return "inbox", None
    if message.kind in DESK_KINDS:
        return "desk", None
    return "inbox", None


def outgoing(message: Message) -> channels.Outgoing:
    """Everything the channel needs, read now (no lazy load may happen during the send)."""
    webhook, user = message.webhook, message.user
    return channels.Outgoing(
        id=message.id,
        kind=message.kind,
        subject=message.subject,
        body=message.body,
        short_text=message.short_text or "",
        attachments=list(message.attachments or []),
        email=user.email,
        phone=user.phone,
        webhook_url=webhook.url if webhook is not None and webhook.disabled_at is None else None,
        webhook_secret=webhook.secret if webhook is not None else "",
    )


def attempt(channel, letter: channels.Outgoing) -> tuple[str, str]:
    """Call the channel, touching no database: ("sent" | "failed" | "retry", why)."""
    try:
        channel.send(letter)
    except channels.PermanentFailure as exc:
        return "failed", str(exc)
    except channels.TemporaryFailure as exc:
        return "retry", str(exc)
    except Exception as exc:  # noqa: BLE001 (a message that cannot be built: retry, then fail)
        log.exception("message %s could not be sent", letter.id)
        return "retry", f"{type(exc).__name__}: {exc}"
    return "sent", ""


def record(
    message_id: int, name: str, outcome: str, error: str, attempts: int, now: datetime
) -> str:
    """Write the outcome of an attempt in one short transaction; returns the outcome."""
    config = current_app.config
    values = {"channel": name, "last_error": error[:500]}
    if outcome == "sent":
        values.update(status=MessageStatus.SENT, sent_at=now)
    elif outcome == "retry" and attempts >= config["MESSAGE_MAX_ATTEMPTS"]:
        outcome = MessageStatus.FAILED
        values.update(status=MessageStatus.FAILED)
    elif outcome == "retry":
        values.update(
            status=MessageStatus.PENDING,
            next_attempt_at=now + backoff(attempts, config["MESSAGE_RETRY_SECONDS"]),
        )
    else:  # failed, desk, inbox
        values.update(status=MessageStatus(outcome))
    db.session.execute(
        sa.update(Message)
        .where(Message.id == message_id, Message.status == MessageStatus.SENDING)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return str(outcome)


def deliver(message_id: int, email, sms, now: datetime) -> str:
    """One attempt for a claimed message: read, end the read, send, record."""
    message = db.session.get(Message, message_id)
    name, channel = choose(message, email, sms)
    attempts = message.attempts
    if channel is None:
        return record(message_id, name, name, "", attempts, now)
    letter = outgoing(message)
    db.session.commit()  # no transaction stays open while the network is used
    outcome, error = attempt(channel, letter)
    return record(message_id, name, outcome, error, attempts, now)


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


def _due(now: datetime, limit: int, *, webhooks: bool) -> list[int]:
    kind = Message.webhook_id.is_not(None) if webhooks else Message.webhook_id.is_(None)
    return db.session.scalars(
        sa.select(Message.id)
        .where(
            Message.status == MessageStatus.PENDING,
            Message.next_attempt_at <= now,
            # A message held for an undo window (not_before) is not due before it ends.
            sa.or_(Message.not_before.is_(None), Message.not_before <= now),
            kind,
        )
        .order_by(Message.next_attempt_at, Message.id)
        .limit(limit)
    ).all()


def send_due(now: datetime | None = None, limit: int = 200) -> Counter:
    """Deliver the e-mail, SMS, desk and inbox messages that are due (not webhooks);
    returns how many ended in each outcome."""
    now = now or utcnow()
    config = current_app.config
    email, sms = channels.email_channel(config), channels.sms_channel(config)
    outcomes = Counter()
    give_up_stale(now)
    for message_id in _due(now, limit, webhooks=False):
        if not claim(message_id, now):
            continue  # another sender took it
        outcomes[deliver(message_id, email, sms, now)] += 1
    return outcomes


def _post_webhook(app, channel, letter, attempts: int, now: datetime) -> str:
    """In a pool thread: post, then record in this thread's own session."""
    outcome, error = attempt(channel, letter)
    with app.app_context():
        try:
            return record(letter.id, "webhook", outcome, error, attempts, now)
        finally:
            db.session.remove()


def start_webhooks(pool: ThreadPoolExecutor, now: datetime, limit: int) -> list[Future]:
    """Claim due webhook deliveries and hand each to `pool`; the futures give outcomes."""
    app = current_app._get_current_object()
    channel = channels.WebhookChannel(app.config)
    futures = []
    for message_id in _due(now, limit, webhooks=True):
        if not claim(message_id, now):
            continue
        message = db.session.get(Message, message_id)
        letter, attempts = outgoing(message), message.attempts
        db.session.commit()
        futures.append(pool.submit(_post_webhook, app, channel, letter, attempts, now))
    return futures


def send_webhooks_due(now: datetime | None = None, limit: int = 200) -> Counter:
    """Deliver the webhook deliveries that are due, in parallel, and wait for them."""
    workers = current_app.config["WEBHOOK_WORKERS"]
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook") as pool:
        futures = start_webhooks(pool, now or utcnow(), limit)
    return Counter(future.result() for future in futures)


def run_webhooks(*, once: bool = False, interval: float = 2.0, stop=None) -> None:
    """The webhook loop: keeps at most twice WEBHOOK_WORKERS deliveries claimed at once."""
    workers = current_app.config["WEBHOOK_WORKERS"]
    in_flight: list[Future] = []
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="webhook") as pool:
        while True:
            in_flight = [future for future in in_flight if not future.done()]
            try:
                room = 2 * workers - len(in_flight)
                if room > 0:
                    in_flight += start_webhooks(pool, utcnow(), room)
            except Exception:  # keep serving; the next round retries
                db.session.rollback()
                log.exception("sending webhooks failed")
            finally:
                db.session.remove()
            if once:
                wait_for(in_flight)
                return
            if stop is not None and stop():
                return
            time.sleep(interval)


def _webhooks_thread(app, once: bool, stop) -> None:
    with app.app_context():
        run_webhooks(once=once, stop=stop)


def run(*, once: bool = False, interval: float = 5.0, stop=None) -> None:
    """The loop of `flask send-messages`: send, queue digests when due, sleep; webhooks
    go out from their own thread meanwhile."""
    app = current_app._get_current_object()
    hooks = threading.Thread(
        target=_webhooks_thread, args=(app, once, stop), name="webhooks", daemon=True
    )
    hooks.start()
    try:
        _run_messages(once=once, interval=interval, stop=stop)
    finally:
        # Deliveries in flight finish (each within its deadline) and are recorded.
        hooks.join(timeout=None if once else app.config["WEBHOOK_TIMEOUT_SECONDS"] + 5)


def _run_messages(*, once: bool, interval: float, stop) -> None:
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
