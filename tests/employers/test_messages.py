"""The message path against a real local SMTP server (aiosmtpd): outbox row in the same
transaction, delivery with the .ics, retries after failures, never sent twice."""

import email
import socket
from datetime import timedelta

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask_babel import force_locale, gettext

from jobfair.employers import applications, interviews
from jobfair.extensions import db
from jobfair.messages import digest, sender
from jobfair.models import Application, ApplicationStatus, Message
from jobfair.models.base import utcnow


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Recorder:
    """An SMTP server's DATA handler: keeps what it accepts, refuses while told to."""

    def __init__(self):
        self.received = []
        self.refuse = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Mailbox busy, try again later"
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp():
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, recorder
    controller.stop()


@pytest.fixture
def app_config(app_config, smtp):
    controller, _recorder = smtp
    return {
        **app_config,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": controller.port,
        "MAIL_USE_TLS": False,
        "MAIL_DEFAULT_SENDER": "fair@jobfair.example",
    }


def shortlisted(fair) -> Application:
    application = applications.add_to_pipeline(fair.role, fair.candidate.profile, fair.recruiter)
    db.session.commit()
    return application


def messages(kind=None):
    query = sa.select(Message).order_by(Message.id)
    if kind:
        query = query.where(Message.kind == kind)
    return db.session.scalars(query).all()


def test_an_invitation_is_written_with_its_change_and_rolled_back_with_it(fair):
    application = shortlisted(fair)
    interviews.invite(application, fair.slots[0], fair.recruiter)
    db.session.rollback()
    assert messages("interview_invited") == []
    interviews.invite(db.session.get(Application, application.id), fair.slots[0], fair.recruiter)
    db.session.commit()
    [message] = messages("interview_invited")
    assert message.user_id == fair.candidate.id and message.status == "pending"
    assert "Welder (SSW)" in message.subject and "A01" in message.body
    # The invitation tells the candidate; no separate "status changed" message for it.
    assert [m.kind for m in messages()] == ["application_status", "interview_invited"]


def test_the_sender_delivers_with_the_ics_retries_and_never_sends_twice(fair, smtp):
    _controller, recorder = smtp
    application = shortlisted(fair)
    db.session.execute(sa.delete(Message))  # only the invitation in this test
    interviews.invite(application, fair.slots[1], fair.recruiter)
    db.session.commit()
    now = utcnow()

    recorder.refuse = 1
    assert sender.send_due(now) == {"retry": 1}
    [message] = messages()
    assert (message.status, message.attempts) == ("pending", 1)
    assert "451" in message.last_error and message.next_attempt_at > now
    assert recorder.received == []
    assert sender.send_due(now) == {}  # not due yet: back-off

    later = message.next_attempt_at + timedelta(seconds=1)
    assert sender.send_due(later) == {"sent": 1}
    assert sender.send_due(later + timedelta(hours=2)) == {}
    [sent] = recorder.received
    db.session.expire_all()
    message = db.session.get(Message, message.id)
    assert (message.status, message.channel, message.attempts) == ("sent", "email", 2)
    assert sent["To"] == "dara@example.com" and sent["Subject"] == message.subject
    assert f"message-{message.id}" in sent["Message-ID"]
    [ics] = [part for part in sent.walk() if part.get_filename() == "interview.ics"]
    assert ics.get_content_type() == "text/calendar"
    calendar = ics.get_payload(decode=True).decode()
    assert "METHOD:REQUEST" in calendar
    assert f"DTSTART:{fair.slots[1].starts_at:%Y%m%dT%H%M%SZ}" in calendar
    # A second sender that finds the row already claimed or sent leaves it alone.
    assert sender.claim(message.id, later) is False


def test_a_server_that_is_down_is_retried_then_given_up(app, fair):
    app.config["MAIL_PORT"] = free_port()  # nothing listens there
    app.config["MESSAGE_MAX_ATTEMPTS"] = 2
    application = shortlisted(fair)
    [message] = messages()
    moment = utcnow()
    assert sender.send_due(moment) == {"retry": 1}
    assert sender.send_due(moment + timedelta(hours=1)) == {"failed": 1}
    db.session.expire_all()
    message = db.session.get(Message, message.id)
    assert message.status == "failed" and message.attempts == 2 and message.sent_at is None
    assert application.status == ApplicationStatus.SHORTLISTED


def test_a_message_left_sending_by_a_dead_sender_is_not_resent(fair, smtp):
    _controller, recorder = smtp
    shortlisted(fair)
    [message] = messages()
    assert sender.claim(message.id, utcnow() - timedelta(hours=1))  # then the sender died
    assert sender.send_due(utcnow()) == {}
    db.session.expire_all()
    assert db.session.get(Message, message.id).status == "failed"
    assert recorder.received == []


def test_moving_and_cancelling_an_interview_tell_the_candidate(fair):
    application = shortlisted(fair)
    interviews.invite(application, fair.slots[0], fair.recruiter)
    db.session.commit()
    interviews.invite(application, fair.slots[2], fair.recruiter)
    db.session.commit()
    applications.change_status(
        application, ApplicationStatus.REJECTED, fair.recruiter, reason="Hired someone else"
    )
    db.session.commit()
    kinds = [m.kind for m in messages()]
    assert kinds == [
        "application_status",
        "interview_invited",
        "interview_changed",
        "interview_cancelled",
        "application_status",
    ]
    changed, cancelled = messages("interview_changed")[0], messages("interview_cancelled")[0]
    assert "STATUS:CONFIRMED" in changed.attachments[0]["content"]
    assert "Welder (SSW)" in cancelled.subject


def test_messages_speak_the_recipients_language(fair):
    fair.candidate.locale = "km"
    db.session.commit()
    shortlisted(fair)
    [message] = messages()
    assert message.locale == "km"
    with force_locale("km"):
        expected = gettext("Your application for %(role)s: %(status)s", role="x", status="y")
    assert expected != "Your application for x: y"  # the catalog has it
    assert message.subject.startswith(expected.split("x")[0])


def test_recruiters_get_one_digest_of_new_applicants(fair, create_user):
    from jobfair.candidates import registration

    fair.recruiter.locale = "en"  # the company's language (ja) would be used otherwise
    registration.apply_to_role(fair.candidate.profile, fair.role)
    db.session.commit()
    assert digest.queue_digests() == 1
    assert digest.queue_digests() == 0  # not again within the hour
    [message] = messages("new_applicants")
    assert message.user_id == fair.recruiter.id  # not the other company's recruiter
    assert "Welder (SSW): 1" in message.body and "1 new applicant" in message.subject
    later = utcnow() + timedelta(hours=2)
    assert digest.queue_digests(later) == 0  # nothing new since
