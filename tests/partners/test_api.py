"""The JSON API: every endpoint × {no token, other company's, read-only, right, organizer}."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from jobfair.api import tokens
from jobfair.extensions import db
from jobfair.models import ApiToken, Role, StatusChange
from jobfair.models.base import utcnow

from .conftest import bearer

ROLE_BODY = {
    "title": "Painter",
    "sector": "construction",
    "location": "Siem Reap",
    "required_skills": ["painting"],
}


def endpoints(w):
    """(method, path, body, expected status per caller)."""
    role, other_role, app_ = w.role.id, w.other_role.id, w.application.id
    new_role = dict(ROLE_BODY, event_id=w.event.id)
    recruiter_read = {
        "none": 401,
        "other_company": 404,
        "read_only": 200,
        "right": 200,
        "organizer": 403,
    }
    recruiter_write = {**recruiter_read, "read_only": 403}
    return [
        (
            "GET",
            "/api/v1/me",
            None,
            {"none": 401, "other_company": 200, "read_only": 200, "right": 200, "organizer": 200},
        ),
        (
            "GET",
            "/api/v1/events",
            None,
            {"none": 401, "other_company": 200, "read_only": 200, "right": 200, "organizer": 200},
        ),
        (
            "GET",
            f"/api/v1/events/{w.event.id}",
            None,
            {"none": 401, "other_company": 200, "read_only": 200, "right": 200, "organizer": 200},
        ),
        (
            "GET",
            f"/api/v1/events/{w.event.id}/checkins",
            None,
            {"none": 401, "other_company": 403, "read_only": 403, "right": 403, "organizer": 200},
        ),
        (
            "GET",
            "/api/v1/exhibitors",
            None,
            {"none": 401, "other_company": 200, "read_only": 200, "right": 200, "organizer": 200},
        ),
        (
            "GET",
            f"/api/v1/exhibitors/{w.exhibitor_id}",
            None,
            {"none": 401, "other_company": 404, "read_only": 200, "right": 200, "organizer": 200},
        ),
        ("GET", "/api/v1/roles", None, {**recruiter_read, "other_company": 200}),
        (
            "POST",
            "/api/v1/roles",
            new_role,
            {**recruiter_write, "other_company": 201, "right": 201},
        ),
        ("GET", f"/api/v1/roles/{role}", None, recruiter_read),
        ("PATCH", f"/api/v1/roles/{role}", {"headcount": 4}, recruiter_write),
        ("GET", f"/api/v1/roles/{role}/shortlist", None, recruiter_read),
        ("GET", f"/api/v1/roles/{role}/applications", None, recruiter_read),
        ("GET", f"/api/v1/applications/{app_}", None, recruiter_read),
        ("POST", f"/api/v1/applications/{app_}/status", {"status": "shortlisted"}, recruiter_write),
        (
            "DELETE",
            f"/api/v1/roles/{other_role}",
            None,
            {"none": 401, "other_company": 204, "read_only": 403, "right": 404, "organizer": 403},
        ),
    ]


@pytest.mark.parametrize("caller", ["none", "other_company", "read_only", "right", "organizer"])
def test_every_endpoint_answers_each_caller_as_expected(client, world, caller):
    world.exhibitor_id = db.session.scalar(
        sa.text("SELECT id FROM exhibitors WHERE organization_id = :o"), {"o": world.company.id}
    )
    secret = world.tokens.get(caller)
    wrong = []
    for method, path, body, expected in endpoints(world):
        response = client.open(path, method=method, json=body, headers=bearer(secret))
        if response.status_code != expected[caller]:
            wrong.append(
                (
                    method,
                    path,
                    response.status_code,
                    expected[caller],
                    response.get_data(as_text=True)[:200],
                )
            )
        if response.status_code >= 400:
            assert response.is_json and set(response.json["error"]) >= {"code", "message"}
    assert wrong == []


def test_unknown_expired_revoked_and_moved_tokens_are_refused(client, world):
    assert client.get("/api/v1/me", headers=bearer("jf_nonsense")).status_code == 401
    token = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == world.recruiter.id))
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(world.tokens["right"])).status_code == 401
    colleague_token = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.user_id == world.colleague.id)
    )
    tokens.revoke(colleague_token, world.colleague)
    db.session.commit()
    assert client.get("/api/v1/me", headers=bearer(world.tokens["read_only"])).status_code == 401
    world.outsider.organization_id = (
        world.company.id
    )  # moved company: the old token is not theirs now
    db.session.commit()
    assert (
        client.get("/api/v1/me", headers=bearer(world.tokens["other_company"])).status_code == 401
    )
    assert all(
        len(t.token_hash) == 64 and not t.token_hash.startswith("jf_")
        for t in db.session.scalars(sa.select(ApiToken))
    )


def test_a_session_cookie_is_not_an_api_credential(app, world, auth):
    auth.login(world.recruiter.email)
    assert auth._client.get("/api/v1/roles").status_code == 401


def test_shortlist_ranks_like_the_page_with_bands_and_blind_review(client, world):
    from jobfair.employers.shortlist_query import ShortlistQuery

    response = client.get(
        f"/api/v1/roles/{world.role.id}/shortlist", headers=bearer(world.tokens["right"])
    )
    body = response.json
    ranked = ShortlistQuery(world.role).page(1, 25)
    assert [item["candidate"]["id"] for item in body["items"]] == [
        e.profile.id for e in ranked.entries
    ]
    assert body["total"] == 3 and body["items"][0]["band"] in ("strong", "good", "partial")
    assert all(not item["candidate"]["revealed"] for item in body["items"])
    names = {p.full_name for p in world.candidates}
    assert not any(item["candidate"]["label"] in names for item in body["items"])
    assert "welding" in body["items"][0]["explanation"]["matched_required_skills"]


def test_shortlist_sections_are_the_pages_sections(client, world):
    from jobfair.employers.shortlist_query import ShortlistQuery

    url = f"/api/v1/roles/{world.role.id}/shortlist"
    headers = bearer(world.tokens["right"])
    counts = None
    for section in ("qualified", "almost", "everyone"):
        body = client.get(f"{url}?section={section}", headers=headers).json
        listing = ShortlistQuery(world.role, section=section).page(1, 25)
        assert body["section"] == section and body["total"] == listing.total
        assert [i["candidate"]["id"] for i in body["items"]] == [
            e.profile.id for e in listing.entries
        ]
        assert counts in (None, body["sections"])
        counts = body["sections"]
    assert client.get(url, headers=headers).json["section"] == "qualified"
    assert client.get(f"{url}?section=all", headers=headers).status_code == 400


def test_roles_crud_and_status_step_use_the_workflows(client, world):
    headers = bearer(world.tokens["right"])
    created = client.post(
        "/api/v1/roles", json=dict(ROLE_BODY, event_id=world.event.id), headers=headers
    )
    assert created.status_code == 201 and created.json["organization_id"] == world.company.id
    role_id = created.json["id"]
    bad = client.patch(
        f"/api/v1/roles/{role_id}",
        json={"salary_min": 500, "salary_max": 100, "colour": "red"},
        headers=headers,
    )
    assert bad.status_code == 422 and set(bad.json["error"]["details"]) == {"salary_max", "colour"}
    assert (
        client.patch(f"/api/v1/roles/{role_id}", json={"status": "closed"}, headers=headers).json[
            "status"
        ]
        == "closed"
    )
    assert client.delete(f"/api/v1/roles/{role_id}", headers=headers).status_code == 204
    assert db.session.get(Role, role_id) is None
    assert client.delete(f"/api/v1/roles/{world.role.id}", headers=headers).status_code == 409
    moved = client.post(
        f"/api/v1/applications/{world.application.id}/status",
        json={"status": "hired"},
        headers=headers,
    )
    assert moved.status_code == 409  # not a step from "new"
    moved = client.post(
        f"/api/v1/applications/{world.application.id}/status",
        json={"status": "shortlisted"},
        headers=headers,
    )
    assert moved.status_code == 200 and moved.json["status"] == "shortlisted"
    assert db.session.scalar(sa.select(sa.func.count(StatusChange.id))) == 1
    listed = client.get(
        f"/api/v1/roles/{world.role.id}/applications?status=shortlisted", headers=headers
    ).json
    assert [a["id"] for a in listed["items"]] == [world.application.id]


def test_pagination_and_filters(client, world):
    headers = bearer(world.tokens["organizer"])
    page = client.get("/api/v1/exhibitors?per_page=1&page=2", headers=headers).json
    assert page["total"] == 2 and len(page["items"]) == 1 and page["page"] == 2
    assert client.get("/api/v1/exhibitors?per_page=1000", headers=headers).status_code == 400
    assert client.get("/api/v1/exhibitors?event_id=abc", headers=headers).status_code == 400
    figures = client.get(f"/api/v1/events/{world.event.id}/checkins", headers=headers).json
    assert figures["registered"] == 3 and figures["checked_in"] == 0


@pytest.fixture
def app_config(app_config):
    return app_config


def test_rate_limit_per_token(app_config, schema, tmp_path, world, client):
    from jobfair import create_app

    limited = create_app(
        {**app_config, "RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3 per minute"}
    )
    limited_client = limited.test_client()
    with limited.app_context():
        statuses = [
            limited_client.get("/api/v1/me", headers=bearer(world.tokens["right"])).status_code
            for _ in range(4)
        ]
        other = limited_client.get(
            "/api/v1/me", headers=bearer(world.tokens["organizer"])
        ).status_code
    assert statuses == [200, 200, 200, 429] and other == 200
