"""A survey's results: counts per option, the scale's spread and mean, free text as written,
the not-answered list (paged), and the XLSX export (formulas neutralised, text unchanged)."""

import io

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from openpyxl import load_workbook

from jobfair.extensions import db
from jobfair.models import AuditLog, Registration, SurveyInvitation, UserRole
from jobfair.models.base import utcnow
from jobfair.organizers import survey_results, surveys
from tests.organizers.test_surveys import (
    KM_TEXT,
    build_and_send,
    form_for,
    link_of,
    login,
    make_fair,
)

JA_TEXT = "通訳がいて助かりました。\n来年も来ます。"
FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def fair(create_event, create_user, create_organization):
    return make_fair(create_event, create_user, create_organization)


@pytest.fixture
def answered(app, fair):
    survey = build_and_send(fair)
    client = app.test_client()
    client.post(link_of(fair.sokha), data=form_for(survey, choice="1", scale="5", text=KM_TEXT))
    client.post(link_of(fair.dara), data=form_for(survey, choice="1", scale="2", text=FORMULA))
    return survey


def test_results_count_options_spread_the_scale_and_keep_free_text(app, fair, answered):
    with app.test_request_context(), force_locale("en"):
        choice, scale, text = survey_results.tally(answered)
    assert choice.rows == [("Facebook", 0), ("A friend", 2)]
    assert scale.rows == [("1", 0), ("2", 1), ("3", 0), ("4", 0), ("5", 1)]
    assert scale.mean == pytest.approx(3.5)
    assert sorted(t for _who, t in text.texts) == sorted([KM_TEXT, FORMULA])


def test_the_results_page_shows_answers_as_they_arrive(app, fair, create_user, answered):
    client = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys/{answered.id}/results"
    page = client.get(url).get_data(as_text=True)
    assert 'id="answered-count">2<' in page
    assert KM_TEXT in page and 'id="chart-1"' in page and "3.5" in page
    # A third person is invited later and answers: the page shows it next time.
    late = create_user(profile={"full_name": "Late Comer"})
    db.session.add(
        Registration(event_id=fair.event.id, candidate_id=late.profile.id, checked_in_at=utcnow())
    )
    db.session.commit()
    with app.test_request_context(), force_locale("en"):
        surveys.send(answered, surveys.segments.Segment(event_id=fair.event.id, attendance="checked_in"))  # fmt: skip
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Late Comer" in page and 'id="not-answered-list"' in page
    app.test_client().post(link_of(late), data=form_for(answered, text=JA_TEXT))
    page = client.get(url).get_data(as_text=True)
    assert 'id="answered-count">3<' in page and "通訳がいて助かりました。" in page


def test_the_not_answered_list_is_paged(app, fair, create_user, monkeypatch):
    monkeypatch.setattr(survey_results, "NOT_ANSWERED_PER_PAGE", 1)
    survey = build_and_send(fair)
    client = login(app, fair.organizer)
    url = f"/organizer/events/{fair.event.id}/surveys/{survey.id}/results"
    first = client.get(url).get_data(as_text=True)
    second = client.get(url + "?page=2").get_data(as_text=True)
    assert ("Sokha Chan" in first) != ("Sokha Chan" in second)
    assert ("Dara Kim" in first) != ("Dara Kim" in second)


def test_the_export_has_a_row_per_respondent_and_a_summary(app, fair, answered):
    client = login(app, fair.organizer)
    response = client.get(f"/organizer/events/{fair.event.id}/surveys/{answered.id}/answers.xlsx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    workbook = load_workbook(io.BytesIO(response.data))
    answers, summary = workbook.worksheets
    rows = list(answers.iter_rows(values_only=True))
    assert rows[0][2:] == (
        "1. How did you hear of the fair?",
        "2. Was it useful?",
        "3. What should we change?",
    )
    by_name = {row[0]: row for row in rows[1:]}
    assert set(by_name) == {"Sokha Chan", "Dara Kim"}
    assert by_name["Sokha Chan"][2:] == ("A friend", "5", KM_TEXT)
    assert by_name["Dara Kim"][4] == "'" + FORMULA  # shown as typed, never run
    summary_rows = list(summary.iter_rows(values_only=True))
    assert (None, "A friend", 2) in summary_rows
    assert any(row[1] == "Mean" and row[2] == 3.5 for row in summary_rows)
    assert (
        db.session.scalar(
            sa.select(sa.func.count(AuditLog.id)).where(AuditLog.action == "survey_export")
        )
        == 1
    )


def test_erased_people_leave_the_results(app, fair, answered):
    from jobfair.candidates.data_rights import erase_candidate

    erase_candidate(fair.sokha, actor=None)
    db.session.commit()
    with app.test_request_context(), force_locale("en"):
        choice, scale, _text = survey_results.tally(answered)
        figures = survey_results.counts(answered)
    assert choice.rows[1] == ("A friend", 1) and scale.mean == 2
    assert figures == {"invited": 1, "answered": 1}
    assert db.session.scalar(sa.select(sa.func.count(SurveyInvitation.id))) == 1


@pytest.mark.parametrize("role", [UserRole.CANDIDATE, UserRole.EMPLOYER])
def test_respondents_cannot_read_results_or_export(app, fair, answered, role):
    user = fair.sokha if role == UserRole.CANDIDATE else fair.recruiter
    client = login(app, user)
    base = f"/organizer/events/{fair.event.id}/surveys/{answered.id}"
    assert client.get(f"{base}/results").status_code == 403
    assert client.get(f"{base}/answers.xlsx").status_code == 403
