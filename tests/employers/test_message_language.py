"""Every kind of message speaks its recipient's language: subject, body, SMS text and the
calendar attachment, in Khmer and Japanese, with no English outside names and codes."""

import re

import pytest
import sqlalchemy as sa

from jobfair.employers import applications, interviews
from jobfair.extensions import db
from jobfair.messages import digest, notifications
from jobfair.messages.notifications import KINDS
from jobfair.models import (
    ApplicationNote,
    Departure,
    DepartureStep,
    FollowUp,
    Message,
    Offer,
    Registration,
    SendingInvitation,
    Survey,
    SurveyInvitation,
    SurveyQuestion,
    User,
    UserRole,
)
from jobfair.models.base import utcnow
from tests.conftest import PASSWORD
from tests.support.latin_words import unexpected_words

LINK = "http://127.0.0.1:8000/auth/finish/abc"
URL = re.compile(r"https?://\S+")
# The calendar's own words (BEGIN:VEVENT, DTSTART …) are the file format, not text.
ICS_TEXT = re.compile(r"^(?:SUMMARY|LOCATION|DESCRIPTION)[^:]*:(.*)$", re.M)


def names(fair) -> list[str]:
    return [
        fair.company.name, fair.other_company.name, fair.event.name, fair.event.venue,
        fair.role.title, fair.candidate.profile.full_name, fair.exhibitor.booth_code,
        fair.recruiter.display_name,  # a team note's author
        *(f"{code[:4]}-{code[4:]}" for code in db.session.scalars(sa.select(Registration.short_code))),
    ]  # fmt: skip


def every_kind(fair) -> list[tuple[object, str, dict]]:
    """(recipient, kind, context) for every kind of message, on the fair's people."""
    application = applications.add_to_pipeline(fair.role, fair.candidate.profile, fair.recruiter)
    db.session.flush()
    interview = interviews.invite(application, fair.slots[0], fair.recruiter)
    db.session.flush()
    registration = db.session.scalar(
        sa.select(Registration).where(Registration.candidate_id == fair.candidate.profile.id)
    )
    candidate, recruiter, exhibitor = fair.candidate, fair.recruiter, fair.exhibitor
    offer = Offer(
        application=application, role_id=fair.role.id, salary=230000, currency="JPY",
        starts_on=fair.event.starts_on, expires_on=fair.event.ends_on, status="accepted",
    )  # fmt: skip
    # A note's text is the colleague's own words: a level and a mark read in any language.
    note = ApplicationNote(application=application, author=recruiter, body="JLPT N3 ✓")
    # An organizer's follow-up is their own words, written here in Khmer and Japanese.
    follow_up = FollowUp(
        event=fair.event, segment={"event_id": fair.event.id},
        texts={"km": {"subject": "សូមអរគុណ", "body": "ជួបគ្នាឆ្នាំក្រោយ។"},
               "ja": {"subject": "ありがとうございました", "body": "また来年お会いしましょう。"}},
    )  # fmt: skip
    db.session.add_all([offer, note, follow_up])
    db.session.flush()
    # The road to Japan: a sending organisation's person (not yet joined), a ticked step.
    agent = User(role=UserRole.SENDING, display_name="Sok", email="sok@agency.example",
                 password_hash="x", locale=candidate.locale, pending_signup_at=utcnow())  # fmt: skip
    departure = Departure(application=application, agent=agent)
    invitation = SendingInvitation(departure=departure, agent=agent, agency="Mekong Manpower",
                                   token_hash="0" * 64, expires_at=utcnow())  # fmt: skip
    step = DepartureStep(departure=departure, step="visa", done_on=fair.event.starts_on)
    db.session.add_all([agent, departure, invitation, step])
    # An organizer's survey, its title written in the fair's three languages.
    survey = Survey(
        event=fair.event, audience="candidates",
        title={"en": "How was the fair?", "km": "តើពិព័រណ៍យ៉ាងម៉េចដែរ?", "ja": "フェアはいかがでしたか"},
    )  # fmt: skip
    question = SurveyQuestion(survey=survey, kind="scale", texts={"en": "Useful?"})
    asked = SurveyInvitation(survey=survey, user_id=candidate.id)
    db.session.add_all([offer, note, survey, question, asked])
    db.session.flush()
    found = [
        (candidate, "signup_attempt", {}),
        (candidate, "signup_finish", {"link": LINK}),
        (candidate, "interview_invited", {"interview": interview}),
        (candidate, "interview_changed", {"interview": interview}),
        (candidate, "interview_cancelled", {"interview": interview, "starts_at": utcnow()}),
        (candidate, "application_status", {"application": application}),
        (recruiter, "new_applicants", {"counts": [(fair.role.title, 2)]}),
        (candidate, "password_reset", {"link": LINK}),
        (candidate, "ticket", {"registration": registration}),
        (recruiter, "recruiter_invited", {"organization": fair.company, "event": fair.event,
                                          "link": LINK}),
        (candidate, "candidate_claim", {"event": fair.event, "link": LINK}),
        (candidate, "role_withdrawn", {"application": application, "interview": interview}),
        (candidate, "offer_made", {"offer": offer}),
        (candidate, "offer_withdrawn", {"offer": offer}),
        (recruiter, "offer_answered", {"offer": offer}),
        (recruiter, "note_mention", {"note": note}),
        (candidate, "follow_up", {"follow_up": follow_up}),
        (recruiter, "follow_up_test", {"follow_up": follow_up}),
        (candidate, "interest_confirmed", {"application": application}),
        (agent, "sending_invited", {"invitation": invitation, "token": "abc"}),
        (candidate, "departure_step_ticked", {"step": step}),
        (candidate, "survey_invited", {"invitation": asked}),
        (candidate, "survey_reminder", {"invitation": asked}),
    ]  # fmt: skip
    # The exhibitor's status decides the text: "status" is set on it before rendering.
    for status in ("approved", "rejected", "withdrawn"):
        found.append((recruiter, "exhibitor_status", {"exhibitor": exhibitor, "status": status}))
    found.append(
        (
            recruiter,
            "exhibitor_status",
            {"exhibitor": exhibitor, "status": "withdrawn", "by_company": True},
        )
    )
    return found


