"""Password resets and the mail builder: API tokens end with a reset, staff reset links stay
off the help desk, header values stay on one line, a message that cannot be built is
retried rather than left "sending"."""

import email
import socket

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from jobfair.api import tokens
from jobfair.auth import password_reset
from jobfair.extensions import db
from jobfair.messages import channels, notifications, sender
from jobfair.models import Message, UserRole

from .conftest import PASSWORD


def test_a_password_reset_revokes_the_api_tokens_and_says_so(app, client, create_user):
    recruiter = create_user(role=UserRole.EMPLOYER, email="hr@sakura.example")
    _token, secret = tokens.create_token(recruiter, name="ATS", scope="write", days=30)
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    with app.test_request_context():
        link = f"/auth/reset/{password_reset.make_token(recruiter)}"
    form = client.get(link).get_data(as_text=True)
    assert "API tokens will be revoked" in form
    done = client.post(
        link, data={"password": "a new long passphrase", "confirm": "a new long passphrase"}
    )
    assert done.status_code == 302
    assert "API tokens were revoked" in client.get("/auth/login").get_data(as_text=True)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def login(app, user):
    client = app.test_client()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return client


def test_without_mail_only_candidates_reset_links_reach_the_help_desk(
    app, client, create_user, caplog
):
    organizer = create_user(role=UserRole.ORGANIZER, email="boss@fair.example")
    recruiter = create_user(role=UserRole.EMPLOYER, email="hr@sakura.example")
    create_user(email=None, phone="+85512345678")
    for identifier in ("boss@fair.example", "hr@sakura.example", "012 345 678"):
        client.post("/auth/reset/", data={"identifier": identifier})
    assert sender.send_due() == {"desk": 1, "inbox": 2}
    assert "boss@fair.example" not in caplog.text  # ids, not addresses, in the log
    assert f"for user {organizer.id} could not be sent" in caplog.text
    # Even a failed e-mail to staff stays off the list.
    db.session.execute(
        sa.update(Message).where(Message.user_id == recruiter.id).values(status="failed")
    )
    db.session.commit()
    desk = login(app, create_user(role=UserRole.ORGANIZER)).get("/organizer/messages")
    text = desk.get_data(as_text=True)
    assert "+85512345678" in text and text.count("/auth/reset/") == 1
    assert "boss@fair.example" not in text and "hr@sakura.example" not in text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(app):
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_USE_TLS=False)
    yield recorder
    controller.stop()


def test_line_breaks_in_a_subject_do_not_break_or_add_headers(app, create_user, smtp):
    user = create_user(email="dara@example.com")
    message = notifications.enqueue(user, "password_reset", link="http://x/auth/reset/abc")
    message.subject = "Interview: Welder\r\nBcc: all@evil.example\rat Sakura\nMetal"
    db.session.commit()
    assert sender.send_due() == {"sent": 1}
    [received] = smtp.received
    assert received["Subject"] == "Interview: Welder Bcc: all@evil.example at Sakura Metal"
    assert received["Bcc"] is None


def test_a_message_that_cannot_be_built_is_retried_not_left_sending(
    app, create_user, smtp, monkeypatch
):
    def broken(self, message):
        raise RuntimeError("cannot build")

    monkeypatch.setattr(channels.EmailChannel, "build", broken)
    user = create_user(email="dara@example.com")
    notifications.enqueue(user, "password_reset", link="http://x/auth/reset/abc")
    db.session.commit()
    assert sender.send_due() == {"retry": 1}
    db.session.expire_all()
    message = db.session.scalar(sa.select(Message))
    assert message.status == "pending" and "cannot build" in message.last_error
