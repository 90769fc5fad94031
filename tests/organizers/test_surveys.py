"""Surveys: building one until it is sent, sending to a segment, answering by one's own link
(one answer set per invitation, only that survey), reminders, and who may see what."""

import re

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import (
    Exhibitor,
    ExhibitorStatus,
    Job,
    Message,
    Registration,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyQuestion,
    UserRole,
)
from jobfair.models.base import utcnow
from jobfair.models.surveys import QuestionsFrozen
from jobfair.organizers import segments, surveys
from tests.conftest import PASSWORD

KM_TEXT = "ពិព័រណ៍នេះល្អណាស់ ខ្ញុំបានជួបក្រុមហ៊ុនជប៉ុនបី។"


class Fair:
    pass


@pytest.fixture
def fair(create_event, create_user, create_organization):
    return make_fair(create_event, create_user, create_organization)


def make_fair(create_event, create_user, create_organization):
    """A fair: two candidates checked in, one registered only, one checked in but opted out,
    an approved exhibitor's recruiter, and an organizer."""
    f = Fair()
    f.event = create_event()
    f.other_event = create_event(name="Another fair")
    f.organizer = create_user(UserRole.ORGANIZER)
    f.sokha = create_user(profile={"full_name": "Sokha Chan"}, locale="km")
    f.dara = create_user(profile={"full_name": "Dara Kim"}, locale="en")
    f.away = create_user(profile={"full_name": "Vanna Heng"})
    f.quiet = create_user(profile={"full_name": "Quiet One"})
    for user in (f.sokha, f.dara, f.away, f.quiet):
        registration = Registration(event_id=f.event.id, candidate_id=user.profile.id)
        if user is not f.away:
            registration.checked_in_at = utcnow()
        db.session.add(registration)
    f.quiet.follow_ups_opted_out_at = utcnow()
    company = create_organization(name="Kaigo Japan")
    exhibitor = Exhibitor(event_id=f.event.id, organization_id=company.id)
    exhibitor.status = ExhibitorStatus.APPROVED
    db.session.add(exhibitor)
    f.recruiter = create_user(UserRole.EMPLOYER, organization=company, locale="ja")
    db.session.commit()
    return f


def login(app, user):
    client = app.test_client()
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def build(fair, audience="candidates") -> Survey:
    survey = surveys.create_survey(
        fair.event,
        audience=audience,
        title={"en": "How was the fair?", "km": "តើពិព័រណ៍យ៉ាងម៉េចដែរ?"},
        intro={"en": "Three short questions."},
        actor=fair.organizer,
    )
    surveys.add_question(
        survey,
        kind="choice",
        texts={"en": "How did you hear of the fair?", "km": "តើអ្នកដឹងពីពិព័រណ៍តាមណា?"},
        options=[{"en": "Facebook", "km": "ហ្វេសប៊ុក"}, {"en": "A friend", "km": "មិត្តភក្តិ"}],
    )
    surveys.add_question(survey, kind="scale", texts={"en": "Was it useful?"}, options=[])
    surveys.add_question(survey, kind="text", texts={"en": "What should we change?"}, options=[])
    db.session.commit()
    return survey


def checked_in(survey) -> segments.Segment:
    return segments.Segment(event_id=survey.event_id, attendance="checked_in")


def link_of(user, kind="survey_invited") -> str:
    body = db.session.scalar(
        sa.select(Message.body).where(Message.user_id == user.id, Message.kind == kind)
    )
    return re.search(r"https?://[^/\s]+(/survey/\S+)", body).group(1)


def form_for(survey, choice="1", scale="4", text=KM_TEXT) -> dict:
    first, second, third = survey.questions
    return {f"q{first.id}": choice, f"q{second.id}": scale, f"q{third.id}": text}


# --- building -------------------------------------------------------------------------


