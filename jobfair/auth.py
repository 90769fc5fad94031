"""Sign-up, log-in and log-out; the session rules and the role decorator."""

import functools
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, TelField
from wtforms.validators import Email, EqualTo, InputRequired, Length, Optional, ValidationError

from . import accounts, passwords
from .extensions import db, limiter, login_manager
from .labels import COUNTRY_LABELS, SECTOR_LABELS, choices
from .models import User, UserRole

bp = Blueprint("auth", __name__, url_prefix="/auth")


def strip(value):
    return value.strip() if isinstance(value, str) else value


STRIP = [strip]

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.session_protection = "basic"


def _account_key() -> str:
    """Rate-limit key for an account: the email or phone typed (or the link's token)."""
    typed = " ".join(request.form.get(f, "") for f in ("identifier", "email", "phone")).strip()
    typed = typed or (request.view_args or {}).get("token", "")
    if not typed:
        return "address:" + (request.remote_addr or "")
    if "@" not in typed:
        try:
            typed = accounts.normalise_phone(typed) or typed
        except accounts.AccountError:
            pass
    return "account:" + typed.lower()[:300]


def auth_limits(view):
    """Rate limits for log-in, sign-up and reset: tight per account, loose per address."""
    view = limiter.limit(
        lambda: current_app.config["AUTH_RATE_LIMIT"], key_func=_account_key, methods=["POST"]
    )(view)
    return limiter.limit(lambda: current_app.config["AUTH_ADDRESS_RATE_LIMIT"], methods=["POST"])(
        view
    )


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _sep, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    return user


@bp.before_app_request
def enforce_session_timeouts() -> None:
    if not current_user.is_authenticated:
        return
    now = datetime.now(UTC).timestamp()
    idle = _seconds(current_app.config["SESSION_IDLE_TIMEOUT"])
    absolute = _seconds(current_app.config["PERMANENT_SESSION_LIFETIME"])
    if now - session.get("seen", now) > idle or now - session.get("login", now) > absolute:
        logout_user()
        session.clear()
        flash(_("Your session has ended. Please log in again."), "info")
        return
    session["seen"] = now


def _seconds(value) -> float:
    """Timeouts come as timedelta from the defaults, or as seconds from the environment."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def role_required(*roles: str):
    """Let only signed-in users with one of these roles through; others get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def is_safe_next(target: str | None) -> bool:
    """Only same-site paths: no scheme, no host, no protocol-relative //."""
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target


def home_for(user: User) -> str:
    """Where each kind of user starts after logging in."""
    return url_for(f"{user.role}s.dashboard")


def start_session(user: User) -> None:
    """Log in on a fresh session so no value from before the log-in survives."""
    locale = session.get("locale")
    session.clear()
    login_user(user)
    now = datetime.now(UTC).timestamp()
    session["login"] = session["seen"] = now
    if locale and not user.locale:
        user.locale = locale


class PasswordMixin:
    password = PasswordField(
        _l("Password"),
        validators=[
            InputRequired(),
            Length(
                min=passwords.MIN_LENGTH,
                max=passwords.MAX_LENGTH,
                message=_l("Use at least 8 and at most 128 characters."),
            ),
            passwords.NotCommonPassword(),
        ],
        description=_l("At least 8 characters. A phrase of several words is easy to remember."),
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The passwords differ."))],
    )


class CandidateSignupForm(PasswordMixin, FlaskForm):
    display_name = StringField(
        _l("Your name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    email = EmailField(
        _l("Email"), validators=[Optional(), Email(), Length(max=254)], filters=STRIP
    )
    phone = TelField(_l("Phone"), validators=[Optional(), Length(max=20)], filters=STRIP)

    def validate_phone(self, field):
        try:
            accounts.normalise_phone(field.data)
        except accounts.AccountError as exc:
            raise ValidationError(str(exc)) from None
        if not field.data and not self.email.data:
            raise ValidationError(_("Give an email address or a phone number."))


class EmployerSignupForm(PasswordMixin, FlaskForm):
    company_name = StringField(
        _l("Company name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    country = SelectField(_l("Country"), choices=choices(COUNTRY_LABELS))
    sector = SelectField(_l("Sector"), choices=choices(SECTOR_LABELS))
    display_name = StringField(
        _l("Your name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    email = EmailField(
        _l("Work email"), validators=[InputRequired(), Email(), Length(max=254)], filters=STRIP
    )


class JoinCompanyForm(PasswordMixin, FlaskForm):
    display_name = StringField(
        _l("Your name"), validators=[InputRequired(), Length(max=200)], filters=STRIP
    )
    email = EmailField(
        _l("Work email"), validators=[InputRequired(), Email(), Length(max=254)], filters=STRIP
    )


class LoginForm(FlaskForm):
    identifier = StringField(
        _l("Email or phone"), validators=[InputRequired(), Length(max=254)], filters=STRIP
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=128)])


@bp.route("/signup", methods=["GET", "POST"])
@auth_limits
def signup():
    form = CandidateSignupForm()
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                role=UserRole.CANDIDATE,
                display_name=form.display_name.data,
                password=form.password.data,
                email=form.email.data,
                phone=form.phone.data,
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            start_session(user)
            db.session.commit()
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(home_for(user))
    return render_template("auth/signup.html", form=form)


@bp.route("/signup/employer", methods=["GET", "POST"])
@auth_limits
def signup_employer():
    form = EmployerSignupForm()
    if form.validate_on_submit():
        company = {
            "name": form.company_name.data.strip(),
            "country": form.country.data,
            "sector": form.sector.data,
        }
        try:
            user = accounts.create_employer(
                company=company,
                display_name=form.display_name.data,
                password=form.password.data,
                email=form.email.data,
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            start_session(user)
            db.session.commit()
            flash(_("Your company account is ready."), "success")
            return redirect(home_for(user))
    return render_template("auth/signup_employer.html", form=form)


@bp.route("/signup/employer/join/<token>", methods=["GET", "POST"])
@auth_limits
def join_company(token):
    """A colleague's single-use invitation: set a name, email and password to join."""
    from . import recruiting

    invitation = recruiting.invitation_for_token(token)
    if invitation is None:
        flash(_("That invitation has expired or was already used. Ask for a new one."), "error")
        return redirect(url_for("auth.login"))
    form = JoinCompanyForm()
    if form.validate_on_submit():
        try:
            user = recruiting.accept_invitation(
                invitation,
                display_name=form.display_name.data,
                password=form.password.data,
                email=form.email.data,
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            start_session(user)
            db.session.commit()
            flash(_("Welcome to %(company)s.", company=user.organization.name), "success")
            return redirect(home_for(user))
    return render_template("auth/signup_employer.html", form=form, company=invitation.organization)


@bp.route("/login", methods=["GET", "POST"])
@auth_limits
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.authenticate(form.identifier.data, form.password.data)
        if user is None:
            flash(_("That email or phone and password do not match an account."), "error")
        else:
            from .two_factor import begin_login

            return begin_login(user, request.args.get("next"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        current_user.end_sessions()
        db.session.commit()
        logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("main.index"))
