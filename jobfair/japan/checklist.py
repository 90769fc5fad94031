"""A hire's departure checklist: the steps from passport to the day they leave for Japan,
each ticked with the day it was done and by whom. The "departure" step sets
`Departure.departed_on`, the one column the funnel reads. Plain functions; the caller
commits."""

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..japan_entry import JAPAN_PROGRAMS
from ..models import (
    DEPARTURE_STEPS,
    Application,
    ApplicationStatus,
    Departure,
    DepartureStep,
    Role,
    User,
    UserRole,
    record_audit,
)
from ..models.base import people_today, utcnow

# How far before today a step may be dated, and how far after (a departure booked ahead).
LATEST_AHEAD_DAYS = 366


class ChecklistError(Exception):
    """A tick the rules refuse; the message is shown."""


def departure_of(application: Application) -> Departure:
    """The hire's departure, added the first time anyone asks for it."""
    departure = db.session.scalar(
        sa.select(Departure).where(Departure.application_id == application.id)
    )
    if departure is None:
        departure = Departure(application=application)
        db.session.add(departure)
        db.session.flush()
    return departure


def steps(departure: Departure | None) -> list[tuple[str, DepartureStep | None]]:
    """Every step in order with its tick, or None while not done (all, before the first)."""
    ticked = {s.step: s for s in departure.steps} if departure is not None else {}
    return [(name, ticked.get(name)) for name in DEPARTURE_STEPS]


def tick(departure: Departure, step: str, *, done_on: date, actor: User) -> DepartureStep:
    """Mark `step` done on `done_on` (a step ticked again takes the new date and ticker).
    Only the departure itself may be dated ahead: it is booked before it happens."""
    if step not in DEPARTURE_STEPS:
        raise ChecklistError(_l("Choose one of the listed options."))
    today = people_today()
    if step != "departure" and done_on > today:
        raise ChecklistError(_l("The date cannot be in the future."))
    if (done_on - today).days > LATEST_AHEAD_DAYS:
        raise ChecklistError(_l("Give a date within the next year."))
    row = next((s for s in departure.steps if s.step == step), None)
    if row is None:
        row = DepartureStep(step=step, done_on=done_on)
        departure.steps.append(row)
    row.done_on, row.ticked_by_id, row.ticked_at = done_on, actor.id, utcnow()
    if step == "departure":
        departure.departed_on = done_on
    record_audit(actor, "departure_step_ticked", departure, step=step)
    return row


def untick(departure: Departure, step: str, *, actor: User) -> None:
    """Take a tick back (ticked by mistake); the departure date goes with its step."""
    row = next((s for s in departure.steps if s.step == step), None)
    if row is None:
        return
    departure.steps.remove(row)
    if step == "departure":
        departure.departed_on = None
    record_audit(actor, "departure_step_unticked", departure, step=step)


def hires_of_agent(agent: User) -> list[Departure]:
    """The hires a sending organisation's person was invited to, newest first."""
    return list(
        db.session.scalars(
            sa.select(Departure)
            .where(Departure.agent_id == agent.id)
            .order_by(Departure.created_at.desc(), Departure.id.desc())
        )
    )


def hires_of_candidate(user: User) -> list[Application]:
    """A candidate's own hires bound for Japan."""
    if user.role != UserRole.CANDIDATE or user.profile is None:
        return []
    return list(
        db.session.scalars(
            sa.select(Application)
            .join(Role, Role.id == Application.role_id)
            .where(
                Application.candidate_id == user.profile.id,
                Application.status == ApplicationStatus.HIRED,
                Role.program.in_(JAPAN_PROGRAMS),
            )
            .order_by(Application.updated_at.desc())
        )
    )
