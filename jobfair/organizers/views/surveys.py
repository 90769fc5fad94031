"""Surveys of an event: the list, building one (title, introduction, questions per language)
until it is sent, and sending it to a segment after a preview of the count."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...extensions import db
from ...fields import ButtonForm
from ...models import Job, Survey
from .. import lookups, segments, surveys
from ..blueprint import bp
from ..errors import OrganizerError
from ..segment_forms import SegmentForm
from ..survey_forms import QuestionForm, SurveyForm
from ..survey_results import counts


def _survey_url(survey: Survey, endpoint="organizers.show_survey") -> str:
    return url_for(endpoint, event_id=survey.event_id, survey_id=survey.id)


@bp.route("/events/<int:event_id>/surveys", methods=["GET", "POST"])
def list_surveys(event_id):
    event = lookups.get_event_or_404(event_id)
    form = SurveyForm()
    if form.validate_on_submit():
        survey = surveys.create_survey(
            event,
            audience=form.audience.data,
            title=form.texts("title"),
            intro=form.texts("intro"),
            actor=current_user,
        )
        db.session.commit()
        return redirect(_survey_url(survey))
    rows = db.session.scalars(
        sa.select(Survey).where(Survey.event_id == event.id).order_by(Survey.id.desc())
    ).all()
    page = render_template(
        "organizers/surveys.html",
        event=event,
        form=form,
        surveys=[(survey, counts(survey)) for survey in rows],
    )
    return page, 400 if request.method == "POST" else 200


def _builder(survey, *, form=None, question_form=None, status=200):
    page = render_template(
        "organizers/survey.html",
        event=survey.event,
        survey=survey,
        form=form or SurveyForm(obj=None, formdata=None, **_texts_of(survey)),
        question_form=question_form or QuestionForm(formdata=None),
        button_form=ButtonForm(),
        gaps=surveys.missing_languages(survey),
    )
    return page, status


def _texts_of(survey) -> dict:
    values = {"audience": survey.audience}
    for name in ("title", "intro"):
        for language, text in (getattr(survey, name) or {}).items():
            values[f"{name}_{language}"] = text
    return values


@bp.route("/events/<int:event_id>/surveys/<int:survey_id>", methods=["GET", "POST"])
def show_survey(event_id, survey_id):
    survey = lookups.get_survey_or_404(lookups.get_event_or_404(event_id), survey_id)
    if request.method == "GET":
        return _builder(survey)
    form = SurveyForm()
    form.audience.data = survey.audience  # chosen once, when the survey was made
    if not form.validate_on_submit():
        return _builder(survey, form=form, status=400)
    try:
        surveys.update_survey(survey, title=form.texts("title"), intro=form.texts("intro"))
    except OrganizerError as error:
        flash(str(error), "error")
        return redirect(_survey_url(survey))
    db.session.commit()
    flash(_("Survey saved."), "success")
    return redirect(_survey_url(survey))


@bp.post("/events/<int:event_id>/surveys/<int:survey_id>/questions")
def add_survey_question(event_id, survey_id):
    survey = lookups.get_survey_or_404(lookups.get_event_or_404(event_id), survey_id)
    form = QuestionForm()
    if not form.validate_on_submit():
        return _builder(survey, question_form=form, status=400)
    try:
        surveys.add_question(
            survey, kind=form.kind.data, texts=form.texts(), options=form.options()
        )
    except OrganizerError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(_survey_url(survey))
    db.session.commit()
    flash(_("Question added."), "success")
    return redirect(_survey_url(survey) + "#questions")


@bp.post("/events/<int:event_id>/surveys/<int:survey_id>/questions/<int:question_id>/delete")
def delete_survey_question(event_id, survey_id, question_id):
    survey = lookups.get_survey_or_404(lookups.get_event_or_404(event_id), survey_id)
    question = lookups.get_question_or_404(survey, question_id)
    if not ButtonForm().validate_on_submit():
        return redirect(_survey_url(survey))
    try:
        surveys.delete_question(survey, question)
    except OrganizerError as error:
        flash(str(error), "error")
        return redirect(_survey_url(survey))
    db.session.commit()
    flash(_("Question removed."), "success")
    return redirect(_survey_url(survey) + "#questions")


@bp.route("/events/<int:event_id>/surveys/<int:survey_id>/send", methods=["GET", "POST"])
def send_survey(event_id, survey_id):
    """Choose whom to send to; "Preview" counts them, "Send" sends (a job for many)."""
    survey = lookups.get_survey_or_404(lookups.get_event_or_404(event_id), survey_id)
    # The segment rule's own form; a survey's audience is the survey's, and most surveys go
    # to the people who came.
    form = SegmentForm(survey.event, attendance="checked_in")
    preview = None
    if form.validate_on_submit():
        segment = form.segment(survey.event, audience=survey.audience)
        if "send" not in request.form:
            preview = {"count": segments.count(segment), "describe": segments.describe(segment)}
        else:
            return _send(survey, segment)
    status = 400 if request.method == "POST" and form.errors else 200
    page = render_template(
        "organizers/survey_send.html", event=survey.event, survey=survey, form=form, preview=preview
    )
    return page, status


def _send(survey, segment):
    try:
        started = surveys.start_sending(survey, segment, current_user)
    except OrganizerError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(_survey_url(survey, "organizers.send_survey"))
    db.session.commit()
    if isinstance(started, Job):
        return redirect(url_for("job.status", job_id=started.id))
    flash(
        ngettext("Survey sent to %(num)d person.", "Survey sent to %(num)d people.", started),
        "success",
    )
    return redirect(_survey_url(survey, "organizers.survey_results"))
