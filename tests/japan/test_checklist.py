"""A hire's departure checklist: who sees it (the employer's recruiters, the hire, the
sending organisation's person invited for it; nobody else), ticking steps with dates, the
departure date as the funnel's one column, and inviting the sending organisation."""

import re
from datetime import date, timedelta

import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.japan import lookups
from jobfair.models import Application, Departure, Message, SendingInvitation, User, UserRole

from ..conftest import PASSWORD


def checklist_url(application) -> str:
    return f"/hires/{application.id}/checklist"


def tick(client, application, step, day):
    return client.post(
        f"{checklist_url(application)}/tick", data={"step": step, "done_on": day.isoformat()}
    )


def invite(client, application, email="sok@agency.example"):
    return client.post(
        f"/hires/{application.id}/sending",
        data={"name": "Sok Pisey", "agency": "Mekong Manpower", "email": email},
    )


def join_link(email="sok@agency.example") -> str:
    agent = db.session.scalar(sa.select(User).where(User.email == email))
    body = db.session.scalar(
        sa.select(Message.body)
        .where(Message.user_id == agent.id, Message.kind == "sending_invited")
        .order_by(Message.id.desc())
    )
    found = re.search(r"https?://[^/\s]+(/sending/join/\S+)", body)
    return found.group(1) if found else ""


def test_the_access_rule(fair, hire, create_user):
    agent = create_user(UserRole.SENDING)
    other_agent = create_user(UserRole.SENDING)
    departure = Departure(application=hire, agent=agent)
    db.session.add(departure)
    db.session.commit()
    assert lookups.may_see_hire(fair.recruiter, hire, departure)
    assert not lookups.may_see_hire(fair.other_recruiter, hire, departure)
    assert lookups.may_see_hire(fair.candidate, hire, departure)
    assert not lookups.may_see_hire(create_user(), hire, departure)
    assert lookups.may_see_hire(agent, hire, departure)
    assert not lookups.may_see_hire(other_agent, hire, departure)
    assert not lookups.may_see_hire(agent, hire, None)
    assert not lookups.may_see_hire(fair.organizer, hire, departure)


def test_each_sees_only_the_hires_they_may(client, auth, fair, hire, create_user):
    for user, status in (
        (fair.recruiter, 200),
        (fair.candidate, 200),
        (fair.other_recruiter, 404),
        (create_user(), 404),
        (create_user(UserRole.SENDING), 404),
        (fair.organizer, 403),
    ):
        auth.login(user.email)
        response = client.get(checklist_url(hire))
        assert response.status_code == status, user.email
        if status == 200:
            assert "Chan Dara" in response.get_data(as_text=True)
            assert response.headers["Cache-Control"] == "no-store"
        assert tick(client, hire, "passport", date.today()).status_code in (302, status)
        auth.logout()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Departure)) == 1


def test_only_hires_bound_for_japan_have_a_checklist(client, auth, fair, hire):
    auth.login(fair.recruiter.email)
    hire.status = "offered"
    db.session.commit()
    assert client.get(checklist_url(hire)).status_code == 404
    hire.status = "hired"
    fair.role.program = "local"
    db.session.commit()
    assert client.get(checklist_url(hire)).status_code == 404


def test_ticking_steps_with_dates_and_the_departure_date(client, auth, fair, hire):
    auth.login(fair.recruiter.email)
    today = date.today()
    assert tick(client, hire, "passport", today - timedelta(days=30)).status_code == 302
    departure = db.session.scalar(sa.select(Departure))
    assert [(s.step, s.done_on, s.ticked_by_id) for s in departure.steps] == [
        ("passport", today - timedelta(days=30), fair.recruiter.id)
    ]
    # The hire hears of it in their language; a future date is refused but for departure.
    assert (
        db.session.scalar(sa.select(Message).where(Message.kind == "departure_step_ticked")).user_id
        == fair.candidate.id
    )
    tick(client, hire, "visa", today + timedelta(days=3))
    db.session.expire_all()
    assert {s.step for s in departure.steps} == {"passport"}
    assert departure.departed_on is None
    tick(client, hire, "departure", today + timedelta(days=20))
    db.session.expire_all()
    assert departure.departed_on == today + timedelta(days=20)
    client.post(f"{checklist_url(hire)}/departure/untick")
    db.session.expire_all()
    assert departure.departed_on is None


def test_the_employer_invites_a_sending_agent_who_joins_and_ticks(client, auth, fair, hire):
    auth.login(fair.recruiter.email)
    assert invite(client, hire).status_code == 302
    agent = db.session.scalar(sa.select(User).where(User.email == "sok@agency.example"))
    assert agent.role == UserRole.SENDING and agent.pending_signup_at is not None
    # Not able to log in before setting a password through the link.
    auth.logout()
    assert auth.login("sok@agency.example", "anything at all").status_code == 200
    link = join_link()
    joined = client.post(link, data={"password": PASSWORD, "confirm": PASSWORD})
    assert joined.status_code == 302 and joined.headers["Location"] == "/sending/"
    start = client.get("/sending/").get_data(as_text=True)
    assert "Chan Dara" in start
    page = client.get(checklist_url(hire)).get_data(as_text=True)
    assert "Mekong Manpower" in page
    assert "/cv/" not in page and "shortlist" not in page
    assert tick(client, hire, "ocwc", date.today()).status_code == 302
    # The link works once.
    assert client.post(link, data={"password": PASSWORD, "confirm": PASSWORD}).status_code == 302
    assert db.session.scalar(sa.select(SendingInvitation)).used_at is not None


def test_a_second_hire_joins_the_same_account(client, auth, fair, hire, create_user):
    auth.login(fair.recruiter.email)
    invite(client, hire)
    other_candidate = create_user(profile={"full_name": "Sok Chenda"})
    second = Application(role=fair.role, candidate=other_candidate.profile, status="hired")
    db.session.add(second)
    db.session.commit()
    invite(client, second, email="SOK@agency.example")
    agents = db.session.scalars(sa.select(User).where(User.role == UserRole.SENDING)).all()
    assert len(agents) == 1
    assert {d.application_id for d in db.session.scalars(sa.select(Departure))} == {
        hire.id,
        second.id,
    }
    assert all(d.agent_id == agents[0].id for d in db.session.scalars(sa.select(Departure)))


def test_another_kind_of_account_cannot_be_invited(client, auth, fair, hire):
    auth.login(fair.recruiter.email)
    response = invite(client, hire, email=fair.candidate.email)
    assert response.status_code == 302
    assert db.session.scalar(sa.select(SendingInvitation)) is None
    assert fair.candidate.role == UserRole.CANDIDATE


def test_an_agent_of_another_hire_gets_404(client, auth, fair, hire, create_user):
    agent = create_user(UserRole.SENDING)
    other_candidate = create_user(profile={"full_name": "Sok Chenda"})
    other = Application(role=fair.role, candidate=other_candidate.profile, status="hired")
    db.session.add_all([other, Departure(application=other, agent=agent)])
    db.session.commit()
    auth.login(agent.email)
    assert client.get(checklist_url(other)).status_code == 200
    assert client.get(checklist_url(hire)).status_code == 404
    assert "Chan Dara" not in client.get("/sending/").get_data(as_text=True)
    assert client.post(f"/hires/{other.id}/sending", data={}).status_code == 403
