"""The demo fair's decisions: offers (内定) across companies, answered, pending and hired, so
`make run` shows both sides (recruiter01's company has one accepted and one pending for the
demo candidate)."""

import random
from datetime import date, timedelta

import sqlalchemy as sa

from ..extensions import db
from ..messages import notifications
from ..models import (
    Application,
    CandidateProfile,
    Offer,
    Role,
    StatusChange,
    User,
    UserRole,
)
from ..models.base import utcnow

STEPS = ("new", "shortlisted", "invited", "interviewed", "offered")
# What a recruiter writes under an offer: Japanese firms in Japanese with English beside it,
# Cambodian firms in Khmer.
JAPAN_NOTES = (
    "寮あり（会社負担、光熱費のみ自己負担）。渡航前に日本語研修3か月。\n"
    "Dormitory provided (you pay only utilities). 3 months of Japanese training before departure.",
    "試用期間3か月。残業は月20時間程度。渡航費は会社負担。\n"
    "Probation 3 months. About 20 hours of overtime a month. Flight paid by the company.",
    "社会保険完備、年2回の昇給の機会あり。入国後1か月は日本語の授業を続けます。\n"
    "Full social insurance; pay reviews twice a year. Japanese lessons continue for the first month.",
)
CAMBODIA_NOTES = (
    "ធ្វើការពីថ្ងៃច័ន្ទដល់ថ្ងៃសៅរ៍ ម៉ោង 7:00 ដល់ 16:00។ មានប្រាក់រង្វាន់វត្តមាន 10 ដុល្លារ។",
    "រយៈពេលសាកល្បង 2 ខែ។ ក្រុមហ៊ុនផ្តល់ឯកសណ្ឋាន និងអាហារថ្ងៃត្រង់។",
    "ធានារ៉ាប់រង ប.ស.ស. និងថ្ងៃឈប់សម្រាកប្រចាំឆ្នាំ 18 ថ្ងៃ។",
)
# (answer, hired) of the offers beyond recruiter01's two: a few hires, the rest mixed.
OTHERS = (
    ("accepted", True), ("accepted", True), ("accepted", False), ("declined", False),
    ("pending", False), ("withdrawn", False),
)  # fmt: skip


def seed_demo_offers(seed: int, roles: list[Role], profiles: list[CandidateProfile]) -> None:
    """About eight offers over the demo's companies (deterministic from `seed`)."""
    rng = random.Random(f"{seed}-offers")
    event = roles[0].event
    open_to = [p for p in profiles if p.has_consent and p.registrations]
    first_company = min(role.organization_id for role in roles)
    own = sorted((r for r in roles if r.organization_id == first_company), key=lambda r: r.id)
    others = [r for r in roles if r.organization_id != first_company]
    demo = profiles[0]
    pending_for_demo = demo if demo in open_to else open_to[0]
    taken = {pending_for_demo.id}
    plan = [(own[0], pending_for_demo, "pending", False)]
    accepted_by = rng.choice([p for p in open_to if p.id not in taken])
    taken.add(accepted_by.id)
    plan.append((own[-1], accepted_by, "accepted", False))
    for (answer, hired), role in zip(OTHERS, rng.sample(others, len(OTHERS)), strict=True):
        profile = rng.choice([p for p in open_to if p.id not in taken])
        taken.add(profile.id)
        plan.append((role, profile, answer, hired))
    for role, profile, answer, hired in plan:
        _offer(rng, event, role, profile, answer, hired)
    db.session.flush()


def _offer(rng, event, role, profile, answer, hired) -> Offer:
    recruiter = db.session.scalar(
        sa.select(User)
        .where(User.organization_id == role.organization_id, User.role == UserRole.EMPLOYER)
        .order_by(User.id)
    )
    application = db.session.scalar(
        sa.select(Application).where(
            Application.role_id == role.id, Application.candidate_id == profile.id
        )
    )
    if application is None:
        application = Application(role=role, candidate=profile, applied_by_candidate=True)
        db.session.add(application)
    decided_at = utcnow() - timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 8))
    application.history.clear()
    steps = STEPS + (("hired",) if hired else ())
    for number, (before, after) in enumerate(zip((None, *steps), steps, strict=False)):
        when = decided_at - timedelta(hours=2 * (len(STEPS) - number))
        db.session.add(
            StatusChange(
                application=application,
                from_status=before,
                to_status=after,
                actor_id=None if after == "new" else recruiter.id,
                created_at=decided_at + timedelta(days=1) if after == "hired" else when,
            )
        )
    application.status = steps[-1]
    japan = role.currency == "JPY"
    offer = Offer(
        application=application,
        role_id=role.id,
        salary=_salary(rng, role),
        currency=role.currency,
        starts_on=_start(rng, event.ends_on, japan),
        expires_on=event.ends_on + timedelta(days=14) if answer == "pending" else None,
        note=rng.choice(JAPAN_NOTES if role.organization.country == "JP" else CAMBODIA_NOTES),
        status=answer,
        decided_by_id=recruiter.id,
        decided_at=decided_at,
        responded_at=decided_at + timedelta(hours=20)
        if answer in ("accepted", "declined")
        else None,
        withdrawn_by_id=recruiter.id if answer == "withdrawn" else None,
    )
    db.session.add(offer)
    db.session.flush()
    # The recruiters' inbox has the answers; candidates read their offers on their start page
    # (their messages would be written in a language they have not chosen yet).
    if answer in ("accepted", "declined"):
        notifications.enqueue(recruiter, "offer_answered", offer=offer)
    return offer


def _salary(rng, role) -> int:
    """Within the role's range; yen rounded to 1,000, dollars to 10."""
    low = role.salary_min or (180_000 if role.currency == "JPY" else 250)
    high = role.salary_max or low
    step = 1000 if role.currency == "JPY" else 10
    return rng.randrange(low // step, high // step + 1) * step


def _start(rng, after: date, japan: bool) -> date:
    """Japan programmes start on the first of a month four to seven months on (visa and
    training); jobs in Cambodia two to five weeks after the fair."""
    if japan:
        month = after.month + rng.randint(4, 7)
        return date(after.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return after + timedelta(days=rng.randint(14, 35))
