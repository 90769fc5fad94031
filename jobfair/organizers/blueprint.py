"""The `organizers` blueprint (one role check), `public` (the event pages anyone may read)
and `door_assets` (the offline door app's service worker and manifest)."""

from flask import Blueprint

from ..auth.sessions import role_required
from ..models import UserRole

bp = Blueprint("organizers", __name__, url_prefix="/organizer")
public_bp = Blueprint("public", __name__, url_prefix="/events")
# The door app's service worker and manifest: no personal data, so no log-in needed, and
# served under /organizer/door/ so that the worker's scope is the door pages only.
door_assets_bp = Blueprint("door_assets", __name__, url_prefix="/organizer/door")


@bp.before_request
@role_required(UserRole.ORGANIZER)
def require_role():
    """Every page here is for organizers only; the check lives in one place."""
