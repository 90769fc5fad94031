"""Event set-up, booths, check-in at the door, walk-ins and accounts."""

import re
from datetime import date, time

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import AuditLog, Event, Exhibitor, Registration, User, UserRole
from jobfair.organizers import checkin
from tests.conftest import PASSWORD


@pytest.fixture
def organizer(app, create_user):
    user = create_user(role=UserRole.ORGANIZER, email="boss@example.org")
    client = app.test_client()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return client


@pytest.fixture
def ticket(create_event, create_user):
    event = create_event()
    candidate = create_user(profile={"full_name": "Sok Dara", "province": "Takeo"})
    registration = Registration(event_id=event.id, candidate_id=candidate.profile.id)
    db.session.add(registration)
    db.session.commit()
    return registration


EVENT = {
    "name": "CJCC Job Fair",
    "venue": "CJCC",
    "city": "Phnom Penh",
    "description": "",
    "starts_on": "2026-12-05",
    "ends_on": "2026-12-06",
    "opens_at": "08:30",
    "closes_at": "16:30",
    "registration_open": "y",
    "published": "y",
}


def test_create_and_edit_an_event(organizer):
    response = organizer.post("/organizer/events/new", data=EVENT)
    event = db.session.scalar(sa.select(Event))
    assert response.headers["Location"] == f"/organizer/events/{event.id}"
    assert (event.starts_on, event.opens_at) == (date(2026, 12, 5), time(8, 30))
    organizer.post(f"/organizer/events/{event.id}/edit", data={**EVENT, "name": "Renamed"})
    db.session.refresh(event)
    assert event.name == "Renamed"


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"ends_on": "2026-12-04"}, "The last day is before the first day"),
        ({"closes_at": "08:00"}, "Closing time must be after opening time"),
        ({"starts_on": "someday"}, "Not a valid date value"),
        ({"name": ""}, "This field is required"),
    ],
)
def test_bad_event_input_is_refused(organizer, changes, message):
    page = organizer.post("/organizer/events/new", data={**EVENT, **changes}).get_data(as_text=True)
    assert message in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Event)) == 0


def test_booths_are_unique_per_event(organizer, create_event, create_organization):
    event = create_event()
    first, second = (
        Exhibitor(event_id=event.id, organization_id=create_organization().id) for _ in range(2)
    )
    db.session.add_all([first, second])
    db.session.commit()
    url = f"/organizer/events/{event.id}/exhibitors"
    organizer.post(
        f"{url}/{first.id}",
        data={f"x{first.id}-status": "approved", f"x{first.id}-booth_code": "a1"},
    )
    page = organizer.post(
        f"{url}/{second.id}",
        data={f"x{second.id}-status": "approved", f"x{second.id}-booth_code": "A1"},
        follow_redirects=True,
    )
    assert "Booth A1 is already taken" in page.get_data(as_text=True)
    db.session.expire_all()
    assert (
        db.session.get(Exhibitor, first.id).booth_code,
        db.session.get(Exhibitor, second.id).booth_code,
    ) == ("A1", None)


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{dashed}", " {spaced} ", "{token}"])
def test_check_in_by_code_or_scan_then_confirm(organizer, ticket, typed):
    code = ticket.short_code
    text = typed.format(
        code=code,
        lower=code.lower(),
        dashed=f"{code[:4]}-{code[4:]}",
        spaced=f"{code[:4]} {code[4:]}",
        token=ticket.ticket_token,
    )
    url = f"/organizer/events/{ticket.event_id}/check-in"
    page = organizer.post(url, data={"code": text}).get_data(as_text=True)
    assert "Sok Dara" in page and "Confirm check-in" in page
    db.session.refresh(ticket)
    assert ticket.checked_in_at is None  # finding the ticket does not check in
    done = organizer.post(
        f"{url}/confirm", data={"registration_id": ticket.id}, follow_redirects=True
    )
    assert "Welcome, Sok Dara: checked in." in done.get_data(as_text=True)
    db.session.refresh(ticket)
    assert ticket.checked_in_at is not None and ticket.checked_in_by_id is not None


