"""Slow work done outside requests: one row per job, the durable truth the queue only delivers."""

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User
from .base import UTCDateTime, enum_check, utcnow
from .events import Event


class JobStatus(enum.StrEnum):
    QUEUED = "queued"  # waiting for a worker (again, after a failed attempt or a lost worker)
    RUNNING = "running"  # claimed by one worker, whose lease runs until `lease_until`
    DONE = "done"
    FAILED = "failed"


class Job(db.Model):
    """A piece of slow work (badge sheets, an export, an import) and what became of it.

    Huey delivers the job's id to a worker; this row says whether it still needs doing. A
    worker claims it with one conditional UPDATE, renews its lease with every progress
    report, and marks it done in the same transaction as the handler's own writes.
    """

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(sa.String(10), default=JobStatus.QUEUED)
    owner_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    event_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    # What the handler needs (an import's rows: personal data). Loaded only when read, so the
    # progress polls and lists never carry it; a failed job's is forgotten after
    # JOB_FILES_KEEP_DAYS (`runner.forget_old_params`), after which it cannot be retried.
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict, deferred=True)
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=3)
    # Running: the worker's lease. Queued: by when a worker should have claimed it, else
    # the reaper delivers it again (a message lost with the queue's storage).
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # For the person who started it: '' or a sentence; tracebacks go to the logs only.
    error: Mapped[str] = mapped_column(sa.Text, default="")
    # The finished file, under JOB_FILES_FOLDER (a random name), and its download name.
    result_path: Mapped[str | None] = mapped_column(sa.String(200))
    result_name: Mapped[str | None] = mapped_column(sa.String(200))
    result_mime: Mapped[str | None] = mapped_column(sa.String(100))
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    owner: Mapped[User | None] = relationship()
    event: Mapped[Event | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(enum_check("status", JobStatus), name="status_known"),
        sa.CheckConstraint("attempts >= 0 AND max_attempts >= 1", name="attempts_counted"),
        sa.CheckConstraint("done >= 0", name="done_counted"),
        # The reaper's query, and the organizers' list by status.
        sa.Index("ix_jobs_status_lease", "status", "lease_until"),
    )

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
