"""Applications in a role's pipeline: from new to hired, with notes and history."""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from .. import learned_weights
from ..extensions import db
from ..messages import notifications
from ..models import (
    Application,
    ApplicationNote,
    ApplicationStatus,
    CandidateProfile,
    Interview,
    Role,
    RoleStatus,
    StatusChange,
    User,
    record_audit,
)
from ..models.base import utcnow
from ..models.offers import can_hire, step_refusal, withdraw_pending
from . import webhooks
from .errors import RecruitingError

MAX_REASON = 500
REASON_REQUIRED = _l("Give a reason, for your colleagues.")

NEXT_STATUSES = {
    ApplicationStatus.NEW: (ApplicationStatus.SHORTLISTED, ApplicationStatus.REJECTED),
    ApplicationStatus.SHORTLISTED: (ApplicationStatus.REJECTED,),  # invited through invite()
    ApplicationStatus.INVITED: (ApplicationStatus.INTERVIEWED, ApplicationStatus.REJECTED),
    ApplicationStatus.INTERVIEWED: (ApplicationStatus.OFFERED, ApplicationStatus.REJECTED),
    ApplicationStatus.OFFERED: (ApplicationStatus.HIRED, ApplicationStatus.REJECTED),
    ApplicationStatus.HIRED: (),
    ApplicationStatus.REJECTED: (ApplicationStatus.SHORTLISTED,),
    # The company left the fair: nothing moves it on (the candidate may show interest again).
    ApplicationStatus.WITHDRAWN: (),
}


def pipeline(role: Role, status: str = "") -> sa.Select:
    """The role's applications (of one status, if given), latest change first."""
    found = (
        sa.select(Application)
        .where(Application.role_id == role.id)
        .options(selectinload(Application.candidate), selectinload(Application.history))
        .order_by(Application.updated_at.desc(), Application.id)
    )
    return found.where(Application.status == status) if status else found


def pipeline_counts(role: Role) -> dict[str, int]:
    """How many of the role's applications each status has (SQL GROUP BY)."""
    rows = db.session.execute(
        sa.select(Application.status, sa.func.count(Application.id))
        .where(Application.role_id == role.id)
        .group_by(Application.status)
    )
    return {status: count for status, count in rows}


def move(
    application: Application,
    to_status: str,
    actor: User,
    *,
    reason: str = "",
    batch: str | None = None,
    notify: bool = True,
) -> Application:
    """Set the status, record the step and audit it; callers check the step is allowed.

    Every step passes here, so here is the rule that "not selected" needs a reason (for the
    company's recruiters), whether the page, a bulk action or the API takes the step. The
    candidate is told unless `notify` is false (an undo of what they never heard of); a step
    of a bulk `batch` is told once its undo window has passed.
    """
    if to_status == ApplicationStatus.REJECTED and not reason.strip():
        raise RecruitingError(REASON_REQUIRED)
    refusal = step_refusal(application, to_status)
    if refusal is not None:
        raise RecruitingError(refusal)
    from_status = application.status
    application.status = to_status
    application.updated_at = utcnow()
    db.session.add(
        StatusChange(
            application=application,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor.id,
            reason=reason.strip()[:MAX_REASON],
            batch=batch,
        )
    )
    record_audit(
        actor,
        "application_status",
        application,
        role_id=application.role_id,
        from_status=from_status,
        to_status=to_status,
    )
    webhooks.emit(
        application.role.organization_id,
        "application.created" if from_status is None else "application.status_changed",
        lambda: webhooks.application_data(application, previous_status=from_status),
    )
    # The invitation itself tells the candidate about an interview (interviews.invite).
    if to_status != ApplicationStatus.INVITED and notify:
        notifications.enqueue(
            application.candidate.user, "application_status", application=application, batch=batch
        )
    # The company's part weights learn from the step, off the page (a job).
    learned_weights.after_decision(application)
    return application


