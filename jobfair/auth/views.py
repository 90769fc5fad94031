"""Sign-up, log-in and log-out."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from ..extensions import db
from ..fields import ButtonForm
from ..i18n import clear_session_keeping_language
from ..messages import notifications
from ..models import UserRole
from ..passwords import spend_verification_time
from . import accounts, invitations, staff_invitations
from .forms import (
    CandidateSignupForm,
    EmployerSignupForm,
    JoinCompanyForm,
    LoginForm,
    StaffJoinForm,
)
from .sessions import auth_limits, begin_new_session, home_for
from .two_factor import begin_login

bp = Blueprint("auth", __name__, url_prefix="/auth")


SIGNED_UP = {
    UserRole.CANDIDATE: _l("Welcome! Your account is ready."),
    UserRole.EMPLOYER: _l("Your company account is ready."),
}
CHECK_YOUR_MESSAGES = _l(
    "Almost done: open the link we sent to your email or phone to finish opening your "
    "account. No message? Ask at the organizers' help desk."
)


def _sign_up(role: str, create, password: str):
    """Create a pending account with `create()` and send it the link that finishes it.

    Whether the email or phone already had an account or not, the answer is the same
    redirect and message and takes as long (a password hash either way): the page tells no
    stranger who has an account. The owner of an existing one is told by message instead.
    Returns the response, or None when the form should show again (reason flashed).
    """
    try:
        user = create()
    except accounts.ContactTaken as exc:
        db.session.rollback()
        spend_verification_time(password)
        accounts.tell_owner_of_signup(exc.owner)
    except accounts.AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return None
    else:
        db.session.flush()
        link = url_for("auth.finish_signup", token=accounts.signup_token(user), _external=True)
        notifications.enqueue(user, "signup_finish", link=link)
    db.session.commit()
    flash(str(CHECK_YOUR_MESSAGES), "info")
    return redirect(url_for("auth.login"))


@bp.route("/signup/finish/<token>", methods=["GET", "POST"])
@auth_limits
def finish_signup(token):
    """The link sent at sign-up: a button (so link previews do nothing), then signed in."""
    user = accounts.user_for_signup_token(token)
    if user is None:
        flash(_("That link has expired or was already used. Log in, or sign up again."), "error")
        return redirect(url_for("auth.login"))
    form = ButtonForm()
    if form.validate_on_submit():
        accounts.finish_signup(user)
        begin_new_session(user)
        flash(str(SIGNED_UP[user.role]), "success")
        return redirect(home_for(user))
    return render_template("auth/finish_signup.html", form=form, user=user)


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
                locale=str(get_locale()),
                pending=True,
            ),
            form.password.data,
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
                locale=str(get_locale()),
                pending=True,
            ),
            form.password.data,
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


@bp.route("/staff/join/<token>", methods=["GET", "POST"])
@auth_limits
def join_staff(token):
    """An organizer's single-use link for door or booth staff: name, contact and password."""
    invitation = staff_invitations.invitation_for_token(token)
    if invitation is None:
        flash(_("That invitation has expired or was already used. Ask for a new one."), "error")
        return redirect(url_for("auth.login"))
    form = StaffJoinForm()
    if form.validate_on_submit():
        try:
            user = staff_invitations.accept(
                invitation,
                display_name=form.display_name.data,
                password=form.password.data,
                email=form.email.data,
                phone=form.phone.data,
                locale=str(get_locale()),
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            begin_new_session(user)
            flash(_("Welcome to the team of %(event)s.", event=invitation.event.name), "success")
            return redirect(home_for(user))
    return render_template("auth/join_staff.html", form=form, invitation=invitation)


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
