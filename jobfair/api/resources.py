"""Events, exhibitors and check-in figures; who may see which is decided by the same
lookups as the pages (employers.lookups for recruiters, organizers.lookups for organizers).
"""

import sqlalchemy as sa
from flask import abort, g, jsonify

from .. import access
from ..employers import company
from ..employers import lookups as employer_lookups
from ..extensions import db
from ..models import Event, Exhibitor
from ..organizers import lookups as organizer_lookups
from ..organizers import statistics
from . import serialize
from .blueprint import bp, int_arg, page_args, paginated, requires


def _visible_event_ids():
    """Recruiters see the events their company is an approved exhibitor at; organizers all."""
    user = g.api_user
    if user.is_organizer:
        return None
    return (
        sa.select(Exhibitor.event_id)
        .where(Exhibitor.organization_id == user.organization_id, access.exhibitor_is_in_fair())
        .scalar_subquery()
    )


def get_event_or_404(event_id: int) -> Event:
    user = g.api_user
    if user.is_organizer:
        return organizer_lookups.get_event_or_404(event_id)
    event = db.session.get(Event, event_id)
    if event is None or event not in company.approved_events(user.organization):
        abort(404)
    return event


@bp.get("/me")
@requires()
def me():
    user, token = g.api_user, g.api_token
    return jsonify(
        {
            "id": user.id,
            "role": user.role,
            "display_name": user.display_name,
            "organization_id": user.organization_id,
            "token": {
                "name": token.name,
                "scope": token.scope,
                "expires_at": serialize.when(token.expires_at),
            },
        }
    )


@bp.get("/events")
@requires()
def list_events():
    page, per_page = page_args()
    query = sa.select(Event).order_by(Event.starts_on.desc(), Event.id.desc())
    visible = _visible_event_ids()
    if visible is not None:
        query = query.where(Event.id.in_(visible))
    return jsonify(paginated(query, serialize.event, page, per_page))


@bp.get("/events/<api_id:event_id>")
@requires()
def get_event(event_id):
    return jsonify(serialize.event(get_event_or_404(event_id)))


@bp.get("/events/<api_id:event_id>/checkins")
@requires(roles=("organizer",))
def event_checkins(event_id):
    event = get_event_or_404(event_id)
    figures = statistics.live_figures(event)
    return jsonify(
        {
            "event_id": event.id,
            **figures["totals"],
            "checkins_by_hour": [
                {"hour": str(hour), "count": count}
                for hour, count in figures["charts"]["chart-hours"]
            ],
        }
    )


@bp.get("/exhibitors")
@requires()
def list_exhibitors():
    page, per_page = page_args()
    query = sa.select(Exhibitor).order_by(Exhibitor.event_id.desc(), Exhibitor.id)
    event_id = int_arg("event_id")
    if event_id is not None:
        query = query.where(Exhibitor.event_id == event_id)
    if g.api_user.is_employer:
        query = query.where(Exhibitor.organization_id == g.api_user.organization_id)
    return jsonify(paginated(query, serialize.exhibitor, page, per_page))


@bp.get("/exhibitors/<api_id:exhibitor_id>")
@requires()
def get_exhibitor(exhibitor_id):
    user = g.api_user
    if user.is_employer:
        exhibitor = employer_lookups.get_exhibitor_or_404(exhibitor_id, for_user=user)
    else:
        found = db.session.get(Exhibitor, exhibitor_id) or abort(404)
        exhibitor = organizer_lookups.get_exhibitor_or_404(found.event, exhibitor_id)
    return jsonify(serialize.exhibitor(exhibitor))