def forward_steps(application: Application) -> list[str]:
    """The next sensible steps, in process order; rejection is offered apart, and so is an
    offer (its terms have a form of their own); hired only once the offer is accepted."""
    return [
        s
        for s in NEXT_STATUSES[ApplicationStatus(application.status)]
        if s not in (ApplicationStatus.REJECTED, ApplicationStatus.OFFERED)
        and (s != ApplicationStatus.HIRED or can_hire(application))
    ]


def can_reject(application: Application) -> bool:
    return ApplicationStatus.REJECTED in NEXT_STATUSES[ApplicationStatus(application.status)]


def reject(
    application: Application, reason: str, actor: User, *, batch: str | None = None
) -> Application:
    """Mark the candidate not selected, with the company's reason (never shown to them)."""
    if not reason.strip():
        raise RecruitingError(REASON_REQUIRED)
    if not can_reject(application):
        raise RecruitingError(_l("That step is not possible from the current status."))
    if application.status == ApplicationStatus.INVITED:
        release_interview(application, batch=batch)
    withdraw_pending(application, actor)  # the candidate can no longer accept it
    return move(application, ApplicationStatus.REJECTED, actor, reason=reason.strip(), batch=batch)


def add_to_pipeline(
    role: Role, profile: CandidateProfile, actor: User, *, batch: str | None = None
) -> Application:
    """Shortlist a ranked candidate; create their application if they have none."""
    if role.status != RoleStatus.OPEN:
        raise RecruitingError(_l("This role is closed."))
    application = db.session.scalar(
        sa.select(Application).where(
            Application.role_id == role.id, Application.candidate_id == profile.id
        )
    )
    if application is None:
        application = Application(
            role=role, candidate=profile, status=None, applied_by_candidate=False
        )
        db.session.add(application)
        return move(application, ApplicationStatus.SHORTLISTED, actor, batch=batch)
    return change_status(application, ApplicationStatus.SHORTLISTED, actor, batch=batch)


def change_status(
    application: Application,
    to_status: str,
    actor: User,
    *,
    reason: str = "",
    batch: str | None = None,
) -> Application:
    """Move one step along the pipeline (or to rejected, with a reason); the step is
    recorded and audited."""
    if to_status == ApplicationStatus.REJECTED:
        return reject(application, reason, actor, batch=batch)
    allowed = NEXT_STATUSES.get(ApplicationStatus(application.status), ())
    if to_status not in allowed:
        raise RecruitingError(_l("That step is not possible from the current status."))
    if to_status == ApplicationStatus.REJECTED and application.status == ApplicationStatus.INVITED:
        release_interview(application, batch=batch)
    return move(application, to_status, actor, batch=batch)


def release_interview(
    application: Application, *, batch: str | None = None, notify: bool = True
) -> None:
    """Cancel a pending interview so its slot is free for someone else."""
    interview = db.session.scalar(
        sa.select(Interview).where(Interview.application_id == application.id)
    )
    if interview is not None and interview.slot_id is not None:
        if notify:
            notifications.enqueue(
                application.candidate.user,
                "interview_cancelled",
                batch=batch,
                interview=interview,
                starts_at=interview.starts_at,
            )
        interview.slot = None
        interview.starts_at = None
        interview.status = "cancelled"


def add_note(application: Application, body: str, actor: User) -> ApplicationNote:
    note = ApplicationNote(application=application, body=body.strip(), author_id=actor.id)
    db.session.add(note)
    return note


def statuses_for_candidate(profile: CandidateProfile) -> list[tuple[Role, str]]:
    """What a candidate may see of their applications: role and status, never notes."""
    rows = db.session.execute(
        sa.select(Role, Application.status)
        .join(Application, Application.role_id == Role.id)
        .where(Application.candidate_id == profile.id)
        .order_by(Application.updated_at.desc())
    ).all()
    return [(role, status) for role, status in rows]


def applications_of(role: Role, candidate_ids: list[int]) -> dict[int, Application]:
    """The role's applications of these candidates, by candidate."""
    if not candidate_ids:
        return {}
    return {
        a.candidate_id: a
        for a in db.session.scalars(
            sa.select(Application)
            .where(Application.role_id == role.id, Application.candidate_id.in_(candidate_ids))
            .options(selectinload(Application.history))
        )
    }
