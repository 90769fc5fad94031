"""Personal API tokens: made on the API tokens page, shown once, stored as a hash.

A token reads as `jf_<43 random characters>`; only its SHA-256 is stored, with the first
characters for telling tokens apart. It has a scope (read, or read and write), an expiry
and can be revoked. A recruiter's token carries their company at creation: if they later
belong to another company, or are suspended, the token stops working.
"""

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import ApiToken, User, record_audit
from ..models.base import utcnow

PREFIX = "jf_"
LIFETIMES = (30, 90, 365)  # days offered on the page
LAST_USED_RESOLUTION = timedelta(minutes=5)


class TokenError(Exception):
    """The token cannot be made as asked; the message is for the person."""


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, *, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the user; returns it with the secret, which is never shown again."""
    if not (user.is_employer or user.is_organizer):
        raise TokenError(_l("Only recruiters and organizers can have API tokens."))
    if scope not in ("read", "write") or days not in LIFETIMES:
        raise TokenError(_l("Choose a scope and a lifetime from the lists."))
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        organization_id=user.organization_id,
        name=name.strip()[:100] or "API",
        token_hash=token_hash(secret),
        prefix=secret[:10],
        scope=scope,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(token)
    record_audit(user, "api_token_created", None, scope=scope, days=days)
    return token, secret


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            sa.select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
        )
    )


def get_token_or_404(token_id: int, *, for_user: User) -> ApiToken:
    from flask import abort

    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != for_user.id:
        abort(404)
    return token


def revoke(token: ApiToken, actor: User) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record_audit(actor, "api_token_revoked", token)


def authenticate(secret: str) -> ApiToken | None:
    """The live token for this secret, with a user who may still use it; else None."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == token_hash(secret)))
    now = utcnow()
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        return None
    user = token.user
    if not user.is_active or not (user.is_employer or user.is_organizer):
        return None
    if user.is_employer and user.organization_id != token.organization_id:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        token.last_used_at = now  # committed with the request's own changes, or alone
    return token
