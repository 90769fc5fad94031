"""The public page of an event: exhibitors, booths and open roles, without log-in."""

from flask import abort, render_template

from ... import access
from ...extensions import db
from ...models import Event
from ..blueprint import public_bp


@public_bp.route("/<int:event_id>")
def show_public_event(event_id):
    """The published exhibitor list with booths and open roles; no log-in needed."""
    event = db.session.get(Event, event_id)
    if event is None or not event.published:
        abort(404)
    approved = [e for e in event.exhibitors if access.is_in_fair(e)]
    approved.sort(key=lambda e: (e.booth_code or "~", e.organization.name))
    roles = access.open_roles(event)
    by_org = {}
    for role in roles:
        by_org.setdefault(role.organization_id, []).append(role)
    return render_template(
        "organizers/public_event.html", event=event, exhibitors=approved, roles=by_org
    )
