"""Who is asking: the session rules, the role check and where people start.

Every blueprint imports its decorators from here; this module imports no view, so no
area can form an import cycle through it.
"""

import functools
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, flash, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user

from ..extensions import db, limiter, login_manager
from ..i18n import clear_session_keeping_language
from ..models import User
from . import accounts

login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _sep, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.session_version != int(version) or not user.is_active:
        return None
    return user


def enforce_session_timeouts() -> None:
    if not current_user.is_authenticated:
        return
    now = datetime.now(UTC).timestamp()
    idle = _seconds(current_app.config["SESSION_IDLE_TIMEOUT"])
    absolute = _seconds(current_app.config["PERMANENT_SESSION_LIFETIME"])
    if now - session.get("seen", now) > idle or now - session.get("login", now) > absolute:
        clear_session_keeping_language(shown=True)
        logout_user()
        flash(_("Your session has ended. Please log in again."), "info")
        return
    session["seen"] = now


def register(app: Flask) -> None:
    app.before_request(enforce_session_timeouts)


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
    """Only same-site paths: no scheme, no host, no protocol-relative //, nothing that
    could break a header (control characters, spaces) and nothing absurdly long."""
    if not target or len(target) > 2000 or any(c <= " " or c == "\x7f" for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and "\\" not in target


# Where each kind of user starts after logging in.
START_PAGES = {
    "candidate": "candidates.dashboard",
    "employer": "employers.dashboard",
    "organizer": "organizers.dashboard",
    "door": "door.dashboard",
    "booth": "booth.dashboard",
    "sending": "japan.sending_dashboard",
}


def home_for(user: User) -> str:
    """Where each kind of user starts after logging in."""
    return url_for(START_PAGES[user.role])


def start_session(user: User) -> None:
    """Log in on a fresh session so no value from before the log-in survives but the language.

    A language chosen before logging in wins over the account's and is stored on it; without
    one, the account's language is the session's from now on.
    """
    clear_session_keeping_language()
    login_user(user)
    now = datetime.now(UTC).timestamp()
    session["login"] = session["seen"] = now
    if session.get("locale"):
        user.locale = session["locale"]
    elif user.locale in current_app.config["LANGUAGES"]:
        session["locale"] = user.locale
    else:
        user.locale = str(get_locale())


def begin_new_session(user: User) -> None:
    """Save a new account, then sign it in (the session keeps the language chosen before)."""
    db.session.commit()
    start_session(user)
    db.session.commit()


# The field each limited page reads as the account's identity, in order of preference: only
# that one counts, so adding a random `email` to a log-in does not make a fresh bucket.
ACCOUNT_FIELDS = {
    "auth.login": ("identifier",),
    "password_reset.request_reset": ("identifier",),
    "auth.signup": ("email", "phone"),
    "auth.signup_employer": ("email",),
}


def normalised_identity(typed: str) -> str:
    """An email or phone as the views look it up: emails lower-cased, phones as +digits."""
    typed = (typed or "").strip()
    if "@" in typed:
        return accounts.normalise_email(typed) or ""
    try:
        return accounts.normalise_phone(typed) or ""
    except accounts.AccountError:
        return " ".join(typed.lower().split())


def _account_key() -> str:
    """Rate-limit key for an account: the identity the page uses (or the link's token)."""
    token = (request.view_args or {}).get("token", "")
    if token:
        return "token:" + token[:300]
    for name in ACCOUNT_FIELDS.get(request.endpoint, ()):
        identity = normalised_identity(request.form.get(name, ""))
        if identity:
            return "account:" + identity[:300]
    return "address:" + (request.remote_addr or "")


def auth_limits(view):
    """Rate limits for log-in, sign-up and reset: tight per account, loose per address."""
    view = limiter.limit(
        lambda: current_app.config["AUTH_RATE_LIMIT"], key_func=_account_key, methods=["POST"]
    )(view)
    return limiter.limit(lambda: current_app.config["AUTH_ADDRESS_RATE_LIMIT"], methods=["POST"])(
        view
    )
