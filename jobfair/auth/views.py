"""Sign-up, log-in and log-out."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from ..extensions import db
from ..i18n import clear_session_keeping_language
from ..models import UserRole
from . import accounts, invitations
from .forms import CandidateSignupForm, EmployerSignupForm, JoinCompanyForm, LoginForm
from .sessions import auth_limits, begin_new_session, home_for
from .two_factor import begin_login

bp = Blueprint("auth", __name__, url_prefix="/auth")


SIGNED_UP = {
    UserRole.CANDIDATE: _l("Welcome! Your account is ready."),
    UserRole.EMPLOYER: _l("Your company account is ready."),
}


def _answer_as_if_new(owner, role: str):
    """A sign-up with an existing account's email or phone gets the answer a new account
    gets (same redirect, same message), so the page does not tell who has an account; the
    owner is told by message instead. Nothing is stored."""
    db.session.rollback()
    accounts.tell_owner_of_signup(owner)
    flash(str(SIGNED_UP[role]), "success")
    return redirect(url_for(f"{role}s.dashboard"))


def _sign_up(role: str, create):
    """Create the account with `create()` and sign it in; the response to send, or None
    when the form should show again (with the reason flashed)."""
    try:
        user = create()
    except accounts.ContactTaken as exc:
        return _answer_as_if_new(exc.owner, role)
    except accounts.AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return None
    begin_new_session(user)
    flash(str(SIGNED_UP[role]), "success")
    return redirect(home_for(user))


@bp.route("/signup", methods=["GET", "POST"])
@auth_limits
def signup():
    form = CandidateSignupForm()
    if form.validate_on_submit():
        response = _sign_up(
            UserRole.CANDIDATE,
            lambda: accounts.create_user(
                role=UserRole.CANDIDATE,
                display_name=form.display_name.data,
                password=form.password.data,
                email=form.email.data,
                phone=form.phone.data,
            ),
        )
        if response is not None:
            return response
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
        response = _sign_up(
            UserRole.EMPLOYER,
            lambda: accounts.create_employer(
                company=company,
                display_name=form.display_name.data,
                password=form.password.data,
                email=form.email.data,
            ),
        )
        if response is not None:
            return response
    return render_template("auth/signup_employer.html", form=form)


@bp.route("/signup/employer/join/<token>", methods=["GET", "POST"])
@auth_limits
def join_company(token):
    """A colleague's single-use invitation: set a name, email and password to join."""
    invitation = invitations.invitation_for_token(token)
    if invitation is None:
        flash(_("That invitation has expired or was already used. Ask for a new one."), "error")
        return redirect(url_for("auth.login"))
    form = JoinCompanyForm()
    if form.validate_on_submit():
        try:
            user = invitations.accept_invitation(
                invitation,
                display_name=form.display_name.data,
                password=form.password.data,
                email=form.email.data,
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            begin_new_session(user)
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
            return begin_login(user, request.args.get("next"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    clear_session_keeping_language(shown=True)
    if current_user.is_authenticated:
        current_user.end_sessions()
        db.session.commit()
        logout_user()
    flash(_("You are logged out."), "info")
    response = redirect(url_for("main.index"))
    # The door app's check-in list, its queue and cached pages leave the device too.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response
