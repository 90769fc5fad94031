"""Fair-day staff: organizers invite door volunteers and booth staff by a single-use link;
door staff work only their event's door, booth staff only the booth."""

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from jobfair import access
from jobfair.auth import staff_invitations
from jobfair.extensions import db
from jobfair.models import (
    Exhibitor,
    ExhibitorStatus,
    Registration,
    StaffInvitation,
    User,
    UserRole,
)
from jobfair.models.base import utcnow
from tests.conftest import PASSWORD

LINK = re.compile(r'value="http://[^/]+(/auth/staff/join/[^"]+)"')


@pytest.fixture
def fair(create_user, create_event, create_organization):
    """An event with an approved and a pending exhibitor, a registered candidate, another
    event, and an organizer."""
    event = create_event()
    other = create_event(name="Another fair")
    approved = Exhibitor(
        event_id=event.id,
        organization_id=create_organization(name="Approved Co").id,
        status=ExhibitorStatus.APPROVED,
    )
    pending = Exhibitor(
        event_id=event.id,
        organization_id=create_organization(name="Pending Co").id,
        status=ExhibitorStatus.PENDING,
    )
    candidate = create_user(display_name="Sok Dara")
    registration = Registration(event_id=event.id, candidate_id=candidate.profile.id)
    db.session.add_all([approved, pending, registration])
    organizer = create_user(role=UserRole.ORGANIZER, email="boss@example.org")
    db.session.commit()
    return {
        "event": event,
        "other": other,
        "approved": approved,
        "pending": pending,
        "registration": registration,
        "organizer": organizer,
    }


def invite(client, event, post="door") -> str:
    client.post("/auth/login", data={"identifier": "boss@example.org", "password": PASSWORD})
    page = client.post(
        f"/organizer/events/{event.id}/staff", data={"post": post, "label": "Vanna"}
    ).get_data(as_text=True)
    client.post("/auth/logout")
    return LINK.search(page).group(1)


def join(client, link, email="vanna@example.org"):
    return client.post(
        link,
        data={
            "display_name": "Vanna",
            "email": email,
            "phone": "",
            "password": "door volunteer pass",
            "confirm": "door volunteer pass",
        },
    )


def test_a_door_invitation_makes_a_door_volunteer_of_that_event_once(app, fair):
    client = app.test_client()
    link = invite(client, fair["event"])
    token = link.rsplit("/", 1)[1]
    # Only the hash is stored.
    stored = db.session.scalar(sa.select(StaffInvitation))
    assert stored.token_hash != token and token not in stored.token_hash
    assert "Test Job Fair" in client.get(link).get_data(as_text=True)

    response = join(client, link)
    assert response.headers["Location"] == "/door/"
    user = db.session.scalar(sa.select(User).where(User.email == "vanna@example.org"))
    assert user.role == UserRole.DOOR and user.staff_event_id == fair["event"].id
    assert client.get("/door/").status_code == 200

    # Used once: a second person with the same link gets nothing.
    other = app.test_client()
    again = join(other, link, email="someone@example.org")
    assert again.headers["Location"] == "/auth/login"
    assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.role == "door")) == 1


def test_expired_and_revoked_links_open_nothing(app, fair):
    client = app.test_client()
    expired = invite(client, fair["event"])
    revoked = invite(client, fair["event"])
    first, second = db.session.scalars(sa.select(StaffInvitation).order_by(StaffInvitation.id))
    first.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    client.post("/auth/login", data={"identifier": "boss@example.org", "password": PASSWORD})
    client.post(f"/organizer/events/{fair['event'].id}/staff/{second.id}/revoke")
    client.post("/auth/logout")
    for link in (expired, revoked):
        assert client.get(link).headers["Location"] == "/auth/login"
        assert join(client, link).headers["Location"] == "/auth/login"
    assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.role == "door")) == 0
    assert staff_invitations.status(first) == "expired"
    assert staff_invitations.status(second) == "revoked"


