"""A survey's results for organizers: answers as they arrive with charts, who has not
answered (paged) and a reminder to them only, and the answers as XLSX."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import ngettext
from flask_login import current_user

from ... import exports
from ...extensions import db
from ...fields import ButtonForm
from ...models import Job
from ...models.audit import record_audit
from .. import lookups, surveys
from .. import survey_results as results
from ..blueprint import bp
from ..errors import OrganizerError


def wait_gap():
    return timedelta(hours=current_app.config["SURVEY_REMINDER_GAP_HOURS"])


def _survey(event_id, survey_id):
    return lookups.get_survey_or_404(lookups.get_event_or_404(event_id), survey_id)


@bp.get("/events/<int:event_id>/surveys/<int:survey_id>/results")
def survey_results(event_id, survey_id):
    survey = _survey(event_id, survey_id)
    wait = surveys.reminder_wait(survey)
    return render_template(
        "organizers/survey_results.html",
        event=survey.event,
        survey=survey,
        figures=results.counts(survey),
        results=results.tally(survey),
        waiting=results.not_answered(survey, request.args.get("page", 1, type=int)),
        name_of=results.respondent_name,
        reminder_after=survey.reminded_at + wait_gap() if wait else None,
        button_form=ButtonForm(),
    )


@bp.post("/events/<int:event_id>/surveys/<int:survey_id>/remind")
def remind_survey(event_id, survey_id):
    survey = _survey(event_id, survey_id)
    back = url_for("organizers.survey_results", event_id=event_id, survey_id=survey.id)
    if not ButtonForm().validate_on_submit():
        return redirect(back)
    try:
        started = surveys.start_reminding(survey, current_user)
    except OrganizerError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    if isinstance(started, Job):
        return redirect(url_for("job.status", job_id=started.id))
    flash(
        ngettext("Reminder sent to %(num)d person.", "Reminder sent to %(num)d people.", started),
        "success",
    )
    return redirect(back)


@bp.get("/events/<int:event_id>/surveys/<int:survey_id>/answers.xlsx")
def export_survey(event_id, survey_id):
    survey = _survey(event_id, survey_id)
    record_audit(current_user, "survey_export", survey, format="xlsx")
    db.session.commit()
    name = f"event-{survey.event_id}-survey-{survey.id}-answers.xlsx"
    return exports.download(results.workbook(survey), name, exports.XLSX_MIMETYPE)
