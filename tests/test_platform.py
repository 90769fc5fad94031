"""Platform-wide guarantees: error pages, CSRF, headers, migrations, CLI commands."""

import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade

from jobfair import create_app
from jobfair.extensions import db
from jobfair.models import (
    CandidateProfile,
    Event,
    Exhibitor,
    Organization,
    Registration,
    Role,
    User,
    UserRole,
)

from .conftest import PASSWORD, _test_config, dispose_engines

# --- error pages -----------------------------------------------------------------


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Page not found" in page and 'href="/"' in page
    assert "Traceback" not in page and "Werkzeug" not in page


def test_oversized_request_is_a_friendly_413(client):
    response = client.post("/auth/login", data={"identifier": "x" * (7 * 1024 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_wrong_method_is_a_friendly_405(client):
    response = client.get("/auth/logout")
    assert response.status_code == 405
    assert "not allowed" in response.get_data(as_text=True)


@pytest.fixture
def failing_app(app_config):
    """An app with one route that writes, then fails before it can commit."""
    app_config["PROPAGATE_EXCEPTIONS"] = False
    app = create_app(app_config)

    @app.route("/boom")
    def boom():
        db.session.add(Organization(name="Half written", country="KH", sector="it"))
        db.session.flush()
        raise RuntimeError("boom")

    return app


def test_a_crash_is_a_friendly_500_and_nothing_is_saved(failing_app, app):
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    assert "Nothing was saved" in response.get_data(as_text=True)
    with failing_app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Organization)) == 0
        dispose_engines()


def _limited_client(app_config, **limits):
    app_config.update(RATELIMIT_ENABLED=True, **limits)
    return create_app(app_config).test_client()


def _login(client, identifier, address="10.0.0.1", **headers):
    return client.post(
        "/auth/login",
        data={"identifier": identifier, "password": "wrong-pass"},
        environ_base={"REMOTE_ADDR": address},
        headers=headers,
    ).status_code


def test_too_many_logins_to_one_account_are_a_friendly_429(app_config):
    client = _limited_client(app_config, AUTH_RATE_LIMIT="3 per minute")
    # The same account, typed differently, from different addresses.
    typed = ["012 345 678", "+855 12 345 678", "012-345-678", "85512345678"]
    statuses = [_login(client, t, address=f"10.0.0.{i}") for i, t in enumerate(typed)]
    assert statuses == [200, 200, 200, 429]
    response = client.post("/auth/login", data={"identifier": "012345678", "password": "x"})
    assert response.status_code == 429
    assert "Please wait a minute before trying again." in response.get_data(as_text=True)
    assert _login(client, "someone-else@example.com") == 200


def test_many_people_behind_one_address_can_sign_up(app_config):
    """A fair's Wi-Fi: the per-address limit is looser than the per-account one."""
    client = _limited_client(
        app_config, AUTH_RATE_LIMIT="2 per minute", AUTH_ADDRESS_RATE_LIMIT="5 per minute"
    )
    statuses = [_login(client, f"person{i}@example.com") for i in range(6)]
    assert statuses == [200] * 5 + [429]
    assert _login(client, "person9@example.com", address="10.0.0.2") == 200


def test_behind_a_proxy_the_forwarded_address_counts(app_config):
    client = _limited_client(app_config, AUTH_ADDRESS_RATE_LIMIT="2 per minute", PROXY_COUNT=1)
    proxy = "127.0.0.1"
    first = [
        _login(client, f"p{i}@example.com", proxy, **{"X-Forwarded-For": "203.0.113.7"})
        for i in range(3)
    ]
    assert first == [200, 200, 429]
    other = _login(client, "q@example.com", proxy, **{"X-Forwarded-For": "203.0.113.8"})
    assert other == 200


# --- CSRF on every unsafe request ------------------------------------------------------


def _unsafe_rules(app):
    for rule in app.url_map.iter_rules():
        for method in sorted((rule.methods or set()) & {"POST", "PUT", "PATCH", "DELETE"}):
            yield rule, method


def _concrete_path(rule) -> str:
    """The rule with every variable filled: ids as 1, `any(a, b)` as its first choice."""
    path = re.sub(r"<any\(([^,)]+)[^>]*>", lambda m: m.group(1).strip(), rule.rule)
    return re.sub(r"<(?:[^:>]+:)?[^>]+>", "1", path)


@pytest.mark.parametrize("role", [None, *UserRole])
def test_every_unsafe_request_without_a_csrf_token_is_refused(app_config, create_user, role):
    app_config["WTF_CSRF_ENABLED"] = True
    app = create_app(app_config)
    client = app.test_client()
    if role:
        user = create_user(role=role)
        # Log in through the form, with the token, as a browser would.
        page = client.get("/auth/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        response = client.post(
            "/auth/login",
            data={"identifier": user.email, "password": PASSWORD, "csrf_token": token},
        )
        assert response.status_code == 302
    checked = 0
    for rule, method in _unsafe_rules(app):
        response = client.open(_concrete_path(rule), method=method, data={"x": "1"})
        # The API reads no cookie, only a bearer token: without one it is 401, never acted on.
        refused = 401 if rule.rule.startswith("/api/") else 400
        assert response.status_code == refused, (rule.rule, method, response.status_code)
        checked += 1
    assert checked >= 4


# --- headers ----------------------------------------------------------------------


def test_security_headers_on_every_page(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert "Strict-Transport-Security" not in response.headers
    assert client.get("/", base_url="https://localhost").headers["Strict-Transport-Security"]


def test_signed_in_pages_are_never_cached(client, auth, create_user):
    create_user(email="a@example.com")
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    auth.login("a@example.com")
    for path in ("/", "/me/", "/no/such/page"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_session_cookie_is_httponly_and_lax(client, create_user):
    create_user(email="a@example.com")
    response = client.post(
        "/auth/login", data={"identifier": "a@example.com", "password": PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_secure_cookies_when_served_over_https(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_PREFERRED_URL_SCHEME", "https")
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True


# --- the schema: migrations build what the models say -------------------------------


@pytest.fixture
def fresh_database_url(backend, request, tmp_path):
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        return cluster.create_database(f"fresh_{os.getpid()}_{request.node.name[-20:].lower()}")
    return "sqlite:///" + str(tmp_path / "fresh.sqlite")


def test_migrations_build_exactly_the_models(fresh_database_url, tmp_path):
    app = create_app(_test_config(fresh_database_url, tmp_path))
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, db.metadata)
            heads = context.get_current_heads()
        dispose_engines()
    assert differences == []
    assert len(heads) == 1


# --- invariants the database guards ------------------------------------------------------


def test_one_registration_per_candidate_per_event(app, create_user, create_event):
    profile = create_user().profile
    event = create_event()
    db.session.add(Registration(event=event, candidate=profile))
    db.session.commit()
    db.session.add(Registration(event=event, candidate=profile))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Registration)) == 1


def test_one_booth_per_exhibitor_and_event(app, create_organization, create_event):
    event = create_event()
    first, second = create_organization(), create_organization()
    db.session.add_all(
        [
            Exhibitor(event=event, organization=first, booth_code="A1"),
            Exhibitor(event=event, organization=second, booth_code="A1"),
        ]
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_an_event_cannot_end_before_it_starts(app, create_event):
    from datetime import date

    with pytest.raises(sa.exc.IntegrityError):
        create_event(starts_on=date(2026, 12, 2), ends_on=date(2026, 12, 1))
    db.session.rollback()


def test_ticket_tokens_are_unguessable(app, create_user, create_event):
    event = create_event()
    tokens = set()
    for _ in range(5):
        registration = Registration(event=event, candidate=create_user().profile)
        db.session.add(registration)
        db.session.commit()
        assert len(registration.ticket_token) >= 32
        assert str(registration.id) != registration.ticket_token
        tokens.add(registration.ticket_token)
    assert len(tokens) == 5


# --- command line ---------------------------------------------------------------------


def test_create_organizer_is_the_only_way_to_an_organizer(runner):
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
    result = runner.invoke(
        args=["create-organizer", "boss@example.org", "--password", "a long passphrase"]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User))
    assert user.role == UserRole.ORGANIZER
    assert user.password_hash != "a long passphrase" and user.check_password("a long passphrase")


def test_create_organizer_refuses_short_passwords_and_duplicates(runner):
    assert runner.invoke(
        args=["create-organizer", "a@example.org", "--password", "short"]
    ).exit_code
    ok = runner.invoke(args=["create-organizer", "a@example.org", "--password", "long enough!"])
    assert ok.exit_code == 0
    again = runner.invoke(args=["create-organizer", "a@example.org", "--password", "long enough!"])
    assert again.exit_code != 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_seed_demo_builds_the_fair_and_refuses_to_run_twice(runner):
    result = runner.invoke(args=["seed-demo", "--password", "demo-pass-123", "--candidates", "120"])
    assert result.exit_code == 0, result.output
    assert "demo-pass-123" in result.output
    count = lambda model: db.session.scalar(sa.select(sa.func.count()).select_from(model))  # noqa: E731
    # This year's fair, and last year's (ended) for the funnel's year-on-year comparison.
    fair, last_year = db.session.scalars(sa.select(Event).order_by(Event.starts_on.desc())).all()
    assert last_year.ends_on < date.today() < fair.starts_on
    of_fair = lambda model: db.session.scalar(  # noqa: E731
        sa.select(sa.func.count()).select_from(model).where(model.event_id == fair.id)
    )
    assert of_fair(Exhibitor) == 45
    japanese = db.session.scalar(
        sa.select(sa.func.count()).select_from(Organization).where(Organization.country == "JP")
    )
    assert japanese == 16
    assert 100 <= of_fair(Role) <= 140
    assert count(CandidateProfile) == 120
    needs_japanese = [
        role
        for role in db.session.scalars(sa.select(Role))
        if any(req.get("level") in ("N4", "N3") for req in role.languages)
    ]
    assert len(needs_japanese) >= 5
    before = count(User)
    refused = runner.invoke(args=["seed-demo"])
    assert refused.exit_code != 0 and "already has data" in refused.output
    assert runner.invoke(args=["seed-demo", "--if-empty"]).exit_code == 0
    assert count(User) == before


def test_seed_demo_is_deterministic(runner):
    runner.invoke(args=["seed-demo", "--password", "x" * 10, "--candidates", "50"])
    first = [
        (p.full_name, p.province, tuple(p.skills))
        for p in db.session.scalars(sa.select(CandidateProfile).order_by(CandidateProfile.id))
    ]
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    runner.invoke(args=["seed-demo", "--password", "y" * 10, "--candidates", "50"])
    second = [
        (p.full_name, p.province, tuple(p.skills))
        for p in db.session.scalars(sa.select(CandidateProfile).order_by(CandidateProfile.id))
    ]
    assert first == second and len(first) == 50


def test_form_fields_carry_no_empty_attributes(client):
    page = client.get("/auth/signup").get_data(as_text=True)
    assert '="None"' not in page
    assert 'aria-describedby=""' not in page


def test_trusted_hosts_refuse_other_host_headers(app_config):
    app_config["TRUSTED_HOSTS"] = ["jobs.example.org"]
    client = create_app(app_config).test_client()
    assert client.get("/", base_url="http://jobs.example.org").status_code == 200
    assert client.get("/", base_url="http://evil.example").status_code == 400


def test_skill_autocomplete_answers_json(client):
    data = client.get("/skills.json?q=excel").get_json()
    assert any("excel" in name.lower() for name in data["skills"])
    assert client.get("/skills.json?q=").get_json() == {"skills": []}


def test_skill_suggestions_come_in_the_typers_script_first(client):
    """Issue #24: 溶接 offered nothing; a Khmer ផ្សារ ("weld"/"market") offered "marketing…"."""
    japanese = client.get("/skills.json?q=溶接").get_json()["skills"]
    assert japanese[0] == "溶接" and "welding" in japanese
    khmer = client.get("/skills.json?q=ផ្សារ").get_json()["skills"]
    assert khmer[0] == "ផ្សារដែក" and "welding" in khmer
    first_english = next(i for i, name in enumerate(khmer) if name.isascii())
    assert all(not name.isascii() for name in khmer[:first_english])
    assert not any("market" in name for name in khmer[: khmer.index("welding")])


def test_extra_form_fields_do_not_make_a_fresh_log_in_bucket(app_config):
    """Finding: the key joined identifier, email and phone from whatever the form sent, so a
    random `email` beside the identifier gave every guess a bucket of its own."""
    client = _limited_client(app_config, AUTH_RATE_LIMIT="3 per minute")
    statuses = [
        client.post(
            "/auth/login",
            data={
                "identifier": f"  Victim@Example.com{' ' * n}",
                "password": f"wrong{n}",
                "email": f"random{n}@example.com",
                "phone": f"01234{n:04d}",
            },
            environ_base={"REMOTE_ADDR": f"10.0.1.{n}"},
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    reset = [
        client.post(
            "/auth/reset/",
            data={"identifier": "victim@example.com", "email": f"r{n}@example.com"},
            environ_base={"REMOTE_ADDR": f"10.0.2.{n}"},
        ).status_code
        for n in range(5)
    ]
    assert reset == [302, 302, 302, 429, 429]


def test_seed_demo_prints_the_address_the_server_listens_on(runner, monkeypatch):
    monkeypatch.setenv("BIND", "127.0.0.1:8123")
    result = runner.invoke(args=["seed-demo", "--password", "demo-pass-123", "--candidates", "20"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/auth/login" in result.output
    assert ":8000" not in result.output
    again = runner.invoke(args=["seed-demo", "--if-empty", "--bind", "0.0.0.0:9000"])
    assert "Log in at http://127.0.0.1:9000/auth/login" in again.output


def test_make_run_passes_its_host_and_port_to_the_demo():
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "BIND=127.0.0.1:8123 .venv/bin/flask --app jobfair seed-demo --if-empty" in plan


def test_the_site_has_an_icon(client):
    with client.get("/favicon.ico") as icon:
        assert icon.status_code == 200 and icon.mimetype == "image/vnd.microsoft.icon"
        assert icon.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
    page = client.get("/auth/login").get_data(as_text=True)
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert "/favicon.ico" in links and len(links) == 2
    for link in links:
        with client.get(link) as response:
            assert response.status_code == 200