def test_checking_in_twice_is_harmless_and_says_so(organizer, ticket):
    url = f"/organizer/events/{ticket.event_id}/check-in/confirm"
    organizer.post(url, data={"registration_id": ticket.id})
    db.session.refresh(ticket)
    first = ticket.checked_in_at
    again = organizer.post(url, data={"registration_id": ticket.id}, follow_redirects=True)
    assert "was already checked in at" in again.get_data(as_text=True)
    db.session.refresh(ticket)
    assert ticket.checked_in_at == first


def test_unknown_codes_and_other_events_tickets_are_not_found(organizer, ticket, create_event):
    other = create_event(name="Other fair")
    for event_id, code in ((ticket.event_id, "ZZZZZZZZ"), (other.id, ticket.short_code)):
        page = organizer.post(f"/organizer/events/{event_id}/check-in", data={"code": code})
        assert "No ticket with this code for this event" in page.get_data(as_text=True)
    wrong = organizer.post(
        f"/organizer/events/{other.id}/check-in/confirm", data={"registration_id": ticket.id}
    )
    assert wrong.status_code == 404


def test_walk_in_is_registered_and_checked_in_at_once(organizer, create_event, create_user):
    event = create_event()
    url = f"/organizer/events/{event.id}/walk-in"
    page = organizer.post(
        url,
        data={"name": "Chan Sophea", "phone": "097 123 4567", "province": "Kandal"},
        follow_redirects=True,
    )
    assert "is registered and checked in" in page.get_data(as_text=True)
    registration = db.session.scalar(sa.select(Registration))
    assert registration.source == "walk_in" and registration.checked_in_at is not None
    create_user(email="known@example.com")
    again = organizer.post(
        url, data={"name": "X", "email": "known@example.com", "province": "Kandal"}
    )
    assert "already registered" in again.get_data(as_text=True)
    nothing = organizer.post(url, data={"name": "Y", "province": "Kandal"})
    assert "Give a phone number or an email" in nothing.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 1


def test_two_door_staff_checking_in_the_same_ticket_count_once(app, ticket, create_user):
    staff = create_user(role=UserRole.ORGANIZER)
    assert checkin.check_in(ticket, staff) is True
    assert checkin.check_in(ticket, staff) is False


def test_suspending_ends_sessions_at_once_and_is_audited(app, organizer, create_user):
    victim = create_user(email="c@example.com")
    their_client = app.test_client()
    their_client.post("/auth/login", data={"identifier": "c@example.com", "password": PASSWORD})
    assert their_client.get("/me/").status_code == 200
    organizer.post(f"/organizer/users/{victim.id}/suspend")
    assert their_client.get("/me/").status_code == 302
    assert db.session.scalar(sa.select(AuditLog.action).where(AuditLog.action == "user_suspended"))
    organizer.post(f"/organizer/users/{victim.id}/reinstate")
    db.session.expire_all()
    assert db.session.get(User, victim.id).suspended_at is None
    page = organizer.get("/organizer/audit?action=user_suspended").get_data(as_text=True)
    assert "user_suspended" in page and "user_reinstated" not in re.sub(
        r"<option.*?</option>", "", page
    )


def test_public_page_lists_approved_exhibitors_of_published_events(
    client, create_event, create_organization
):
    event = create_event(published=True)
    shown = create_organization(name="Shown Co")
    hidden = create_organization(name="Hidden Co")
    db.session.add_all(
        [
            Exhibitor(
                event_id=event.id, organization_id=shown.id, status="approved", booth_code="B2"
            ),
            Exhibitor(event_id=event.id, organization_id=hidden.id, status="pending"),
        ]
    )
    db.session.commit()
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Shown Co" in page and "Booth B2" in page and "Hidden Co" not in page
    unpublished = create_event(published=False)
    assert client.get(f"/events/{unpublished.id}").status_code == 404
