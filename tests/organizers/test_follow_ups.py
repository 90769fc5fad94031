"""Follow-ups after a fair: the segment, each reader's language and the fallback, the test
send, sending once through a job, opting out, and who may do any of it."""

import re

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.jobs.run import JobRun
from jobfair.models import (
    Exhibitor,
    ExhibitorStatus,
    FollowUp,
    FollowUpRecipient,
    FollowUpStatus,
    Job,
    Message,
    Registration,
    UserRole,
)
from jobfair.models.base import utcnow
from jobfair.organizers import follow_ups
from jobfair.organizers.errors import OrganizerError
from jobfair.organizers.segments import Segment
from tests.conftest import PASSWORD

ENGLISH = {"subject": "Thank you for coming", "body": "Next steps: keep your profile up to date."}
KHMER = {"subject": "សូមអរគុណដែលបានមក", "body": "ជំហានបន្ទាប់៖ ធ្វើបច្ចុប្បន្នភាពប្រវត្តិរូប។"}
LINK = re.compile(r"https?://\S+/messages/opt-out/\S+")


@pytest.fixture
def fair(create_event, create_user, create_organization):
    event = create_event()
    people = {
        "sokha": create_user(locale="km"),
        "hana": create_user(locale="ja"),
        "vanna": create_user(),  # never chose: English
        "away": create_user(locale="km"),  # registered, did not come
        "quiet": create_user(locale="km"),  # came, opted out
    }
    for name, user in people.items():
        registration = Registration(event_id=event.id, candidate_id=user.profile.id)
        if name != "away":
            registration.checked_in_at = utcnow()
        db.session.add(registration)
    people["quiet"].follow_ups_opted_out_at = utcnow()
    company = create_organization(name="Kaigo Japan", country="JP")
    exhibitor = Exhibitor(event_id=event.id, organization_id=company.id)
    exhibitor.status = ExhibitorStatus.APPROVED
    db.session.add(exhibitor)
    recruiter = create_user(UserRole.EMPLOYER, organization=company)
    organizer = create_user(UserRole.ORGANIZER)
    db.session.commit()
    return {"event": event, "people": people, "recruiter": recruiter, "organizer": organizer}


def logged_in(app, user):
    client = app.test_client()
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def draft(fair, texts=None, **segment) -> FollowUp:
    segment.setdefault("attendance", "checked_in")
    follow_up = follow_ups.write_follow_up(
        fair["event"],
        Segment(fair["event"].id, **segment),
        texts or {"en": ENGLISH, "km": KHMER},
        author=fair["organizer"],
    )
    db.session.commit()
    return follow_up


def reached(follow_up) -> dict:
    rows = db.session.scalars(
        sa.select(FollowUpRecipient).where(FollowUpRecipient.follow_up_id == follow_up.id)
    )
    return {row.user.email: (row.language, row.fallback) for row in rows}


def test_the_preview_counts_the_segment_and_says_who_gets_a_fallback(fair):
    preview = follow_ups.preview(draft(fair))
    assert preview.count == 3  # away did not come; quiet opted out
    assert preview.by_language == {"km": 1, "en": 2}
    assert preview.fallbacks == [("ja", 1, "en")]
    assert preview.missing == ["ja"]


