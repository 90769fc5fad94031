"""Two-factor sign-in with an authenticator app (TOTP): optional for employers, required
for organizers (config ORGANIZER_TWO_FACTOR_REQUIRED)."""

import time

import pyotp
from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db, limiter
from ..fields import plain_digits
from ..i18n import clear_session_keeping_language
from ..models import User, UserRole
from ..models.base import utcnow
from ..qr import qr_svg
from .forms import CodeForm, ConfirmForm
from .sessions import home_for, is_safe_next, role_required, start_session

bp = Blueprint("two_factor", __name__, url_prefix="/auth/two-factor")

PENDING_SECONDS = 300
STEP_SECONDS = 30
ISSUER = "Job Fair"


def accept_code(user: User, secret: str, code: str) -> bool:
    """Check a code against the current time step ±1, refusing any step used before."""
    code = "".join(plain_digits(code).split())
    totp = pyotp.TOTP(secret)
    now_step = int(time.time()) // STEP_SECONDS
    for step in (now_step - 1, now_step, now_step + 1):
        if user.totp_last_step is not None and step <= user.totp_last_step:
            continue
        if totp.at(step * STEP_SECONDS) == code:
            user.totp_last_step = step
            return True
    return False


def begin_login(user: User, target: str | None):
    """Finish a password log-in, or ask for the second factor first."""
    if user.has_two_factor:
        clear_session_keeping_language()
        session["two_factor"] = {"user": user.get_id(), "since": time.time(), "next": target}
        return redirect(url_for("two_factor.verify"))
    start_session(user)
    db.session.commit()
    return redirect(target if is_safe_next(target) else home_for(user))


@bp.route("/verify", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["AUTH_RATE_LIMIT"], methods=["POST"])
def verify():
    pending = session.get("two_factor")
    user = _pending_user(pending)
    if user is None:
        session.pop("two_factor", None)
        flash(_("Please log in again."), "info")
        return redirect(url_for("auth.login"))
    form = CodeForm()
    if form.validate_on_submit():
        if accept_code(user, user.totp_secret, form.code.data):
            target = pending.get("next")
            start_session(user)
            db.session.commit()
            return redirect(target if is_safe_next(target) else home_for(user))
        db.session.rollback()
        form.code.errors.append(_("That code is not right, or was already used. Try the next one."))
    return render_template("auth/two_factor_verify.html", form=form)


def _pending_user(pending) -> User | None:
    if not pending or time.time() - pending.get("since", 0) > PENDING_SECONDS:
        return None
    user_id, _sep, version = str(pending.get("user", "")).partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or str(user.session_version) != version or not user.is_active:
        return None
    return user


@bp.route("/setup", methods=["GET", "POST"])
@role_required(UserRole.EMPLOYER, UserRole.ORGANIZER)
def setup():
    user = current_user._get_current_object()
    secret = session.get("two_factor_setup") or pyotp.random_base32()
    session["two_factor_setup"] = secret
    form = CodeForm()
    if form.validate_on_submit():
        if accept_code(user, secret, form.code.data):
            user.totp_secret = secret
            user.totp_enabled_at = utcnow()
            # Sessions opened with the password alone end; this one starts afresh.
            user.end_sessions()
            db.session.commit()
            start_session(user)
            db.session.commit()
            flash(_("Two-factor sign-in is on. You will need your app at every log-in."), "success")
            return redirect(home_for(user))
        form.code.errors.append(_("That code is not right. Check the time on your phone."))
    uri = pyotp.TOTP(secret).provisioning_uri(
        name=current_user.email or current_user.phone or str(current_user.id), issuer_name=ISSUER
    )
    return render_template(
        "auth/two_factor_setup.html",
        form=form,
        secret=secret,
        qr=qr_svg(uri, title=_("QR code for your authenticator app")),
        required=organizer_must_use_two_factor(current_user),
    )


@bp.route("/disable", methods=["POST"])
@role_required(UserRole.EMPLOYER)
def disable():
    if ConfirmForm().validate_on_submit():
        current_user.totp_secret = None
        current_user.totp_enabled_at = None
        current_user.totp_last_step = None
        db.session.commit()
        flash(_("Two-factor sign-in is off."), "info")
    return redirect(home_for(current_user))


def organizer_must_use_two_factor(user) -> bool:
    return (
        user.role == UserRole.ORGANIZER
        and current_app.config.get("ORGANIZER_TWO_FACTOR_REQUIRED", True)
        and not user.has_two_factor
    )


OPEN_WITHOUT_TWO_FACTOR = {"two_factor.setup", "auth.logout", "main.set_language", "static"}


@bp.before_app_request
def require_two_factor_for_organizers():
    if (
        current_user.is_authenticated
        and request.endpoint not in OPEN_WITHOUT_TWO_FACTOR
        and organizer_must_use_two_factor(current_user)
    ):
        flash(_("Organizer accounts need two-factor sign-in. Set it up to continue."), "info")
        return redirect(url_for("two_factor.setup"))
    return None
