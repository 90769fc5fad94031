"""The `employers` blueprint and its one role check."""

from flask import Blueprint

from ..auth import role_required
from ..models import UserRole

bp = Blueprint("employers", __name__, url_prefix="/employer")


@bp.before_request
@role_required(UserRole.EMPLOYER)
def require_role():
    """Every page here is for employers only; the check lives in one place."""


@bp.context_processor
def inject_labels():
    from .. import labels, recruiting

    return {
        "labels": labels,
        "is_revealed": recruiting.is_revealed,
        "candidate_label": recruiting.candidate_label,
        "age": recruiting.age,
    }
