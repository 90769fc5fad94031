"""Interviews without friction: walk-up invitations, calendar files, slots that never double."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from jobfair.employers import bulk, errors, interviews
from jobfair.extensions import db
from jobfair.models import Application, Interview, InterviewSlot

from .conftest import hold_the_fair_today


def shortlisted(client, fair):
    client.post(f"/employer/roles/{fair.role.id}/shortlist/{fair.candidate.profile.id}")
    return db.session.scalar(sa.select(Application))


def test_walk_up_invitation_and_its_calendar_file_for_both_sides(client, auth, fair):
    hold_the_fair_today(fair.event)
    auth.login(fair.recruiter.email)
    application = shortlisted(client, fair)
    response = client.post(f"/employer/applications/{application.id}/walk-up")
    assert response.status_code == 302
    interview = db.session.scalar(sa.select(Interview))
    assert interview.kind == "walk_up" and interview.slot_id is None
    assert abs(interview.starts_at - datetime.now(UTC)) < timedelta(minutes=2)
    ics = client.get(f"/employer/interviews/{interview.id}.ics")
    assert ics.mimetype == "text/calendar"
    text = ics.get_data(as_text=True)
    local = interview.starts_at.astimezone(ZoneInfo("Asia/Phnom_Penh"))
    assert f"DTSTART;TZID=Asia/Phnom_Penh:{local:%Y%m%dT%H%M}00" in text
    assert "TZOFFSETTO:+0700" in text and "SUMMARY:Welder (SSW): Chan Dara" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    # A second walk-up click changes nothing: the candidate is invited already.
    client.post(f"/employer/applications/{application.id}/walk-up")
    assert db.session.scalar(sa.select(sa.func.count(Interview.id))) == 1
    client.post("/auth/logout")
    auth.login(fair.candidate.email)
    assert f"/me/interviews/{interview.id}.ics" in client.get("/me/").get_data(as_text=True)
    mine = client.get(f"/me/interviews/{interview.id}.ics").get_data(as_text=True)
    assert "BEGIN:VEVENT" in mine and "Sakura Kogyo" in mine


def test_a_slot_calendar_file_uses_the_slot_times_and_booth(client, auth, fair):
    auth.login(fair.recruiter.email)
    application = shortlisted(client, fair)
    slot = fair.slots[1]
    client.post(f"/employer/applications/{application.id}/invite", data={"invite-slot_id": slot.id})
    interview = db.session.scalar(sa.select(Interview))
    text = client.get(f"/employer/interviews/{interview.id}.ics").get_data(as_text=True)
    end = slot.ends_at.astimezone(ZoneInfo("Asia/Phnom_Penh"))
    assert f"DTEND;TZID=Asia/Phnom_Penh:{end:%Y%m%dT%H%M%S}" in text
    assert "Booth A01" in text


def test_another_company_gets_404_for_the_calendar_file(client, auth, fair):
    hold_the_fair_today(fair.event)
    auth.login(fair.recruiter.email)
    application = shortlisted(client, fair)
    client.post(f"/employer/applications/{application.id}/walk-up")
    interview = db.session.scalar(sa.select(Interview))
    client.post("/auth/logout")
    auth.login(fair.other_recruiter.email)
    assert client.get(f"/employer/interviews/{interview.id}.ics").status_code == 404


def test_adding_the_same_slots_twice_makes_no_more(client, auth, fair):
    auth.login(fair.recruiter.email)
    form = {
        "day": fair.event.starts_on.isoformat(),
        "start": time(13, 0).strftime("%H:%M"),
        "end": time(15, 0).strftime("%H:%M"),
        "minutes": "10",
    }
    url = f"/employer/booths/{fair.exhibitor.id}/slots"
    count = lambda: db.session.scalar(sa.select(sa.func.count(InterviewSlot.id)))  # noqa: E731
    before = count()
    assert client.post(url, data=form).status_code == 302
    assert count() == before + 12
    again = client.post(url, data=form)  # the double click
    assert again.status_code == 200 and "exist already" in again.get_data(as_text=True)
    assert count() == before + 12


def test_a_walk_up_interview_waits_for_the_fair(client, auth, fair):
    """The fair opens in ten days: a walk-up now is refused with a reason, nothing is made."""
    auth.login(fair.recruiter.email)
    application = shortlisted(client, fair)
    response = client.post(
        f"/employer/applications/{application.id}/walk-up", follow_redirects=True
    )
    assert "Walk-up interviews can be started only on the fair" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Interview.id))) == 0
    db.session.refresh(application)
    assert application.status == "shortlisted"


def test_the_fair_is_on_during_its_days_in_its_own_time_zone(fair):
    event = fair.event
    first = datetime.combine(event.starts_on, time(0, 30), tzinfo=ZoneInfo("Asia/Phnom_Penh"))
    # 00:30 in Phnom Penh is still the day before in UTC: the event's zone decides.
    assert interviews.fair_is_on(event, first)
    assert not interviews.fair_is_on(event, first - timedelta(hours=1))
    last = datetime.combine(event.ends_on, time(23, 30), tzinfo=ZoneInfo("Asia/Phnom_Penh"))
    assert interviews.fair_is_on(event, last)
    assert not interviews.fair_is_on(event, last + timedelta(hours=1))
    assert not interviews.fair_is_on(event, first - timedelta(days=30))


def test_a_bulk_walk_up_before_the_fair_is_refused(app, fair):
    with app.test_request_context():
        with pytest.raises(errors.RecruitingError) as refused:
            bulk.apply(fair.role, [fair.candidate.profile], "invite_walk_up", fair.recruiter)
        assert "only on the fair" in str(refused.value)
    assert db.session.scalar(sa.select(sa.func.count(Interview.id))) == 0
