"""The `door` blueprint (one role check, one lookup) and `door_assets` (the offline door
app's service worker and manifest)."""

from flask import Blueprint, abort
from flask_login import current_user

from .. import access
from ..auth.sessions import role_required
from ..extensions import db
from ..models import Event, UserRole

# No prefix: the door pages keep the addresses they had under /organizer/, because devices
# that installed the offline app cache them and its service worker's scope is /organizer/door/.
bp = Blueprint("door", __name__)
# The service worker and manifest hold no personal data, so no log-in is needed; served
# under /organizer/door/ so that the worker's scope is the door pages only.
door_assets_bp = Blueprint("door_assets", __name__, url_prefix="/organizer/door")


@bp.before_request
@role_required(UserRole.ORGANIZER, UserRole.DOOR)
def require_role():
    """Organizers and door volunteers only; which event each may work is `get_event_or_404`'s."""


def get_event_or_404(event_id: int) -> Event:
    """The event whose door the signed-in user may work; any other is not found."""
    event = db.session.get(Event, event_id)
    if event is None or not access.may_work_door(current_user, event):
        abort(404)
    return event
