"""A small fair for employer tests: two exhibiting companies, candidates, roles, slots."""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jobfair.extensions import db
from jobfair.models import (
    Exhibitor,
    ExhibitorStatus,
    InterviewSlot,
    Registration,
    Role,
    UserRole,
)

SKILL_POOL = ["welding", "reading technical drawings", "machine operation", "sewing",
              "quality inspection", "forklift", "MIG welding", "5S", "soldering"]  # fmt: skip


@dataclass
class Fair:
    event: object
    company: object
    other_company: object
    exhibitor: object
    other_exhibitor: object
    recruiter: object
    other_recruiter: object
    organizer: object
    candidate: object
    role: object
    other_role: object
    slots: list


@pytest.fixture
def seed_candidates(create_user):
    """`n` consenting candidates registered for the event; deterministic skills and levels."""

    def make(event, n=30, seed=5):
        rng = random.Random(seed)
        users = []
        for i in range(n):
            japanese = rng.choice([None, "N5", "N4", "N3"])
            languages = ["Khmer native"] + ([f"Japanese {japanese}"] if japanese else [])
            user = create_user(
                UserRole.CANDIDATE,
                display_name=f"Candidate {i:02d}",
                profile={
                    "full_name": f"Sok Dara {i:02d}",
                    "gender": rng.choice(["female", "male"]),
                    "birth_year": 1995 + i % 10,
                    "province": "Kandal",
                    "headline": "Machine operator",
                    "education_level": rng.choice(["lower_secondary", "upper_secondary"]),
                    "skills": rng.sample(SKILL_POOL, 3),
                    "languages": languages,
                    "wanted_locations": ["Japan", "Phnom Penh"] if japanese else ["Phnom Penh"],
                    "programs": ["ssw", "local"] if japanese else ["local"],
                    "consent_version": "2026-01",
                    "consent_at": datetime.now(UTC),
                    "share_contact": i % 2 == 0,
                },
            )
            db.session.add(Registration(event=event, candidate=user.profile))
            users.append(user)
        db.session.commit()
        return users

    return make


@pytest.fixture
def fair(app, create_user, create_organization, create_event) -> Fair:
    event = create_event()
    company = create_organization(name="Sakura Kogyo", country="JP")
    other = create_organization(name="Angkor Garments", country="KH", sector="garments")
    exhibitor = Exhibitor(
        event=event, organization=company, status=ExhibitorStatus.APPROVED, booth_code="A01"
    )
    other_exhibitor = Exhibitor(event=event, organization=other, status=ExhibitorStatus.APPROVED)
    db.session.add_all([exhibitor, other_exhibitor])
    recruiter = create_user(UserRole.EMPLOYER, email="hr@sakura.example", organization=company)
    other_recruiter = create_user(UserRole.EMPLOYER, email="hr@angkor.example", organization=other)
    organizer = create_user(UserRole.ORGANIZER, email="organizer@example.com")
    candidate = create_user(
        UserRole.CANDIDATE,
        email="dara@example.com",
        profile={
            "full_name": "Chan Dara",
            "skills": ["welding", "reading technical drawings"],
            "languages": ["Khmer native", "Japanese N4"],
            "education_level": "upper_secondary",
            "consent_version": "2026-01",
            "consent_at": datetime.now(UTC),
            "share_contact": True,
        },
    )
    db.session.add(Registration(event=event, candidate=candidate.profile))
    role = Role(
        event=event,
        organization=company,
        title="Welder (SSW)",
        sector="automotive",
        location="Japan - Aichi",
        program="ssw",
        required_skills=["welding", "reading technical drawings"],
        languages=[{"language": "Japanese", "level": "N4", "must": True}],
        min_education="lower_secondary",
    )
    other_role = Role(
        event=event, organization=other, title="Sewing operator", sector="garments",
        location="Phnom Penh", required_skills=["sewing"],
    )  # fmt: skip
    db.session.add_all([role, other_role])
    start = datetime.combine(event.starts_on, datetime.min.time(), tzinfo=UTC)
    slots = [
        InterviewSlot(
            exhibitor=exhibitor,
            starts_at=start + timedelta(hours=3, minutes=20 * i),
            ends_at=start + timedelta(hours=3, minutes=20 * (i + 1)),
        )
        for i in range(3)
    ]
    db.session.add_all(slots)
    db.session.commit()
    return Fair(event, company, other, exhibitor, other_exhibitor, recruiter, other_recruiter,
                organizer, candidate, role, other_role, slots)  # fmt: skip


def hold_the_fair_today(event) -> None:
    """Move the event so that today, in its time zone, is its first day (walk-ups need it)."""
    today = datetime.now(ZoneInfo(event.timezone)).date()
    event.starts_on, event.ends_on = today, today + timedelta(days=1)
    db.session.commit()
