"""The organizer's events: the list, editing an event, its figures and its exhibitors."""

import functools

import sqlalchemy as sa
from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import format_time, ngettext
from flask_babel import gettext as _
from flask_login import current_user

from ... import jobs
from ...database import page_number, paginate
from ...extensions import db
from ...labels import choices
from ...models import Event, Organization
from ...models.audit import record_audit
from ...models.base import utcnow
from .. import errors, events, exhibitor_list, lookups, report_jobs, reports, statistics
from ..blueprint import bp
from ..forms import EventForm, ExhibitorForm, InviteForm


@bp.route("/")
def dashboard():
    shown = paginate(sa.select(Event).order_by(Event.starts_on.desc(), Event.id.desc()))
    return render_template("organizers/dashboard.html", events=shown)


@bp.route("/events/new", methods=["GET", "POST"])
@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
def edit_event(event_id=None):
    event = lookups.get_event_or_404(event_id) if event_id else None
    form = EventForm(obj=event)
    if form.validate_on_submit():
        fields = {
            name: getattr(form, name).data
            for name in (
                "name",
                "venue",
                "city",
                "description",
                "starts_on",
                "ends_on",
                "opens_at",
                "closes_at",
                "registration_open",
                "published",
            )
        }
        try:
            event = events.save_event(event, **fields)
        except errors.OrganizerError as exc:
            db.session.rollback()
            form.ends_on.errors.append(str(exc))
        else:
            record_audit(current_user, "event_saved", event)
            db.session.commit()
            flash(_("The event is saved."), "success")
            return redirect(url_for("organizers.show_event", event_id=event.id))
    return render_template("organizers/edit_event.html", form=form, event=event)


@bp.route("/events/<int:event_id>")
def show_event(event_id):
    event = lookups.get_event_or_404(event_id)
    stats = statistics.compute(event)
    return render_template(
        "organizers/event.html",
        event=event,
        stats=stats,
        titles=statistics.BREAKDOWN_TITLES,
        key_label=lambda name: functools.partial(reports.key_label, name),
        now=utcnow(),
        recent_jobs=jobs.recent(current_user, event=event, kinds=report_jobs.CHOICE_KINDS),
    )


@bp.route("/events/<int:event_id>/live.json")
def live_figures(event_id):
    """What the dashboard polls during the fair: totals and the two charts that move."""
    event = lookups.get_event_or_404(event_id)
    now = utcnow()
    return jsonify(
        {
            **statistics.live_figures(event),
            "updated_at": now.isoformat(),
            "updated_label": _("Updated at %(time)s", time=format_time(now, "medium")),
        }
    )


@bp.route("/events/<int:event_id>/exhibitors", methods=["GET", "POST"])
def exhibitors(event_id):
    event = lookups.get_event_or_404(event_id)
    invite = InviteForm()
    invite.organization_id.choices = choices(exhibitor_list.companies_to_invite(event))
    if invite.validate_on_submit():
        organization = db.session.get(Organization, invite.organization_id.data) or abort(404)
        events.invite_exhibitor(event, organization)
        record_audit(current_user, "exhibitor_invited", organization)
        db.session.commit()
        flash(_("%(name)s is now an exhibitor.", name=organization.name), "success")
        return redirect(url_for("organizers.exhibitors", event_id=event.id))
    filters = exhibitor_list.ExhibitorFilters.from_args(request.args)
    page = exhibitor_list.exhibitor_page(
        event, filters, page=page_number(), per_page=current_app.config["PER_PAGE"]
    )
    rows = [(e, ExhibitorForm(obj=e, prefix=f"x{e.id}")) for e in page.items]
    return render_template(
        "organizers/exhibitors.html",
        event=event,
        rows=rows,
        page=page,
        filters=filters,
        invite=invite,
    )


@bp.route("/events/<int:event_id>/exhibitors/<int:exhibitor_id>", methods=["POST"])
def update_exhibitor(event_id, exhibitor_id):
    event = lookups.get_event_or_404(event_id)
    exhibitor = lookups.get_exhibitor_or_404(event, exhibitor_id)
    form = ExhibitorForm(prefix=f"x{exhibitor.id}")
    if form.validate_on_submit():
        try:
            withdrawn = events.set_exhibitor(
                exhibitor,
                status=form.status.data,
                booth_code=form.booth_code.data,
                actor=current_user,
            )
            db.session.commit()
            flash(_("Saved: %(name)s.", name=exhibitor.organization.name), "success")
            if withdrawn:
                flash(
                    ngettext(
                        "%(num)d open application was withdrawn; the candidate was told.",
                        "%(num)d open applications were withdrawn; the candidates were told.",
                        len(withdrawn),
                    ),
                    "info",
                )
        except errors.OrganizerError as exc:
            db.session.rollback()
            flash(str(exc), "error")
    else:
        flash(_("Please check the status and booth."), "error")
    # Back to the same page of the same filtered list (they came in the form's address).
    kept = exhibitor_list.ExhibitorFilters.from_args(request.args).args()
    return redirect(url_for("organizers.exhibitors", event_id=event.id, page=page_number(), **kept))
