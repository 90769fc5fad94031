"""Messages everyone gets: the inbox and its unread count, tickets, the help desk's list
for phone-only people, and SMS through the Twilio API (a local stand-in)."""

import base64
import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import sqlalchemy as sa

from jobfair.candidates import registration
from jobfair.extensions import db
from jobfair.messages import notifications, sender
from jobfair.models import Message, UserRole

from .conftest import PASSWORD


def login(app, user):
    client = app.test_client()
    client.post("/auth/login", data={"identifier": user.email or user.phone, "password": PASSWORD})
    return client


def test_registering_sends_the_ticket_into_the_inbox_with_an_unread_count(
    app, create_user, create_event
):
    event = create_event(name="CJCC Job Fair")
    candidate = create_user()
    ticket = registration.register_for_event(candidate.profile, event)
    db.session.commit()
    registration.register_for_event(candidate.profile, event)  # twice: one ticket, one message
    db.session.commit()
    [message] = db.session.scalars(sa.select(Message)).all()
    assert message.kind == "ticket" and ticket.short_code[:4] in message.body
    client = login(app, candidate)
    inbox = client.get("/messages/").get_data(as_text=True)
    assert "Your ticket for CJCC Job Fair" in inbox
    assert 'id="inbox-link">Messages <span class="count"' in inbox
    page = client.get(f"/messages/{message.id}")
    assert page.status_code == 200 and f"/me/tickets/{ticket.id}" in page.get_data(as_text=True)
    assert 'class="count"' not in client.get("/messages/").get_data(as_text=True)
    # Someone else's message is not found, whoever asks.
    other = login(app, create_user(role=UserRole.EMPLOYER))
    assert other.get(f"/messages/{message.id}").status_code == 404
    organizer = login(app, create_user(role=UserRole.ORGANIZER))
    assert organizer.get(f"/messages/{message.id}").status_code == 404


def test_mark_all_read(app, create_user):
    user = create_user()
    notifications.enqueue(user, "password_reset", link="http://x/auth/reset/abc")
    notifications.enqueue(user, "password_reset", link="http://x/auth/reset/def")
    db.session.commit()
    client = login(app, user)
    assert client.post("/messages/read").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).where(Message.read_at.is_(None))) == 0


def test_phone_only_people_are_on_the_help_desk_list_without_sms(app, create_user):
    person = create_user(email=None, phone="+85512345678", locale="km")
    client = app.test_client()
    client.post("/auth/reset/", data={"identifier": "+85512345678"})
    assert sender.send_due() == {"desk": 1}
    [message] = db.session.scalars(sa.select(Message)).all()
    assert (message.channel, message.status, message.user_id) == ("desk", "desk", person.id)
    organizer = login(app, create_user(role=UserRole.ORGANIZER))
    desk = organizer.get("/organizer/messages").get_data(as_text=True)
    assert "+85512345678" in desk and "/auth/reset/" in desk
    assert organizer.post(f"/organizer/messages/{message.id}/handed").status_code == 302
    db.session.expire_all()
    assert db.session.get(Message, message.id).status == "handed"
    assert "+85512345678" not in organizer.get("/organizer/messages").get_data(as_text=True)
    # Status changes for someone without any channel wait in the inbox, not at the desk.
    status_change = notifications.enqueue(person, "password_reset", link="http://x/")
    status_change.kind = "application_status"
    assert sender.choose(status_change, None, None)[0] == "inbox"
    db.session.rollback()


class TwilioStandIn(BaseHTTPRequestHandler):
    requests = []
    status = 201

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        TwilioStandIn.requests.append(
            (self.path, self.headers["Authorization"], urllib.parse.parse_qs(body))
        )
        self.send_response(TwilioStandIn.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"sid": "SM123"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def twilio():
    TwilioStandIn.requests, TwilioStandIn.status = [], 201
    server = HTTPServer(("127.0.0.1", 0), TwilioStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_sms_goes_through_the_twilio_api(app, create_user, create_event, twilio):
    app.config.update(
        SMS_PROVIDER="twilio",
        SMS_API_BASE=f"http://127.0.0.1:{twilio.server_port}",
        TWILIO_ACCOUNT_SID="AC123",
        TWILIO_AUTH_TOKEN="secret",
        SMS_FROM="+15005550006",
    )
    person = create_user(email=None, phone="+85598765432")
    registration.register_for_event(person.profile, create_event(name="CJCC Job Fair"))
    db.session.commit()
    assert sender.send_due() == {"sent": 1}
    [(path, authorization, fields)] = TwilioStandIn.requests
    assert path == "/2010-04-01/Accounts/AC123/Messages.json"
    assert authorization == "Basic " + base64.b64encode(b"AC123:secret").decode()
    assert fields["To"] == ["+85598765432"] and fields["From"] == ["+15005550006"]
    assert "CJCC Job Fair" in fields["Body"][0]
    message = db.session.scalars(sa.select(Message)).one()
    assert (message.channel, message.status) == ("sms", "sent")


def test_a_rejected_sms_is_not_retried(app, create_user, twilio):
    app.config.update(
        SMS_PROVIDER="twilio",
        SMS_API_BASE=f"http://127.0.0.1:{twilio.server_port}",
        TWILIO_ACCOUNT_SID="AC123",
        TWILIO_AUTH_TOKEN="secret",
        SMS_FROM="MG0001",
    )
    TwilioStandIn.status = 400
    person = create_user(email=None, phone="+85511111111")
    notifications.enqueue(person, "password_reset", link="http://x/auth/reset/abc")
    db.session.commit()
    assert sender.send_due() == {"failed": 1}
    assert TwilioStandIn.requests[0][2]["MessagingServiceSid"] == ["MG0001"]


def test_the_send_messages_command_runs_once(app, runner, create_user):
    notifications.enqueue(create_user(), "password_reset", link="http://x/auth/reset/abc")
    db.session.commit()
    result = runner.invoke(args=["send-messages", "--once"])
    assert result.exit_code == 0, result.output
    assert db.session.scalars(sa.select(Message.status)).all() == ["desk"]


@pytest.mark.browser
def test_the_inbox_on_a_phone_in_khmer(app, live_server, phone_page, create_user, screenshot):
    from tests.support.axe import serious_violations

    user = create_user(locale="km")
    notifications.enqueue(user, "password_reset", link="http://x/auth/reset/abc")
    db.session.commit()
    page, base = phone_page, live_server.url
    page.goto(base + "/auth/login")
    page.fill("#identifier", user.email)
    page.fill("#password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(base + "/messages/")
    assert page.locator("#inbox-link .count").inner_text() == "1"
    assert serious_violations(page) == []
    screenshot(page, "inbox-km-phone")
    page.locator("#inbox a").first.click()
    assert "http://x/auth/reset/abc" in page.locator(".message-body").inner_text()
    assert page.locator("#inbox-link .count").count() == 0
