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
from flask_babel import ngettext
from flask_login import current_user

from ..extensions import db, limiter
from ..fields import plain_digits
from ..i18n import clear_session_keeping_language
from ..models import User, UserRole
from ..models.audit import record_audit
from ..models.base import utcnow
from ..qr import qr_svg
from . import recovery_codes
from .forms import CodeForm, DisableTwoFactorForm, VerifyForm
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


def _code_key() -> str:
    """Rate-limit key for codes: the account being signed in to (or changing its set-up)."""
    pending = session.get("two_factor") or {}
    user_id = str(pending.get("user", "")).partition(":")[0] or getattr(current_user, "id", None)
    return f"two-factor:{user_id or request.remote_addr}"


def code_limits(view):
    """Per account, so a guesser cannot multiply the tries by changing address; loosely per
    address too."""
    view = limiter.limit(
        lambda: current_app.config["AUTH_RATE_LIMIT"], key_func=_code_key, methods=["POST"]
    )(view)
    return limiter.limit(lambda: current_app.config["AUTH_ADDRESS_RATE_LIMIT"], methods=["POST"])(
        view
    )


@bp.route("/verify", methods=["GET", "POST"])
@code_limits
def verify():
    pending = session.get("two_factor")
    user = _pending_user(pending)
    if user is None:
        session.pop("two_factor", None)
        flash(_("Please log in again."), "info")
        return redirect(url_for("auth.login"))
    form = VerifyForm()
    if form.validate_on_submit():
        code = form.code.data
        recovery = recovery_codes.looks_like_code(code)
        if (
            recovery_codes.use_code(user, code)
            if recovery
            else accept_code(user, user.totp_secret, code)
        ):
            target = pending.get("next")
            start_session(user)
            db.session.commit()
            if recovery:
                _tell_codes_left(user)
            return redirect(target if is_safe_next(target) else home_for(user))
        db.session.rollback()
        form.code.errors.append(_("That code is not right, or was already used. Try the next one."))
    return render_template("auth/two_factor_verify.html", form=form)


def _tell_codes_left(user: User) -> None:
    left = recovery_codes.remaining(user)
    flash(
        ngettext(
            "You signed in with a recovery code. %(num)d recovery code is left.",
            "You signed in with a recovery code. %(num)d recovery codes are left.",
            left,
        )
        + " "
        + _("Make new recovery codes if your phone is lost."),
        "info",
    )


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
            codes = recovery_codes.make_codes(user)
            db.session.commit()
            start_session(user)
            db.session.commit()
            flash(_("Two-factor sign-in is on. You will need your app at every log-in."), "success")
            return _show_codes(codes)
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


@bp.route("/disable", methods=["GET", "POST"])
@role_required(UserRole.EMPLOYER)
@code_limits
def disable():
    """Turning the second factor off needs the password or a current code: a session left
    open on a shared computer must not be enough."""
    user = current_user._get_current_object()
    if not user.has_two_factor:
        return redirect(home_for(user))
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        if turn_off_allowed(user, password=form.password.data, code=form.code.data):
            user.totp_secret = None
            user.totp_enabled_at = None
            user.totp_last_step = None
            recovery_codes.drop_codes(user)
            record_audit(user, "two_factor_disabled", user)
            db.session.commit()
            flash(_("Two-factor sign-in is off."), "info")
            return redirect(home_for(user))
        db.session.rollback()
        form.password.errors.append(
            _("Enter your password or a current code from your app to turn it off.")
        )
    return render_template("auth/two_factor_disable.html", form=form)


@bp.route("/recovery-codes", methods=["GET", "POST"])
@role_required(UserRole.EMPLOYER, UserRole.ORGANIZER)
@code_limits
def new_recovery_codes():
    """How many codes are left; new ones (the old void) for the password or a current code."""
    user = current_user._get_current_object()
    if not user.has_two_factor:
        return redirect(url_for("two_factor.setup"))
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        if turn_off_allowed(user, password=form.password.data, code=form.code.data):
            codes = recovery_codes.make_codes(user)
            db.session.commit()
            return _show_codes(codes)
        db.session.rollback()
        form.password.errors.append(
            _("Enter your password or a current code from your app to make new codes.")
        )
    return render_template(
        "auth/recovery_codes.html", form=form, left=recovery_codes.remaining(user), codes=None
    )


def _show_codes(codes: list[str]):
    """The codes, once: they are in this response only (and it is never cached)."""
    response = current_app.make_response(render_template("auth/recovery_codes.html", codes=codes))
    response.headers["Cache-Control"] = "no-store"
    return response


def turn_off_allowed(user: User, *, password: str | None, code: str | None) -> bool:
    """True when the password is right or the code is a fresh one from the user's app."""
    if password and user.check_password(password):
        return True
    return bool(code) and accept_code(user, user.totp_secret, code)


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
