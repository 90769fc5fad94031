"""The pipeline of a role, one candidate's application, interview slots and the schedule."""

from datetime import date

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError
from wtforms import SelectChoice

from ... import access, japan_entry
from ...database import paginate
from ...extensions import db
from ...fields import ButtonForm
from ...labels import STATUS_LABELS
from ...localize import format_datetime
from ...models.offers import can_hire, can_offer
from .. import applications, errors, interviews, lookups, offers, scorecards, shortlists, team_notes
from ..blueprint import bp
from ..forms import InviteForm, OfferForm, SlotsForm, StatusForm
from ..review_forms import RejectForm, WalkUpForm
from ..scorecard_forms import TeamNoteForm


@bp.route("/roles/<int:role_id>/pipeline")
def show_pipeline(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    status = request.args.get("status", "")
    status = status if status in STATUS_LABELS else ""
    return render_template(
        "employers/pipeline.html",
        role=role,
        status=status,
        counts=applications.pipeline_counts(role),
        applications=paginate(applications.pipeline(role, status)),
    )


def application_forms(application):
    status_form = StatusForm(prefix="status")
    status_form.status.choices = [
        SelectChoice(s.value, STATUS_LABELS[s.value])
        for s in applications.forward_steps(application)
    ]
    invite_form = InviteForm(prefix="invite")
    exhibitor = access.exhibitor_of_role(application.role)
    slots = interviews.free_slots(exhibitor) if exhibitor else []
    invite_form.slot_id.choices = [
        SelectChoice(s.id, format_datetime(s.starts_at, "day")) for s in slots
    ]
    return {
        "status_form": status_form,
        "invite_form": invite_form,
        "note_form": note_form(application),
        "reject_form": RejectForm(prefix="reject"),
        "walk_up_form": WalkUpForm(prefix="walkup"),
        "exhibitor": exhibitor,
        "interview": interviews.interview_for(application),
        "offer_form": offer_form(application),
        "offer": offers.offer_of(application),
        "earlier_offers": offers.earlier_offers(application),
        "can_offer": can_offer(application),
        "can_hire": can_hire(application),
        "button_form": ButtonForm(),
    }


def note_form(application):
    form = TeamNoteForm(prefix="note")
    form.mention.choices = [
        SelectChoice(u.id, u.display_name)
        for u in team_notes.colleagues(application.role.organization_id, besides=current_user)
    ]
    return form


def offer_form(application):
    """The offer's form, its currency and salary started from the role's."""
    role = application.role
    form = OfferForm(prefix="offer")
    if not form.is_submitted():
        form.currency.data = role.currency
        form.salary.data = role.salary_min
    return form


def render_application(application, **forms):
    role = application.role
    context = application_forms(application) | forms
    return render_template(
        "employers/application.html",
        application=application,
        role=role,
        revealed=access.is_revealed(role, application),
        board=scorecards.board(application),
        my_scorecard=scorecards.scorecard_of(application, current_user),
        entry=japan_entry.rule_for_role(application.candidate, role),
        bound_for_japan=japan_entry.bound_for_japan(application),
        **context,
    )


@bp.route("/applications/<int:application_id>")
def show_application(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    return render_application(application)


@bp.route("/applications/<int:application_id>/status", methods=["POST"])
def change_status(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    form = application_forms(application)["status_form"]
    if form.validate_on_submit():
        applications.change_status(application, form.status.data, current_user)
        db.session.commit()
        flash(_("Status changed to %(status)s.", status=STATUS_LABELS[form.status.data]), "success")
        return redirect(url_for("employers.show_application", application_id=application.id))
    return render_application(application, status_form=form), 400


@bp.route("/applications/<int:application_id>/notes", methods=["POST"])
def add_note(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    form = note_form(application)
    if form.validate_on_submit():
        team_notes.add_note(application, form.body.data, current_user, mention=form.mention.data)
        db.session.commit()
        flash(_("Note saved."), "success")
        return redirect(
            url_for("employers.show_application", application_id=application.id) + "#notes"
        )
    return render_application(application, note_form=form), 400


@bp.route("/applications/<int:application_id>/invite", methods=["POST"])
def invite_candidate(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    form = application_forms(application)["invite_form"]
    if not form.validate_on_submit():
        return render_application(application, invite_form=form), 400
    slot = lookups.get_slot_or_404(form.slot_id.data, for_user=current_user)
    try:
        interviews.invite(application, slot, current_user)
        db.session.commit()
    except errors.RecruitingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    except IntegrityError:
        # Another recruiter booked the slot or the candidate a moment ago.
        db.session.rollback()
        flash(
            _("That slot or the candidate was booked a moment ago. Choose another slot."), "error"
        )
    else:
        flash(_("Invitation sent for the chosen slot."), "success")
    return redirect(url_for("employers.show_application", application_id=application.id))


@bp.route("/booths/<int:exhibitor_id>/slots", methods=["GET", "POST"])
def manage_slots(exhibitor_id):
    exhibitor = lookups.get_exhibitor_or_404(exhibitor_id, for_user=current_user, in_fair=True)
    event = exhibitor.event
    form = SlotsForm(day=event.starts_on, start=event.opens_at, end=event.closes_at)
    if form.validate_on_submit():
        try:
            slots = interviews.create_slots(
                exhibitor, form.day.data, form.start.data, form.end.data, form.minutes.data
            )
            db.session.commit()
        except errors.RecruitingError as exc:
            db.session.rollback()
            form.day.errors.append(str(exc))
        except IntegrityError:
            # A double click: the first request made these slots a moment ago.
            db.session.rollback()
            form.day.errors.append(_("These slots exist already or do not fit in the time given."))
        else:
            flash(_("%(count)d interview slots added.", count=len(slots)), "success")
            return redirect(
                url_for(
                    "employers.show_schedule",
                    exhibitor_id=exhibitor.id,
                    day=form.day.data.isoformat(),
                )
            )
    return render_template("employers/slots.html", exhibitor=exhibitor, event=event, form=form)


@bp.route("/booths/<int:exhibitor_id>/schedule")
def show_schedule(exhibitor_id):
    exhibitor = lookups.get_exhibitor_or_404(exhibitor_id, for_user=current_user, in_fair=True)
    event = exhibitor.event
    try:
        day = date.fromisoformat(request.args.get("day", ""))
    except ValueError:
        day = event.starts_on
    if day not in event.days:
        day = event.starts_on
    rows = interviews.schedule(exhibitor, day)
    return render_template(
        "employers/schedule.html",
        exhibitor=exhibitor,
        event=event,
        day=day,
        rows=rows,
        label=lambda interview: shortlists.candidate_label(
            interview.application.candidate,
            access.is_revealed(interview.application.role, interview.application),
        ),
    )
