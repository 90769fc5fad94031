"""Password reset by single-use link; two-factor sign-in, required for organizers."""

import re

import pyotp
import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import AuditLog, Message, User, UserRole

from .conftest import PASSWORD

NEW_PASSWORD = "a brand new passphrase"


def outbox_link(app) -> str:
    """The link in the newest password-reset message in the outbox."""
    text = db.session.scalar(
        sa.select(Message.body)
        .where(Message.kind == "password_reset")
        .order_by(Message.id.desc())
        .limit(1)
    )
    return re.search(r"https?://[^/]+(/auth/reset/\S+)", text).group(1)


@pytest.fixture
def app_config(app_config, tmp_path):
    return app_config


def test_password_reset_link_works_once(app, client, auth, create_user):
    user = create_user(email="a@example.com")
    response = client.post("/auth/reset/", data={"identifier": "A@example.com"})
    assert response.status_code == 302
    link = outbox_link(app)
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.headers["Location"] == "/auth/login"
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)
    # The same link a second time: refused, password unchanged.
    again = client.post(
        link, data={"password": "another new phrase", "confirm": "another new phrase"}
    )
    assert again.headers["Location"].startswith("/auth/reset")
    db.session.expire_all()
    assert db.session.get(User, user.id).check_password(NEW_PASSWORD)
    assert auth.login("a@example.com", NEW_PASSWORD).status_code == 302
    assert db.session.scalar(sa.select(AuditLog.action)) == "password_reset"


def test_password_reset_ends_open_sessions(app, client, auth, create_user):
    create_user(email="a@example.com")
    other = app.test_client()
    other.post("/auth/login", data={"identifier": "a@example.com", "password": PASSWORD})
    assert other.get("/me/").status_code == 200
    client.post("/auth/reset/", data={"identifier": "a@example.com"})
    client.post(outbox_link(app), data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert other.get("/me/").status_code == 302


def test_expired_or_forged_reset_links_are_refused(app, client, create_user):
    user = create_user(email="a@example.com")
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    client.post("/auth/reset/", data={"identifier": "a@example.com"})
    link = outbox_link(app)
    client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    app.config["PASSWORD_RESET_MAX_AGE"] = 3600
    forged = client.post(
        link[:-3] + "abc", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert forged.status_code == 302
    assert db.session.get(User, user.id).check_password(PASSWORD)


def test_reset_request_does_not_reveal_whether_an_account_exists(client, create_user):
    create_user(email="a@example.com")
    known = client.post("/auth/reset/", data={"identifier": "a@example.com"}, follow_redirects=True)
    unknown = client.post(
        "/auth/reset/", data={"identifier": "b@example.com"}, follow_redirects=True
    )
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)


def test_reset_refuses_common_passwords(app, client, create_user):
    user = create_user(email="a@example.com")
    client.post("/auth/reset/", data={"identifier": "a@example.com"})
    page = client.post(outbox_link(app), data={"password": "password123", "confirm": "password123"})
    assert "too common" in page.get_data(as_text=True)
    assert db.session.get(User, user.id).check_password(PASSWORD)


# --- two-factor ----------------------------------------------------------------------


def set_up_two_factor(client) -> str:
    page = client.get("/auth/two-factor/setup").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    response = client.post("/auth/two-factor/setup", data={"code": pyotp.TOTP(secret).now()})
    # Turned on: the page shows the recovery codes, once.
    assert response.status_code == 200, response.get_data(as_text=True)
    assert 'id="recovery-codes"' in response.get_data(as_text=True)
    return secret


def test_organizers_must_set_up_two_factor_before_anything_else(app, client, auth, create_user):
    app.config["ORGANIZER_TWO_FACTOR_REQUIRED"] = True
    create_user(role=UserRole.ORGANIZER, email="boss@example.org")
    auth.login("boss@example.org")
    response = client.get("/organizer/")
    assert response.headers["Location"] == "/auth/two-factor/setup"
    set_up_two_factor(client)
    assert client.get("/organizer/").status_code == 200


def test_two_factor_login_needs_a_fresh_code(app, client, auth, create_user):
    user = create_user(role=UserRole.EMPLOYER, email="hr@example.jp")
    auth.login("hr@example.jp")
    secret = set_up_two_factor(client)
    auth.logout()

    response = auth.login("hr@example.jp")
    assert response.headers["Location"] == "/auth/two-factor/verify"
    # Not signed in yet: the password alone opens nothing.
    assert client.get("/employer/").status_code == 302
    wrong = client.post("/auth/two-factor/verify", data={"code": "000000"})
    assert "not right" in wrong.get_data(as_text=True)

    # The step used at set-up cannot be used again; the next one (clock drift) can.
    db.session.expire_all()
    used = db.session.get(User, user.id).totp_last_step
    code = pyotp.TOTP(secret).at((used + 1) * 30)
    ok = client.post("/auth/two-factor/verify", data={"code": code})
    assert ok.headers["Location"] == "/employer/"
    assert client.get("/employer/").status_code == 200

    auth.logout()
    auth.login("hr@example.jp")
    replay = client.post("/auth/two-factor/verify", data={"code": code})
    assert "already used" in replay.get_data(as_text=True)


def test_candidates_cannot_open_two_factor_setup(client, auth, create_user):
    create_user(email="a@example.com")
    auth.login("a@example.com")
    assert client.get("/auth/two-factor/setup").status_code == 403
