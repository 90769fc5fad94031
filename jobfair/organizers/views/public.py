"""The public page of an event: exhibitors, booths and open roles, without log-in."""

from flask import abort, current_app, render_template

from ...database import page_number
from ...extensions import db
from ...models import Event
from .. import exhibitor_list
from ..blueprint import public_bp


@public_bp.route("/<int:event_id>")
def show_public_event(event_id):
    """The published exhibitor list with booths and open roles; no log-in needed."""
    event = db.session.get(Event, event_id)
    if event is None or not event.published:
        abort(404)
    exhibitors = exhibitor_list.public_page(
        event, page=page_number(), per_page=current_app.config["PER_PAGE"]
    )
    return render_template(
        "organizers/public_event.html",
        event=event,
        exhibitors=exhibitors,
        roles=exhibitor_list.open_roles_of(event, exhibitors.items),
    )
