"""Candidates met at the booths on the demo fair's first morning: scans with ratings, notes
(in English and Japanese at Japanese companies, Khmer and English at Cambodian ones) and tags."""

import random
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from ..extensions import db
from ..models import BoothLead, Event, Registration, Role, RoleStatus, User

# (rating, note, tags): what a recruiter jots down after a few minutes' talk.
JAPANESE_NOTES = [
    (4, "日本語の会話がスムーズ。溶接の実務経験3年。面接に呼びたい。", ["N4", "溶接", "面接候補"]),
    (3, "Good attitude, answered in Japanese slowly. Wants to go to Aichi.", ["N5", "愛知希望"]),
    (
        4,
        "Very motivated; worked at a Japanese factory in the SEZ. Ask for references.",
        ["SEZ経験", "N4"],
    ),
    (2, "技能はあるが日本語はこれから。半年後にもう一度話したい。", ["日本語学習中"]),
    (3, "Forklift licence, night shifts OK. Quiet but precise.", ["forklift", "夜勤OK"]),
    (1, "Looking for office work in Phnom Penh only; not a fit for SSW.", ["not now"]),
    (None, "名刺を渡した。後で連絡。", ["follow up"]),
    (
        4,
        "JLPT N3 certificate shown at the booth. Strong candidate for the quality role.",
        ["N3", "品質管理"],
    ),
    (3, "Family in Osaka; can start in April. 明るい人柄。", ["4月入社可"]),
    (2, "Came with friends, little experience yet. Suggest the training programme.", ["training"]),
]
CAMBODIAN_NOTES = [
    (4, "Experienced line leader, speaks good English.", ["line leader", "English"]),
    (3, "ចង់ធ្វើការវេនយប់ បទពិសោធន៍ ២ឆ្នាំ", ["វេនយប់"]),
    (2, "New graduate; call back after the fair.", ["graduate"]),
    (4, "ជំនាញដេរល្អណាស់ អាចចាប់ផ្តើមភ្លាម", ["ដេរ", "ready now"]),
    (None, "Asked about salary and transport.", ["follow up"]),
]
LEADS_PER_COMPANY = {0: 8, 1: 4, 2: 3, 16: 3}  # recruiter01's company first; 16: Cambodian


def add_demo_leads(event: Event, seed: int) -> None:
    """Scans for several companies at the demo fair (recruiter01's has eight), ten minutes
    or so apart on the first morning, by each company's recruiter."""
    rng = random.Random(f"{seed}-booth")
    recruiters = db.session.scalars(
        sa.select(User).where(User.organization_id.is_not(None)).order_by(User.id)
    ).all()
    met = db.session.scalars(
        sa.select(Registration).where(Registration.event_id == event.id).order_by(Registration.id)
    ).all()
    morning = datetime.combine(event.starts_on, time(9, 10), ZoneInfo(event.timezone))
    for index, count in LEADS_PER_COMPANY.items():
        if index >= len(recruiters):
            continue
        recruiter = recruiters[index]
        notes = JAPANESE_NOTES if recruiter.organization.country == "JP" else CAMBODIAN_NOTES
        roles = db.session.scalars(
            sa.select(Role)
            .where(
                Role.organization_id == recruiter.organization_id,
                Role.event_id == event.id,
                Role.status == RoleStatus.OPEN,
            )
            .order_by(Role.id)
        ).all()
        at = morning + timedelta(minutes=rng.randint(0, 20))
        for n, registration in enumerate(rng.sample(met, min(count, len(met)))):
            rating, note, tags = notes[n % len(notes)]
            db.session.add(
                BoothLead(
                    event_id=event.id,
                    organization_id=recruiter.organization_id,
                    candidate_id=registration.candidate_id,
                    met_by_id=recruiter.id,
                    met_at=at.astimezone(UTC),
                    client_id=f"demo-{seed}-{index:02d}-{n:02d}",
                    rating=rating,
                    note=note,
                    tags=tags,
                    # A couple of leads already have the role the recruiter talked about.
                    role_id=roles[n % len(roles)].id if roles and n in (0, 2) else None,
                )
            )
            at += timedelta(minutes=rng.randint(6, 18))
    db.session.flush()