def test_the_preview_page_reports_the_missing_language_before_sending(app, fair):
    follow_up = draft(fair)
    client = logged_in(app, fair["organizer"])
    page = client.get(f"/organizer/events/{fair['event'].id}/follow-ups/{follow_up.id}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "3 people will get this follow-up." in text
    assert "1 Japanese reader will get English: no Japanese text." in text
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0


def test_writing_and_sending_reaches_the_segment_each_in_their_language(app, fair):
    people = fair["people"]
    client = logged_in(app, fair["organizer"])
    event_id = fair["event"].id
    response = client.post(
        f"/organizer/events/{event_id}/follow-ups/new",
        data={
            "audience": "candidates",
            "attendance": "checked_in",
            "subject_en": ENGLISH["subject"],
            "body_en": ENGLISH["body"],
            "subject_km": KHMER["subject"],
            "body_km": KHMER["body"],
        },
    )
    assert response.status_code == 302
    follow_up = db.session.scalar(sa.select(FollowUp))
    assert follow_up.status == FollowUpStatus.DRAFT and follow_up.languages == ["en", "km"]
    response = client.post(f"/organizer/events/{event_id}/follow-ups/{follow_up.id}/send")
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    db.session.expire_all()
    assert follow_up.status == FollowUpStatus.SENT and follow_up.sent_by == fair["organizer"]
    assert reached(follow_up) == {
        people["sokha"].email: ("km", False),
        people["hana"].email: ("en", True),
        people["vanna"].email: ("en", False),
    }
    by_user = {m.user_id: m for m in db.session.scalars(sa.select(Message))}
    assert by_user[people["sokha"].id].subject == KHMER["subject"]
    assert by_user[people["vanna"].id].subject == ENGLISH["subject"]
    hana = by_user[people["hana"].id]
    assert hana.subject == ENGLISH["subject"] and hana.locale == "ja"
    assert "あなたの言語" in hana.body  # told, in Japanese, that it is not in their language
    assert all(LINK.search(message.body) for message in by_user.values())
    record = client.get(f"/organizer/events/{event_id}/follow-ups/{follow_up.id}")
    assert people["vanna"].display_name in record.get_data(as_text=True)
    listing = client.get(f"/organizer/events/{event_id}/follow-ups").get_data(as_text=True)
    assert ENGLISH["subject"] in listing


def test_employers_get_their_companys_language(fair):
    follow_up = draft(fair, {"en": ENGLISH}, audience="employers")
    follow_ups.deliver(follow_up)
    db.session.commit()
    assert reached(follow_up) == {fair["recruiter"].email: ("en", True)}


def test_a_retried_send_never_sends_twice(fair):
    follow_up = draft(fair)
    assert follow_ups.deliver(follow_up) == 3
    db.session.commit()
    assert follow_ups.deliver(follow_up) == 0  # a job tried again after its commit
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 3
    # The database holds the line too: one row per follow-up and person.
    again = FollowUpRecipient(
        follow_up_id=follow_up.id, user_id=fair["people"]["sokha"].id, language="km"
    )
    db.session.add(again)
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_second_click_on_send_starts_nothing(fair):
    follow_up = draft(fair)
    follow_ups.start_sending(follow_up, by=fair["organizer"])
    db.session.commit()
    with pytest.raises(OrganizerError):
        follow_ups.start_sending(follow_up, by=fair["organizer"])
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == 1
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 3


def test_a_test_send_goes_to_the_organizer_only_marked_as_a_test(app, fair):
    follow_up = draft(fair)
    client = logged_in(app, fair["organizer"])
    url = f"/organizer/events/{fair['event'].id}/follow-ups/{follow_up.id}/test"
    assert client.post(url).status_code == 302
    messages = db.session.scalars(sa.select(Message)).all()
    assert [(m.user_id, m.kind) for m in messages] == [(fair["organizer"].id, "follow_up_test")]
    assert messages[0].subject == "[Test] " + ENGLISH["subject"]
    assert KHMER["body"] in messages[0].body and ENGLISH["body"] in messages[0].body
    db.session.expire_all()
    assert follow_up.status == FollowUpStatus.DRAFT and reached(follow_up) == {}


def test_the_opt_out_link_works_without_logging_in_and_is_honoured(app, fair):
    sokha = fair["people"]["sokha"]
    follow_ups.deliver(draft(fair))
    db.session.commit()
    message = db.session.scalar(sa.select(Message).where(Message.user_id == sokha.id))
    path = "/" + LINK.search(message.body).group(0).split("/", 3)[3]
    anonymous = app.test_client()
    assert anonymous.get(path).status_code == 200
    db.session.expire_all()
    assert sokha.follow_ups_opted_out_at is None  # opening the link alone changes nothing
    response = anonymous.post(path)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    db.session.expire_all()
    assert sokha.follow_ups_opted_out_at is not None
    later = draft(fair, {"en": ENGLISH})
    assert follow_ups.preview(later).count == 2
    follow_ups.deliver(later)
    db.session.commit()
    assert sokha.email not in reached(later)
    assert anonymous.get(path[:-2] + "xx").status_code == 404  # a forged token


def test_the_settings_page_shows_the_choice_and_turns_follow_ups_back_on(app, fair):
    quiet = fair["people"]["quiet"]
    client = logged_in(app, quiet)
    assert "ពីអ្នករៀបចំ៖ បិទ" in client.get("/me/").get_data(as_text=True)  # Khmer: off
    recruiter = logged_in(app, fair["recruiter"])
    assert "from the organizers: on" in recruiter.get("/employer/").get_data(as_text=True)
    page = client.get("/messages/settings").get_data(as_text=True)
    assert re.search(r'<input(?![^>]*checked)[^>]*name="wanted"', page)
    assert client.post("/messages/settings", data={"wanted": "y"}).status_code == 302
    db.session.expire_all()
    assert quiet.follow_ups_opted_out_at is None
    assert "ពីអ្នករៀបចំ៖ បើក" in client.get("/me/").get_data(as_text=True)  # Khmer: on
    assert follow_ups.preview(draft(fair)).count == 4
    client.post("/messages/settings", data={})
    db.session.expire_all()
    assert quiet.follow_ups_opted_out_at is not None


def test_a_language_needs_both_subject_and_body_and_a_failed_form_changes_nothing(app, fair):
    client = logged_in(app, fair["organizer"])
    url = f"/organizer/events/{fair['event'].id}/follow-ups/new"
    base = {"audience": "candidates", "attendance": "checked_in"}
    assert client.post(url, data={**base, "subject_km": KHMER["subject"]}).status_code == 400
    assert client.post(url, data=base).status_code == 400
    assert client.post(url, data={**base, "exhibitor": "x"}).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(FollowUp.id))) == 0


