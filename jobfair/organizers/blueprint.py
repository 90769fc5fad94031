"""The `organizers` blueprint (one role check) and `public` (the event pages anyone may read).

The door's pages (check-in, walk-ins, the offline door app) are the `door` blueprint's."""

from flask import Blueprint

from ..auth.sessions import role_required
from ..models import UserRole

bp = Blueprint("organizers", __name__, url_prefix="/organizer")
public_bp = Blueprint("public", __name__, url_prefix="/events")


@bp.before_request
@role_required(UserRole.ORGANIZER)
def require_role():
    """Every page here is for organizers only; the check lives in one place."""


# Answering a survey: the link's token is the key (signed in or not), so no role check.
answer_bp = Blueprint("survey", __name__, url_prefix="/survey")
