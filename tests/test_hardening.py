"""The holes found by probing from outside (issue 17), one test per finding.

Each test failed on the code before the fix; the docstring names the finding.
"""

import io
import os
import time
from pathlib import Path
from urllib.parse import quote

import pyotp
import pytest
import sqlalchemy as sa

from jobfair import create_app
from jobfair.candidates import profile as candidate_profile
from jobfair.exports import Sheet, csv_response
from jobfair.extensions import db
from jobfair.models import AuditLog, CandidateProfile, User, UserRole

from .candidates.conftest import pdf_bytes
from .conftest import PASSWORD


def cv_files(app) -> list[str]:
    folder = Path(app.config["UPLOAD_FOLDER"]) / "cv"
    return sorted(os.listdir(folder)) if folder.exists() else []


# --- password-reset poisoning ------------------------------------------------------------


def test_reset_request_for_an_unlisted_host_builds_no_link(create_user, app, monkeypatch):
    """Finding: password-reset poisoning. With TRUSTED_HOSTS left at its default, a reset
    request sent with `Host: evil.example` must not produce a link to evil.example."""
    from jobfair.models import Message

    def sent():
        return [m.body for m in db.session.scalars(sa.select(Message).order_by(Message.id))]

    create_user(email="dara@example.com")
    client = app.test_client()
    response = client.post(
        "/auth/reset/", data={"identifier": "dara@example.com"}, base_url="http://evil.example"
    )
    assert response.status_code == 400
    assert sent() == []
    # The names `make run` serves still work, and their links point at them.
    client.post("/auth/reset/", data={"identifier": "dara@example.com"})
    assert len(sent()) == 1 and "http://localhost/auth/reset/" in sent()[0]


def test_refused_host_is_reported_to_the_operator(app, caplog):
    """Finding: password-reset poisoning (a deployment must learn which name to list)."""
    with caplog.at_level("WARNING"):
        app.test_client().get("/", base_url="http://jobs.example.org")
    assert "FLASK_TRUSTED_HOSTS" in caplog.text and "jobs.example.org" in caplog.text


# --- uploads that fill the disk ------------------------------------------------------------


@pytest.fixture
def candidate_client(app, create_user, auth):
    user = create_user(email="cv@example.com")
    auth.login("cv@example.com")
    return auth._client, user