def test_a_sent_follow_up_cannot_change(fair):
    follow_up = draft(fair)
    follow_ups.deliver(follow_up)
    db.session.commit()
    with pytest.raises(OrganizerError):
        follow_ups.change_draft(follow_up, Segment(fair["event"].id), {"en": ENGLISH})


def test_follow_ups_are_organizers_only_and_belong_to_their_event(app, fair, create_event):
    follow_up = draft(fair)
    event_id = fair["event"].id
    urls = [
        f"/organizer/events/{event_id}/follow-ups",
        f"/organizer/events/{event_id}/follow-ups/new",
        f"/organizer/events/{event_id}/follow-ups/{follow_up.id}",
        f"/organizer/events/{event_id}/follow-ups/{follow_up.id}/edit",
    ]
    for user in (fair["people"]["sokha"], fair["recruiter"]):
        client = logged_in(app, user)
        for url in urls:
            assert client.get(url).status_code == 403, url
        assert client.post(urls[2] + "/send").status_code == 403
    organizer = logged_in(app, fair["organizer"])
    for url in urls:
        assert organizer.get(url).status_code == 200, url
    other = create_event(name="Another fair")
    assert (
        organizer.get(f"/organizer/events/{other.id}/follow-ups/{follow_up.id}").status_code == 404
    )
    assert (
        organizer.post(f"/organizer/events/{other.id}/follow-ups/{follow_up.id}/send").status_code
        == 404
    )
    db.session.expire_all()
    assert follow_up.status == FollowUpStatus.DRAFT


class TestWithCsrf:
    @pytest.fixture
    def app_config(self, app_config):
        return {**app_config, "WTF_CSRF_ENABLED": True}

    def test_sending_and_opting_out_need_the_form_token(self, app, fair):
        follow_up = draft(fair)
        client = app.test_client()
        login = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
        client.post(
            "/auth/login",
            data={"identifier": fair["organizer"].email, "password": PASSWORD, "csrf_token": token},
        )
        url = f"/organizer/events/{fair['event'].id}/follow-ups/{follow_up.id}/send"
        assert client.post(url).status_code == 400
        db.session.expire_all()
        assert follow_up.status == FollowUpStatus.DRAFT
        from jobfair.messages.opt_out import opt_out_token

        sokha = fair["people"]["sokha"]
        anonymous = app.test_client()
        assert anonymous.post(f"/messages/opt-out/{opt_out_token(sokha)}").status_code == 400
        db.session.expire_all()
        assert sokha.follow_ups_opted_out_at is None


