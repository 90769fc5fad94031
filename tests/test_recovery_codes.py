"""Two-factor recovery codes: shown once, stored as hashes, each good for one sign-in,
replaced on demand, counted by the same limits as app codes, and audit-logged."""

import re

import pyotp
import sqlalchemy as sa

from jobfair import create_app
from jobfair.auth import recovery_codes
from jobfair.extensions import db
from jobfair.models import AuditLog, RecoveryCode, User, UserRole

from .conftest import PASSWORD

CODE = re.compile(r"<code>([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})</code>")


def turn_on(client, email="hr@example.jp") -> tuple[str, list[str]]:
    client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
    page = client.get("/auth/two-factor/setup").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    response = client.post("/auth/two-factor/setup", data={"code": pyotp.TOTP(secret).now()})
    assert response.headers["Cache-Control"] == "no-store"
    codes = CODE.findall(response.get_data(as_text=True))
    client.post("/auth/logout")
    return secret, codes


def sign_in(client, code, email="hr@example.jp"):
    client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
    return client.post("/auth/two-factor/verify", data={"code": code}, follow_redirects=True)


def test_turning_two_factor_on_shows_ten_codes_once_and_stores_only_hashes(client, create_user):
    user = create_user(role=UserRole.EMPLOYER, email="hr@example.jp")
    _secret, codes = turn_on(client)
    assert len(codes) == len(set(codes)) == 10
    stored = db.session.scalars(
        sa.select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)
    ).all()
    assert len(stored) == 10
    plain = {c.replace("-", "") for c in codes}
    assert not plain & set(stored) and all(len(h) == 64 for h in stored)


def test_a_recovery_code_signs_in_once_and_says_how_many_remain(client, create_user):
    user = create_user(role=UserRole.EMPLOYER, email="hr@example.jp")
    _secret, codes = turn_on(client)
    # Typed in lower case with spaces, as people copy from paper.
    typed = codes[0].lower().replace("-", " ")
    page = sign_in(client, typed).get_data(as_text=True)
    assert "9 recovery codes are left" in page
    assert client.get("/employer/").status_code == 200
    used = db.session.scalar(sa.select(AuditLog).where(AuditLog.action == "recovery_code_used"))
    assert used is not None and used.actor_id == user.id and used.details == {"remaining": 9}
    client.post("/auth/logout")

    again = sign_in(client, codes[0]).get_data(as_text=True)
    assert "not right" in again
    assert client.get("/employer/").status_code == 302
    assert recovery_codes.remaining(db.session.get(User, user.id)) == 9


def test_new_codes_void_the_old_ones_and_need_the_password(client, create_user):
    user = create_user(role=UserRole.EMPLOYER, email="hr@example.jp")
    _secret, old = turn_on(client)
    sign_in(client, old[0])
    page = client.get("/auth/two-factor/recovery-codes").get_data(as_text=True)
    assert "9 unused recovery codes are left" in page and not CODE.search(page)
    refused = client.post("/auth/two-factor/recovery-codes", data={"password": "wrong"})
    assert not CODE.search(refused.get_data(as_text=True))
    made = client.post("/auth/two-factor/recovery-codes", data={"password": PASSWORD})
    assert made.headers["Cache-Control"] == "no-store"
    new = CODE.findall(made.get_data(as_text=True))
    assert len(new) == 10 and not set(new) & set(old)
    client.post("/auth/logout")
    assert "not right" in sign_in(client, old[1]).get_data(as_text=True)
    client.get("/")
    assert "recovery code" in sign_in(client, new[0]).get_data(as_text=True)
    assert recovery_codes.remaining(db.session.get(User, user.id)) == 9


def test_turning_two_factor_off_drops_the_codes(client, create_user):
    user = create_user(role=UserRole.EMPLOYER, email="hr@example.jp")
    _secret, codes = turn_on(client)
    sign_in(client, codes[0])
    client.post("/auth/two-factor/disable", data={"password": PASSWORD})
    assert db.session.scalar(sa.select(sa.func.count(RecoveryCode.id))) == 0
    assert not db.session.get(User, user.id).has_two_factor


def test_wrong_recovery_codes_count_against_the_same_limit_as_app_codes(app_config, create_user):
    app_config.update(RATELIMIT_ENABLED=True, AUTH_RATE_LIMIT="3 per minute")
    app = create_app(app_config)
    with app.app_context():
        from jobfair.extensions import limiter

        limiter.reset()
        user = create_user(role=UserRole.EMPLOYER, email="hr@example.jp")
        user.totp_secret = pyotp.random_base32()
        user.totp_enabled_at = user.created_at
        codes = recovery_codes.make_codes(user)
        db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"identifier": "hr@example.jp", "password": PASSWORD})
    answers = [
        client.post(
            "/auth/two-factor/verify",
            data={"code": code},
            environ_base={"REMOTE_ADDR": f"10.0.0.{n + 1}"},
        ).status_code
        for n, code in enumerate(["000000", "AAAA-BBBB-CCCC", "000000", codes[0]])
    ]
    # Three wrong tries of either kind use up the account's tries: even a right code waits.
    assert answers == [200, 200, 200, 429]
