"""The `booth` blueprint and its one role check: a company's recruiters and booth staff."""

from flask import Blueprint, render_template
from flask_login import current_user

from ..auth.sessions import role_required
from ..models import UserRole

bp = Blueprint("booth", __name__, url_prefix="/booth")


@bp.before_request
@role_required(UserRole.EMPLOYER, UserRole.BOOTH)
def require_role():
    """Every page here is for the company's people at the booth; the check lives in one place."""


@bp.route("/")
def dashboard():
    return render_template("booth/dashboard.html", organization=current_user.organization)
