"""Running a job exactly once: claim, run the handler, record the outcome with its writes.

A worker claims a queued job with one conditional UPDATE (queued -> running, attempts + 1,
a lease), so two deliveries of one id never both run it. The handler's database writes are
committed in the same transaction that marks the job done, and only if this worker still
holds the job (its attempt number): a worker killed before that commit left nothing, and the
reaper hands the job to another worker once the lease runs out; a job whose commit happened
never runs again. Expected failures (`JobFailed`) stop at once with their message; any other
exception is logged and the job tried again after JOBS_RETRY_SECONDS, up to its
`max_attempts`, then failed with a general message.
"""

import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from ..extensions import db
from ..models import Job, JobStatus
from ..models.base import utcnow
from . import queue, registry
from .run import JobFailed, JobRun, LeaseLost, lease_deadline, remove_file

log = logging.getLogger(__name__)
# How an attempt ended, besides done or a JobFailed message.
LOST, RETRY = object(), object()
# Marks the parameters of an old failed job as forgotten (`forget_old_params`).
FORGOTTEN = "forgotten"


def claim(job_id: int) -> int | None:
    """Take the job if it is still queued; the attempt number, or None if someone has it."""
    taken = db.session.execute(
        sa.update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.QUEUED)
        .values(
            status=JobStatus.RUNNING,
            attempts=Job.attempts + 1,
            lease_until=lease_deadline(),
            started_at=utcnow(),
        )
    ).rowcount
    db.session.commit()
    if taken != 1:
        return None
    return db.session.scalar(sa.select(Job.attempts).where(Job.id == job_id))


def mine(job_id: int, attempt: int):
    """The condition that this worker still holds the job."""
    return sa.and_(Job.id == job_id, Job.status == JobStatus.RUNNING, Job.attempts == attempt)


def execute(job_id: int) -> None:
    """Run job `job_id` if it still needs running (Huey's task calls this in a worker)."""
    attempt = claim(job_id)
    if attempt is None:
        return
    job = db.session.get(Job, job_id)
    if job is None:  # deleted with its event since the claim
        return
    run = JobRun(job)
    outcome = None
    with force_locale(job.params.get("locale") or current_app.config["BABEL_DEFAULT_LOCALE"]):
        try:
            handler = registry.get(job.kind)
            if handler is None:
                raise JobFailed(_("This kind of job is no longer known to the server."))
            handler.func(run)
            finish(run, attempt)
        except LeaseLost:
            log.warning("job %s: lease lost in attempt %s; another worker has it", job_id, attempt)
            outcome = LOST
        except JobFailed as exc:
            outcome = str(exc)
        except Exception:
            log.exception("job %s (%s) failed in attempt %s", job_id, job.kind, attempt)
            outcome = RETRY
        if outcome is None:
            return
        db.session.rollback()
        run.discard_file()
        # Outside the except blocks: a retry may run at once (tests' immediate queue).
        if outcome is RETRY:
            retry_later(job_id, attempt)
        elif outcome is not LOST:
            give_up(job_id, attempt, outcome)


def finish(run: JobRun, attempt: int) -> None:
    """Mark the job done in the transaction that holds the handler's writes, and commit."""
    stored, name, mime = run.file or (None, None, None)
    done = db.session.execute(
        sa.update(Job)
        .where(mine(run.job.id, attempt))
        .values(
            status=JobStatus.DONE,
            done=run.job.done,
            total=run.job.total,
            summary=run.summary,
            result_path=stored,
            result_name=name,
            result_mime=mime,
            error="",
            lease_until=None,
            finished_at=utcnow(),
        )
    ).rowcount
    if done != 1:
        raise LeaseLost(run.job.id)
    db.session.commit()


def give_up(job_id: int, attempt: int, message: str) -> None:
    db.session.execute(
        sa.update(Job)
        .where(mine(job_id, attempt))
        .values(status=JobStatus.FAILED, error=message, lease_until=None, finished_at=utcnow())
    )
    db.session.commit()


def retry_later(job_id: int, attempt: int) -> None:
    """Queue the job again after JOBS_RETRY_SECONDS, or fail it after its last attempt."""
    left = db.session.scalar(
        sa.select(Job.max_attempts - Job.attempts).where(mine(job_id, attempt))
    )
    if left is None:
        return
    if left <= 0:
        give_up(job_id, attempt, generic_failure())
        return
    delay = current_app.config["JOBS_RETRY_SECONDS"] * 2 ** (attempt - 1)
    requeue(job_id, mine(job_id, attempt), delay)