def test_an_organizer_builds_a_survey_and_sees_missing_languages(app, fair):
    client = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys"
    response = client.post(
        url, data={"audience": "candidates", "title_en": "After the fair", "intro_ja": "短い調査"}
    )
    assert response.status_code == 302
    survey = db.session.scalar(sa.select(Survey))
    assert survey.title == {"en": "After the fair"} and survey.intro == {"ja": "短い調査"}
    questions = f"{url}/{survey.id}/questions"
    response = client.post(
        questions,
        data={"kind": "choice", "text_en": "Which day?", "options_en": "Saturday\nSunday"},
    )
    assert response.status_code == 302
    page = client.get(f"{url}/{survey.id}").get_data(as_text=True)
    assert "Which day?" in page and 'id="missing-languages"' in page
    assert "Khmer" in page and "Japanese" in page


def test_a_choice_question_needs_the_same_options_in_every_language(app, fair):
    client = login(app, fair.organizer)
    survey = surveys.create_survey(
        fair.event, audience="candidates", title={"en": "T"}, intro={}, actor=fair.organizer
    )
    db.session.commit()
    response = client.post(
        f"/organizer/events/{fair.event.id}/surveys/{survey.id}/questions",
        data={
            "kind": "choice",
            "text_en": "Which day?",
            "options_en": "Saturday\nSunday",
            "options_km": "ថ្ងៃសៅរ៍",
        },
    )
    assert response.status_code == 400
    assert "Give every language the same number of options." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(SurveyQuestion.id))) == 0


def test_questions_are_frozen_once_the_survey_is_sent(app, fair):
    survey = build(fair)
    assert surveys.send(survey, checked_in(survey)) == 2
    db.session.commit()
    question = survey.questions[1]
    question.texts = {"en": "Changed after sending"}
    with pytest.raises(QuestionsFrozen):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.get(SurveyQuestion, question.id))
    with pytest.raises(QuestionsFrozen):
        db.session.flush()
    db.session.rollback()
    db.session.add(SurveyQuestion(survey_id=survey.id, kind="text", texts={"en": "New"}))
    with pytest.raises(QuestionsFrozen):
        db.session.flush()
    db.session.rollback()
    # Through the pages too: refused with a reason, nothing changed.
    client = login(app, fair.organizer)
    response = client.post(
        f"/organizer/events/{fair.event.id}/surveys/{survey.id}/questions",
        data={"kind": "text", "text_en": "One more?"},
        follow_redirects=True,
    )
    assert "can no longer change" in response.get_data(as_text=True)
    assert len(db.session.get(Survey, survey.id).questions) == 3


# --- sending --------------------------------------------------------------------------


def test_preview_counts_the_segment_and_send_invites_it_in_each_language(app, fair):
    survey = build(fair)
    client = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys/{survey.id}/send"
    preview = client.post(url, data={"attendance": "checked_in", "preview": "1"})
    assert preview.status_code == 200
    assert "2 people" in preview.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(SurveyInvitation.id))) == 0
    response = client.post(url, data={"attendance": "checked_in", "send": "1"})
    assert response.status_code == 302
    invited = set(db.session.scalars(sa.select(SurveyInvitation.user_id)))
    assert invited == {fair.sokha.id, fair.dara.id}  # not the opted-out, not the absent
    khmer = db.session.scalar(sa.select(Message).where(Message.user_id == fair.sokha.id))
    assert khmer.kind == "survey_invited" and khmer.locale == "km"
    assert "តើពិព័រណ៍យ៉ាងម៉េចដែរ?" in khmer.subject
    assert db.session.get(Survey, survey.id).sent_at is not None
    # Sending again invites nobody twice.
    client.post(url, data={"attendance": "registered", "send": "1"})
    assert db.session.scalar(sa.select(sa.func.count(SurveyInvitation.id))) == 3


