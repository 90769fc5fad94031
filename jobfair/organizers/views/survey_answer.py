"""Answering a survey by one's own link, on a phone, with or without logging in."""

from flask import abort, current_app, make_response, render_template, request, session
from flask_babel import get_locale, refresh

from ...extensions import db
from ...fields import ButtonForm
from ...models.surveys import SurveyInvitation
from .. import survey_answers
from ..blueprint import answer_bp


def _private(page, status=200):
    """Answers are personal, and the link is a key: never cached, even signed out."""
    response = make_response(page, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@answer_bp.route("/<int:survey_id>/<token>", methods=["GET", "POST"])
def answer(survey_id, token):
    invitation = SurveyInvitation.find(survey_id, token) or abort(404)
    survey = invitation.survey
    if "locale" not in session and invitation.user.locale in current_app.config["LANGUAGES"]:
        # Opened signed out: the page speaks the language the message was written in.
        session["locale"] = invitation.user.locale
        refresh()
    form = ButtonForm()
    values, errors = {}, {}
    if invitation.answered_at is None and request.method == "POST" and form.validate_on_submit():
        values, errors = survey_answers.read_answers(survey, request.form)
        if not errors:
            survey_answers.record(invitation, values)
            db.session.commit()
            return _private(render_template("surveys/answered.html", survey=survey, just=True))
    if invitation.answered_at is not None:
        status = 409 if request.method == "POST" else 200
        return _private(render_template("surveys/answered.html", survey=survey), status)
    page = render_template(
        "surveys/answer.html",
        survey=survey,
        form=form,
        errors=errors,
        given=request.form if errors else {},
        locale=str(get_locale()),
        field_name=survey_answers.field_name,
    )
    return _private(page, 400 if request.method == "POST" else 200)
