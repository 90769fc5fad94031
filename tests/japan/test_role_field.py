"""A Specified Skilled Worker role names its field, by the one rule (models.role_fields)
the employer form, the API and the role import read."""

from datetime import date

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import PassedTest, Role
from jobfair.models.rules import InvalidRecord
from tests.partners.conftest import World, bearer, world  # noqa: F401 (the fixture, reused)

from ..employers.test_roles import post_role

NEW_ROLE = {"title": "Care worker", "sector": "other", "location": "Japan - Tokyo"}


def test_the_form_refuses_an_ssw_role_without_its_field(client, auth, fair):
    auth.login(fair.recruiter.email)
    response = post_role(client, fair, ssw_field="", title="Care worker")
    assert response.status_code == 200
    assert "Choose the field of this Specified Skilled Worker role." in response.get_data(
        as_text=True
    )
    assert db.session.scalar(sa.select(Role).where(Role.title == "Care worker")) is None


def test_the_form_saves_the_field_and_offers_it(client, auth, fair):
    auth.login(fair.recruiter.email)
    page = client.get("/employer/roles/new").get_data(as_text=True)
    assert 'name="ssw_field"' in page and "Nursing care" in page
    assert post_role(client, fair, ssw_field="nursing_care", title="Care worker").status_code == 302
    role = db.session.scalar(sa.select(Role).where(Role.title == "Care worker"))
    assert role.ssw_field == "nursing_care"


def test_another_programme_keeps_no_field(client, auth, fair):
    auth.login(fair.recruiter.email)
    post_role(client, fair, program="local", ssw_field="nursing_care", title="Local welder")
    role = db.session.scalar(sa.select(Role).where(Role.title == "Local welder"))
    assert role.program == "local" and role.ssw_field is None


def test_the_model_refuses_an_unknown_field_and_a_missing_one(fair):
    with pytest.raises(InvalidRecord) as refused:
        fair.role.assign(ssw_field="space_travel")
    assert "ssw_field" in refused.value.errors
    role = Role(program="local")
    with pytest.raises(InvalidRecord) as refused:
        role.assign(program="ssw")
    assert "ssw_field" in refused.value.errors


def test_the_database_refuses_an_unknown_field(fair):
    db.session.execute(
        sa.update(Role).where(Role.id == fair.role.id).values(ssw_field="nursing_care")
    )
    db.session.commit()
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(sa.update(Role).where(Role.id == fair.role.id).values(ssw_field="bogus"))
        db.session.flush()
    db.session.rollback()


def test_the_api_takes_and_refuses_as_the_form_does(client, world: World):  # noqa: F811
    headers = bearer(world.tokens["right"])
    base = {**NEW_ROLE, "event_id": world.event.id, "program": "ssw"}
    refused = client.post("/api/v1/roles", json=base, headers=headers)
    assert refused.status_code == 422
    assert "ssw_field" in refused.get_json()["error"]["details"]
    unknown = client.post("/api/v1/roles", json={**base, "ssw_field": "bogus"}, headers=headers)
    assert unknown.status_code in (400, 422)
    created = client.post(
        "/api/v1/roles", json={**base, "ssw_field": "nursing_care"}, headers=headers
    )
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["ssw_field"] == "nursing_care"
    role_id = created.get_json()["id"]
    changed = client.patch(f"/api/v1/roles/{role_id}", json={"program": "local"}, headers=headers)
    assert changed.status_code == 200
    assert changed.get_json()["ssw_field"] is None


def test_the_api_says_whether_an_applicant_meets_the_entry_rule(client, world):  # noqa: F811
    world.role.assign(program="ssw", ssw_field="nursing_care")
    profile = world.application.candidate
    profile.languages = ["Japanese N4"]
    db.session.add(PassedTest(candidate_id=profile.id, kind="ssw_skill", field="nursing_care",
                              passed_on=date(2026, 2, 1)))  # fmt: skip
    db.session.commit()
    headers = bearer(world.tokens["right"])
    answer = client.get(f"/api/v1/applications/{world.application.id}", headers=headers)
    assert answer.get_json()["entry_rule"] == {"met": True, "via_titp": False, "missing": []}
    profile.languages = ["Japanese N5"]
    db.session.commit()
    answer = client.get(f"/api/v1/applications/{world.application.id}", headers=headers)
    assert answer.get_json()["entry_rule"]["missing"] == ["japanese"]