def test_a_big_segment_is_sent_by_a_job(app, fair):
    app.config["SURVEY_DIRECT_SEND_MAX"] = 1
    survey = build(fair)
    client = login(app, fair.organizer)
    response = client.post(
        f"/organizer/events/{fair.event.id}/surveys/{survey.id}/send",
        data={"attendance": "checked_in", "send": "1"},
    )
    job = db.session.scalar(sa.select(Job).where(Job.kind == "survey_send"))
    assert response.headers["Location"] == f"/jobs/{job.id}"
    db.session.expire_all()
    assert job.status == "done"
    assert db.session.scalar(sa.select(sa.func.count(SurveyInvitation.id))) == 2
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 2


def dies_once_on_the_second_message(monkeypatch):
    """Make the second message written die as a crashed worker would; the retry goes on."""
    real, calls = surveys.notifications.enqueue, []

    def enqueue(user, kind, **values):
        calls.append(user.id)
        if len(calls) == 2:
            raise RuntimeError("the worker died")
        return real(user, kind, **values)

    monkeypatch.setattr(surveys.notifications, "enqueue", enqueue)
    return calls


def test_a_survey_job_commits_in_batches_and_a_retry_invites_only_the_rest(app, fair, monkeypatch):
    app.config.update(SURVEY_DIRECT_SEND_MAX=1, MESSAGE_BATCH=1)
    survey = build(fair)
    calls = dies_once_on_the_second_message(monkeypatch)
    client = login(app, fair.organizer)
    client.post(
        f"/organizer/events/{fair.event.id}/surveys/{survey.id}/send",
        data={"attendance": "checked_in", "send": "1"},
    )
    db.session.expire_all()
    job = db.session.scalar(sa.select(Job).where(Job.kind == "survey_send"))
    assert (job.status, job.attempts) == ("done", 2)
    # The first batch (Sokha) was committed before the crash; the retry wrote only Dara.
    assert calls == [fair.sokha.id, fair.dara.id, fair.dara.id]
    assert db.session.scalar(sa.select(sa.func.count(SurveyInvitation.id))) == 2
    assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 2


def test_a_reminder_job_retried_after_a_crash_reminds_each_person_once(
    app, fair, sent, monkeypatch
):
    app.config.update(SURVEY_DIRECT_SEND_MAX=0, MESSAGE_BATCH=1)
    calls = dies_once_on_the_second_message(monkeypatch)
    client = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys/{sent.id}/remind"
    client.post(url)
    db.session.expire_all()
    job = db.session.scalar(sa.select(Job).where(Job.kind == "survey_send"))
    # The retry goes on with the reminder its first attempt began (not "wait a day").
    assert (job.status, job.attempts) == ("done", 2), job.error
    assert calls == [fair.sokha.id, fair.dara.id, fair.dara.id]
    reminded = db.session.scalars(
        sa.select(Message.user_id).where(Message.kind == "survey_reminder")
    ).all()
    assert sorted(reminded) == sorted([fair.sokha.id, fair.dara.id])
    # A new reminder, by contrast, still waits its day.
    again = client.post(url, follow_redirects=True)
    assert "wait before sending another" in again.get_data(as_text=True)


def test_an_employers_survey_goes_to_the_exhibitors_recruiters(app, fair):
    survey = build(fair, audience="employers")
    organizer = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys/{survey.id}/send"
    preview = organizer.post(url, data={"preview": "1"}).get_data(as_text=True)
    assert "1 person" in preview and "Recruiters of approved exhibitors" in preview
    assert organizer.post(url, data={"send": "1"}).status_code == 302
    assert {i.user_id for i in db.session.get(Survey, survey.id).invitations} == {fair.recruiter.id}
    client = app.test_client()
    link = link_of(fair.recruiter)
    assert client.get(link).status_code == 200
    assert client.post(link, data=form_for(survey, text="来年も参加したいです")).status_code == 200
    answer = db.session.scalar(sa.select(SurveyAnswer).where(SurveyAnswer.text != ""))
    assert answer.text == "来年も参加したいです"


