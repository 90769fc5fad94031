"""The demo fair has scorecards from two interviewers and notes with mentions."""

import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.employers import scorecards
from jobfair.extensions import db
from jobfair.models import ApplicationNote, Message, Scorecard, User


def test_the_demo_recruiter_and_a_colleague_rated_five_candidates(app):
    logins = seed_demo(password="demo-password-1", candidates=40)
    db.session.commit()
    recruiter = db.session.scalar(sa.select(User).where(User.email == logins["recruiter"]))
    colleague = db.session.scalar(
        sa.select(User).where(User.email == logins["recruiter"].replace("@", "b@"))
    )
    assert colleague.organization_id == recruiter.organization_id
    assert colleague.check_password("demo-password-1")
    cards = list(db.session.scalars(sa.select(Scorecard)))
    assert {c.interviewer_id for c in cards} == {recruiter.id, colleague.id}
    applications = {c.application for c in cards}
    assert len(applications) == 5
    assert all(a.role.organization_id == recruiter.organization_id for a in applications)
    assert all(a.status in ("invited", "interviewed") for a in applications)
    with app.test_request_context():
        summary = scorecards.summary(next(iter(applications)))
    assert summary.count == 2 and 1 <= summary.overall <= 4
    # Japanese comments from the Japanese colleague.
    assert any("。" in c.comment for c in cards if c.interviewer_id == colleague.id)
    notes = list(db.session.scalars(sa.select(ApplicationNote)))
    assert len(notes) == 3 and sum(bool(n.mentioned) for n in notes) == 2
    told = {m.user_id for m in db.session.scalars(sa.select(Message)) if m.kind == "note_mention"}
    assert told == {recruiter.id, colleague.id}
