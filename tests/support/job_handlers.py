"""Kinds of job for the queue's tests: slow steps, a failure on demand, a stolen lease.

Each writes an audit row when it finishes, so a test can count how often its work was
committed (exactly once, whatever happened to the workers).
"""

import time
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from jobfair.extensions import db
from jobfair.jobs import JobFailed, registry, runner
from jobfair.models import Job
from jobfair.models.audit import record_audit
from jobfair.models.base import utcnow

# Set by a test: the flaky kind fails while this is true.
BROKEN = {"flaky": False}
# What the "watched" kind saw of its own row while it ran.
SEEN: list[dict] = []


def _finish(run, note: str) -> None:
    record_audit(None, "test_job_work", run.job, note=note)
    run.keep_file(f"{note} {run.job.id}".encode(), f"result-{run.job.id}.txt", "text/plain")
    run.summary = note


@registry.handler("test-slow", label="Slow steps", max_attempts=3)
def slow_steps(run) -> None:
    steps = run.params.get("steps", 10)
    for step in range(steps):
        run.progress(step, steps)
        time.sleep(run.params.get("sleep", 0.2))
    run.progress(steps, steps)
    _finish(run, "slow")


@registry.handler("test-watched", label="Counting")
def watched(run) -> None:
    run.progress(4200, 9000)
    with db.engine.connect() as other:
        row = other.execute(
            sa.select(Job.status, Job.done, Job.total, Job.lease_until).where(Job.id == run.job.id)
        ).one()
    SEEN.append(row._asdict())
    _finish(run, "watched")


@registry.handler("test-flaky", label="Flaky", max_attempts=3)
def flaky(run) -> None:
    if BROKEN["flaky"]:
        raise RuntimeError("the printer is on fire")
    _finish(run, "flaky")


@registry.handler("test-refused", label="Refused")
def refused(run) -> None:
    raise JobFailed("Nobody is registered for this event yet.")


@registry.handler("test-stolen", label="Stolen")
def stolen(run) -> None:
    """On its first attempt, lose the lease (as a worker too slow to report would) while
    another worker takes the job and finishes it; then try to finish too."""
    if run.job.attempts == 1:
        with current_app.app_context():
            past = utcnow() - timedelta(seconds=1)
            db.session.execute(sa.update(Job).where(Job.id == run.job.id).values(lease_until=past))
            db.session.commit()
            runner.reap()  # gives the job to a second attempt, which runs it now (tests)
    _finish(run, f"attempt {run.job.attempts}")
