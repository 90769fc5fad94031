"""Delivering job ids to workers with Huey, on SQLite, Redis or in memory (tests).

JOBS_QUEUE picks the storage: unset, a SQLite file beside the database
(instance/queue.db), which `make run` serves with one `flask jobs-worker` beside gunicorn;
`redis://host:6379/1` when workers run on their own machines; `immediate` in tests (the job
runs when it is enqueued, on the same code path). Huey only delivers: the `jobs` row says
what still needs doing (jobfair/jobs/runner.py), so a lost message costs a delay, never a job.
"""

import os
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask, current_app
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab

from ..extensions import db

PENDING = "jobs_to_enqueue"


class Queue:
    """The app's Huey instance and its two tasks: run one job, and reap lost ones."""

    def __init__(self, app: Flask, execute: Callable[[int], None], reap: Callable[[], int]):
        self.huey = make_huey(app)

        @self.huey.task(name="run_job")
        def run_job(job_id: int) -> None:
            # A fresh app context: its own database session, as in a request.
            with app.app_context():
                execute(job_id)

        @self.huey.periodic_task(crontab(minute="*"), name="reap_jobs")
        def reap_jobs() -> None:
            with app.app_context():
                reap()

        self.run_job = run_job

    def enqueue(self, job_id: int, delay: float = 0) -> None:
        if delay > 0 and not self.huey.immediate:
            self.run_job.schedule(args=(job_id,), delay=delay)
        else:
            self.run_job(job_id)


def make_huey(app: Flask):
    url = app.config["JOBS_QUEUE"] or "sqlite:///" + os.path.join(app.instance_path, "queue.db")
    options = {"results": False, "utc": True}
    if url == "immediate":
        return MemoryHuey("jobfair", immediate=True, **options)
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("jobfair", url=url, **options)
    if url.startswith("sqlite:///"):
        return SqliteHuey("jobfair", filename=url.removeprefix("sqlite:///"), **options)
    raise ValueError(f"JOBS_QUEUE must be immediate, sqlite:///FILE or redis://…, not {url!r}")


def current() -> Queue:
    return current_app.extensions["jobs"]


def enqueue_after_commit(job_id: int) -> None:
    """Deliver the job once the caller's transaction commits, so the worker finds its row."""
    db.session.info.setdefault(PENDING, []).append(job_id)


@sa.event.listens_for(sa.orm.Session, "after_commit")
def _deliver(session) -> None:
    job_ids = session.info.pop(PENDING, None)
    if job_ids:
        queue = current()
        for job_id in job_ids:
            queue.enqueue(job_id)


@sa.event.listens_for(sa.orm.Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop(PENDING, None)