def test_the_send_page_offers_only_the_fairs_approved_exhibitors(app, fair, create_organization):
    """Whom a survey goes to is asked with the segment rule's one form, the follow-ups' too:
    a refused exhibitor is no choice, and choosing it by hand is refused with nothing sent."""
    refused = create_organization(name="Turned Away Trading")
    exhibitor = Exhibitor(event_id=fair.event.id, organization_id=refused.id)
    exhibitor.status = ExhibitorStatus.REJECTED
    db.session.add(exhibitor)
    db.session.commit()
    survey = build(fair)
    client = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys/{survey.id}/send"
    page = client.get(url).get_data(as_text=True)
    assert "Kaigo Japan" in page and "Turned Away Trading" not in page
    response = client.post(url, data={"exhibitor": str(exhibitor.id), "send": "1"})
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(SurveyInvitation.id))) == 0


def test_a_candidates_segment_cannot_receive_an_employers_survey(app, fair):
    survey = build(fair, audience="employers")
    with app.test_request_context(), pytest.raises(surveys.OrganizerError):
        surveys.send(survey, checked_in(survey))


# --- answering ------------------------------------------------------------------------


@pytest.fixture
def sent(fair):
    return build_and_send(fair)


def build_and_send(fair) -> Survey:
    survey = build(fair)
    surveys.send(survey, checked_in(survey))
    db.session.commit()
    return survey


def test_answering_by_the_link_without_logging_in(app, fair, sent):
    client = app.test_client()
    link = link_of(fair.sokha)
    page = client.get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    response = client.post(link, data=form_for(sent))
    assert response.status_code == 200 and "answers-saved" in response.get_data(as_text=True)
    answers = {a.question.kind: a for a in db.session.scalars(sa.select(SurveyAnswer))}
    assert answers["choice"].choice == 1 and answers["scale"].scale == 4
    assert answers["text"].text == KM_TEXT


def test_a_second_submit_is_refused_and_the_first_answers_stand(app, fair, sent):
    client = app.test_client()
    link = link_of(fair.dara)
    client.post(link, data=form_for(sent, scale="4"))
    again = client.post(link, data=form_for(sent, scale="1", text="changed"))
    assert again.status_code == 409
    assert "already answered" in again.get_data(as_text=True)
    assert sorted(db.session.scalars(sa.select(SurveyAnswer.scale).where(SurveyAnswer.scale.is_not(None)))) == [4]  # fmt: skip
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.id))) == 3


def test_a_scale_answer_of_6_is_refused_with_a_clear_message_and_nothing_saved(app, fair, sent):
    client = app.test_client()
    link = link_of(fair.dara)
    response = client.post(link, data=form_for(sent, scale="6"))
    assert response.status_code == 400
    assert "Choose a number from 1 to 5." in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.id))) == 0
    khmer = app.test_client().post(link_of(fair.sokha), data=form_for(sent, scale="6"))
    assert "សូមជ្រើសលេខពី ១ ដល់ ៥។" in khmer.get_data(as_text=True)  # in the reader's language
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.id))) == 0
    answered = sa.select(SurveyInvitation).where(SurveyInvitation.answered_at.is_not(None))
    assert db.session.scalars(answered).all() == []


def test_the_respondent_reads_their_language_else_what_the_organizer_wrote(app, fair, sent):
    page = app.test_client().get(link_of(fair.sokha)).get_data(as_text=True)
    assert "តើអ្នកដឹងពីពិព័រណ៍តាមណា?" in page and "ហ្វេសប៊ុក" in page  # written in Khmer
    assert "Was it useful?" in page  # not written in Khmer: English instead
    english = app.test_client().get(link_of(fair.dara)).get_data(as_text=True)
    assert "How did you hear of the fair?" in english and "Facebook" in english


