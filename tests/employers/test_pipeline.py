"""The pipeline: shortlist, invite to a slot, notes, history, audit; no double booking."""

from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from jobfair.employers import applications, errors, interviews
from jobfair.extensions import db
from jobfair.models import Application, AuditLog, Interview, InterviewSlot, Offer


@pytest.fixture
def shortlisted(client, auth, fair):
    auth.login(fair.recruiter.email)
    response = client.post(f"/employer/roles/{fair.role.id}/shortlist/{fair.candidate.profile.id}")
    application = db.session.scalar(sa.select(Application))
    assert response.headers["Location"].endswith(f"/applications/{application.id}")
    return application


def test_shortlisting_creates_the_application_with_history_and_audit(fair, shortlisted):
    assert shortlisted.status == "shortlisted" and not shortlisted.applied_by_candidate
    assert [(c.from_status, c.to_status) for c in shortlisted.history] == [(None, "shortlisted")]
    audit = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "application_status"))
    assert audit.actor_id == fair.recruiter.id and audit.details["to_status"] == "shortlisted"
    assert "Chan Dara" not in str(audit.details)


def test_invite_to_a_slot_then_interview_offer_and_hire(client, fair, shortlisted):
    slot = fair.slots[0]
    url = f"/employer/applications/{shortlisted.id}"
    assert client.post(url + "/invite", data={"invite-slot_id": slot.id}).status_code == 302
    interview = db.session.scalar(sa.select(Interview))
    assert interview.slot_id == slot.id and interview.starts_at == slot.starts_at
    assert client.post(url + "/status", data={"status-status": "interviewed"}).status_code == 302
    terms = {"offer-salary": "230000", "offer-currency": "JPY", "offer-starts_on": "2027-04-01"}
    assert client.post(url + "/offer", data=terms).status_code == 302
    offer = db.session.scalar(sa.select(Offer))
    offer.status = "accepted"  # the candidate's answer (tests/employers/test_offers.py)
    db.session.commit()
    assert client.post(url + "/status", data={"status-status": "hired"}).status_code == 302
    db.session.expire_all()
    assert [c.to_status for c in shortlisted.history] == [
        "shortlisted", "invited", "interviewed", "offered", "hired",
    ]  # fmt: skip
    schedule = client.get(
        f"/employer/booths/{fair.exhibitor.id}/schedule?day={fair.event.starts_on}"
    )
    assert "Chan Dara" in schedule.get_data(as_text=True)


def test_steps_out_of_order_are_refused(client, fair, shortlisted):
    response = client.post(
        f"/employer/applications/{shortlisted.id}/status", data={"status-status": "hired"}
    )
    assert response.status_code == 400
    db.session.expire_all()
    assert shortlisted.status == "shortlisted"


def test_notes_are_private_and_kept(client, fair, shortlisted):
    url = f"/employer/applications/{shortlisted.id}"
    client.post(url + "/notes", data={"note-body": "Good welding test."})
    assert "Good welding test." in client.get(url).get_data(as_text=True)
    assert client.post(url + "/notes", data={"note-body": " "}).status_code == 400
    visible = applications.statuses_for_candidate(fair.candidate.profile)
    assert [(role.id, status) for role, status in visible] == [(fair.role.id, "shortlisted")]


def test_a_booked_slot_cannot_be_booked_again(client, fair, shortlisted, seed_candidates):
    other = seed_candidates(fair.event, n=1)[0]
    client.post(f"/employer/roles/{fair.role.id}/shortlist/{other.profile.id}")
    second = db.session.scalar(
        sa.select(Application).where(Application.candidate_id == other.profile.id)
    )
    slot = fair.slots[0]
    client.post(f"/employer/applications/{shortlisted.id}/invite", data={"invite-slot_id": slot.id})
    response = client.post(
        f"/employer/applications/{second.id}/invite", data={"invite-slot_id": slot.id}
    )
    assert response.status_code == 400  # the booked slot is no longer offered
    with pytest.raises(errors.RecruitingError, match="already booked"):
        interviews.invite(second, slot, fair.recruiter)
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Interview.id))) == 1


def test_a_candidate_cannot_be_in_two_interviews_at_once(fair, shortlisted, create_user):
    """Another company's booth, same start time: refused for the candidate."""
    other_slot = InterviewSlot(
        exhibitor=fair.other_exhibitor,
        starts_at=fair.slots[0].starts_at,
        ends_at=fair.slots[0].ends_at,
    )
    other_application = Application(
        role=fair.other_role, candidate=fair.candidate.profile, status="shortlisted"
    )
    db.session.add_all([other_slot, other_application])
    interviews.invite(shortlisted, fair.slots[0], fair.recruiter)
    db.session.commit()
    with pytest.raises(errors.RecruitingError, match="already has an interview"):
        interviews.invite(other_application, other_slot, fair.other_recruiter)


