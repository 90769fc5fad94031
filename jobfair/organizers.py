"""Organizers: events, exhibitors, booths, check-in, statistics and exports, accounts."""

from flask import Blueprint, render_template

from .auth import role_required
from .models import UserRole

bp = Blueprint("organizers", __name__, url_prefix="/organizer")


@bp.before_request
@role_required(UserRole.ORGANIZER)
def require_role():
    """Every page here is for organizers only; the check lives in one place."""


@bp.route("/")
def dashboard():
    return render_template("organizers/dashboard.html")
