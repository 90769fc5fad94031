"""A candidate at a fair: registering, the ticket, roles that fit, interest, interviews."""

import sqlalchemy as sa
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ... import calendars, ranking
from ...auth.sessions import is_safe_next
from ...extensions import db
from ...fields import ButtonForm
from ...localize import term
from ...models import Interview, Role
from ...qr import qr_svg
from .. import booths, lookups, profile, registration, tickets
from ..blueprint import bp, current_profile
from ..forms import RegisterForm


@bp.route("/events/<int:event_id>/register", methods=["GET", "POST"])
def register(event_id):
    event = lookups.get_event_or_404(event_id)
    me = current_profile()
    existing = registration.registration_for(me, event)
    form = RegisterForm()
    if existing is None and form.validate_on_submit():
        try:
            ticket = registration.register_for_event(me, event)
        except registration.CandidateError as exc:
            db.session.rollback()
            flash(str(exc), "error")
            return redirect(url_for("candidates.dashboard"))
        profile.give_consent(me, share_contact=form.share_contact.data)
        db.session.commit()
        flash(_("You are registered. Show this ticket at the door."), "success")
        return redirect(url_for("candidates.ticket", registration_id=ticket.id))
    if existing is not None:
        return redirect(url_for("candidates.ticket", registration_id=existing.id))
    return render_template("candidates/register.html", event=event, form=form)


@bp.route("/tickets/<int:registration_id>")
def ticket(registration_id):
    found = lookups.get_registration_or_404(registration_id)
    code = found.short_code
    return render_template(
        "candidates/ticket.html",
        registration=found,
        qr=qr_svg(found.ticket_token, title=_("Ticket QR code")),
        short_code=f"{code[:4]}-{code[4:]}",
        days=tickets.fair_days(found),
        booths=booths.interests(found.candidate, found.event),
    )


@bp.route("/tickets/<int:registration_id>/qr.png")
def ticket_image(registration_id):
    found = lookups.get_registration_or_404(registration_id)
    response = Response(tickets.qr_png(found), mimetype="image/png")
    response.headers["Content-Disposition"] = (
        f'attachment; filename="ticket-{found.short_code}.png"'
    )
    return response


@bp.route("/tickets/<int:registration_id>/fair.ics")
def ticket_calendar(registration_id):
    found = lookups.get_registration_or_404(registration_id)
    code = found.short_code
    text = tickets.ticket_calendar(
        found,
        summary=found.event.name,
        description=_("Your ticket code: %(code)s", code=f"{code[:4]}-{code[4:]}"),
    )
    response = Response(text, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="job-fair.ics"'
    return response


@bp.route("/events/<int:event_id>/roles")
def roles_for_me(event_id):
    event = lookups.get_event_or_404(event_id)
    me = current_profile()
    if registration.registration_for(me, event) is None:
        return redirect(url_for("candidates.register", event_id=event.id))
    fits = ranking.recommend_roles(me, event, k=20)
    applied = registration.interested_role_ids(me)
    return render_template(
        "candidates/roles.html",
        event=event,
        fits=fits,
        applied=applied,
        improvements=ranking.improvements(me, event),
        form=ButtonForm(),
    )


@bp.route("/roles/<int:role_id>/apply", methods=["POST"])
def apply(role_id):
    role = db.session.get(Role, role_id)
    if role is None or not role.event.published:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            registration.apply_to_role(current_profile(), role)
        except registration.CandidateError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(
                _("The employer can now see your interest in “%(title)s”.", title=term(role.title)),
                "success",
            )
    # Back to the same place on the page the button was on (its #role-<id> anchor).
    target = request.form.get("next")
    if not is_safe_next(target):
        target = url_for("candidates.roles_for_me", event_id=role.event_id)
    return redirect(f"{target.split('#')[0]}#role-{role.id}")


@bp.route("/interviews/<int:interview_id>/<any(accept, decline):answer>", methods=["POST"])
def answer_interview(interview_id, answer):
    interview = db.session.get(Interview, interview_id)
    if interview is None or interview.candidate_id != current_profile().id:
        abort(404)
    if ButtonForm().validate_on_submit():
        try:
            registration.respond_to_interview(
                current_profile(), interview, accept=answer == "accept"
            )
            db.session.commit()
        except registration.CandidateError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        except sa.exc.IntegrityError:
            db.session.rollback()
            flash(_("You already have an interview at that time."), "error")
        else:
            flash(_("Thank you, the employer will see your answer."), "success")
    return redirect(url_for("candidates.dashboard"))


@bp.route("/interviews/<int:interview_id>.ics")
def download_interview_ics(interview_id):
    """The candidate's own interview as a calendar file."""
    interview = db.session.get(Interview, interview_id)
    if interview is None or interview.candidate_id != current_profile().id:
        abort(404)
    role = interview.application.role
    summary = _("Interview: %(role)s, %(company)s", role=role.title, company=role.organization.name)
    return calendars.ics_response(
        calendars.interview_calendar(interview, summary=summary), f"interview-{interview.id}.ics"
    )
