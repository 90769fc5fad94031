"""The company profile, its logo, the booth, and colleagues joining by invitation."""

import io
from datetime import timedelta

import sqlalchemy as sa

from jobfair.employers import company
from jobfair.extensions import db
from jobfair.models import User
from jobfair.models.accounts import RecruiterInvitation
from jobfair.models.base import utcnow
from tests.conftest import PASSWORD

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 40 + b"\xff\xd9"
COMPANY = {"name": "Sakura Kogyo KK", "country": "JP", "sector": "automotive",
           "description": "Car parts in Aichi.", "website": "https://sakura.example"}  # fmt: skip


def upload(client, data: bytes, filename: str):
    return client.post(
        "/employer/company",
        data={**COMPANY, "logo": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )


def test_profile_and_png_logo(client, auth, fair):
    auth.login(fair.recruiter.email)
    assert upload(client, PNG, "logo.png").status_code == 302
    db.session.expire_all()
    assert fair.company.name == "Sakura Kogyo KK" and fair.company.sector == "automotive"
    assert fair.company.logo_filename.endswith(".png")
    logo = client.get("/employer/company/logo")
    assert logo.data == PNG and logo.mimetype == "image/png"
    assert (company.logo_folder() / fair.company.logo_filename).is_file()


def test_logo_is_judged_by_content_and_size(client, auth, fair, monkeypatch):
    monkeypatch.setattr(company, "LOGO_MAX_BYTES", 1000)  # small uploads stay in memory
    auth.login(fair.recruiter.email)
    page = upload(client, b"<svg onload=alert(1)>", "logo.png").get_data(as_text=True)
    assert "The logo must be a PNG or JPEG image." in page
    big = JPEG[:-2] + b"\x00" * 1000 + b"\xff\xd9"
    assert "too large" in upload(client, big, "logo.jpg").get_data(as_text=True)
    db.session.expire_all()
    assert fair.company.logo_filename is None and fair.company.name == "Sakura Kogyo"
    assert upload(client, JPEG, "photo.png").status_code == 302
    db.session.expire_all()
    assert fair.company.logo_filename.endswith(".jpg")


def test_the_dashboard_shows_the_booth_once_assigned(client, auth, fair):
    auth.login(fair.recruiter.email)
    assert "Your booth: A01" in client.get("/employer/").get_data(as_text=True)
    auth.logout()
    auth.login(fair.other_recruiter.email)
    page = client.get("/employer/").get_data(as_text=True)
    assert "the organizer will assign your booth" in page
    assert "Welder" not in page  # another company's role


def invitation_link(client) -> str:
    page = client.post("/employer/team/invite").get_data(as_text=True)
    start = page.index("/auth/signup/employer/join/")
    return page[start : page.index('"', start)]


def test_a_colleague_joins_with_a_single_use_link(client, auth, fair):
    auth.login(fair.recruiter.email)
    link = invitation_link(client)
    auth.logout()
    form = {"display_name": "Aiko", "email": "aiko@sakura.example", "password": PASSWORD,
            "confirm": PASSWORD}  # fmt: skip
    assert "Join Sakura Kogyo" in client.get(link).get_data(as_text=True)
    assert client.post(link, data=form).status_code == 302
    colleague = db.session.scalar(sa.select(User).where(User.email == "aiko@sakura.example"))
    assert colleague.organization_id == fair.company.id and colleague.is_employer
    assert client.get(f"/employer/roles/{fair.role.id}").status_code == 200
    auth.logout()
    again = client.post(link, data={**form, "email": "someone@else.example"})
    assert again.headers["Location"] == "/auth/login"
    assert (
        db.session.scalar(
            sa.select(sa.func.count(User.id)).where(User.email == "someone@else.example")
        )
        == 0
    )


def test_expired_and_forged_links_are_refused(client, auth, fair):
    auth.login(fair.recruiter.email)
    link = invitation_link(client)
    auth.logout()
    invitation = db.session.scalar(sa.select(RecruiterInvitation))
    invitation.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get(link).headers["Location"] == "/auth/login"
    assert (
        client.get("/auth/signup/employer/join/forged-token").headers["Location"] == "/auth/login"
    )
    assert invitation.token_hash not in link  # only the hash is stored
