"""The rules live on the models: the API, the imports and the workflows refuse what the
forms refuse (language levels on their own scale, one record per language, bounds, known
places, no control characters, a reason for "not selected")."""

import pytest
import sqlalchemy as sa

from jobfair.employers import applications, bulk
from jobfair.employers.errors import RecruitingError
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Role, StatusChange, User
from jobfair.models.rules import InvalidRecord, InvalidValue

from .conftest import bearer, csv_bytes
from .test_imports import preview_url, upload

NEW_ROLE = {"title": "Painter", "sector": "construction", "location": "Siem Reap"}
JAPANESE = {"language": "Japanese", "level": "N4", "must": True}
REFUSED = [
    ({"languages": [{"language": "Japanese", "level": "B1"}]}, "languages"),
    ({"languages": [{"language": "English", "level": "N3"}]}, "languages"),
    ({"languages": [JAPANESE, {"language": "Japanese", "level": "N3"}]}, "languages"),
    ({"headcount": 5000}, "headcount"),
    ({"location": "Near the river, Phnom Penh"}, "location"),
    ({"title": "Wel\x01der"}, "title"),
    ({"title": "Welder\rEND:VEVENT\rBEGIN:VEVENT"}, "title"),
    ({"required_skills": ["weld\x0bing"]}, "required_skills"),
    ({"salary_min": 900, "salary_max": 100}, "salary_max"),
]


@pytest.mark.parametrize("change, field", REFUSED)
def test_the_api_refuses_a_role_the_form_refuses(client, world, change, field):
    headers = bearer(world.tokens["right"])
    created = client.post(
        "/api/v1/roles", json={**NEW_ROLE, "event_id": world.event.id, **change}, headers=headers
    )
    assert created.status_code == 422, created.get_json()
    assert field in created.get_json()["error"]["details"]
    changed = client.patch(f"/api/v1/roles/{world.role.id}", json=change, headers=headers)
    assert changed.status_code == 422
    db.session.expire_all()
    assert db.session.get(Role, world.role.id).headcount == 1
    assert db.session.scalar(sa.select(sa.func.count(Role.id))) == 2


def test_the_api_takes_the_levels_the_form_offers(client, world):
    jft = {"language": "Japanese", "level": "JFT-Basic A2", "must": True}
    response = client.post(
        "/api/v1/roles",
        json={**NEW_ROLE, "event_id": world.event.id, "headcount": 1000, "languages": [jft]},
        headers=bearer(world.tokens["right"]),
    )
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["languages"] == [jft]


@pytest.mark.parametrize("change, field", REFUSED)
def test_the_model_refuses_it_whoever_sets_it(world, change, field):
    with pytest.raises(InvalidRecord) as refused:
        world.role.assign(**change)
    assert field in refused.value.errors
    with pytest.raises(InvalidRecord):
        Role(**{**NEW_ROLE, **change})


def test_a_profile_keeps_each_language_once_on_its_own_scale(world):
    profile = world.candidates[0]
    for wrong in (
        [{"language": "Japanese", "level": "B1"}],
        [{"language": "English", "level": "N3"}],
        ["Japanese N4", {"language": "Japanese", "test": "JFT-Basic", "level": "A2"}],
        ["Klingon"],
    ):
        with pytest.raises(InvalidValue):
            profile.languages = wrong
    profile.languages = ["Khmer native", {"language": "Japanese", "level": "JFT-Basic A2"}]
    assert profile.languages[1] == {"language": "Japanese", "test": "JFT-Basic", "level": "A2"}


# --- "not selected" needs a reason, on every path ----------------------------------------


