"""Webhooks: a company's systems hear of new applications, status changes and accepted
interviews, through the same durable outbox as every other message.

`emit(organization_id, event, data)` writes one outbox row per active webhook of the
company, in the transaction of the change (the caller commits): the change and its
delivery, or neither. The sender posts it later (messages/channels.py, WebhookChannel),
retrying with back-off, signed so the receiver can check it came from us:

    X-Jobfair-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>

Payloads carry ids, statuses and the candidate's reference, never names or contacts:
the receiving system asks the API, which applies blind review and consent.
"""

import json
import secrets
import uuid
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l

from .. import signals
from ..extensions import db
from ..models import Message, Organization, User, Webhook, record_audit
from ..models.base import utcnow
from ..models.partners import WEBHOOK_EVENTS  # noqa: F401 (re-exported for callers)
from .errors import RecruitingError


def register_webhook(organization: Organization, actor: User, *, url: str, events) -> Webhook:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname or len(url) > 500:
        raise RecruitingError(_l("Give the full address, starting with https://"))
    chosen = [event for event in WEBHOOK_EVENTS if event in set(events or ())]
    if not chosen:
        raise RecruitingError(_l("Choose at least one event."))
    # The company's row is locked first (PostgreSQL), so two requests at once cannot both
    # pass the count; SQLite writes one at a time anyway.
    db.session.execute(
        sa.select(Organization.id).where(Organization.id == organization.id).with_for_update()
    )
    most = current_app.config["WEBHOOKS_PER_COMPANY"]
    if len(company_webhooks(organization)) >= most:
        raise RecruitingError(
            _l("A company can have at most %(num)d webhooks; remove one first.", num=most)
        )
    webhook = Webhook(
        organization_id=organization.id,
        created_by_id=actor.id,
        url=url,
        secret="whsec_" + secrets.token_hex(24),
        events=chosen,
    )
    db.session.add(webhook)
    record_audit(actor, "webhook_added", organization)
    return webhook


def company_webhooks(organization: Organization) -> list[Webhook]:
    return list(
        db.session.scalars(
            sa.select(Webhook)
            .where(Webhook.organization_id == organization.id, Webhook.disabled_at.is_(None))
            .order_by(Webhook.id)
        )
    )


def last_deliveries(webhooks: list[Webhook]) -> dict[int, Message]:
    """Each webhook's latest delivery that was tried or given up (its status and error)."""
    if not webhooks:
        return {}
    latest = (
        sa.select(sa.func.max(Message.id))
        .where(
            Message.webhook_id.in_([webhook.id for webhook in webhooks]),
            Message.attempts > 0,
        )
        .group_by(Message.webhook_id)
    )
    rows = db.session.scalars(sa.select(Message).where(Message.id.in_(latest)))
    return {message.webhook_id: message for message in rows}


def get_webhook_or_404(webhook_id: int, *, for_user: User) -> Webhook:
    from flask import abort

    webhook = db.session.get(Webhook, webhook_id)
    if (
        webhook is None
        or not for_user.is_employer
        or webhook.organization_id != for_user.organization_id
        or webhook.disabled_at is not None
    ):
        abort(404)
    return webhook


def disable_webhook(webhook: Webhook, actor: User) -> None:
    webhook.disabled_at = utcnow()
    record_audit(actor, "webhook_removed", webhook)


def emit(organization_id: int, event: str, data) -> int:
    """Queue `event` for each of the company's webhooks that wants it; returns how many.

    `data` is a function returning the payload's data, called only when a webhook wants it.
    """
    count = 0
    for webhook in db.session.scalars(
        sa.select(Webhook).where(
            Webhook.organization_id == organization_id, Webhook.disabled_at.is_(None)
        )
    ):
        if event not in (webhook.events or []):
            continue
        body = json.dumps(
            {
                "id": str(uuid.uuid4()),
                "type": event,
                "created_at": utcnow().isoformat(),
                "data": data(),
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        db.session.add(
            Message(
                user_id=webhook.created_by_id,
                webhook_id=webhook.id,
                kind="webhook",
                locale="en",
                subject=event,
                body=body,
                short_text="",
                attachments=[],
                status="pending",
            )
        )
        count += 1
    return count


def application_data(application, **extra) -> dict:
    if application.id is None:
        db.session.flush()  # a new application: its ids come from the database
    role = application.role
    return {
        "application_id": application.id,
        "role_id": role.id,
        "event_id": role.event_id,
        "candidate_reference": f"C{application.candidate_id:05d}",
        "status": application.status,
        **extra,
    }


@signals.application_created.connect
def _application_created(application, **_):
    emit(
        application.role.organization_id,
        "application.created",
        lambda: application_data(application, previous_status=None),
    )


@signals.interview_accepted.connect
def _interview_accepted(interview, **_):
    application = interview.application
    emit(
        application.role.organization_id,
        "interview.accepted",
        lambda: application_data(
            application,
            interview_id=interview.id,
            starts_at=interview.starts_at.isoformat() if interview.starts_at else None,
        ),
    )