def test_a_race_for_the_same_slot_is_caught_by_the_database(
    client, fair, shortlisted, seed_candidates, monkeypatch
):
    """If both checks pass at once, the unique constraint refuses and the view rolls back."""
    other = seed_candidates(fair.event, n=1)[0]
    rival = Application(role=fair.role, candidate=other.profile, status="shortlisted")
    db.session.add(rival)
    db.session.add(Interview(application=rival, candidate_id=other.profile.id, slot=fair.slots[0],
                             starts_at=fair.slots[0].starts_at))  # fmt: skip
    db.session.commit()
    # The page still offers the slot, as it would have a moment before the rival booked it.
    monkeypatch.setattr(interviews, "free_slots", lambda exhibitor: fair.slots)
    monkeypatch.setattr(interviews, "booking_clash", lambda application, slot: None)
    response = client.post(
        f"/employer/applications/{shortlisted.id}/invite",
        data={"invite-slot_id": fair.slots[0].id},
        follow_redirects=True,
    )
    assert "was booked a moment ago" in response.get_data(as_text=True)
    db.session.expire_all()
    assert shortlisted.status == "shortlisted"
    assert db.session.scalar(sa.select(sa.func.count(Interview.id))) == 1


def test_slots_for_an_event_day(client, auth, fair):
    auth.login(fair.recruiter.email)
    day = fair.event.starts_on + timedelta(days=1)
    data = {"day": day.isoformat(), "start": "09:00", "end": "10:00", "minutes": "20"}
    response = client.post(f"/employer/booths/{fair.exhibitor.id}/slots", data=data)
    assert response.status_code == 302
    assert len(interviews.schedule(fair.exhibitor, day)) == 3
    again = client.post(f"/employer/booths/{fair.exhibitor.id}/slots", data=data)
    assert "exist already" in again.get_data(as_text=True)
    outside = {**data, "day": (fair.event.ends_on + timedelta(days=1)).isoformat()}
    page = client.post(f"/employer/booths/{fair.exhibitor.id}/slots", data=outside)
    assert "Choose one of the event" in page.get_data(as_text=True)
    late = {**data, "start": "16:00", "end": "18:00"}
    page = client.post(f"/employer/booths/{fair.exhibitor.id}/slots", data=late)
    assert "opening hours" in page.get_data(as_text=True)
    page = client.get(f"/employer/booths/{fair.exhibitor.id}/schedule?day={day}").get_data(
        as_text=True
    )
    assert page.count('class="free"') == 3 and "9:00 AM–9:20 AM" in page


def test_local_times_are_stored_in_utc(fair):
    slot = interviews.create_slots(fair.exhibitor, fair.event.starts_on, time(9), time(9, 30), 30)[
        0
    ]
    assert slot.starts_at.hour == 2  # Phnom Penh is UTC+7
    assert isinstance(fair.event.starts_on, date)


def test_rejecting_an_invited_candidate_frees_the_slot(client, fair, shortlisted):
    url = f"/employer/applications/{shortlisted.id}"
    client.post(url + "/invite", data={"invite-slot_id": fair.slots[0].id})
    rejection = {"reject-reason": "Went with another candidate.", "reject-confirm": "y"}
    client.post(url + "/reject", data=rejection)
    interview = db.session.scalar(sa.select(Interview))
    assert interview.status == "cancelled" and interview.slot_id is None
    assert fair.slots[0] in interviews.free_slots(fair.exhibitor)
    client.post(url + "/status", data={"status-status": "shortlisted"})
    assert (
        client.post(url + "/invite", data={"invite-slot_id": fair.slots[1].id}).status_code == 302
    )
    db.session.expire_all()
    assert interview.slot_id == fair.slots[1].id and interview.status == "offered"


def test_a_closed_role_takes_nobody_new(client, auth, fair, seed_candidates):
    fair.role.status = "closed"
    db.session.commit()
    auth.login(fair.recruiter.email)
    other = seed_candidates(fair.event, n=1)[0]
    response = client.post(
        f"/employer/roles/{fair.role.id}/shortlist/{other.profile.id}", follow_redirects=True
    )
    assert "This role is closed." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Application.id))) == 0


def test_the_application_page_shows_languages_as_people_read_them(client, fair, shortlisted):
    page = client.get(f"/employer/applications/{shortlisted.id}").get_data(as_text=True)
    assert "{&#39;language&#39;" not in page and "{'language'" not in page
    assert "Khmer Native speaker" in page and "Japanese JLPT N4" in page
    client.post("/language", data={"locale": "ja"})
    page = client.get(f"/employer/applications/{shortlisted.id}").get_data(as_text=True)
    assert "クメール語" in page and "JLPT N4" in page
