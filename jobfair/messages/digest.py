"""New-applicant digests for recruiters: at most one per APPLICANT_DIGEST_SECONDS.

The last digest a recruiter got is the mark: applications that came in after it (or,
for a new recruiter, after their account was made) are counted per role.
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from .. import access
from ..extensions import db
from ..models import Application, Message, Role, User, UserRole
from ..models.base import utcnow
from . import notifications


def new_applications(user: User, since: datetime) -> list[tuple[str, int]]:
    rows = db.session.execute(
        sa.select(Role.title, sa.func.count(Application.id))
        .join(Application, Application.role_id == Role.id)
        .where(
            Role.organization_id == user.organization_id,
            access.in_fair(Role.event_id, Role.organization_id),
            Application.applied_by_candidate.is_(True),
            Application.created_at > since,
        )
        .group_by(Role.id, Role.title)
        .order_by(Role.title)
    ).all()
    return [(title, count) for title, count in rows]


def queue_digests(now: datetime | None = None) -> int:
    """Queue a digest for every recruiter with new applicants since their last one."""
    now = now or utcnow()
    every = timedelta(seconds=current_app.config["APPLICANT_DIGEST_SECONDS"])
    last = (
        sa.select(Message.user_id, sa.func.max(Message.created_at).label("at"))
        .where(Message.kind == "new_applicants")
        .group_by(Message.user_id)
        .subquery()
    )
    recruiters = db.session.execute(
        sa.select(User, last.c.at)
        .outerjoin(last, last.c.user_id == User.id)
        .where(User.role == UserRole.EMPLOYER, User.suspended_at.is_(None))
    ).all()
    queued = 0
    for user, last_at in recruiters:
        if last_at is not None and last_at > now - every:
            continue
        counts = new_applications(user, last_at or user.created_at)
        if counts:
            notifications.enqueue(user, "new_applicants", counts=counts)
            queued += 1
    db.session.commit()
    return queued