def test_revoking_a_joined_volunteer_suspends_them_and_ends_their_sessions(app, fair):
    volunteer = app.test_client()
    join(volunteer, invite(app.test_client(), fair["event"]))
    assert volunteer.get("/door/").status_code == 200
    invitation = db.session.scalar(sa.select(StaffInvitation))
    organizer = app.test_client()
    organizer.post("/auth/login", data={"identifier": "boss@example.org", "password": PASSWORD})
    page = organizer.get(f"/organizer/events/{fair['event'].id}/staff").get_data(as_text=True)
    assert "vanna@example.org" in page and "Joined" in page
    organizer.post(f"/organizer/events/{fair['event'].id}/staff/{invitation.id}/revoke")
    db.session.expire_all()
    assert invitation.used_by.suspended_at is not None
    assert volunteer.get("/door/").status_code == 302  # signed out everywhere
    assert staff_invitations.status(invitation) == "suspended"


def test_booth_staff_are_invited_only_for_an_approved_exhibitor(app, fair):
    client = app.test_client()
    link = invite(client, fair["event"], post=f"booth-{fair['approved'].id}")
    assert join(client, link).headers["Location"] == "/booth/"
    user = db.session.scalar(sa.select(User).where(User.email == "vanna@example.org"))
    assert user.role == UserRole.BOOTH and user.organization_id == fair["approved"].organization_id
    # A pending exhibitor is not offered, and asking for it anyway is refused.
    client.post("/auth/logout")
    client.post("/auth/login", data={"identifier": "boss@example.org", "password": PASSWORD})
    page = client.get(f"/organizer/events/{fair['event'].id}/staff").get_data(as_text=True)
    assert "Approved Co" in page and "Pending Co" not in page
    refused = client.post(
        f"/organizer/events/{fair['event'].id}/staff", data={"post": f"booth-{fair['pending'].id}"}
    )
    assert not LINK.search(refused.get_data(as_text=True))
    assert db.session.scalar(sa.select(sa.func.count(StaffInvitation.id))) == 1


def test_a_booth_link_stops_working_when_the_company_leaves_the_fair(app, fair):
    link = invite(app.test_client(), fair["event"], post=f"booth-{fair['approved'].id}")
    fair["approved"].status = ExhibitorStatus.WITHDRAWN
    db.session.commit()
    client = app.test_client()
    page = join(client, link).get_data(as_text=True)
    assert "no longer approved" in page
    assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.role == "booth")) == 0


def test_only_organizers_invite_or_revoke_staff(app, fair, create_user):
    event = fair["event"]
    for role in (UserRole.CANDIDATE, UserRole.EMPLOYER, UserRole.DOOR, UserRole.BOOTH):
        user = create_user(role=role)
        client = app.test_client()
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
        assert client.get(f"/organizer/events/{event.id}/staff").status_code == 403
        assert (
            client.post(f"/organizer/events/{event.id}/staff", data={"post": "door"}).status_code
            == 403
        )
    assert db.session.scalar(sa.select(sa.func.count(StaffInvitation.id))) == 0


# --- the door: one rule ------------------------------------------------------------------


def test_the_one_rule_for_the_door(fair, create_user):
    event, other = fair["event"], fair["other"]
    volunteer = create_user(role=UserRole.DOOR, staff_event_id=event.id)
    assert access.may_work_door(volunteer, event)
    assert not access.may_work_door(volunteer, other)
    assert access.may_work_door(fair["organizer"], other)
    for role in (UserRole.CANDIDATE, UserRole.EMPLOYER, UserRole.BOOTH):
        assert not access.may_work_door(create_user(role=role), event)


@pytest.fixture
def volunteer_client(app, fair, create_user):
    volunteer = create_user(role=UserRole.DOOR, staff_event_id=fair["event"].id)
    client = app.test_client()
    client.post("/auth/login", data={"identifier": volunteer.email, "password": PASSWORD})
    return client


DOOR_PAGES = [
    ("GET", "/organizer/events/{id}/check-in"),
    ("GET", "/organizer/events/{id}/walk-in"),
    ("GET", "/organizer/door/events/{id}"),
    ("GET", "/organizer/door/events/{id}/list.json"),
]


