"""Slow work on a job queue: badge sheets, exports, imports, CV reading.

`start(kind, owner=..., event=..., params=...)` adds a `jobs` row and delivers it to a
worker (`flask jobs-worker`, Huey) once the caller commits; the starter follows it on
/jobs/<id> and downloads its file there. Handlers are registered beside the code they run
with `registry.handler`; the runner (runner.py) makes sure each job is done once.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, abort, current_app, has_request_context
from flask_babel import get_locale

from ..extensions import db
from ..models import Job, JobStatus, User, UserRole
from ..models.base import utcnow
from . import queue, registry, runner
from .registry import handler
from .run import JobFailed, JobRun

__all__ = ["JobFailed", "JobRun", "configure", "get_job_or_404", "handler", "recent", "start"]


def configure(app: Flask) -> None:
    app.extensions["jobs"] = queue.Queue(app, execute=runner.execute, reap=runner.reap)


def start(kind: str, *, owner: User | None, event=None, params: dict | None = None) -> Job:
    """Add a job of `kind`; it is delivered to a worker after the caller commits."""
    known = registry.get(kind)
    if known is None:
        raise ValueError(f"no handler for jobs of kind {kind!r}")
    params = dict(params or {})
    # `current_user` is a proxy: the row needs the user itself.
    owner = getattr(owner, "_get_current_object", lambda: owner)()
    # The worker speaks the starter's language: their messages, labels in files.
    if has_request_context():
        locale = str(get_locale())
    else:
        locale = getattr(owner, "locale", None) or current_app.config["BABEL_DEFAULT_LOCALE"]
    params.setdefault("locale", locale)
    job = Job(
        kind=kind,
        owner=owner,
        event=event,
        params=params,
        status=JobStatus.QUEUED,
        max_attempts=known.max_attempts,
        lease_until=utcnow() + timedelta(seconds=current_app.config["JOBS_UNCLAIMED_SECONDS"]),
    )
    db.session.add(job)
    db.session.flush()
    queue.enqueue_after_commit(job.id)
    return job


def recent(owner: User, *, event=None, kinds=(), limit: int = 5) -> list[Job]:
    """The jobs `owner` started lately (of an event, of these kinds), newest first."""
    statement = sa.select(Job).where(Job.owner_id == owner.id)
    if event is not None:
        statement = statement.where(Job.event_id == event.id)
    if kinds:
        statement = statement.where(Job.kind.in_(kinds))
    return db.session.scalars(statement.order_by(Job.id.desc()).limit(limit)).all()


def get_job_or_404(job_id: int, *, for_user: User) -> Job:
    """A job its starter or an organizer may follow; 404 for anyone else."""
    job = db.session.get(Job, job_id)
    if job is None:
        abort(404)
    if job.owner_id == for_user.id or for_user.role == UserRole.ORGANIZER:
        return job
    abort(404)
