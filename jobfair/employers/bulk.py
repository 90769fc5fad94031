"""Acting on many candidates at once: shortlist, invite, not selected; undo for a while.

Each action is idempotent per candidate (someone already shortlisted is skipped, not
moved twice), so a double submit changes nothing more. Every step of one action carries
the same batch token, which is what undo reverses.
"""

import secrets
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from .. import access
from ..extensions import db
from ..messages import notifications
from ..models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Interview,
    Role,
    StatusChange,
    User,
    record_audit,
)
from ..models.base import utcnow
from ..models.offers import step_refusal
from . import applications, interviews
from .errors import RecruitingError

ACTIONS = ("shortlist", "invite_slots", "invite_walk_up", "reject")
UNDO_WINDOW = notifications.UNDO_WINDOW  # the batch's messages wait this long
MAX_SELECTED = 5000


@dataclass
class BulkResult:
    action: str
    batch: str
    done: list[int] = field(default_factory=list)  # application ids moved
    skipped: int = 0


def candidates_of(role: Role, ids: list[int]) -> list[CandidateProfile]:
    """The consenting candidates of the role's event among `ids`; other ids are ignored."""
    wanted = list(dict.fromkeys(ids))[:MAX_SELECTED]
    if not wanted:
        return []
    found = {
        p.id: p
        for p in db.session.scalars(
            sa.select(CandidateProfile).where(
                access.candidates_of(role), CandidateProfile.id.in_(wanted)
            )
        )
    }
    return [found[i] for i in wanted if i in found]


def apply(
    role: Role, profiles: list[CandidateProfile], action: str, actor: User, *, reason: str = ""
) -> BulkResult:
    """Run one action over the chosen candidates; the caller commits."""
    if action not in ACTIONS:
        raise RecruitingError(_l("Choose an action."))
    if action == "reject" and not reason.strip():
        raise RecruitingError(_l("Give a reason, for your colleagues."))
    if action != "reject" and role.status != "open":
        raise RecruitingError(_l("This role is closed."))
    if action == "invite_walk_up":
        interviews.check_walk_up_allowed(role.event)
    result = BulkResult(action=action, batch=secrets.token_hex(8))
    existing = applications.applications_of(role, [p.id for p in profiles])
    free = _free_slots(role) if action == "invite_slots" else []
    moved = []
    for profile in profiles:
        application = existing.get(profile.id)
        step = _one(role, profile, application, action, actor, reason, result.batch, free)
        if step is None:
            result.skipped += 1
        else:
            moved.append(step)
    if moved:
        db.session.flush()
        result.done = [application.id for application in moved]
        record_audit(actor, "bulk_" + action, role, batch=result.batch, count=len(result.done))
    return result


def _free_slots(role: Role) -> list:
    exhibitor = access.exhibitor_of_role(role)
    return interviews.free_slots(exhibitor) if exhibitor else []


def _one(role, profile, application, action, actor, reason, batch, free):
    status = application.status if application else None
    if action == "reject":
        if application is None:
            application = Application(role=role, candidate=profile, status=None)
            application.applied_by_candidate = False
            db.session.add(application)
            return applications.move(
                application, ApplicationStatus.REJECTED, actor, reason=reason.strip(), batch=batch
            )
        if not applications.can_reject(application):
            return None
        return applications.reject(application, reason, actor, batch=batch)
    if status in (None, ApplicationStatus.NEW, ApplicationStatus.REJECTED):
        application = applications.add_to_pipeline(role, profile, actor, batch=batch)
    elif action == "shortlist" or status != ApplicationStatus.SHORTLISTED:
        return None  # already shortlisted or further along
    if action == "invite_walk_up":
        interviews.invite_walk_up(application, actor, batch=batch)
    elif action == "invite_slots":
        slot = next((s for s in free if not interviews.booking_clash(application, s)), None)
        if slot is None:
            return application  # shortlisted; no slot left to offer
        free.remove(slot)
        interviews.invite(application, slot, actor, batch=batch)
    return application


def undo(role: Role, batch: str, actor: User) -> int:
    """Reverse the steps of one bulk action that nothing has moved on since; how many.

    The action's messages are still held (notifications.UNDO_WINDOW), so they are taken
    back and the candidate hears nothing; only someone who already heard of the step
    (a message that went out) is told of the undo.
    """
    since = utcnow() - UNDO_WINDOW
    changes = db.session.scalars(
        sa.select(StatusChange)
        .join(Application, Application.id == StatusChange.application_id)
        .where(
            StatusChange.batch == batch,
            Application.role_id == role.id,
            StatusChange.created_at > since,
        )
        .order_by(StatusChange.id.desc())
    ).all()
    if not changes:
        raise RecruitingError(_l("This action can no longer be undone."))
    reverted = set()
    for change in changes:
        application = change.application
        latest = application.id in reverted or application.history[-1] is change
        if application.status != change.to_status or not latest:
            continue  # moved on since: leave it
        if change.from_status and step_refusal(application, change.from_status) is not None:
            continue  # back to "offered" needs a live offer; the rejection withdrew it
        reverted.add(application.id)
        told = notifications.take_back(application.candidate.user, batch)
        if change.to_status == ApplicationStatus.INVITED:
            applications.release_interview(application, notify=told)
            _cancel_walk_up(application)
        if change.from_status is None:
            db.session.delete(application)
        else:
            reason = _reason_before(application, change)
            applications.move(application, change.from_status, actor, reason=reason, notify=told)
    record_audit(actor, "bulk_undo", role, batch=batch, count=len(reverted))
    return len(reverted)


def _reason_before(application: Application, change: StatusChange) -> str:
    """Undoing a step that left "not selected" restores the reason given for it."""
    earlier = [c for c in application.history if c is not change and c.id < change.id]
    found = (c.reason for c in reversed(earlier) if c.to_status == change.from_status)
    return next((reason for reason in found if reason.strip()), "—")


def _cancel_walk_up(application: Application) -> None:
    """An undone walk-up invitation leaves no interview offered (it holds no slot)."""
    interview = db.session.scalar(
        sa.select(Interview).where(
            Interview.application_id == application.id, Interview.kind == "walk_up"
        )
    )
    if interview is not None and interview.status == "offered":
        interview.status, interview.starts_at = "cancelled", None
