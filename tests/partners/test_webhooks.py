"""Webhooks: written to the outbox with the change, delivered signed by the sender."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import sqlalchemy as sa

from jobfair.candidates import registration
from jobfair.employers import applications, webhooks
from jobfair.extensions import db
from jobfair.messages import sender
from jobfair.models import Interview, Message, Webhook

from ..conftest import PASSWORD


@pytest.fixture
def receiver():
    """A local HTTP server on 127.0.0.1 that records what it is sent; answers 500 on demand."""
    received, answers = [], []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append((dict(self.headers), body))
            self.send_response(answers.pop(0) if answers else 204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.received, server.answers = received, answers
    server.url = f"http://127.0.0.1:{server.server_port}/hooks"
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WEBHOOK_ALLOW_PRIVATE_ADDRESSES": True}


def verify(secret: str, headers: dict, body: bytes) -> bool:
    fields = dict(part.split("=", 1) for part in headers["X-Jobfair-Signature"].split(","))
    expected = hmac.new(
        secret.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, fields["v1"])


def test_application_events_are_signed_and_delivered_once(app, world, receiver):
    hook = webhooks.register_webhook(
        world.company, world.recruiter, url=receiver.url, events=webhooks.WEBHOOK_EVENTS
    )
    other = webhooks.register_webhook(
        world.other_company,
        world.outsider,
        url=receiver.url + "/other",
        events=["application.created"],
    )
    db.session.commit()
    applications.change_status(world.application, "shortlisted", world.recruiter)
    profile = world.candidates[1]
    registration.apply_to_role(profile, world.role)
    db.session.commit()
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Message.id)).where(Message.webhook_id == other.id)
        )
        == 0
    )

    outcomes = sender.send_webhooks_due()
    assert outcomes["sent"] == 2 and len(receiver.received) == 2
    events = []
    for headers, body in receiver.received:
        assert verify(hook.secret, headers, body)
        assert not verify("whsec_wrong", headers, body)
        payload = json.loads(body)
        events.append((payload["type"], payload["data"]["status"]))
        assert "full_name" not in body.decode() and profile.full_name not in body.decode()
    # Deliveries go out on parallel threads, so they may arrive in either order.
    assert sorted(events) == [
        ("application.created", "new"),
        ("application.status_changed", "shortlisted"),
    ]
    assert sender.send_webhooks_due() == {}  # never twice


def test_failed_delivery_is_retried_and_not_in_the_inbox(app, world, receiver, auth):
    webhooks.register_webhook(
        world.company, world.recruiter, url=receiver.url, events=["application.status_changed"]
    )
    applications.change_status(world.application, "rejected", world.recruiter, reason="No fit")
    db.session.commit()
    receiver.answers.append(503)
    assert sender.send_webhooks_due()["retry"] == 1
    message = db.session.scalar(sa.select(Message).where(Message.webhook_id.is_not(None)))
    assert message.status == "pending" and "503" in message.last_error
    auth.login(world.recruiter.email, PASSWORD)
    assert "application.status_changed" not in auth._client.get("/messages/").get_data(as_text=True)


def test_interview_accepted_event(app, world, receiver):
    webhooks.register_webhook(
        world.company, world.recruiter, url=receiver.url, events=["interview.accepted"]
    )
    interview = Interview(
        application_id=world.application.id, candidate_id=world.candidates[0].id, status="offered"
    )
    db.session.add(interview)
    db.session.commit()
    registration.respond_to_interview(world.candidates[0], interview, accept=True)
    db.session.commit()
    sender.send_webhooks_due()
    ((headers, body),) = receiver.received
    assert headers["X-Jobfair-Event"] == "interview.accepted"
    assert json.loads(body)["data"]["interview_id"] == interview.id


def test_private_addresses_are_refused_unless_allowed(app, world, receiver):
    app.config["WEBHOOK_ALLOW_PRIVATE_ADDRESSES"] = False
    webhooks.register_webhook(
        world.company, world.recruiter, url=receiver.url, events=["application.status_changed"]
    )
    applications.change_status(world.application, "rejected", world.recruiter, reason="No fit")
    db.session.commit()
    assert sender.send_webhooks_due()["failed"] == 1 and receiver.received == []


def test_the_webhooks_page_shows_the_secret_once_and_removes(app, world, auth):
    auth.login(world.recruiter.email, PASSWORD)
    client = auth._client
    page = client.post(
        "/employer/webhooks",
        data={"url": "https://hr.example.co.jp/hooks", "events": ["interview.accepted"]},
    )
    hook = db.session.scalar(sa.select(Webhook))
    assert hook.secret in page.get_data(as_text=True)
    assert hook.secret not in client.get("/employer/webhooks").get_data(as_text=True)
    outsider = app.test_client()
    outsider.post("/auth/login", data={"identifier": world.outsider.email, "password": PASSWORD})
    assert outsider.post(f"/employer/webhooks/{hook.id}/remove").status_code == 404
    assert client.post(f"/employer/webhooks/{hook.id}/remove").status_code == 302
    assert db.session.get(Webhook, hook.id).disabled_at is not None
    bad = client.post(
        "/employer/webhooks", data={"url": "ftp://x", "events": ["interview.accepted"]}
    )
    assert "https://" in bad.get_data(as_text=True)


def test_the_tokens_page_shows_the_token_once_and_revokes(app, world, auth, client):
    auth.login(world.organizer.email, PASSWORD)
    page = client.post(
        "/account/api-tokens/", data={"name": "Stats", "scope": "read", "days": "30"}
    ).get_data(as_text=True)
    secret = page.split('<code class="secret">')[1].split("<")[0]
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    )
    assert secret not in client.get("/account/api-tokens/").get_data(as_text=True)
    from jobfair.models import ApiToken

    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.name == "Stats"))
    assert client.post(f"/account/api-tokens/{token.id}/revoke").status_code == 302
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
    )
