"""A fair held today for the booth tests: two approved companies, one withdrawn, a recruiter
and booth staff, candidates with and without consent, open roles."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from jobfair.extensions import db
from jobfair.models import Exhibitor, ExhibitorStatus, Registration, Role, UserRole
from tests.support.dates import fair_today


@dataclass
class BoothFair:
    event: object
    company: object
    other_company: object
    gone_company: object
    recruiter: object
    staff: object
    other_recruiter: object
    gone_recruiter: object
    role: object
    closed_role: object
    other_role: object
    tickets: list  # consenting candidates' registrations
    private_ticket: object  # a candidate who did not consent


def scan(code: str, n: int, minutes: int = 0) -> dict:
    """One queued scan as the device sends it."""
    at = datetime.now(UTC) - timedelta(minutes=30 - minutes)
    return {"id": f"device-a-{n:04d}", "code": code, "at": at.isoformat()}


@pytest.fixture
def booth_fair(app, create_user, create_organization, create_event) -> BoothFair:
    today = fair_today()
    event = create_event(starts_on=today, ends_on=today + timedelta(days=1))
    company = create_organization(name="Sakura Kogyo", country="JP")
    other = create_organization(name="Angkor Garments", country="KH", sector="garments")
    gone = create_organization(name="Mekong Foods", country="KH", sector="food")
    db.session.add_all(
        [
            Exhibitor(event=event, organization=company, status=ExhibitorStatus.APPROVED),
            Exhibitor(event=event, organization=other, status=ExhibitorStatus.APPROVED),
            Exhibitor(event=event, organization=gone, status=ExhibitorStatus.WITHDRAWN),
        ]
    )
    recruiter = create_user(UserRole.EMPLOYER, email="hr@sakura.example", organization=company)
    staff = create_user(UserRole.BOOTH, email="booth@sakura.example", organization=company)
    other_recruiter = create_user(UserRole.EMPLOYER, email="hr@angkor.example", organization=other)
    gone_recruiter = create_user(UserRole.EMPLOYER, email="hr@mekong.example", organization=gone)
    consent = {"consent_version": "2026-01", "consent_at": datetime.now(UTC)}
    people = [
        ("Chan Dara", ["welding", "reading technical drawings"], ["Khmer native", "Japanese N4"]),
        ("Sok Sreymom", ["sewing", "quality inspection"], ["Khmer native"]),
        ("Keo Vuthy", ["welding", "forklift"], ["Khmer native", "Japanese N5"]),
        ("Lim Sophea", ["machine operation", "5S"], ["Khmer native", "Japanese N3"]),
        ("Heng Rathana", ["MIG welding", "soldering"], ["Khmer native"]),
    ]
    tickets = []
    for name, skills, languages in people:
        user = create_user(
            profile={
                "full_name": name,
                "headline": "Welder" if "welding" in " ".join(skills) else "Operator",
                "skills": skills,
                "languages": languages,
                "education_level": "upper_secondary",
                **consent,
            }
        )
        tickets.append(Registration(event=event, candidate=user.profile))
        db.session.add(tickets[-1])
    private = create_user(profile={"full_name": "Private Person", "skills": ["welding"]})
    private_ticket = Registration(event=event, candidate=private.profile)
    db.session.add(private_ticket)
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
    closed = Role(
        event=event, organization=company, title="Painter", sector="automotive",
        location="Japan - Aichi", status="closed", required_skills=["painting"],
    )  # fmt: skip
    other_role = Role(
        event=event, organization=other, title="Sewing operator", sector="garments",
        location="Phnom Penh", required_skills=["sewing"],
    )  # fmt: skip
    db.session.add_all([role, closed, other_role])
    db.session.commit()
    return BoothFair(event, company, other, gone, recruiter, staff, other_recruiter,
                     gone_recruiter, role, closed, other_role, tickets, private_ticket)  # fmt: skip
