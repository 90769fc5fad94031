"""Last year's fair (a year before this one, ended) with its whole funnel, departures included,
so the funnel has two years to compare (this year's departures are jobfair/demo/japan.py's)."""

import random
from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from ..extensions import db
from ..models import (
    Application,
    BoothLead,
    CandidateProfile,
    Departure,
    Event,
    Exhibitor,
    ExhibitorStatus,
    Offer,
    Organization,
    Registration,
    Role,
    StatusChange,
)

PIPELINE = ("new", "invited", "interviewed", "offered", "hired")
# How far last year's applications went: (furthest step, weight); ended ones are "rejected".
REACHED = {"new": 30, "invited": 22, "interviewed": 20, "offered": 6, "hired": 10}
JAPAN_NOTE = "渡航前に日本語研修あり。寮は会社が用意します。\nJapanese training before departure; dormitory provided."


def add_demo_funnel(event: Event, organizations: list[Organization], profiles: list, seed: int):
    """Build last year's fair from this year's companies and candidates.

    The demo candidate and recruiter01's company stay out of last year's fair, so their own
    pages show this year's fair only.
    """
    rng = random.Random(f"{seed}-funnel")
    last = _last_year_fair(event)
    taking_part = [o for o in organizations[1:] if rng.random() < 0.45]
    refused = organizations[-1] if organizations[-1] not in taking_part else None
    roles = _roles(rng, last, taking_part, refused)
    registrations = _registrations(rng, last, profiles[1:])
    _applications(rng, last, roles, registrations)
    db.session.flush()
    return last


def _last_year_fair(event: Event) -> Event:
    starts = event.starts_on - timedelta(weeks=52)
    last = Event(
        name=f"Cambodia–Japan Job Fair {starts.year}",
        venue=event.venue,
        city=event.city,
        description="Last year's fair: Japanese and Cambodian employers at the CJCC.",
        starts_on=starts,
        ends_on=starts + timedelta(days=1),
        opens_at=event.opens_at,
        closes_at=event.closes_at,
        registration_open=False,
        published=True,
        erased_registrations=4,
        erased_checkins=3,
    )
    db.session.add(last)
    return last


def _when(event: Event, days: int, hour: int = 10) -> datetime:
    return datetime.combine(event.starts_on + timedelta(days=days), time(hour), UTC)


def _roles(rng, last: Event, companies: list, refused) -> list[Role]:
    """One or two of each company's roles of this year, posted again last year; a company
    the organizer refused last year has roles that never count."""
    roles = []
    for organization in [*companies, *([refused] if refused else [])]:
        status = ExhibitorStatus.REJECTED if organization is refused else ExhibitorStatus.APPROVED
        db.session.add(Exhibitor(event=last, organization=organization, status=status))
        current = db.session.scalars(
            sa.select(Role).where(Role.organization_id == organization.id).order_by(Role.id)
        ).all()
        for role in current[: rng.choice((1, 2))]:
            roles.append(
                Role(
                    event=last,
                    organization=organization,
                    title=role.title,
                    description=role.description,
                    original_language=role.original_language,
                    sector=role.sector,
                    location=role.location,
                    program=role.program,
                    ssw_field=role.ssw_field,
                    headcount=role.headcount,
                    salary_min=role.salary_min,
                    salary_max=role.salary_max,
                    currency=role.currency,
                    required_skills=list(role.required_skills),
                    preferred_skills=list(role.preferred_skills),
                    languages=[dict(r) for r in role.languages],
                    min_education=role.min_education,
                    status="closed",
                    created_at=_when(last, -40),
                )
            )
    db.session.add_all(roles)
    db.session.flush()
    return roles


def _registrations(rng, last: Event, profiles: list) -> list[Registration]:
    """About half of this year's candidates came last year too; most checked in."""
    found = []
    for profile in profiles:
        if rng.random() >= 0.5:
            continue
        walk_in = rng.random() < 0.08
        registration = Registration(
            event=last,
            candidate=profile,
            source="walk_in" if walk_in else "online",
            registered_at=_when(last, 0 if walk_in else -rng.randint(2, 30), rng.randint(8, 15)),
            checked_in_at=_when(last, rng.randint(0, 1), rng.randint(8, 15))
            if walk_in or rng.random() < 0.68
            else None,
        )
        found.append(registration)
    db.session.add_all(found)
    db.session.flush()
    return found


def _applications(rng, last: Event, roles: list, registrations: list) -> None:
    """Booth meetings, applications and their steps, offers, hires and departures."""
    approved = [r for r in roles if _approved(r)]
    consenting = [r for r in registrations if r.candidate.consent_at is not None]
    leads = 0
    for registration in consenting:
        profile = registration.candidate
        came = registration.checked_in_at is not None
        if came and rng.random() < 0.35:
            role = rng.choice(approved)
            leads += 1
            db.session.add(
                BoothLead(
                    event=last,
                    organization_id=role.organization_id,
                    candidate=profile,
                    met_at=registration.checked_in_at + timedelta(minutes=rng.randint(10, 240)),
                    client_id=f"demo-2025-lead-{leads}",
                    role_id=role.id if rng.random() < 0.6 else None,
                )
            )
        if rng.random() >= (0.55 if came else 0.2):
            continue
        for role in rng.sample(approved, rng.choice((1, 1, 2))):
            _one_application(rng, last, role, profile)
    # The refused company's roles had applicants before it was refused: the funnel skips them.
    for role in (r for r in roles if r not in approved):
        for registration in rng.sample(consenting, min(6, len(consenting))):
            _one_application(rng, last, role, registration.candidate)


def _approved(role: Role) -> bool:
    return (
        db.session.scalar(
            sa.select(Exhibitor.status).where(
                Exhibitor.event_id == role.event_id,
                Exhibitor.organization_id == role.organization_id,
            )
        )
        == ExhibitorStatus.APPROVED
    )


def _one_application(rng, last: Event, role: Role, profile: CandidateProfile) -> None:
    reached = rng.choices(list(REACHED), weights=list(REACHED.values()))[0]
    steps = PIPELINE[: PIPELINE.index(reached) + 1]
    ended = reached not in ("hired",) and rng.random() < 0.7
    application = Application(
        role=role,
        candidate=profile,
        status="rejected" if ended else reached,
        applied_by_candidate=rng.random() < 0.8,
        created_at=_when(last, rng.randint(-10, 1)),
    )
    db.session.add(application)
    before = None
    for day, step in enumerate((*steps, *(("rejected",) if ended else ()))):
        db.session.add(
            StatusChange(
                application=application,
                from_status=before,
                to_status=step,
                reason="Other candidates fitted the role better." if step == "rejected" else "",
                created_at=_when(last, day * 3, 11),
            )
        )
        before = step
    if reached in ("offered", "hired"):
        answer = "accepted" if reached == "hired" else rng.choice(("declined", "withdrawn"))
        japan = role.currency == "JPY"
        db.session.add(
            Offer(
                application=application,
                role_id=role.id,
                salary=role.salary_min or 250,
                currency=role.currency,
                starts_on=last.ends_on + timedelta(days=150 if japan else 30),
                note=JAPAN_NOTE if japan else "",
                status=answer,
                decided_at=_when(last, 9),
                responded_at=_when(last, 11) if answer != "withdrawn" else None,
            )
        )
        if reached == "hired" and role.program != "local":
            # Most of last year's hires for Japan have left; a few wait for their visa.
            left = rng.random() < 0.75
            db.session.add(
                Departure(
                    application=application,
                    departed_on=last.ends_on + timedelta(days=rng.randint(140, 220))
                    if left
                    else None,
                )
            )
