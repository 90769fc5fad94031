"""The fair's floor map on a phone: every booth, the candidate's own companies marked."""

from flask import render_template, request, url_for
from flask_login import current_user

from ... import floor_map
from .. import booths, lookups
from ..blueprint import jobs_bp


@jobs_bp.route("/<int:event_id>/map")
def show_map(event_id):
    """Public for a published event; a signed-in candidate's booths are marked (theirs only)."""
    event = lookups.get_event_or_404(event_id)
    me = (
        current_user.profile
        if current_user.is_authenticated and current_user.is_candidate
        else None
    )
    mine = booths.interests(me, event)
    focused = (request.args.get("booth") or "").strip().upper()[:20]
    every = floor_map.booth_list(event)
    return render_template(
        "candidates/map.html",
        event=event,
        svg=floor_map.render(
            event,
            marked={exhibitor.id for exhibitor in mine},
            focused=focused,
            link=lambda exhibitor: roles_url(event, exhibitor),
            image_url=url_for("jobs.floor_image", event_id=event.id),
        ),
        mine=mine,
        booths=every,
        focused=next((e for e in every if e.booth_code == focused), None),
        roles_url=roles_url,
        anchor=floor_map.anchor,
    )


@jobs_bp.route("/<int:event_id>/map/image")
def floor_image(event_id):
    return floor_map.image_response(lookups.get_event_or_404(event_id))


def roles_url(event, exhibitor) -> str:
    """The company's open roles at the fair (the job search, by the company's name)."""
    return url_for("jobs.search_jobs", event_id=event.id, q=exhibitor.organization.name)