def test_not_selected_through_the_api_needs_the_reason_the_page_asks(client, world):
    url = f"/api/v1/applications/{world.application.id}/status"
    headers = bearer(world.tokens["right"])
    for body in ({"status": "rejected"}, {"status": "rejected", "reason": "   "}):
        response = client.post(url, json=body, headers=headers)
        assert response.status_code == 422, body
        assert "reason" in response.get_json()["error"]["details"]
    assert db.session.scalar(sa.select(sa.func.count(StatusChange.id))) == 0
    body = {"status": "rejected", "reason": "No forklift licence"}
    response = client.post(url, json=body, headers=headers)
    assert response.status_code == 200
    assert db.session.scalar(sa.select(StatusChange.reason)) == "No forklift licence"


def test_the_workflow_itself_refuses_not_selected_without_a_reason(world):
    recruiter = db.session.get(User, world.recruiter.id)
    with pytest.raises(RecruitingError):
        applications.change_status(world.application, "rejected", recruiter)
    with pytest.raises(RecruitingError):
        applications.move(world.application, "rejected", recruiter)
    applications.change_status(world.application, "rejected", recruiter, reason="Too far")
    assert world.application.status == "rejected"


def test_undoing_a_step_back_to_not_selected_restores_its_reason(world):
    recruiter = db.session.get(User, world.recruiter.id)
    applications.reject(world.application, "No forklift licence", recruiter)
    db.session.commit()
    result = bulk.apply(world.role, [world.candidates[0]], "shortlist", recruiter)
    db.session.commit()
    assert world.application.status == "shortlisted"
    assert bulk.undo(world.role, result.batch, recruiter) == 1
    db.session.commit()
    assert world.application.status == "rejected"
    assert world.application.history[-1].reason == "No forklift licence"


# --- imports ----------------------------------------------------------------------------


def test_a_candidate_row_with_a_bad_email_is_a_row_error_not_a_500(organizer_client, world):
    rows = [
        ["Full name", "Email", "Phone"],
        ["Sok Dara", "not-an-address", ""],
        ["Chan Sophea", "sophea@school.example", ""],
    ]
    url = preview_url(upload(organizer_client, world.event, "candidates", csv_bytes(rows), "c.csv"))
    response = organizer_client.get(url)
    assert response.status_code == 200
    assert "is not an email address" in response.get_data(as_text=True)


def test_imports_take_the_japanese_levels_the_profile_form_offers(organizer_client, world):
    rows = [
        ["Full name", "Email", "Japanese level"],
        ["Sok Dara", "dara@school.example", "JFT-Basic A2"],
        ["Chan Sophea", "sophea@school.example", "N3"],
    ]
    url = preview_url(upload(organizer_client, world.event, "candidates", csv_bytes(rows), "c.csv"))
    assert organizer_client.post(url).status_code == 302
    levels = {p.full_name: p.languages for p in db.session.scalars(sa.select(CandidateProfile))}
    assert levels["Sok Dara"] == [{"language": "Japanese", "test": "JFT-Basic", "level": "A2"}]
    assert levels["Chan Sophea"] == [{"language": "Japanese", "test": "JLPT", "level": "N3"}]


def test_a_role_import_obeys_the_role_rules(organizer_client, world):
    rows = [
        ["Company", "Job title", "Location", "Headcount", "Japanese level"],
        ["Sakura Metal", "Painter", "Near the river", "2", "N4"],
        ["Sakura Metal", "Cook", "Phnom Penh", "5000", ""],
        ["Sakura Metal", "Driver", "Aichi", "3", "JFT-Basic A2"],
    ]
    url = preview_url(upload(organizer_client, world.event, "roles", csv_bytes(rows), "r.csv"))
    page = organizer_client.get(url).get_data(as_text=True)
    assert "is not one of the choices" in page and "1000" in page
    assert organizer_client.post(url).status_code == 302
    driver = db.session.scalar(sa.select(Role).where(Role.title == "Driver"))
    assert driver.location == "Japan - Aichi"
    assert driver.languages == [{"language": "Japanese", "level": "JFT-Basic A2", "must": True}]
    assert db.session.scalar(sa.select(sa.func.count(Role.id)).where(Role.title != "Driver")) == 2
