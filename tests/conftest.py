"""Fixtures: `app`, `client`, `auth`, `create_*` factories, PostgreSQL and the browser.

The suite runs on SQLite by default and on a throwaway PostgreSQL cluster with
`--db=postgres`; `make test` runs both.
"""

import os
import re
import subprocess
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import g, request_started
from sqlalchemy.pool import NullPool

from jobfair import create_app, ranking
from jobfair.extensions import db

from .support.dates import fair_today
from .support.live_server import LiveServer
from .support.postgres import TemporaryCluster

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default=os.environ.get("JOBFAIR_TEST_DB", "sqlite"),
        help="database backend for the suite",
    )


@pytest.fixture(autouse=True)
def fast_password_hashes(monkeypatch):
    """Tests make many accounts: a cheap Argon2id keeps them fast. The app's own
    parameters are checked in test_auth."""
    from argon2 import PasswordHasher

    from jobfair import passwords

    monkeypatch.setattr(
        passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@pytest.fixture(scope="session")
def backend(request) -> str:
    return request.config.getoption("--db")


@pytest.fixture(scope="session")
def postgres_cluster(backend):
    cluster = TemporaryCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def database_url(backend, tmp_path_factory, request):
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        return cluster.create_database("jobfair_test")
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite")


@pytest.fixture(scope="session")
def schema(database_url, tmp_path_factory):
    """Create the tables once per session; each test then starts from empty tables."""
    app = create_app(_test_config(database_url, tmp_path_factory.mktemp("instance")))
    with app.app_context():
        db.create_all()
        dispose_engines()
    return database_url


def dispose_engines() -> None:
    """Close pooled connections so none is left for the garbage collector."""
    for engine in db.engines.values():
        engine.dispose()


def _test_config(database_url: str, instance_dir) -> dict:
    # Tests build many apps; without a pool no connection outlives its request.
    engine_options = {"poolclass": NullPool} if database_url.startswith("postgres") else {}
    return {
        "SQLALCHEMY_ENGINE_OPTIONS": engine_options,
        "TESTING": True,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        # Tests of two-factor sign-in turn it on; other tests log organizers in directly.
        "ORGANIZER_TWO_FACTOR_REQUIRED": False,
        "UPLOAD_FOLDER": str(instance_dir / "uploads"),
        # Jobs run when their starter commits, in this process (Huey's immediate mode).
        "JOBS_QUEUE": "immediate",
        "JOB_FILES_FOLDER": str(instance_dir / "job-files"),
        "SERVER_NAME": None,
    }


@pytest.fixture
def app_config(schema, tmp_path) -> dict:
    """Override keys here (before `app` is used) to change one test's configuration."""
    return _test_config(schema, tmp_path)


@pytest.fixture
def app(app_config, backend):
    app = create_app(app_config)

    # The test keeps one app context open so it can use the database; requests then
    # share it. Start each request with an empty `g`, as in production, so nothing
    # cached there (the logged-in user, the locale) leaks from one request to the next.
    @request_started.connect_via(app)
    def fresh_globals(sender, **extra):
        g.__dict__.clear()

    with app.app_context():
        yield app
        db.session.remove()
        _empty_tables(backend)
        dispose_engines()
        # Ids start again at 1 in the next test: no worker-level matcher may carry over.
        ranking.forget_all()


def _empty_tables(backend: str) -> None:
    tables = db.metadata.sorted_tables
    with db.engine.begin() as conn:
        if backend == "postgres":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(tables):
                conn.execute(table.delete())
            # AUTOINCREMENT tables remember their highest id; the next test starts at 1.
            conn.execute(sa.text("DELETE FROM sqlite_sequence"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


PASSWORD = "correct horse battery"


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, identifier: str, password: str = PASSWORD):
        return self._client.post(
            "/auth/login", data={"identifier": identifier, "password": password}
        )

    def logout(self):
        return self._client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


def finish_link(user_id: int | None = None) -> str:
    """The path of the link sign-up sent (the newest "finish opening your account" message,
    or the newest for `user_id`), as a person would find it in their mail."""
    from jobfair.models import Message

    query = sa.select(Message.body).where(Message.kind == "signup_finish")
    if user_id is not None:
        query = query.where(Message.user_id == user_id)
    body = db.session.scalar(query.order_by(Message.id.desc()))
    return re.search(r"https?://[^/\s]+(/auth/signup/finish/\S+)", body).group(1)


def finish_signup(client, user_id: int | None = None):
    """Open the sign-up link and press its button: the account is finished and signed in."""
    return client.post(finish_link(user_id))


# --- factories -----------------------------------------------------------------


@pytest.fixture
def create_organization(app):
    from jobfair.models import Organization

    counter = iter(range(1, 10_000))

    def make(**fields):
        n = next(counter)
        fields.setdefault("name", f"Company {n}")
        fields.setdefault("country", "JP")
        fields.setdefault("sector", "manufacturing")
        organization = Organization(**fields)
        db.session.add(organization)
        db.session.commit()
        return organization

    return make


@pytest.fixture
def create_user(app, create_organization):
    from datetime import time

    from jobfair.models import CandidateProfile, Event, User, UserRole

    counter = iter(range(1, 10_000))

    def _staff_event():
        day = fair_today()  # a door list expires at the fair's local midnight
        event = Event(
            name="Door volunteer's fair",
            venue="CJCC",
            city="Phnom Penh",
            starts_on=day,
            ends_on=day,
            opens_at=time(8, 30),
            closes_at=time(16, 30),
        )
        db.session.add(event)
        db.session.flush()
        return event

    def make(role: str = UserRole.CANDIDATE, password: str = PASSWORD, **fields):
        n = next(counter)
        fields.setdefault("email", f"{role}{n}@example.com")
        fields.setdefault("display_name", f"{role.title()} {n}")
        if role in (UserRole.EMPLOYER, UserRole.BOOTH) and "organization" not in fields:
            fields["organization"] = create_organization()
        if role == UserRole.DOOR and "staff_event_id" not in fields:
            # A door volunteer works one event: a fresh one unless the test names it.
            fields["staff_event_id"] = _staff_event().id
        profile_fields = fields.pop("profile", None)
        user = User(role=role, **fields)
        user.set_password(password)
        db.session.add(user)
        if role == UserRole.CANDIDATE:
            profile = {"full_name": user.display_name, **(profile_fields or {})}
            db.session.add(CandidateProfile(user=user, **profile))
        db.session.commit()
        return user

    return make


@pytest.fixture
def create_event(app):
    from datetime import date, time, timedelta

    from jobfair.models import Event

    def make(**fields):
        start = date.today() + timedelta(days=10)
        fields.setdefault("name", "Test Job Fair")
        fields.setdefault("venue", "CJCC")
        fields.setdefault("city", "Phnom Penh")
        fields.setdefault("starts_on", start)
        fields.setdefault("ends_on", start + timedelta(days=1))
        fields.setdefault("opens_at", time(8, 30))
        fields.setdefault("closes_at", time(16, 30))
        fields.setdefault("registration_open", True)
        fields.setdefault("published", True)
        event = Event(**fields)
        db.session.add(event)
        db.session.commit()
        return event

    return make


# --- the browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; missing parts fail the run."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    for family in ("Khmer OS", "Noto Sans CJK JP"):
        if family not in fonts:
            pytest.fail(
                f"font {family!r} is missing: `make test` installs fonts-khmeros and fonts-noto-cjk"
            )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(app):
    server = LiveServer(app).start()
    yield server
    server.stop()


PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot under test-artifacts/screenshots/ for people to look at."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    backend = request.config.getoption("--db")

    def shoot(page, name: str) -> Path:
        path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', name)}-{backend}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot
