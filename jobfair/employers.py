"""Employers: company, team, roles, ranked shortlists, pipeline, interview slots, exports."""

from flask import Blueprint, render_template

from .auth import role_required
from .models import UserRole

bp = Blueprint("employers", __name__, url_prefix="/employer")


@bp.before_request
@role_required(UserRole.EMPLOYER)
def require_role():
    """Every page here is for employers only; the check lives in one place."""


@bp.route("/")
def dashboard():
    return render_template("employers/dashboard.html")