def test_a_big_segment_is_sent_in_batches_and_a_crash_resumes_after_the_last_batch(
    app, fair, monkeypatch
):
    """Each batch is committed with a progress report (which renews the job's lease); a
    worker dying mid-way leaves what it committed, and the retry writes only the rest."""
    app.config["MESSAGE_BATCH"] = 2
    follow_up = draft(fair)  # sokha, hana and vanna: three people, two batches
    real_write, calls, progress = follow_ups._write_to, [], []
    real_progress = JobRun.progress

    def write_once_failing(follow_up, user):
        calls.append(user.id)
        if len(calls) == 3:  # the first attempt dies in its second batch
            raise RuntimeError("the worker died")
        real_write(follow_up, user)

    def recorded(self, done, total=None):
        progress.append((self._attempt, done, total))
        real_progress(self, done, total)

    monkeypatch.setattr(follow_ups, "_write_to", write_once_failing)
    monkeypatch.setattr(JobRun, "progress", recorded)
    client = logged_in(app, fair["organizer"])
    response = client.post(f"/organizer/events/{fair['event'].id}/follow-ups/{follow_up.id}/send")
    assert response.status_code == 302
    db.session.expire_all()
    job = db.session.get(Job, follow_up.job_id)
    assert job.status == "done" and job.attempts == 2
    assert (1, 2, 3) in progress  # the first batch reported, after its commit
    assert calls[3:] == calls[2:3]  # the retry wrote only the one the crash missed
    assert len(reached(follow_up)) == 3 and follow_up.status == FollowUpStatus.SENT
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 3


def test_a_send_that_fails_for_good_says_so_and_the_rest_can_be_sent(app, fair, monkeypatch):
    """Every attempt dies in the second batch: the job fails, the follow-up still says it is
    being sent, its page says it stopped and offers to send to the others, once."""
    app.config["MESSAGE_BATCH"] = 2
    follow_up = draft(fair)  # three people, two batches
    real_write = follow_ups._write_to
    writes = []

    def failing_after_the_first_batch(follow_up, user):
        writes.append(user.id)
        if len(reached(follow_up)) >= 2 and len(writes) > 2:
            raise RuntimeError("the mail relay is gone")
        real_write(follow_up, user)

    monkeypatch.setattr(follow_ups, "_write_to", failing_after_the_first_batch)
    client = logged_in(app, fair["organizer"])
    base = f"/organizer/events/{fair['event'].id}/follow-ups/{follow_up.id}"
    assert client.post(f"{base}/send").status_code == 302
    db.session.expire_all()
    failed = db.session.get(Job, follow_up.job_id)
    assert failed.status == "failed" and follow_up.status == FollowUpStatus.SENDING
    assert len(reached(follow_up)) == 2
    page = client.get(base).get_data(as_text=True)
    assert 'id="follow-up-stalled"' in page and 'id="send-the-rest"' in page

    monkeypatch.setattr(follow_ups, "_write_to", real_write)  # the relay is back
    response = client.post(f"{base}/send", data={"rest": "1"})
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    db.session.expire_all()
    assert follow_up.status == FollowUpStatus.SENT and follow_up.job_id != failed.id
    assert len(reached(follow_up)) == 3
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 3
    assert 'id="follow-up-stalled"' not in client.get(base).get_data(as_text=True)
    # Sending the rest again starts nothing: it is sent.
    jobs_before = db.session.scalar(sa.select(sa.func.count(Job.id)))
    client.post(f"{base}/send", data={"rest": "1"})
    assert db.session.scalar(sa.select(sa.func.count(Job.id))) == jobs_before


def test_the_rest_is_not_sent_while_the_job_is_still_running(fair):
    follow_up = draft(fair)
    follow_ups.start_sending(follow_up, by=fair["organizer"])
    db.session.commit()  # the eager queue ran it: sent
    assert follow_ups.stalled(follow_up) is None
    follow_up.status = FollowUpStatus.SENDING  # as if its worker were still at it
    db.session.get(Job, follow_up.job_id).status = "running"
    db.session.commit()
    assert follow_ups.stalled(follow_up) is None
    with pytest.raises(OrganizerError):
        follow_ups.resume_sending(follow_up, by=fair["organizer"])
    db.session.rollback()
