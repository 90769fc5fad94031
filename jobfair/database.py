"""Database URL resolution and per-connection settings for SQLite and PostgreSQL."""

import os
import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


def normalise_url(url: str) -> str:
    """Accept the URLs hosting providers hand out and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def configure(app: Flask) -> None:
    url = app.config.get("SQLALCHEMY_DATABASE_URI")
    if not url:
        url = "sqlite:///" + os.path.join(app.instance_path, "jobfair.sqlite")
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_url(url)
    if url.startswith("sqlite"):
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        options.setdefault("connect_args", {})["timeout"] = (
            app.config["SQLITE_BUSY_TIMEOUT_MS"] / 1000
        )
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = options


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    # WAL lets readers work while one gunicorn worker writes; the busy timeout
    # makes concurrent writers wait their turn instead of failing.
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def paginate(statement, *, per_page: int):
    """One page of `statement` for the `page` query argument, clamped to 1…the last page.

    A huge or negative page number shows the first or last page, never an error (an
    offset past PostgreSQL's bigint would be one).
    """
    from flask import current_app, request

    from .extensions import db

    page = request.args.get("page", 1, type=int) or 1
    page = min(max(page, 1), current_app.config["MAX_PAGE"])
    pagination = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    if page > 1 and page > pagination.pages:
        pagination = db.paginate(
            statement, page=max(pagination.pages, 1), per_page=per_page, error_out=False
        )
    return pagination
