"""What a handler is given: its job, its parameters, and ways to report progress and keep a file."""

import os
import secrets
import time
from collections.abc import Callable
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm.attributes import set_committed_value

from ..extensions import db
from ..models import Job, JobStatus
from ..models.base import utcnow


class JobFailed(Exception):
    """An expected failure, with a sentence for the person who started the job: no retry."""


class LeaseLost(Exception):
    """This worker's lease ran out and the job went to another worker: stop quietly."""


def files_folder() -> str:
    return current_app.config["JOB_FILES_FOLDER"] or os.path.join(
        current_app.instance_path, "job-files"
    )


def lease_deadline():
    return utcnow() + timedelta(seconds=current_app.config["JOBS_LEASE_SECONDS"])


class JobRun:
    """One attempt at a job. Handlers read `job` and `params`; the runner writes the status."""

    def __init__(self, job: Job):
        self.job = job
        self.params = dict(job.params or {})
        self.summary = ""
        self.file: tuple[str, str, str] | None = None  # (stored name, download name, mime)
        self._attempt = job.attempts
        self._written_at = 0.0

    def progress(self, done: int, total: int | None = None) -> None:
        """Record how far the job is ("4,200 of 9,000") and renew this worker's lease.

        Written in its own short transaction on its own connection (the handler's session
        keeps its writes for the final commit), at most every JOBS_PROGRESS_SECONDS. On
        SQLite call it only while the handler's session holds no uncommitted writes.
        """
        total = self.job.total if total is None else total
        set_committed_value(self.job, "done", done)
        set_committed_value(self.job, "total", total)
        now = time.monotonic()
        interval = current_app.config["JOBS_PROGRESS_SECONDS"]
        if now - self._written_at < interval and done != total:
            return
        self._written_at = now
        with db.engine.begin() as connection:
            renewed = connection.execute(
                sa.update(Job)
                .where(
                    Job.id == self.job.id,
                    Job.status == JobStatus.RUNNING,
                    Job.attempts == self._attempt,
                )
                .values(done=done, total=total, lease_until=lease_deadline())
            ).rowcount
        if renewed != 1:
            raise LeaseLost(self.job.id)

    def keep_file(self, data: bytes, filename: str, mimetype: str) -> None:
        """Keep the finished file; the person who started the job downloads it afterwards."""
        folder = files_folder()
        os.makedirs(folder, exist_ok=True)
        stored = secrets.token_hex(16)
        with open(os.path.join(folder, stored), "wb") as handle:
            handle.write(data)
        self.discard_file()
        self.file = (stored, filename, mimetype)

    def discard_file(self) -> None:
        """Remove a file kept by this attempt (it failed, or it kept another)."""
        if self.file is not None:
            remove_file(self.file[0])
            self.file = None


def remove_file(stored: str | None) -> None:
    if stored:
        try:
            os.remove(os.path.join(files_folder(), os.path.basename(stored)))
        except FileNotFoundError:
            pass


def in_batches(run: "JobRun | None", ids: list, rows: Callable, write: Callable) -> None:
    """`write` every row of `rows(ids_of_a_batch)` (a select), MESSAGE_BATCH ids at a time.

    In a job (`run`), each batch but the last is committed and followed by a progress report,
    which renews the job's lease: tens of thousands of messages in one transaction would
    outlast it, and the job would go to another worker and start again. The caller's commit
    ends the last batch, so a handler that skips what is already written goes on, when tried
    again after a crash, from the last batch committed. Without a job: one batch, no commit.
    """
    batch = current_app.config["MESSAGE_BATCH"] if run is not None else max(1, len(ids))
    # No report before the first commit: the caller's session may already hold writes.
    for start in range(0, len(ids), batch):
        for row in db.session.scalars(rows(ids[start : start + batch])).unique().all():
            write(row)
        if run is not None and start + batch < len(ids):
            db.session.commit()
            run.progress(start + batch, len(ids))
    if run is not None:
        # Not run.progress: on SQLite it may not write while this session holds writes.
        set_committed_value(run.job, "done", len(ids))
