"""Candidates see only their own things; every candidate URL is in this matrix."""

import io
import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from jobfair import rirekisho
from jobfair.extensions import db
from jobfair.models import (
    Application,
    BoothLead,
    CandidateProfile,
    Interview,
    Offer,
    Registration,
    UserRole,
)
from tests.conftest import PASSWORD

from .conftest import pdf_bytes

# Every candidates.* endpoint, its method, and what the owner gets.
MATRIX = {
    "candidates.dashboard": ("GET", 200),
    "candidates.edit_profile": ("GET", 200),
    "candidates.register": ("GET", 302),
    "candidates.ticket": ("GET", 200),
    "candidates.ticket_image": ("GET", 200),
    "candidates.ticket_calendar": ("GET", 200),
    "candidates.roles_for_me": ("GET", 200),
    "candidates.apply": ("POST", 302),
    "candidates.answer_interview": ("POST", 302),
    "candidates.download_interview_ics": ("GET", 200),
    "candidates.show_offer": ("GET", 200),
    "candidates.answer_offer": ("POST", 302),
    "candidates.consent": ("GET", 200),
    "candidates.upload_cv": ("GET", 200),
    "candidates.accept_suggestions": ("POST", 302),
    "candidates.download_data": ("GET", 200),
    "candidates.delete_account": ("GET", 200),
    "candidates.booth_scans": ("GET", 200),
    "candidates.withdraw_scan": ("POST", 302),
    "candidates.edit_rirekisho": ("GET", 200),
    "candidates.preview_rirekisho": ("GET", 200),
    "candidates.rirekisho_photo": ("POST", 302),  # no file: says so, changes nothing
    "candidates.remove_rirekisho_photo": ("POST", 302),
    "cv.download_cv": ("GET", 200),
}


@pytest.fixture
def world(app, fair, create_user):
    """Two registered candidates with a CV, an application and an interview each."""
    people = []
    for n in range(2):
        user = create_user(email=f"c{n}@example.com")
        client = app.test_client()
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
        client.post(f"/me/events/{fair['event'].id}/register", data={"consent": "y"})
        client.post(
            "/me/cv",
            data={"cv": (io.BytesIO(pdf_bytes()), "cv.pdf")},
            content_type="multipart/form-data",
        )
        profile = db.session.scalar(
            sa.select(CandidateProfile).where(CandidateProfile.user_id == user.id)
        )
        application = Application(
            role_id=fair["cook"].id, candidate_id=profile.id, status="invited"
        )
        db.session.add(application)
        db.session.flush()
        interview = Interview(application_id=application.id, candidate_id=profile.id)
        db.session.add(interview)
        lead = BoothLead(
            event_id=fair["event"].id,
            organization_id=fair["cook"].organization_id,
            candidate_id=profile.id,
            met_at=datetime.now(UTC),
            client_id=f"scan-of-candidate-{n}",
        )
        db.session.add(lead)
        offer = Offer(
            application_id=application.id, role_id=fair["cook"].id, salary=300,
            currency="USD", starts_on=fair["event"].ends_on + timedelta(days=30),
        )  # fmt: skip
        db.session.add(offer)
        rirekisho.start(profile)
        db.session.commit()
        registration = db.session.scalar(
            sa.select(Registration).where(Registration.candidate_id == profile.id)
        )
        people.append(
            {
                "client": client,
                "profile": profile,
                "registration": registration,
                "interview": interview,
                "lead": lead,
                "offer": offer,
            }
        )
    return people


