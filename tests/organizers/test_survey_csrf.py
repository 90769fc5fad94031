"""Surveys with CSRF on, as in production: an answer or an organizer's action without the
form's token changes nothing."""

import re

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import Message, SurveyAnswer, SurveyQuestion
from tests.conftest import PASSWORD
from tests.organizers.test_surveys import (
    build_and_send,
    form_for,
    link_of,
    make_fair,
)


@pytest.fixture
def app_config(app_config):
    return {**app_config, "WTF_CSRF_ENABLED": True}


@pytest.fixture
def fair(create_event, create_user, create_organization):
    return make_fair(create_event, create_user, create_organization)


@pytest.fixture
def sent(fair):
    return build_and_send(fair)


def test_answers_and_organizer_actions_need_the_csrf_token(app, fair, sent):
    client = app.test_client()
    link = link_of(fair.sokha)
    assert client.post(link, data=form_for(sent)).status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.id))) == 0
    page = client.get(link).get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post(link, data={**form_for(sent), "csrf_token": token}).status_code == 200
    assert db.session.scalar(sa.select(sa.func.count(SurveyAnswer.id))) == 3


def test_organizer_actions_need_the_csrf_token(app, fair, sent):
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = {"identifier": fair.organizer.email, "password": PASSWORD, "csrf_token": token}
    assert client.post("/auth/login", data=form).status_code == 302
    base = f"/organizer/events/{fair.event.id}/surveys/{sent.id}"
    assert client.post(f"{base}/remind").status_code in (302, 400)
    assert (
        db.session.scalar(
            sa.select(sa.func.count(Message.id)).where(Message.kind == "survey_reminder")
        )
        == 0
    )
    response = client.post(f"/organizer/events/{fair.event.id}/surveys", data={"title_en": "X"})
    assert response.status_code == 400
    assert db.session.scalar(sa.select(sa.func.count(SurveyQuestion.id))) == 3
