"""Password reset by a single-use, expiring link.

The link carries a signed token naming the user and a fingerprint of their current
password hash: once the password changes, every older link stops working, so each
link works once. Links expire after PASSWORD_RESET_MAX_AGE seconds.
"""

import hashlib

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from ..messages import notifications
from ..models import ApiToken, User
from ..models.audit import record_audit
from ..models.base import utcnow
from . import accounts
from .forms import ResetForm, ResetRequestForm
from .sessions import auth_limits

bp = Blueprint("password_reset", __name__, url_prefix="/auth/reset")


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_token(user: User) -> str:
    return _serializer().dumps({"user": user.id, "fp": _fingerprint(user)})


def claim_link(user: User) -> str:
    """The link with which an imported person sets their first password (ACCOUNT_CLAIM_MAX_AGE).

    It works like a reset link (once, until the password changes) but for longer: a school
    hands the list in weeks before the fair. Imported accounts have no usable password.
    """
    token = _claim_serializer().dumps({"user": user.id, "fp": _fingerprint(user)})
    from ..messages.kinds import link

    return link("password_reset.reset", token=token)


def _claim_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="account-claim")


def _load(token: str):
    config = current_app.config
    for serializer, max_age in (
        (_serializer(), config.get("PASSWORD_RESET_MAX_AGE", 3600)),
        (_claim_serializer(), config.get("ACCOUNT_CLAIM_MAX_AGE", 30 * 24 * 3600)),
    ):
        try:
            return serializer.loads(token, max_age=max_age)
        except (SignatureExpired, BadSignature):
            continue
    return None


def revoke_api_tokens(user: User) -> int:
    """A password reset may follow a stolen account: its API tokens stop working too."""
    result = db.session.execute(
        sa.update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount


def _has_api_tokens(user: User) -> bool:
    return (
        db.session.scalar(
            sa.select(ApiToken.id)
            .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
            .limit(1)
        )
        is not None
    )


def user_for_token(token: str) -> User | None:
    """The user the token was made for, if it is genuine, fresh and unused."""
    data = _load(token)
    user = db.session.get(User, data.get("user")) if isinstance(data, dict) else None
    if user is None or not user.is_active or data.get("fp") != _fingerprint(user):
        return None
    return user


@bp.route("/", methods=["GET", "POST"])
@auth_limits
def request_reset():
    form = ResetRequestForm()
    if form.validate_on_submit():
        user = accounts.find_user(form.identifier.data)
        if user is not None and user.is_active:
            link = url_for("password_reset.reset", token=make_token(user), _external=True)
            notifications.enqueue(user, "password_reset", link=link)
            db.session.commit()
        # The same answer whether or not the account exists.
        flash(
            _(
                "If an account exists for that email or phone, we sent it a link to reset the password."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/<token>", methods=["GET", "POST"])
@auth_limits
def reset(token):
    user = user_for_token(token)
    if user is None:
        flash(_("That link has expired or was already used. Ask for a new one."), "error")
        return redirect(url_for("password_reset.request_reset"))
    form = ResetForm()
    if form.validate_on_submit():
        user.set_password(form.password.data)
        # The link reached the email or phone: that also finishes a pending sign-up.
        user.pending_signup_at = None
        user.end_sessions()
        revoked = revoke_api_tokens(user)
        record_audit(user, "password_reset", user)
        db.session.commit()
        flash(_("Your password is changed. Please log in."), "success")
        if revoked:
            flash(
                _(
                    "Your API tokens were revoked too; make new ones on the API tokens page "
                    "if you need them."
                ),
                "info",
            )
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, has_tokens=_has_api_tokens(user))
