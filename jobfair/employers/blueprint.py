"""The `employers` blueprint and its one role check."""

from flask import Blueprint

from .. import access, labels
from ..auth.sessions import role_required
from ..models import UserRole
from . import shortlists

bp = Blueprint("employers", __name__, url_prefix="/employer")


@bp.before_request
@role_required(UserRole.EMPLOYER)
def require_role():
    """Every page here is for employers only; the check lives in one place."""


@bp.context_processor
def inject_labels():

    return {
        "labels": labels,
        "is_revealed": access.is_revealed,
        "candidate_label": shortlists.candidate_label,
        "age": shortlists.age,
    }
