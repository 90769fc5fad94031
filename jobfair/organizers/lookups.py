"""What an organizer reaches by URL: events and their exhibitors; 404 otherwise."""

from flask import abort

from ..extensions import db
from ..models import Event, Exhibitor, FollowUp, Role, Survey, SurveyQuestion


def get_event_or_404(event_id: int) -> Event:
    return db.session.get(Event, event_id) or abort(404)


def get_exhibitor_or_404(event: Event, exhibitor_id: int) -> Exhibitor:
    exhibitor = db.session.get(Exhibitor, exhibitor_id)
    if exhibitor is None or exhibitor.event_id != event.id:
        abort(404)
    return exhibitor


def get_role_or_404(event: Event, role_id: int) -> Role:
    """A role of this event (any company's, any status): interpreters translate them all."""
    role = db.session.get(Role, role_id)
    if role is None or role.event_id != event.id:
        abort(404)
    return role


def get_follow_up_or_404(event: Event, follow_up_id: int) -> FollowUp:
    follow_up = db.session.get(FollowUp, follow_up_id)
    if follow_up is None or follow_up.event_id != event.id:
        abort(404)
    return follow_up


def get_survey_or_404(event: Event, survey_id: int) -> Survey:
    survey = db.session.get(Survey, survey_id)
    if survey is None or survey.event_id != event.id:
        abort(404)
    return survey


def get_question_or_404(survey: Survey, question_id: int) -> SurveyQuestion:
    question = db.session.get(SurveyQuestion, question_id)
    if question is None or question.survey_id != survey.id:
        abort(404)
    return question