def test_cv_with_a_nul_in_its_name_leaves_no_stray_file(candidate_client, app):
    """Finding: uploads that fill the disk. A CV whose file name holds a NUL byte failed with
    500 on PostgreSQL after the file was written, leaving a file nothing points to."""
    client, user = candidate_client
    for _ in range(2):
        response = client.post(
            "/me/cv",
            data={"cv": (io.BytesIO(pdf_bytes()), "cv\x00.pdf")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 302
    profile = db.session.get(CandidateProfile, user.profile.id)
    db.session.refresh(profile)
    assert profile.cv_original_name == "cv.pdf"
    assert cv_files(app) == [profile.cv_filename]


def test_a_cv_follows_its_transaction(candidate_client, app):
    """Finding: uploads that fill the disk. A CV is written inside the unit of work of its
    row: a rollback removes it, a commit keeps it and removes the file it replaced."""
    _client, user = candidate_client
    profile = db.session.get(CandidateProfile, user.profile.id)
    candidate_profile.replace_cv(profile, [(pdf_bytes(), "mine.pdf")])
    assert len(cv_files(app)) == 1
    db.session.rollback()
    assert cv_files(app) == []

    profile = db.session.get(CandidateProfile, user.profile.id)
    candidate_profile.replace_cv(profile, [(pdf_bytes(), "first.pdf")])
    db.session.commit()
    first = cv_files(app)
    candidate_profile.replace_cv(profile, [(pdf_bytes("Cook"), "second.pdf")])
    db.session.commit()
    assert len(cv_files(app)) == 1 and cv_files(app) != first
    assert cv_files(app) == [profile.cv_filename]


def test_orphaned_uploads_are_cleaned(candidate_client, app, runner):
    """Finding: uploads that fill the disk. Files no row names are removed by
    `flask clean-uploads` (also run when the server starts), young ones are kept."""
    _client, user = candidate_client
    profile = db.session.get(CandidateProfile, user.profile.id)
    candidate_profile.replace_cv(profile, [(pdf_bytes(), "kept.pdf")])
    db.session.commit()
    folder = Path(app.config["UPLOAD_FOLDER"]) / "cv"
    old_orphan, young_orphan = folder / ("a" * 32 + ".pdf"), folder / "young.pdf"
    for path in (old_orphan, young_orphan):
        path.write_bytes(b"%PDF-orphan")
    hours_ago = time.time() - 2 * 3600
    os.utime(old_orphan, (hours_ago, hours_ago))
    os.utime(folder / profile.cv_filename, (hours_ago, hours_ago))
    result = runner.invoke(args=["clean-uploads"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    assert sorted(os.listdir(folder)) == sorted([profile.cv_filename, "young.pdf"])


def test_cv_uploads_are_rate_limited_per_account(app_config, create_user):
    """Finding: uploads that fill the disk (CV upload had no rate limit)."""
    app_config.update(RATELIMIT_ENABLED=True, CV_UPLOAD_RATE_LIMIT="3 per hour")
    app = create_app(app_config)
    with app.app_context():
        from jobfair.extensions import limiter

        limiter.reset()
    client = app.test_client()
    with app.app_context():
        create_user(email="many@example.com")
    client.post("/auth/login", data={"identifier": "many@example.com", "password": PASSWORD})
    codes = [
        client.post(
            "/me/cv",
            data={"cv": (io.BytesIO(b"not a cv"), "cv.pdf")},
            content_type="multipart/form-data",
        ).status_code
        for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]


# --- 500s from odd bytes -------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, data",
    [
        ("/auth/login", {"identifier": "dara\x00@example.com", "password": PASSWORD}),
        ("/auth/reset/", {"identifier": "dara\x00@example.com"}),
        (
            "/auth/signup",
            {"display_name": "Sok\x00Dara", "email": "nul@example.com", "phone": "",
             "password": PASSWORD, "confirm": PASSWORD},
        ),
    ],
)  # fmt: skip
def test_nul_bytes_are_never_stored(client, path, data):
    """Finding: 500s from odd bytes (NUL in the log-in identifier, the reset identifier and
    the sign-up name failed with 500 on PostgreSQL; SQLite stored them)."""
    response = client.post(path, data=data)
    assert response.status_code in (200, 302)
    names = db.session.scalars(sa.select(User.display_name)).all()
    assert all("\x00" not in name for name in names)
    assert names == (["SokDara"] if path == "/auth/signup" else [])


def test_other_control_characters_are_stripped_from_text_fields(client):
    """Finding: 500s from odd bytes (control characters in every text field)."""
    client.post(
        "/auth/signup",
        data={"display_name": "Sok\x07 Dara\x1b", "email": "bell@example.com", "phone": "",
              "password": PASSWORD, "confirm": PASSWORD},
    )  # fmt: skip
    assert db.session.scalar(sa.select(User.display_name)) == "Sok Dara"


@pytest.mark.parametrize("next_value", ["/me/\nSet-Cookie: x=1", "/me/\r\nX: y", "/me/ x"])
def test_next_with_control_characters_goes_home(client, create_user, next_value):
    """Finding: 500s from odd bytes (a `next` with a newline on /auth/login and /language)."""
    response = client.post("/language", data={"locale": "km", "next": next_value})
    assert response.status_code in (302, 400)
    assert "\n" not in response.headers.get("Location", "")
    create_user(email="next@example.com")
    response = client.post(
        "/auth/login?next=" + quote(next_value),
        data={"identifier": "next@example.com", "password": PASSWORD},
    )
    assert response.status_code in (302, 400)
    assert response.headers.get("Location", "/me/").startswith("/me/")


@pytest.mark.parametrize("path", ["/organizer/users", "/organizer/audit"])
@pytest.mark.parametrize("page", ["99999999999999999999", "-5", "0"])
def test_huge_page_numbers_show_a_page(client, create_user, auth, path, page):
    """Finding: 500s from odd bytes (a huge `page` on the organizer's user and audit lists)."""
    create_user(role=UserRole.ORGANIZER, email="org@example.com")
    auth.login("org@example.com")
    response = client.get(f"{path}?page={page}")
    assert response.status_code == 200


def test_csv_exports_send_one_charset(app):
    """Finding: CSV exports sent the charset twice."""
    with app.test_request_context():
        response = csv_response(Sheet("S", ["a"], [["b"]]), "s.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


# --- limits --------------------------------------------------------------------------------


def _employer_with_two_factor(create_user):
    secret = pyotp.random_base32()
    user = create_user(role=UserRole.EMPLOYER, email="hr@example.com")
    user.totp_secret = secret
    user.totp_enabled_at = user.created_at
    db.session.commit()
    return user, secret


def _sign_in_with_code(client, secret):
    client.post("/auth/login", data={"identifier": "hr@example.com", "password": PASSWORD})
    client.post("/auth/two-factor/verify", data={"code": pyotp.TOTP(secret).now()})


def test_turning_two_factor_off_asks_for_the_password_or_a_code(client, create_user):
    """Finding: turning two-factor off did not ask for the password or a code."""
    user, secret = _employer_with_two_factor(create_user)
    _sign_in_with_code(client, secret)
    response = client.post("/auth/two-factor/disable", data={})
    assert response.status_code == 200
    db.session.refresh(user)
    assert user.totp_secret == secret
    client.post("/auth/two-factor/disable", data={"password": "not the password"})
    db.session.refresh(user)
    assert user.totp_secret == secret
    client.post("/auth/two-factor/disable", data={"password": PASSWORD})
    db.session.refresh(user)
    assert user.totp_secret is None
    assert db.session.scalar(
        sa.select(sa.func.count(AuditLog.id)).where(AuditLog.action == "two_factor_disabled")
    )


def test_two_factor_codes_are_limited_per_account(app_config, create_user):
    """Finding: the two-factor code limit was per address, not per account: a guesser who
    changes address kept guessing the same account's code."""
    app_config.update(RATELIMIT_ENABLED=True, AUTH_RATE_LIMIT="3 per minute")
    app = create_app(app_config)
    with app.app_context():
        from jobfair.extensions import limiter

        limiter.reset()
        _employer_with_two_factor(create_user)
    client = app.test_client()
    client.post("/auth/login", data={"identifier": "hr@example.com", "password": PASSWORD})
    codes = [
        client.post(
            "/auth/two-factor/verify",
            data={"code": "000000"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n + 1}"},
        ).status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