def readable(message: Message) -> str:
    """What the reader reads: subject, body, SMS text and the calendar's texts."""
    texts = [message.subject, message.body, message.short_text]
    for attachment in message.attachments or []:
        texts += ICS_TEXT.findall(attachment["content"].replace("\r\n ", ""))
    return URL.sub(" ", "\n".join(texts))


@pytest.mark.parametrize("locale", ["km", "ja"])
def test_every_message_kind_speaks_the_recipients_language(fair, locale):
    fair.candidate.locale = fair.recruiter.locale = locale
    cases = every_kind(fair)
    assert {kind for _user, kind, _context in cases} == set(KINDS)
    found, subjects = {}, set()
    for user, kind, context in cases:
        if "status" in context:
            fair.exhibitor.status = context.pop("status")
        message = notifications.enqueue(user, kind, **context)
        assert message.locale == locale
        subjects.add(message.subject)
        words = unexpected_words(readable(message), names(fair))
        if words:
            found.setdefault(kind, set()).update(words)
    assert not found, found
    assert len(subjects) == len(cases) - 1  # only the two withdrawals share a subject


def test_a_recruiter_who_never_chose_a_language_gets_their_companys(fair):
    """A Japanese company's recruiter who has not logged in yet reads the digest in Japanese."""
    assert fair.company.country == "JP" and fair.recruiter.locale is None
    application = applications.add_to_pipeline(fair.role, fair.candidate.profile, fair.recruiter)
    application.applied_by_candidate = True
    fair.recruiter.created_at = utcnow().replace(year=2000)
    db.session.commit()
    assert digest.queue_digests() == 1
    message = db.session.scalar(sa.select(Message).where(Message.kind == "new_applicants"))
    assert message.locale == "ja"
    assert "新しい応募者" in message.subject


@pytest.mark.parametrize("locale", ["km", "ja"])
def test_calendar_files_speak_the_readers_language(app, fair, locale):
    """The ticket's and the interview's .ics, for the candidate and the recruiter."""
    application = applications.add_to_pipeline(fair.role, fair.candidate.profile, fair.recruiter)
    interview = interviews.invite(application, fair.slots[0], fair.recruiter)
    db.session.commit()
    registration = db.session.scalar(sa.select(Registration))
    downloads = {
        fair.candidate.email: [
            f"/me/tickets/{registration.id}/fair.ics",
            f"/me/interviews/{interview.id}.ics",
        ],
        fair.recruiter.email: [f"/employer/interviews/{interview.id}.ics"],
    }
    found = {}
    for email, urls in downloads.items():
        client = app.test_client()
        with client.session_transaction() as session:
            session["locale"] = locale
        assert client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            texts = ICS_TEXT.findall(response.get_data(as_text=True).replace("\r\n ", ""))
            assert texts, url
            words = unexpected_words("\n".join(texts), names(fair))
            if words:
                found[url] = words
    assert not found, found
