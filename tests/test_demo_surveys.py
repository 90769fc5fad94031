"""The demo fair's surveys hang together: sent to those who checked in, answered by some in
their own words (Khmer, English, Japanese), an exhibitors' survey with a few answers."""

import re

import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import Registration, Survey, SurveyAnswer, SurveyInvitation, User
from jobfair.organizers import segments

KHMER = re.compile("[\u1780-\u17ff]")
JAPANESE = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


def test_the_demo_has_answered_and_unanswered_surveys_for_both_audiences(app):
    seed_demo(password="demo pass phrase", candidates=120)
    db.session.commit()
    candidates, employers = db.session.scalars(sa.select(Survey).order_by(Survey.id)).all()
    assert (candidates.audience, employers.audience) == ("candidates", "employers")
    invited = set(
        db.session.scalars(
            sa.select(SurveyInvitation.user_id).where(SurveyInvitation.survey_id == candidates.id)
        )
    )
    checked_in = {u.id for u in segments.people(segments.Segment(candidates.event_id, attendance="checked_in"))}  # fmt: skip
    assert invited == checked_in and len(invited) > 10
    for survey in (candidates, employers):
        states = [i.answered_at is None for i in survey.invitations]
        assert any(states) and not all(states), survey.audience
        assert survey.sent_at is not None and all(t for t in survey.title.values())
    texts = db.session.scalars(sa.select(SurveyAnswer.text).where(SurveyAnswer.text != "")).all()
    assert any(KHMER.search(t) for t in texts) and any(JAPANESE.search(t) for t in texts)
    assert any(re.fullmatch(r"[A-Za-z ,.?'!-]+", t) for t in texts)
    scales = db.session.scalars(
        sa.select(SurveyAnswer.scale).where(SurveyAnswer.scale.is_not(None))
    )
    assert set(scales) <= {1, 2, 3, 4, 5}
    # Everyone invited really was at the fair.
    for user_id in invited:
        user = db.session.get(User, user_id)
        registration = db.session.scalar(
            sa.select(Registration).where(Registration.candidate_id == user.profile.id)
        )
        assert registration.checked_in_at is not None
