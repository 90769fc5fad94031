"""A candidate's job search at scale: every found role ordered by fit, only the page
explained; the same order, scores, bands and explanations as explaining every role."""

import random

import pytest
import sqlalchemy as sa

from jobfair import ranking
from jobfair.candidates import jobs
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Exhibitor, Registration, Role
from jobfair.models.base import utcnow
from matching.bands import BAND_ORDER
from tests.matching.test_recommend import plain_recommend

TRADES = {
    "Welder": ["welding", "reading technical drawings", "forklift"],
    "Cook": ["cooking", "food hygiene", "knife skills"],
    "Caregiver": ["elderly care", "first aid"],
    "Sewing machine operator": ["sewing", "quality control"],
    "Web developer": ["Python", "SQL", "JavaScript"],
    "Electrician": ["electrical wiring", "first aid"],
}
LANGUAGES = [[], [{"language": "Japanese", "level": "N4", "must": True}],
             [{"language": "Japanese", "level": "N5", "must": False}],
             [{"language": "English", "level": "B1", "must": True}]]  # fmt: skip
EDUCATION = ["none", "lower_secondary", "upper_secondary", "bachelor"]
SPOKEN = [["Khmer native"], ["Khmer native", "Japanese N4"], ["Khmer native", "Japanese N5"],
          ["Khmer native", "English B2"], ["Khmer native", "English A2", "Japanese N3"]]  # fmt: skip
LEVELS = ["primary", "lower_secondary", "upper_secondary", "tvet_certificate", "bachelor"]


@pytest.fixture(autouse=True)
def fresh_indexes():
    ranking.forget_all()
    yield
    ranking.forget_all()


@pytest.fixture
def big_fair(create_event, create_organization, create_user):
    """80 varied roles (some alike, to tie) and 30 registered candidates who consented."""
    rng = random.Random(5)
    event = create_event()
    companies = [create_organization(name=f"Company {n}") for n in range(4)]
    db.session.add_all(Exhibitor(event=event, organization=c, status="approved") for c in companies)
    trades = list(TRADES)
    for n in range(80):
        trade = rng.choice(trades)
        db.session.add(
            Role(
                event=event,
                organization=companies[n % 4],
                title=rng.choice(["", "Senior ", "Trainee "]) + trade if n % 17 else "Helper",
                sector="manufacturing",
                location=rng.choice(["Phnom Penh", "Japan - Aichi", "Siem Reap"]),
                program=rng.choice(["local", "ssw"]),
                description=f"We need a {trade.lower()} for our team.",
                required_skills=rng.sample(TRADES[trade], rng.randint(0, 2)),
                preferred_skills=rng.sample(TRADES[trade], 1),
                languages=rng.choice(LANGUAGES),
                min_education=rng.choice(EDUCATION),
            )
        )
    people = []
    for n in range(30):
        trade = rng.choice(trades)
        user = create_user(
            profile=dict(
                headline=rng.choice(["", "junior "]) + trade if n % 7 else "",
                skills=rng.sample(TRADES[trade], rng.randint(1, 2)),
                languages=rng.choice(SPOKEN),
                education_level=rng.choice(LEVELS),
                experience=f"Worked as a {trade.lower()} in Phnom Penh.",
                consent_at=utcnow(),
            )
        )
        db.session.add(Registration(event=event, candidate=user.profile))
        people.append(user.profile)
    db.session.commit()
    return event, people


def expected(profile, event) -> list:
    """The old path: every open role explained by the plain recommend, best band first."""
    roles = db.session.scalars(jobs.search(event, jobs.JobFilters())).all()
    matcher = ranking._index_for(event.id).matcher
    results = plain_recommend(
        matcher, profile.matcher_record(), [r.matcher_record() for r in roles]
    )
    return sorted(results, key=lambda r: BAND_ORDER[r.explanation.band])


def assert_pages_match(profile, event, per_page=10) -> None:
    old = expected(profile, event)
    assert len(old) == 80
    for number in range(1, 80 // per_page + 1):
        page, fits = jobs.find(
            event, jobs.JobFilters(), candidate=profile, page=number,
            per_page=per_page,
        )  # fmt: skip
        shown = old[(number - 1) * per_page : number * per_page]
        assert [role.id for role in page.items] == [r.role_id for r in shown]
        assert set(fits) == {r.role_id for r in shown}
        for n, result in enumerate(shown, start=(number - 1) * per_page + 1):
            fit = fits[result.role_id]
            assert fit.rank == n and fit.score == result.score
            assert fit.explanation == ranking.explanation_dict(result.explanation)


def test_search_pages_match_explaining_every_role(big_fair):
    event, people = big_fair
    for profile in people[:6]:
        assert_pages_match(profile, event)


def test_search_follows_profile_and_role_changes(big_fair):
    event, people = big_fair
    me = people[0]
    assert_pages_match(me, event)  # every role's query remembered
    # Welding becomes common among the fair's candidates (its rarity moves) ...
    for profile in people[5:20]:
        profile.skills = [*profile.skills, "welding"]
    # ... and a recruiter rewrites a role.
    role = db.session.scalars(sa.select(Role).where(Role.event_id == event.id)).first()
    role.title, role.required_skills = "Welder", ["welding"]
    db.session.commit()
    assert_pages_match(me, event)
    index = ranking._index_for(event.id)
    assert index.matcher.skill_counts_["welding"] >= 15


def test_a_page_explains_only_its_roles(big_fair, monkeypatch):
    event, people = big_fair
    explained = []
    matcher = ranking._index_for(event.id).matcher
    original = type(matcher)._explanation

    def counting(self, *args):
        explained.append(1)
        return original(self, *args)

    monkeypatch.setattr(type(matcher), "_explanation", counting)
    jobs.find(event, jobs.JobFilters(), candidate=people[1], page=2, per_page=10)
    assert len(explained) == 10
    assert db.session.scalar(sa.select(sa.func.count(CandidateProfile.id))) >= 30