def test_a_token_opens_its_own_survey_only(app, fair, sent):
    other = build(fair)
    surveys.send(other, checked_in(other))
    db.session.commit()
    token = link_of(fair.sokha).rsplit("/", 1)[1]
    client = app.test_client()
    assert client.get(f"/survey/{other.id}/{token}").status_code == 404
    assert client.post(f"/survey/{other.id}/{token}", data=form_for(other)).status_code == 404
    number, signature = token.split(".")
    forged = f"{int(number) + 1}.{signature}"
    assert client.get(f"/survey/{sent.id}/{forged}").status_code == 404
    assert client.get(f"/survey/{sent.id}/{number}.{'A' * len(signature)}").status_code == 404
    # A suspended account's link opens nothing.
    fair.dara.suspended_at = utcnow()
    db.session.commit()
    assert client.get(link_of(fair.dara)).status_code == 404
    # Fields named for another survey's questions are not read.
    response = client.post(f"/survey/{sent.id}/{token}", data=form_for(other))
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.id))) == 0


def test_erasing_a_candidate_removes_their_survey_answers(app, fair, sent):
    from jobfair.candidates.data_rights import erase_candidate, export_data

    app.test_client().post(link_of(fair.sokha), data=form_for(sent))
    held = export_data(fair.sokha)["survey_answers"]
    assert held[0]["survey"] == "តើពិព័រណ៍យ៉ាងម៉េចដែរ?"
    assert {"question": "What should we change?", "answer": KM_TEXT} in held[0]["answers"]
    erase_candidate(fair.sokha)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(SurveyInvitation.id))) == 1  # Dara's


# --- reminders ------------------------------------------------------------------------


def test_a_reminder_goes_to_those_who_have_not_answered_and_not_twice_in_a_day(app, fair, sent):
    app.test_client().post(link_of(fair.sokha), data=form_for(sent))
    client = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys/{sent.id}/remind"
    client.post(url)
    reminded = set(
        db.session.scalars(sa.select(Message.user_id).where(Message.kind == "survey_reminder"))
    )
    assert reminded == {fair.dara.id}
    # The reminder carries the same personal link as the invitation.
    assert link_of(fair.dara, "survey_reminder") == link_of(fair.dara)
    again = client.post(url, follow_redirects=True)
    assert "wait before sending another" in again.get_data(as_text=True)
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Message.id)).where(Message.kind == "survey_reminder")
        )
        == 1
    )


def test_a_reminder_skips_people_who_opted_out_since(app, fair, sent):
    fair.dara.follow_ups_opted_out_at = utcnow()
    db.session.commit()
    assert surveys.remind(db.session.get(Survey, sent.id)) == 1  # Sokha only


# --- who may see what -----------------------------------------------------------------


def organizer_urls(event_id, survey_id):
    base = f"/organizer/events/{event_id}/surveys"
    return [
        base,
        f"{base}/{survey_id}",
        f"{base}/{survey_id}/send",
        f"{base}/{survey_id}/results",
        f"{base}/{survey_id}/answers.xlsx",
    ]


@pytest.mark.parametrize("role", [UserRole.CANDIDATE, UserRole.EMPLOYER])
def test_survey_pages_are_for_organizers_only(app, fair, sent, create_user, role):
    client = login(app, create_user(role))
    for url in organizer_urls(fair.event.id, sent.id):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/organizer/events/{fair.event.id}/surveys/{sent.id}/remind").status_code == 403  # fmt: skip
    anonymous = app.test_client()
    for url in organizer_urls(fair.event.id, sent.id):
        assert anonymous.get(url).headers["Location"].startswith("/auth/login"), url


def test_an_organizer_sees_the_survey_under_its_own_event_only(app, fair, sent):
    client = login(app, fair.organizer)
    for url in organizer_urls(fair.event.id, sent.id):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["Cache-Control"] == "no-store"
    for url in organizer_urls(fair.other_event.id, sent.id)[1:]:
        assert client.get(url).status_code == 404, url
