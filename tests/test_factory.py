import sqlalchemy as sa

from jobfair import create_app
from jobfair.database import normalise_url
from jobfair.extensions import db


def test_test_config_overrides_defaults(app):
    assert app.testing
    assert app.config["SECRET_KEY"] == "test-secret-key-not-for-production"


def test_layered_configuration(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("PER_PAGE = 7\nSQLITE_BUSY_TIMEOUT_MS = 1234\n")
    monkeypatch.setenv("FLASK_SQLITE_BUSY_TIMEOUT_MS", "4321")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(instance))
    app = create_app()
    assert app.config["PER_PAGE"] == 7  # instance/config.py over the defaults
    assert app.config["SQLITE_BUSY_TIMEOUT_MS"] == 4321  # the environment over the file
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + str(instance / "jobfair.sqlite")


def test_secret_key_generated_once_into_instance(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert first == second and len(first) == 64
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_database_url_from_environment(tmp_path, monkeypatch):
    monkeypatch.setattr("flask.Flask.auto_find_instance_path", lambda self: str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db.internal:5432/jobfair")
    app = create_app()
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@db.internal:5432/jobfair"
    )


def test_normalise_url_leaves_sqlite_alone():
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"
    assert normalise_url("postgresql://h/db") == "postgresql+psycopg://h/db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app, backend):
    if backend != "sqlite":
        assert db.engine.dialect.name == "postgresql"
        return
    with db.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["timeout"] == 10


def test_health_check(client):
    assert client.get("/healthz").json == {"status": "ok"}
