"""A locked or unreachable database gives a friendly page and a log line, and no half-written rows."""

import logging
import socket
import sqlite3

import pytest
import sqlalchemy as sa

from jobfair import create_app
from jobfair.extensions import db
from jobfair.models import User

from .conftest import dispose_engines

SIGNUP = {
    "display_name": "Sok Dara",
    "email": "dara@example.com",
    "password": "a long pass phrase",
    "confirm": "a long pass phrase",
}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_locked_sqlite_database_is_a_friendly_503(app_config, backend, caplog):
    if backend != "sqlite":
        pytest.skip("SQLite's file locking; the PostgreSQL run covers an unreachable server")
    app_config["SQLITE_BUSY_TIMEOUT_MS"] = 200
    app = create_app(app_config)
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with caplog.at_level(logging.ERROR):
            response = app.test_client().post("/auth/signup", data=SIGNUP)
    finally:
        blocker.rollback()
        blocker.close()
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Nothing was saved" in page and "Traceback" not in page
    assert any("database error" in r.getMessage() for r in caplog.records)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0
        dispose_engines()


@pytest.mark.parametrize(
    "path, method", [("/", "GET"), ("/auth/login", "POST"), ("/healthz", "GET")]
)
def test_an_unreachable_database_is_a_friendly_503(app_config, caplog, path, method):
    app_config["SQLALCHEMY_DATABASE_URI"] = (
        f"postgresql+psycopg://nobody@127.0.0.1:{closed_port()}/jobfair?connect_timeout=2"
    )
    app = create_app(app_config)
    with caplog.at_level(logging.ERROR):
        response = app.test_client().open(
            path, method=method, data={"identifier": "a@example.com", "password": "whatever pw"}
        )
    if path == "/":
        # The home page needs no database for visitors.
        assert response.status_code == 200
        return
    assert response.status_code == 503
    assert "busy" in response.get_data(as_text=True)
    assert any("database error" in r.getMessage() for r in caplog.records)
