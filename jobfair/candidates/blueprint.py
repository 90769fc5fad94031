"""The `candidates` blueprint (the candidate's own pages, one role check), `cv`, and `jobs`
(a fair's roles, public, with the candidate's fit when one is signed in)."""

from flask import Blueprint
from flask_login import current_user

from ..auth.sessions import role_required
from ..models import CandidateProfile, UserRole

bp = Blueprint("candidates", __name__, url_prefix="/me")
# CV files are read by their owner and by employers, so they have their own blueprint.
cv_bp = Blueprint("cv", __name__, url_prefix="/cv")
# A fair's roles can be read and shared before signing in.
jobs_bp = Blueprint("jobs", __name__, url_prefix="/events")


@bp.before_request
@role_required(UserRole.CANDIDATE)
def require_role():
    """Every page here is for candidates only; the check lives in one place."""


def current_profile() -> CandidateProfile:
    return current_user.profile
