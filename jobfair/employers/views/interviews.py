"""Walk-up interviews, not selecting a candidate (confirmed), and calendar files."""

from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ... import access, calendars
from ...extensions import db
from .. import applications, errors, interviews, lookups, shortlists
from ..blueprint import bp
from ..review_forms import RejectForm, WalkUpForm


def back_to(application):
    return redirect(
        url_for(
            "employers.show_candidate",
            role_id=application.role_id,
            candidate_id=application.candidate_id,
        )
        if application.candidate.has_consent and request.form.get("back") != "application"
        else url_for("employers.show_application", application_id=application.id)
    )


@bp.route("/applications/<int:application_id>/walk-up", methods=["POST"])
def invite_walk_up(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    if not WalkUpForm(prefix="walkup").validate_on_submit():
        flash(_("The form expired. Please try again."), "error")
        return back_to(application)
    try:
        interviews.invite_walk_up(application, current_user)
        db.session.commit()
    except errors.RecruitingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    except IntegrityError:
        db.session.rollback()
        flash(_("The candidate already has an interview at that time."), "error")
    else:
        flash(_("Invited to a walk-up interview at your booth now."), "success")
    return back_to(application)


@bp.route("/applications/<int:application_id>/reject", methods=["POST"])
def reject_application(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    form = RejectForm(prefix="reject")
    if not form.validate_on_submit():
        for message in form.reason.errors + form.confirm.errors:
            flash(message, "error")
        return back_to(application)
    try:
        applications.reject(application, form.reason.data, current_user)
    except errors.RecruitingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return back_to(application)
    db.session.commit()
    flash(_("Marked not selected."), "success")
    return back_to(application)


@bp.route("/interviews/<int:interview_id>.ics")
def download_interview_ics(interview_id):
    interview = lookups.get_interview_or_404(interview_id, for_user=current_user)
    application = interview.application
    role = application.role
    label = shortlists.candidate_label(application.candidate, access.is_revealed(role, application))
    return calendars.ics_response(
        calendars.interview_calendar(interview, summary=f"{role.title}: {label}"),
        f"interview-{interview.id}.ics",
    )
