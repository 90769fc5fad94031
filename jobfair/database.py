"""Database URL resolution and per-connection settings for SQLite and PostgreSQL."""

import os
import sqlite3

import sqlalchemy as sa
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


def page_number() -> int:
    """The `page` query argument, clamped to 1…MAX_PAGE (an offset past PostgreSQL's bigint
    would be an error)."""
    from flask import current_app, request

    page = request.args.get("page", 1, type=int) or 1
    return min(max(page, 1), current_app.config["MAX_PAGE"])


def paginate(statement, *, per_page: int | None = None, page: int | None = None):
    """One page of `statement` for the `page` query argument: its rows (LIMIT/OFFSET) and the
    whole list's size (COUNT), as a `paging.Page`. A page past the end shows the last one.
    """
    from flask import current_app

    from .extensions import db
    from .paging import Page, window

    per_page = per_page or current_app.config["PER_PAGE"]
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(statement.order_by(None).subquery())
    )
    shown = window(total=total, page=page or page_number(), per_page=per_page)
    items = db.session.scalars(statement.limit(per_page).offset(shown.offset)).unique().all()
    return Page(items=list(items), total=total, shown=shown)
