"""Interview slots at a booth, the day's schedule, and invitations to a slot."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..messages import notifications
from ..models import (
    Application,
    ApplicationStatus,
    Event,
    Exhibitor,
    Interview,
    InterviewSlot,
    User,
)
from ..models.base import utcnow
from .applications import move
from .errors import RecruitingError


def local_to_utc(event: Event, day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(event.timezone)).astimezone(UTC)


def create_slots(
    exhibitor: Exhibitor, day: date, start: time, end: time, minutes: int
) -> list[InterviewSlot]:
    """Slots of `minutes` from start to end on one event day; existing times are kept."""
    event = exhibitor.event
    if day not in event.days:
        raise RecruitingError(_l("Choose one of the event's days."))
    if not event.opens_at <= start < end <= event.closes_at:
        raise RecruitingError(_l("Slots must be within the event's opening hours."))
    taken = {
        s.starts_at
        for s in db.session.scalars(
            sa.select(InterviewSlot).where(InterviewSlot.exhibitor_id == exhibitor.id)
        )
    }
    slots, cursor = [], local_to_utc(event, day, start)
    finish, step = local_to_utc(event, day, end), timedelta(minutes=minutes)
    while cursor + step <= finish:
        if cursor not in taken:
            slots.append(
                InterviewSlot(exhibitor=exhibitor, starts_at=cursor, ends_at=cursor + step)
            )
        cursor += step
    if not slots:
        raise RecruitingError(_l("These slots exist already or do not fit in the time given."))
    db.session.add_all(slots)
    return slots


def free_slots(exhibitor: Exhibitor, *, now: datetime | None = None) -> list[InterviewSlot]:
    """The booth's free slots (InterviewSlot.free: the one rule)."""
    return list(db.session.scalars(InterviewSlot.free(exhibitor.id, now=now)))


def schedule(exhibitor: Exhibitor, day: date) -> list[tuple[InterviewSlot, Interview | None]]:
    """A booth's slots on one local day, each with its interview if booked."""
    event = exhibitor.event
    start = local_to_utc(event, day, time(0, 0))
    rows = db.session.execute(
        sa.select(InterviewSlot, Interview)
        .outerjoin(Interview, Interview.slot_id == InterviewSlot.id)
        .where(
            InterviewSlot.exhibitor_id == exhibitor.id,
            InterviewSlot.starts_at >= start,
            InterviewSlot.starts_at < start + timedelta(days=1),
        )
        .order_by(InterviewSlot.starts_at)
    ).all()
    return [(slot, interview) for slot, interview in rows]


def booking_clash(application: Application, slot: InterviewSlot):
    """Why the slot cannot be booked for this candidate, or None."""
    if db.session.scalar(sa.select(Interview.id).where(Interview.slot_id == slot.id)):
        return _l("That slot is already booked. Choose another one.")
    if db.session.scalar(
        sa.select(Interview.id).where(
            Interview.candidate_id == application.candidate_id,
            Interview.starts_at == slot.starts_at,
        )
    ):
        return _l("The candidate already has an interview at that time.")
    return None


def invite(
    application: Application, slot: InterviewSlot, actor: User, *, batch: str | None = None
) -> Interview:
    """Offer the candidate an interview in this slot, or move their interview to it.

    The checks give clear messages; the unique constraints on interviews stop the
    race two recruiters could still run, and the caller turns that IntegrityError
    into the same message after a rollback. The candidate is told in the same
    transaction (invited, or the new time).
    """
    moving = application.status == ApplicationStatus.INVITED
    if application.status != ApplicationStatus.SHORTLISTED and not moving:
        raise RecruitingError(_l("Shortlist the candidate before inviting them."))
    if slot.exhibitor.event_id != application.role.event_id:
        raise RecruitingError(_l("That slot is at another event."))
    clash = booking_clash(application, slot)
    if clash:
        raise RecruitingError(clash)
    interview = db.session.scalar(
        sa.select(Interview).where(Interview.application_id == application.id)
    )
    if interview is None:
        interview = Interview(application=application, candidate_id=application.candidate_id)
        db.session.add(interview)
    moving = moving and interview.starts_at is not None
    interview.slot = slot
    interview.starts_at = slot.starts_at
    interview.status = "offered"
    interview.kind = "slot"
    interview.responded_at = None
    if not moving:
        move(application, ApplicationStatus.INVITED, actor, batch=batch)
    db.session.flush()
    notifications.enqueue(
        application.candidate.user,
        "interview_changed" if moving else "interview_invited",
        batch=batch,
        interview=interview,
    )
    return interview


def fair_is_on(event: Event, at: datetime | None = None) -> bool:
    """Whether `at` (now by default) falls on one of the event's days, in its time zone."""
    return event.starts_on <= event.today(at) <= event.ends_on


def check_walk_up_allowed(event: Event) -> None:
    """A walk-up interview happens at the booth now: only while the fair is on."""
    if not fair_is_on(event):
        raise RecruitingError(
            _l(
                "Walk-up interviews can be started only on the fair's days (%(first)s to "
                "%(last)s, %(timezone)s time). Invite the candidate to a slot instead.",
                first=event.starts_on.isoformat(),
                last=event.ends_on.isoformat(),
                timezone=event.timezone,
            )
        )


def invite_walk_up(application: Application, actor: User, *, batch: str | None = None) -> Interview:
    """Invite the candidate to an interview at the booth now, without a slot."""
    if application.status != ApplicationStatus.SHORTLISTED:
        raise RecruitingError(_l("Shortlist the candidate before inviting them."))
    check_walk_up_allowed(application.role.event)
    interview = db.session.scalar(
        sa.select(Interview).where(Interview.application_id == application.id)
    )
    if interview is None:
        interview = Interview(application=application, candidate_id=application.candidate_id)
        db.session.add(interview)
    interview.slot = None
    # Whole minutes: the candidate cannot have two interviews starting the same minute.
    interview.starts_at = utcnow().replace(second=0, microsecond=0)
    interview.status = "offered"
    interview.kind = "walk_up"
    move(application, ApplicationStatus.INVITED, actor, batch=batch)
    db.session.flush()
    notifications.enqueue(
        application.candidate.user, "interview_invited", batch=batch, interview=interview
    )
    return interview


def interview_for(application: Application) -> Interview | None:
    return db.session.scalar(
        sa.select(Interview).where(
            Interview.application_id == application.id, Interview.status != "cancelled"
        )
    )
