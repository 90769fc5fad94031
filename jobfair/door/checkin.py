"""Check-in at the door: finding a ticket by scan or code, confirming the check-in, walk-ins."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import tickets
from ..auth import accounts
from ..extensions import db
from ..localize import format_time
from ..models import Registration
from ..organizers import checkin, errors
from ..organizers.forms import CodeForm, ConfirmForm, WalkInForm
from .blueprint import bp, get_event_or_404


@bp.route("/organizer/events/<int:event_id>/check-in", methods=["GET", "POST"])
def check_in(event_id):
    event = get_event_or_404(event_id)
    form = CodeForm()
    found = None
    if form.validate_on_submit():
        found = tickets.find_ticket(event, form.code.data)
        if found is None:
            form.code.errors.append(_("No ticket with this code for this event."))
    return render_template(
        "door/check_in.html",
        event=event,
        form=form,
        found=found,
        confirm=ConfirmForm(registration_id=found.id if found else None),
    )


@bp.route("/organizer/events/<int:event_id>/check-in/confirm", methods=["POST"])
def confirm_check_in(event_id):
    event = get_event_or_404(event_id)
    form = ConfirmForm()
    if not form.validate_on_submit() or not form.registration_id.data.isdigit():
        abort(400)
    registration = db.session.get(Registration, int(form.registration_id.data))
    if registration is None or registration.event_id != event.id:
        abort(404)
    name = registration.candidate.full_name
    if checkin.check_in(registration, current_user):
        db.session.commit()
        flash(_("Welcome, %(name)s: checked in.", name=name), "success")
    else:
        db.session.rollback()
        flash(
            _(
                "%(name)s was already checked in at %(time)s. Nothing changed.",
                name=name,
                time=_local_time(registration.checked_in_at),
            ),
            "info",
        )
    return redirect(url_for("door.check_in", event_id=event.id))


def _local_time(moment) -> str:
    return format_time(moment, "short")


@bp.route("/organizer/events/<int:event_id>/walk-in", methods=["GET", "POST"])
def walk_in(event_id):
    event = get_event_or_404(event_id)
    form = WalkInForm()
    if form.validate_on_submit():
        try:
            registration = checkin.register_walk_in(
                event,
                current_user,
                name=form.name.data,
                phone=form.phone.data,
                email=form.email.data,
                province=form.province.data,
                gender=form.gender.data,
            )
        except (errors.OrganizerError, accounts.AccountError) as exc:
            db.session.rollback()
            form.phone.errors.append(str(exc))
        else:
            db.session.commit()
            code = registration.short_code
            flash(
                _(
                    "%(name)s is registered and checked in. Ticket code: %(code)s",
                    name=form.name.data,
                    code=f"{code[:4]}-{code[4:]}",
                ),
                "success",
            )
            return redirect(url_for("door.walk_in", event_id=event.id))
    return render_template("door/walk_in.html", event=event, form=form)