def requeue(job_id: int, condition, delay: float = 0) -> bool:
    """Put the job back in the queue (if `condition` still holds) and deliver it again."""
    deadline = utcnow() + timedelta(seconds=delay + current_app.config["JOBS_UNCLAIMED_SECONDS"])
    moved = db.session.execute(
        sa.update(Job).where(condition).values(status=JobStatus.QUEUED, lease_until=deadline)
    ).rowcount
    db.session.commit()
    if moved == 1:
        queue.current().enqueue(job_id, delay)
    return moved == 1


def generic_failure() -> str:
    return _("The job stopped because of an error on the server. An organizer can try it again.")


def reap() -> int:
    """Deliver again the jobs whose worker vanished (lease over) or whose delivery was lost.

    Run every minute by the workers' scheduler and once when a worker starts. A running job
    out of attempts is failed instead. Returns how many jobs it moved.
    """
    now = utcnow()
    lost = db.session.execute(
        sa.select(Job.id, Job.status, Job.attempts, Job.max_attempts, Job.params).where(
            Job.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]), Job.lease_until < now
        )
    ).all()
    db.session.rollback()
    moved = 0
    for job_id, status, attempts, max_attempts, params in lost:
        same = sa.and_(Job.id == job_id, Job.status == status, Job.attempts == attempts)
        same = sa.and_(same, Job.lease_until < now)
        if status == JobStatus.RUNNING and attempts >= max_attempts:
            with force_locale((params or {}).get("locale") or "en"):
                message = generic_failure()
            gone = db.session.execute(
                sa.update(Job)
                .where(same)
                .values(status=JobStatus.FAILED, error=message, lease_until=None, finished_at=now)
            ).rowcount
            db.session.commit()
            moved += gone
            continue
        if status == JobStatus.RUNNING:
            log.warning("job %s: attempt %s lost its worker; queued again", job_id, attempts)
        moved += requeue(job_id, same)
    remove_old_files(now)
    forget_old_params(now)
    return moved


def remove_old_files(now) -> int:
    """Remove finished files older than JOB_FILES_KEEP_DAYS: badge sheets and lists hold
    names, and can be made again. Returns how many were removed."""
    before = now - timedelta(days=current_app.config["JOB_FILES_KEEP_DAYS"])
    old = db.session.execute(
        sa.select(Job.id, Job.result_path).where(
            Job.result_path.is_not(None), Job.finished_at < before
        )
    ).all()
    for job_id, stored in old:
        db.session.execute(
            sa.update(Job)
            .where(Job.id == job_id, Job.result_path == stored)
            .values(result_path=None)
        )
        db.session.commit()
        remove_file(stored)
    return len(old)


def forget_old_params(now) -> int:
    """Forget what failed jobs older than JOB_FILES_KEEP_DAYS were given (an import's rows
    hold names, emails and phones): only the language stays, and the job can no longer be
    tried again. Returns how many were forgotten."""
    before = now - timedelta(days=current_app.config["JOB_FILES_KEEP_DAYS"])
    old = db.session.execute(
        sa.select(Job.id, Job.params).where(
            Job.status == JobStatus.FAILED, Job.finished_at < before
        )
    ).all()
    forgotten = 0
    for job_id, params in old:
        if (params or {}).get(FORGOTTEN):
            continue
        kept = {"locale": (params or {}).get("locale"), FORGOTTEN: True}
        db.session.execute(
            sa.update(Job)
            .where(Job.id == job_id, Job.status == JobStatus.FAILED)
            .values(params=kept)
        )
        forgotten += 1
    db.session.commit()
    return forgotten


def can_retry(job: Job) -> bool:
    """A failed job whose parameters are still kept."""
    return job.status == JobStatus.FAILED and not (job.params or {}).get(FORGOTTEN)


def retry(job: Job) -> None:
    """An organizer tries a failed job again, with all its attempts. The caller commits."""
    if not can_retry(job):
        raise ValueError("only a failed job whose parameters are kept can be tried again")
    job.status = JobStatus.QUEUED
    job.attempts = 0
    job.done = 0
    job.error = ""
    job.finished_at = None
    job.lease_until = utcnow() + timedelta(seconds=current_app.config["JOBS_UNCLAIMED_SECONDS"])
    queue.enqueue_after_commit(job.id)
