"""Messages wait for the undo window: an undone bulk step leaves the candidate nothing.

The clock is moved, not slept on: the sender takes `now`, and the inbox's clock is
patched forward.
"""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from jobfair.employers import bulk
from jobfair.extensions import db
from jobfair.messages import sender
from jobfair.messages import views as inbox_views
from jobfair.models import Application, Message, MessageStatus
from jobfair.models.base import utcnow

from .conftest import hold_the_fair_today

ACTIONS = ["shortlist", "invite_slots", "invite_walk_up", "reject"]


def to_candidate(fair) -> list[Message]:
    db.session.expire_all()
    return db.session.scalars(
        sa.select(Message).where(Message.user_id == fair.candidate.id).order_by(Message.id)
    ).all()


def inbox_links(client) -> list[str]:
    page = client.get("/messages/").get_data(as_text=True)
    return re.findall(r'href="/messages/(\d+)"', page)


@pytest.fixture
def candidate_client(app, fair):
    client = app.test_client()
    response = client.post(
        "/auth/login",
        data={"identifier": fair.candidate.email, "password": "correct horse battery"},
    )
    assert response.status_code == 302
    return client


@pytest.fixture
def inbox_clock(monkeypatch):
    """The inbox's clock, moved forward by `shift`."""
    offset = [timedelta(0)]
    monkeypatch.setattr(inbox_views, "utcnow", lambda: utcnow() + offset[0])

    def shift(delta: timedelta):
        offset[0] = delta

    return shift


@pytest.mark.parametrize("action", ACTIONS)
def test_an_undone_bulk_step_reaches_the_candidate_never(
    app, fair, candidate_client, inbox_clock, action
):
    hold_the_fair_today(fair.event)  # a walk-up interview happens on the fair's days only
    result = bulk.apply(fair.role, [fair.candidate.profile], action, fair.recruiter, reason="No.")
    db.session.commit()
    held = to_candidate(fair)
    assert held and all(m.not_before > utcnow() for m in held)
    assert sender.send_due(now=utcnow())["sent"] == 0  # nothing due yet
    assert inbox_links(candidate_client) == []

    assert bulk.undo(fair.role, result.batch, fair.recruiter) == 1
    db.session.commit()
    # Nothing from the step or from its undo: no "interview cancelled", no "shortlisted" again.
    assert to_candidate(fair) == []
    later = utcnow() + bulk.UNDO_WINDOW + timedelta(minutes=1)
    sender.send_due(now=later)
    inbox_clock(bulk.UNDO_WINDOW + timedelta(minutes=1))
    assert to_candidate(fair) == [] and inbox_links(candidate_client) == []
    assert db.session.scalar(sa.select(sa.func.count(Application.id))) == 0


def test_without_undo_the_messages_arrive_once_the_window_has_passed(
    app, fair, candidate_client, inbox_clock
):
    bulk.apply(fair.role, [fair.candidate.profile], "invite_slots", fair.recruiter)
    db.session.commit()
    kinds = [m.kind for m in to_candidate(fair)]
    assert kinds == ["application_status", "interview_invited"]
    almost = bulk.UNDO_WINDOW - timedelta(seconds=5)
    sender.send_due(now=utcnow() + almost)
    inbox_clock(almost)
    assert {m.status for m in to_candidate(fair)} == {MessageStatus.PENDING}
    assert inbox_links(candidate_client) == []
    message = to_candidate(fair)[1]
    assert candidate_client.get(f"/messages/{message.id}").status_code == 404

    past = bulk.UNDO_WINDOW + timedelta(seconds=5)
    sender.send_due(now=utcnow() + past)
    inbox_clock(past)
    delivered = to_candidate(fair)
    assert MessageStatus.PENDING not in {m.status for m in delivered}
    assert sorted(inbox_links(candidate_client)) == sorted(str(m.id) for m in delivered)
    assert candidate_client.get(f"/messages/{message.id}").status_code == 200
    sender.send_due(now=utcnow() + 2 * past)
    assert len(to_candidate(fair)) == 2


def test_an_undo_tells_only_someone_who_already_heard(app, fair):
    db.session.add(Application(role=fair.role, candidate=fair.candidate.profile, status="new"))
    db.session.commit()
    result = bulk.apply(fair.role, [fair.candidate.profile], "shortlist", fair.recruiter)
    db.session.commit()
    # As if the message had gone out already (it cannot be taken back): the undo then
    # tells the candidate too, at once.
    (message,) = to_candidate(fair)
    message.status = MessageStatus.SENT
    db.session.commit()
    assert bulk.undo(fair.role, result.batch, fair.recruiter) == 1
    db.session.commit()
    after = to_candidate(fair)
    assert [m.status for m in after] == [MessageStatus.SENT, MessageStatus.PENDING]
    assert after[1].batch is None and after[1].not_before is None