def test_door_staff_work_their_own_event_and_no_other(fair, volunteer_client):
    for method, path in DOOR_PAGES:
        own = volunteer_client.open(path.format(id=fair["event"].id), method=method)
        assert own.status_code == 200, path
        other = volunteer_client.open(path.format(id=fair["other"].id), method=method)
        assert other.status_code == 404, path
    assert (
        volunteer_client.post(
            f"/organizer/door/events/{fair['other'].id}/sync", json={"checkins": []}
        ).status_code
        == 404
    )
    assert (
        volunteer_client.post(
            f"/organizer/events/{fair['other'].id}/check-in/confirm",
            data={"registration_id": str(fair["registration"].id)},
        ).status_code
        == 404
    )


def test_door_staff_check_a_candidate_in_by_the_typed_code(fair, volunteer_client):
    registration = fair["registration"]
    event = fair["event"]
    found = volunteer_client.post(
        f"/organizer/events/{event.id}/check-in", data={"code": registration.short_code.lower()}
    )
    assert "Sok Dara" in found.get_data(as_text=True)
    done = volunteer_client.post(
        f"/organizer/events/{event.id}/check-in/confirm",
        data={"registration_id": str(registration.id)},
        follow_redirects=True,
    )
    assert "checked in" in done.get_data(as_text=True)
    db.session.expire_all()
    volunteer = db.session.scalar(sa.select(User).where(User.role == "door"))
    assert registration.checked_in_at is not None
    assert registration.checked_in_by_id == volunteer.id


ORGANIZER_ONLY = [
    "/organizer/",
    "/organizer/events/{id}",
    "/organizer/events/{id}/exhibitors",
    "/organizer/events/{id}/statistics.csv",
    "/organizer/events/{id}/candidates-anonymised.csv",
    "/organizer/events/{id}/badges",
    "/organizer/events/{id}/live.json",
    "/organizer/events/{id}/staff",
    "/organizer/users",
    "/organizer/audit",
    "/organizer/messages",
    "/employer/",
    "/booth/",
    "/account/api-tokens/",
    "/auth/two-factor/setup",
]


def test_door_staff_see_nothing_else(fair, volunteer_client):
    for path in ORGANIZER_ONLY:
        response = volunteer_client.get(path.format(id=fair["event"].id))
        assert response.status_code == 403, path
    assert volunteer_client.get("/messages/").status_code == 200


def test_booth_staff_are_refused_outside_the_booth(app, fair, create_user):
    staff = create_user(role=UserRole.BOOTH, organization=fair["approved"].organization)
    client = app.test_client()
    client.post("/auth/login", data={"identifier": staff.email, "password": PASSWORD})
    assert client.get("/booth/").status_code == 200
    assert client.get("/messages/").status_code == 200
    refused = [p for p in ORGANIZER_ONLY if p != "/booth/"] + [
        "/door/",
        "/employer/team",
        "/employer/company",
        "/organizer/events/{id}/check-in",
        "/organizer/door/events/{id}",
        "/auth/two-factor/recovery-codes",
    ]
    for path in refused:
        assert client.get(path.format(id=fair["event"].id)).status_code == 403, path


def test_the_accounts_page_names_every_kind_of_account_and_filters_by_it(app, create_user):
    """The kinds come from one list (labels.ACCOUNT_KIND_LABELS): a sending organisation's
    person is named as such, never by the stored code, and the filter finds them."""
    organizer = create_user(role=UserRole.ORGANIZER)
    agent = create_user(role=UserRole.SENDING, display_name="Sok Mekong Manpower")
    create_user(display_name="Dara Candidate")
    client = app.test_client()
    client.post("/auth/login", data={"identifier": organizer.email, "password": PASSWORD})
    page = client.get("/organizer/users?role=sending").get_data(as_text=True)
    assert agent.display_name in page and "Sending organisation" in page
    assert "Dara Candidate" not in page
    japanese = app.test_client()
    japanese.post("/language", data={"locale": "ja", "next": "/"})
    japanese.post("/auth/login", data={"identifier": organizer.email, "password": PASSWORD})
    assert "送出機関" in japanese.get("/organizer/users?role=sending").get_data(as_text=True)
