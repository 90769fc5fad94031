"""An exhibitor's place in a fair changes: approved, rejected, withdrawn.

What follows is decided here, once. Whether a company is in the fair is `access`'s rule
(approved only); this module carries out what a change means for people:

- the company's recruiters are told, in their language, when it is approved, rejected or
  withdrawn;
- when it is rejected or withdrawn, its open applications (not yet hired or not selected)
  become "withdrawn", their interviews are cancelled and each candidate is told. Its roles
  keep their own status: they leave candidates' lists because the company is out of the
  fair, and come back if the organizer approves it again. Withdrawn applications stay
  withdrawn; a candidate who shows interest again reopens theirs.

Plain functions on models; the caller commits.
"""

import sqlalchemy as sa

from .. import access
from ..extensions import db
from ..messages import notifications
from ..models import (
    Application,
    ApplicationStatus,
    Exhibitor,
    ExhibitorStatus,
    Interview,
    Role,
    StatusChange,
    User,
    UserRole,
)
from ..models.base import utcnow
from ..models.offers import withdraw_pending

# The changes the company hears about.
TOLD = (ExhibitorStatus.APPROVED, ExhibitorStatus.REJECTED, ExhibitorStatus.WITHDRAWN)
# The statuses that close the company's open applications.
OUT = (ExhibitorStatus.REJECTED, ExhibitorStatus.WITHDRAWN)


def change_status(exhibitor: Exhibitor, status: str, actor: User) -> list[Application]:
    """Set the exhibitor's status and carry out what follows; the applications withdrawn.

    The organizer sets any status; a company's recruiter may only withdraw it (`withdraw`).
    """
    before, exhibitor.status = exhibitor.status, ExhibitorStatus(status)
    if before == exhibitor.status:
        return []
    withdrawn = withdraw_applications(exhibitor, actor) if exhibitor.status in OUT else []
    if exhibitor.status in TOLD:
        tell_recruiters(exhibitor, by_company=actor.organization_id == exhibitor.organization_id)
    return withdrawn


def withdraw(exhibitor: Exhibitor, actor: User) -> list[Application]:
    """The company leaves a fair it was approved for (its recruiter's own decision)."""
    access.check_in_fair(exhibitor)
    return change_status(exhibitor, ExhibitorStatus.WITHDRAWN, actor)


def tell_recruiters(exhibitor: Exhibitor, *, by_company: bool = False) -> None:
    """Each of the company's recruiters hears of the exhibitor's status, in their language."""
    db.session.flush()  # a new entry's event and company, for the message
    for recruiter in recruiters(exhibitor):
        notifications.enqueue(
            recruiter, "exhibitor_status", exhibitor=exhibitor, by_company=by_company
        )


def recruiters(exhibitor: Exhibitor) -> list[User]:
    return db.session.scalars(
        sa.select(User).where(
            User.role == UserRole.EMPLOYER,
            User.organization_id == exhibitor.organization_id,
            User.suspended_at.is_(None),
        )
    ).all()


def withdraw_applications(exhibitor: Exhibitor, actor: User) -> list[Application]:
    """Close the company's open applications at this fair and tell each candidate."""
    found = db.session.scalars(
        sa.select(Application)
        .join(Role, Role.id == Application.role_id)
        .where(
            Role.event_id == exhibitor.event_id,
            Role.organization_id == exhibitor.organization_id,
            Application.status.in_(access.OPEN_APPLICATION_STATUSES),
        )
        .order_by(Application.id)
    ).all()
    for application in found:
        db.session.add(
            StatusChange(
                application=application,
                from_status=application.status,
                to_status=ApplicationStatus.WITHDRAWN,
                actor_id=actor.id,
            )
        )
        application.status = ApplicationStatus.WITHDRAWN
        application.updated_at = utcnow()
        withdraw_pending(application, actor)
        interview = db.session.scalar(
            sa.select(Interview).where(
                Interview.application_id == application.id, Interview.status != "cancelled"
            )
        )
        # Written while the interview still has its time, so its calendar entry is cancelled.
        notifications.enqueue(
            application.candidate.user,
            "role_withdrawn",
            application=application,
            interview=interview,
        )
        if interview is not None:
            interview.slot_id = None
            interview.starts_at = None
            interview.status = "cancelled"
    return found