def url_for_owner(endpoint, fair, person):
    return {
        "candidates.dashboard": "/me/",
        "candidates.edit_profile": "/me/profile",
        "candidates.register": f"/me/events/{fair['event'].id}/register",
        "candidates.ticket": f"/me/tickets/{person['registration'].id}",
        "candidates.ticket_image": f"/me/tickets/{person['registration'].id}/qr.png",
        "candidates.ticket_calendar": f"/me/tickets/{person['registration'].id}/fair.ics",
        "candidates.roles_for_me": f"/me/events/{fair['event'].id}/roles",
        "candidates.apply": f"/me/roles/{fair['welder'].id}/apply",
        "candidates.answer_interview": f"/me/interviews/{person['interview'].id}/accept",
        "candidates.download_interview_ics": f"/me/interviews/{person['interview'].id}.ics",
        "candidates.show_offer": f"/me/offers/{person['offer'].id}",
        "candidates.answer_offer": f"/me/offers/{person['offer'].id}/decline",
        "candidates.consent": "/me/consent",
        "candidates.upload_cv": "/me/cv",
        "candidates.accept_suggestions": "/me/cv/suggestions",
        "candidates.download_data": "/me/data.json",
        "candidates.delete_account": "/me/delete",
        "candidates.booth_scans": "/me/booth-scans",
        "candidates.withdraw_scan": f"/me/booth-scans/{person['lead'].id}/withdraw",
        "candidates.edit_rirekisho": "/me/rirekisho",
        "candidates.preview_rirekisho": "/me/rirekisho.pdf",
        "candidates.rirekisho_photo": "/me/rirekisho/photo",
        "candidates.remove_rirekisho_photo": "/me/rirekisho/photo/remove",
        "cv.download_cv": f"/cv/{person['profile'].id}",
    }[endpoint]


def test_the_matrix_lists_every_candidate_url(app):
    endpoints = {
        r.endpoint
        for r in app.url_map.iter_rules()
        if r.endpoint.startswith(("candidates.", "cv."))
    }
    assert endpoints == set(MATRIX)


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_owner_gets_the_page(world, fair, endpoint):
    method, status = MATRIX[endpoint]
    me = world[0]
    response = me["client"].open(url_for_owner(endpoint, fair, me), method=method)
    assert response.status_code == status


@pytest.mark.parametrize(
    "endpoint",
    [
        "candidates.ticket",
        "candidates.ticket_image",
        "candidates.ticket_calendar",
        "candidates.answer_interview",
        "candidates.download_interview_ics",
        "candidates.withdraw_scan",
        "candidates.show_offer",
        "candidates.answer_offer",
        "cv.download_cv",
    ],
)
def test_another_candidates_things_are_not_found(world, fair, endpoint):
    method, _status = MATRIX[endpoint]
    response = world[0]["client"].open(url_for_owner(endpoint, fair, world[1]), method=method)
    assert response.status_code == 404
    db.session.expire_all()
    assert db.session.get(Interview, world[1]["interview"].id).status == "offered"
    assert db.session.get(BoothLead, world[1]["lead"].id).withdrawn_at is None
    assert db.session.get(Offer, world[1]["offer"].id).status == "pending"


@pytest.mark.parametrize("role", [None, UserRole.EMPLOYER, UserRole.ORGANIZER])
def test_others_cannot_open_candidate_pages(app, world, fair, create_user, role):
    client = app.test_client()
    if role:
        user = create_user(role=role)
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    for endpoint, (method, _status) in MATRIX.items():
        if endpoint.startswith("cv."):
            continue
        response = client.open(url_for_owner(endpoint, fair, world[0]), method=method)
        expected = 302 if role is None else 403
        assert response.status_code == expected, endpoint
        if role is None:
            assert re.match(r"/auth/login", response.headers["Location"])


def test_employers_get_a_cv_only_from_a_company_at_the_candidates_fair(
    app, world, fair, create_user, create_organization
):
    outsider = create_user(role=UserRole.EMPLOYER, organization=create_organization(name="Other"))
    hotel_recruiter = create_user(role=UserRole.EMPLOYER, organization=fair["cook"].organization)
    path = f"/cv/{world[0]['profile'].id}"
    for user, status in ((outsider, 404), (hotel_recruiter, 200)):
        client = app.test_client()
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
        assert client.get(path).status_code == status
    assert app.test_client().get(path).status_code == 404
