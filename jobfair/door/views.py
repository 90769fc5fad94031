"""The door volunteer's start page; the offline door app: its page, the check-in list, sync;
its service worker and manifest."""

import os

import sqlalchemy as sa
from flask import Response, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..extensions import db
from ..models import Event
from ..models.base import local_today, utcnow
from ..organizers import door
from .blueprint import bp, door_assets_bp, get_event_or_404


@bp.route("/door/", endpoint="dashboard")
def dashboard():
    """A door volunteer's one event; an organizer's events still to come (any door is theirs)."""
    if current_user.is_door_staff:
        events = [get_event_or_404(current_user.staff_event_id)]
    else:
        events = db.session.scalars(
            sa.select(Event).where(Event.ends_on >= local_today()).order_by(Event.starts_on)
        ).all()
    return render_template("door/dashboard.html", events=events)


@bp.route("/organizer/door/events/<int:event_id>")
def door_app(event_id):
    event = get_event_or_404(event_id)
    return render_template("door/door.html", event=event)


@bp.route("/organizer/door/events/<int:event_id>/list.json")
def door_list(event_id):
    event = get_event_or_404(event_id)
    # A fresh CSRF token with every list: a device may have been offline for hours.
    return jsonify({**door.checkin_list(event), "csrf": generate_csrf()})


@bp.route("/organizer/door/events/<int:event_id>/sync", methods=["POST"])
def door_sync(event_id):
    event = get_event_or_404(event_id)
    try:
        earliest = door.parse_checkins(request.get_json(silent=True), utcnow())
    except door.SyncError as exc:
        return jsonify({"error": str(exc)}), 400
    results = door.sync(event, current_user, earliest)
    db.session.commit()
    return jsonify({"results": results})


@door_assets_bp.route("/sw.js")
def service_worker():
    path = os.path.join(current_app.static_folder, "js", "door-sw.js")
    with open(path, encoding="utf-8") as handle:
        response = Response(handle.read(), mimetype="text/javascript")
    # Browsers check for a new worker on each visit; never serve them a stale one.
    response.headers["Cache-Control"] = "no-cache"
    return response


@door_assets_bp.route("/events/<int:event_id>/manifest.webmanifest")
def manifest(event_id):
    manifest = {
        "name": _("Job fair door check-in"),
        "short_name": _("Door"),
        "start_url": url_for("door.door_app", event_id=event_id),
        "scope": url_for("door_assets.service_worker").rsplit("/", 1)[0] + "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4e89",
        "icons": [
            {
                "src": url_for("static", filename="img/door-icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
            }
        ],
    }
    response = jsonify(manifest)
    response.mimetype = "application/manifest+json"
    return response
