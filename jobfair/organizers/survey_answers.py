"""Answering a survey by one's own link: reading the form into answers, with a reason for
each refused one, and keeping one answer set per invitation. The caller commits.

A second submit is refused (the first answers stand): results and exports count each
person once, and the database's one-answer-per-question rule backs the check.
"""

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..models.base import utcnow
from ..models.surveys import MAX_TEXT_ANSWER, SCALE, Survey, SurveyAnswer, SurveyInvitation


class AlreadyAnswered(Exception):
    """This invitation's answers are in: a second set is refused."""


def field_name(question) -> str:
    return f"q{question.id}"


def read_answers(survey: Survey, form) -> tuple[dict, dict]:
    """The form's answers by question id, and a message per question refused.

    Only this survey's questions are read: fields named for another survey's are ignored.
    Every question may be skipped, but not all of them.
    """
    answers, errors = {}, {}
    for question in survey.questions:
        raw = (form.get(field_name(question)) or "").strip()
        if not raw:
            continue
        if question.kind == "text":
            if len(raw) > MAX_TEXT_ANSWER:
                errors[question.id] = _("At most %(num)d characters.", num=MAX_TEXT_ANSWER)
            else:
                answers[question.id] = {"text": raw}
            continue
        number = int(raw) if raw.isdigit() and len(raw) < 4 else None
        if question.kind == "scale":
            if number not in SCALE:
                errors[question.id] = _("Choose a number from 1 to 5.")
            else:
                answers[question.id] = {"scale": number}
        elif number is None or number >= len(question.options):
            errors[question.id] = _("Choose one of the listed options.")
        else:
            answers[question.id] = {"choice": number}
    if not answers and not errors:
        errors[0] = _("Answer at least one question.")
    return answers, errors


def record(invitation: SurveyInvitation, answers: dict) -> None:
    """Keep the invitation's answers (already read by `read_answers`) and mark it answered.

    The mark is one conditional UPDATE, so of two submits racing only one gets through."""
    if invitation.answered_at is not None:
        raise AlreadyAnswered(invitation.id)
    now = utcnow()
    claimed = db.session.execute(
        sa.update(SurveyInvitation)
        .where(SurveyInvitation.id == invitation.id, SurveyInvitation.answered_at.is_(None))
        .values(answered_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise AlreadyAnswered(invitation.id)
    set_committed_value(invitation, "answered_at", now)
    for question_id, value in answers.items():
        db.session.add(SurveyAnswer(invitation=invitation, question_id=question_id, **value))
    db.session.flush()
