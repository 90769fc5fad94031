"""The demo fair's road to Japan: SSW roles with their field, candidates' skill tests and
dated Japanese certificates (consistent with the levels their profiles give), hires bound
for Japan with checklists at every stage (one already departed) and a sending
organisation's person following them (log-in sending@…, the demo password)."""

import random
from datetime import date, timedelta

from matching import levels

from ..extensions import db
from ..models import (
    DEPARTURE_STEPS,
    Application,
    ApplicationStatus,
    CandidateProfile,
    Departure,
    DepartureStep,
    Event,
    PassedTest,
    Role,
    SendingInvitation,
    User,
    UserRole,
)
from ..models.base import utcnow
from . import offers

# The SSW field a demo role's sector points to (its skill test).
FIELD_OF_SECTOR = {
    "care": "nursing_care",
    "construction": "construction",
    "agriculture": "agriculture",
    "hospitality": "food_service",
    "automotive": "automobile_repair",
    "logistics": "automobile_transport",
    "services": "building_cleaning",
}
# What candidates write beside a test: the test's name as printed on the certificate.
TEST_NAMES = {
    "nursing_care": "介護技能評価試験",
    "construction": "建設分野特定技能1号評価試験",
    "agriculture": "農業技能測定試験（耕種農業全般）",
    "food_service": "外食業特定技能1号技能測定試験",
    "automobile_repair": "自動車整備分野特定技能評価試験",
    "automobile_transport": "自動車運送業分野特定技能1号評価試験",
    "building_cleaning": "ビルクリーニング分野特定技能1号評価試験",
    "industrial_manufacturing": "製造分野特定技能1号評価試験（機械金属加工）",
    "food_manufacturing": "飲食料品製造業特定技能1号技能測定試験",
}
# How far each hire got, in checklist steps (the last one departed).
STAGES = (2, 4, 6, len(DEPARTURE_STEPS))
AGENCY = "Mekong Manpower Co., Ltd. (ក្រុមហ៊ុន មេគង្គ ម៉ែនផៅវើ)"


def seed_demo_japan(
    event: Event, roles: list[Role], profiles: list[CandidateProfile], organizer: User,
    password_hash: str, seed: int,
) -> dict:  # fmt: skip
    """Add the road to Japan to the demo fair; return the sending agent's log-in."""
    rng = random.Random(f"{seed}-japan")
    for role in roles:
        if role.program == "ssw":
            role.ssw_field = FIELD_OF_SECTOR.get(role.sector, "industrial_manufacturing")
    _tests(rng, profiles, roles)
    domain = organizer.email.split("@", 1)[1]
    agent = User(
        role=UserRole.SENDING,
        display_name="Sok Pisey (សុខ ពិសី)",
        email=f"sending@{domain}",
        password_hash=password_hash,
        locale="km",
    )
    db.session.add(agent)
    db.session.flush()
    for stage, application in zip(STAGES, _hires(rng, event, roles, profiles), strict=False):
        _checklist(rng, application, stage, agent)
    db.session.flush()
    return {"sending": agent.email}


def _tests(rng, profiles, roles) -> None:
    """Skill tests for about a third of those who speak Japanese, in a field they want;
    Japanese levels dated; a few former technical interns."""
    fields = sorted({r.ssw_field for r in roles if r.ssw_field}) or ["industrial_manufacturing"]
    today = date.today()
    for profile in profiles:
        japanese = next(
            (r for r in profile.languages or [] if r.get("language") == "Japanese"), None
        )
        rank = levels.parse_language(japanese).rank if japanese else 0
        if not rank:
            continue
        if rng.random() < 0.7:
            certified = today - timedelta(days=rng.randint(60, 700))
            profile.languages = [
                {**r, "certified_on": certified.isoformat()} if r is japanese else r
                for r in profile.languages
            ]
        wanted = [FIELD_OF_SECTOR[s] for s in profile.wanted_sectors or [] if s in FIELD_OF_SECTOR]
        field = rng.choice(wanted or fields)
        roll = rng.random()
        if roll < 0.35:
            _passed(profile, "ssw_skill", field, today - timedelta(days=rng.randint(20, 400)))
        elif roll < 0.40:
            _passed(profile, "titp_stage_2", field, today - timedelta(days=rng.randint(200, 900)))


def _passed(profile, kind, field, on) -> None:
    detail = TEST_NAMES.get(field, "") if kind == "ssw_skill" else "技能実習2号 修了証明書"
    db.session.add(
        PassedTest(candidate_id=profile.id, kind=kind, field=field, passed_on=on, detail=detail)
    )


def _hires(rng, event, roles, profiles) -> list[Application]:
    """The hires bound for Japan: those the offers already made, and more, on Japan roles."""
    db.session.flush()
    japan_roles = [r for r in roles if r.program in ("ssw", "technical_intern", "engineer")]
    hired = [
        a
        for r in japan_roles
        for a in db.session.scalars(
            db.select(Application).where(
                Application.role_id == r.id, Application.status == ApplicationStatus.HIRED
            )
        )
    ]
    taken = {a.candidate_id for a in hired}
    open_to = [p for p in profiles[1:] if p.has_consent and p.registrations and p.id not in taken]
    for role in rng.sample(japan_roles, max(0, len(STAGES) - len(hired))):
        profile = rng.choice([p for p in open_to if p.id not in taken])
        taken.add(profile.id)
        hired.append(offers._offer(rng, event, role, profile, "accepted", True).application)
    return hired[: len(STAGES)]


def _checklist(rng, application, stage, agent) -> None:
    """The first `stage` steps done, weeks apart and ticked by the hire's people in turn."""
    recruiter = db.session.scalar(
        db.select(User)
        .where(User.organization_id == application.role.organization_id)
        .order_by(User.id)
    )
    departure = Departure(application=application, agent=agent)
    db.session.add(departure)
    db.session.add(
        SendingInvitation(
            departure=departure,
            agent=agent,
            agency=AGENCY,
            token_hash=f"{rng.getrandbits(256):064x}",
            created_by_id=recruiter.id,
            expires_at=utcnow() - timedelta(days=1),
            used_at=utcnow() - timedelta(days=40),
        )
    )
    tickers = (application.candidate.user, agent, recruiter, agent, agent, agent, recruiter)
    day = date.today() - timedelta(days=14 * stage + 3)
    for name, ticker in zip(DEPARTURE_STEPS[:stage], tickers, strict=False):
        day += timedelta(days=rng.randint(8, 14))
        done_on = min(day, date.today() - timedelta(days=1))
        departure.steps.append(DepartureStep(step=name, done_on=done_on, ticked_by_id=ticker.id))
        if name == "departure":
            departure.departed_on = done_on
