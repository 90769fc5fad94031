"""What an organizer reaches by URL: events and what belongs to them; 404 otherwise.

Everything under an event's URL is looked up through its event (`_of`): an id of another
event's exhibitor, role, follow-up or survey is a 404, the same as an id that does not exist.
"""

from flask import abort

from ..extensions import db
from ..models import Event, Exhibitor, FollowUp, Role, Survey, SurveyQuestion


def get_event_or_404(event_id: int) -> Event:
    return db.session.get(Event, event_id) or abort(404)


def _of(model, object_id: int, owner_column: str, owner):
    """The `model` row `object_id` if its `owner_column` is `owner`'s id; 404 otherwise."""
    found = db.session.get(model, object_id)
    if found is None or getattr(found, owner_column) != owner.id:
        abort(404)
    return found


def get_exhibitor_or_404(event: Event, exhibitor_id: int) -> Exhibitor:
    return _of(Exhibitor, exhibitor_id, "event_id", event)


def get_role_or_404(event: Event, role_id: int) -> Role:
    """A role of this event (any company's, any status): interpreters translate them all."""
    return _of(Role, role_id, "event_id", event)


def get_follow_up_or_404(event: Event, follow_up_id: int) -> FollowUp:
    return _of(FollowUp, follow_up_id, "event_id", event)


def get_survey_or_404(event: Event, survey_id: int) -> Survey:
    return _of(Survey, survey_id, "event_id", event)


def get_question_or_404(survey: Survey, question_id: int) -> SurveyQuestion:
    return _of(SurveyQuestion, question_id, "survey_id", survey)
