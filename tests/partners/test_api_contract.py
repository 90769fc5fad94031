"""The API does what its OpenAPI document says: 401 with a challenge, whole numbers and
blank texts as the schema reads them, paging, one rate limit per token, 204 without a
body, JSON errors on every path under /api/, the overlong URL."""

import importlib.util
import json
from pathlib import Path

import jsonschema_rs
import pytest
import sqlalchemy as sa

from jobfair import create_app
from jobfair.api import openapi, serialize
from jobfair.extensions import db
from jobfair.models import Role

from .conftest import bearer

ROLE = {"title": "Painter", "sector": "construction", "location": "Siem Reap"}


def test_writes_without_a_token_are_401_with_a_bearer_challenge(app_config, world):
    strict = create_app({**app_config, "WTF_CSRF_ENABLED": True})
    client = strict.test_client()
    with strict.app_context():
        for method, path in (
            ("POST", "/api/v1/roles"),
            ("PATCH", f"/api/v1/roles/{world.role.id}"),
            ("DELETE", f"/api/v1/roles/{world.role.id}"),
            ("POST", f"/api/v1/applications/{world.application.id}/status"),
            ("GET", "/api/v1/me"),
        ):
            response = client.open(path, method=method, json={})
            assert response.status_code == 401, (method, path)
            assert response.headers["WWW-Authenticate"].startswith("Bearer")
            assert response.json["error"]["code"] == "unauthorized"
    assert db.session.get(Role, world.role.id) is not None


def test_whole_numbers_sent_as_decimals_are_whole_numbers(client, world):
    body = dict(ROLE, event_id=float(world.event.id), headcount=500.0, salary_min=1000.0)
    created = client.post("/api/v1/roles", json=body, headers=bearer(world.tokens["right"]))
    assert created.status_code == 201, created.json
    assert created.json["headcount"] == 500 and created.json["salary_min"] == 1000
    role = db.session.get(Role, created.json["id"])
    assert isinstance(role.headcount, int) and role.headcount == 500
    half = client.post(
        "/api/v1/roles", json=dict(body, headcount=2.5), headers=bearer(world.tokens["right"])
    )
    assert half.status_code == 422 and set(half.json["error"]["details"]) == {"headcount"}


TEXTS = [" ", "\u3000", "\x1c\x1f", "\ufeff", "\t\n", "\u00a0", " a ", "\u200b", "ក", "a\x00b",
         "a\nb", "a\n", "a\tb", "\x7f", "Welder 溶接工"]  # fmt: skip


@pytest.mark.parametrize("field", ["title", "location", "description", "required_skills"])
@pytest.mark.parametrize("text", TEXTS)
def test_a_text_is_refused_exactly_when_the_document_refuses_it(client, world, field, text):
    document = openapi.document()
    schema = document["components"]["schemas"]["RoleCreate"]["properties"][field]
    value = [text] if field == "required_skills" else text
    allowed = jsonschema_rs.validator_for(schema).is_valid(value)
    response = client.post(
        "/api/v1/roles",
        json=dict(ROLE, **{field: value}, event_id=world.event.id),
        headers=bearer(world.tokens["right"]),
    )
    assert response.status_code == (201 if allowed else 422), response.json
    if not allowed:
        assert set(response.json["error"]["details"]) == {field}


def test_a_lone_surrogate_is_refused_not_a_server_error(client, world):
    fields = dict(ROLE, title="LONE", event_id=world.event.id)
    body = json.dumps(fields).replace("LONE", "\\udfff")  # valid JSON, no valid text
    response = client.post(
        "/api/v1/roles",
        data=body,
        content_type="application/json",
        headers=bearer(world.tokens["right"]),
    )
    assert response.status_code == 400


def test_a_page_past_the_end_answers_the_last_page_on_every_list(client, world):
    right, organizer = bearer(world.tokens["right"]), bearer(world.tokens["organizer"])
    role = world.role.id
    for path, headers in (
        ("/api/v1/events", organizer),
        ("/api/v1/exhibitors", organizer),
        ("/api/v1/roles", right),
        (f"/api/v1/roles/{role}/applications", right),
        (f"/api/v1/roles/{role}/shortlist?section=everyone", right),
    ):
        joiner = "&" if "?" in path else "?"
        first = client.get(f"{path}{joiner}per_page=1", headers=headers).json
        assert first["items"], path
        last = client.get(f"{path}{joiner}per_page=1&page={first['total']}", headers=headers).json
        past = client.get(f"{path}{joiner}per_page=1&page=99", headers=headers).json
        assert past["items"] == last["items"] and past["items"], path
        assert past["page"] == first["total"] < 99, path
        assert past["total"] == first["total"], path


def test_the_rate_limit_counts_per_token_over_every_endpoint(app_config, world):
    limited = create_app({**app_config, "RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3/minute"})
    client = limited.test_client()
    right, organizer = bearer(world.tokens["right"]), bearer(world.tokens["organizer"])
    with limited.app_context():
        statuses = [
            client.get(path, headers=right).status_code
            for path in ("/api/v1/me", "/api/v1/events", "/api/v1/roles", "/api/v1/exhibitors")
        ]
        refused = client.get("/api/v1/me", headers=right)
        other = client.get("/api/v1/events", headers=organizer).status_code
    assert statuses == [200, 200, 200, 429] and other == 200
    assert refused.status_code == 429 and refused.json["error"]["code"] == "rate_limited"


def test_a_204_has_no_body_and_no_content_type(client, world):
    headers = bearer(world.tokens["right"])
    created = client.post(
        "/api/v1/roles", json=dict(ROLE, event_id=world.event.id), headers=headers
    )
    deleted = client.delete(f"/api/v1/roles/{created.json['id']}", headers=headers)
    assert deleted.status_code == 204 and deleted.data == b""
    assert "Content-Type" not in deleted.headers


def _raise(*args, **kwargs):
    raise RuntimeError("boom")


def _unavailable(*args, **kwargs):
    raise sa.exc.OperationalError("SELECT 1", {}, Exception("database is locked"))


@pytest.mark.parametrize(
    "method, path, status, extra",
    [
        ("GET", "/api/v1/nowhere", 404, {}),
        ("GET", "/api/v1/events/0", 404, {}),
        ("PUT", "/api/v1/me", 405, {}),
        ("POST", "/api/v1/roles", 413, {"data": b"x" * (7 * 1024 * 1024)}),
        ("GET", "/api/v1/me?q=" + "a" * 5000, 414, {}),
        ("POST", "/api/v1/roles?q=" + "a" * 5000, 414, {}),
        ("GET", "/api/v1/events/{event}", 500, {"patch": _raise}),
        ("GET", "/api/v1/events/{event}", 503, {"patch": _unavailable}),
    ],
)
def test_every_error_under_api_is_json(client, world, monkeypatch, method, path, status, extra):
    if "patch" in extra:
        monkeypatch.setattr(serialize, "event", extra["patch"])
    response = client.open(
        path.format(event=world.event.id),
        method=method,
        data=extra.get("data"),
        content_type="application/json",
        headers=bearer(world.tokens["organizer"]),
    )
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert set(response.json["error"]) >= {"code", "message"}


def test_an_overlong_url_outside_the_api_is_a_page(client):
    response = client.get("/?q=" + "a" * 5000)
    assert response.status_code == 414 and response.mimetype == "text/html"


def test_gunicorn_lets_the_app_answer_overlong_urls(app):
    path = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    # The request line is "GET <url> HTTP/1.1": gunicorn must pass the app's longest URL.
    assert conf.limit_request_line >= app.config["MAX_URL_LENGTH"] + len("DELETE  HTTP/1.1")
