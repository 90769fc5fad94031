"""Candidates: profile, event registration, ticket, roles that fit, applications."""

from flask import Blueprint, render_template

from .auth import role_required
from .models import UserRole

bp = Blueprint("candidates", __name__, url_prefix="/me")


@bp.before_request
@role_required(UserRole.CANDIDATE)
def require_role():
    """Every page here is for candidates only; the check lives in one place."""


@bp.route("/")
def dashboard():
    return render_template("candidates/dashboard.html")
