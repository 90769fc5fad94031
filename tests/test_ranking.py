"""The app's rankings: right candidates, explained, and fresh without a refit."""

import pytest
import sqlalchemy as sa

from jobfair import indexes, ranking
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Exhibitor, Registration, Role, UserRole
from jobfair.models.base import utcnow


@pytest.fixture(autouse=True)
def fresh_indexes():
    ranking.forget_all()
    yield
    ranking.forget_all()


@pytest.fixture
def fair(create_user, create_event, create_organization):
    """An event with a welding role needing Japanese N4, and four registered candidates."""
    event = create_event()
    company = create_organization(name="Nagoya Metal")
    role = Role(
        event=event,
        organization=company,
        title="Welder (Specified Skilled Worker)",
        description="Arc and TIG welding of steel frames in our Aichi factory.",
        sector="manufacturing",
        location="Japan - Aichi",
        program="ssw",
        required_skills=["welding", "reading technical drawings"],
        preferred_skills=["forklift"],
        languages=[{"language": "Japanese", "level": "N4", "must": False}],
        min_education="lower_secondary",
    )
    db.session.add(role)
    people = {
        "welder": dict(
            headline="Welder",
            skills=["welding", "reading technical drawings"],
            languages=["Khmer native", "Japanese N4"],
            education_level="tvet_certificate",
            experience="Three years of MIG and TIG welding in a Phnom Penh workshop.",
        ),
        "welder_no_japanese": dict(
            headline="Welder",
            skills=["welding"],
            languages=["Khmer native"],
            education_level="upper_secondary",
            experience="Welding gates and frames.",
        ),
        "cook": dict(
            headline="Cook",
            skills=["cooking", "food hygiene"],
            languages=["Khmer native", "English A2"],
            education_level="primary",
            experience="Kitchen helper in a hotel in Siem Reap.",
        ),
        "no_consent": dict(
            headline="Welder",
            skills=["welding", "reading technical drawings"],
            languages=["Japanese N3"],
            education_level="tvet_diploma",
        ),
    }
    profiles = {}
    for key, fields in people.items():
        user = create_user(role=UserRole.CANDIDATE, profile=fields)
        profile = user.profile
        if key != "no_consent":
            profile.consent_version, profile.consent_at = "2026-1", utcnow()
        db.session.add(Registration(event=event, candidate=profile))
        profiles[key] = profile
    db.session.commit()
    return role, profiles


def names(entries, profiles):
    by_id = {p.id: key for key, p in profiles.items()}
    return [by_id[e.profile.id] for e in entries]


def test_shortlist_ranks_consenting_candidates_with_explanations(fair):
    role, profiles = fair
    entries = ranking.shortlist(role)
    order = names(entries, profiles)
    assert "no_consent" not in order
    assert order[0] == "welder" and order[-1] == "cook"
    top = entries[0]
    assert top.rank == 1 and 0 < top.score <= 1
    assert [e.score for e in entries] == sorted((e.score for e in entries), reverse=True)
    explanation = top.explanation
    assert "welding" in explanation["matched_required_skills"]
    japanese = [item for item in explanation["languages"] if item["status"]]
    assert japanese and japanese[0]["status"] == "met"
    second = entries[1].explanation
    assert any(item["status"] == "not_met" for item in second["languages"])


def test_shortlist_limit_and_candidate_filter(fair):
    role, profiles = fair
    assert len(ranking.shortlist(role, limit=1)) == 1
    only = ranking.shortlist(role, candidate_ids=[profiles["cook"].id])
    assert names(only, profiles) == ["cook"]
    assert ranking.shortlist(role, candidate_ids=[]) == []


def test_a_changed_profile_is_ranked_at_once_without_a_refit(fair):
    role, profiles = fair
    ranking.shortlist(role)
    index = next(iter(indexes._indexes.values()))
    # Another worker or app server changes the cook's profile, straight in the database.
    db.session.execute(
        sa.update(CandidateProfile)
        .where(CandidateProfile.id == profiles["cook"].id)
        .values(
            headline="Welder",
            skills=["welding", "reading technical drawings"],
            languages=["Japanese N3"],
            education_level="tvet_diploma",
            updated_at=utcnow(),
        )
    )
    db.session.commit()
    db.session.expire_all()
    order = names(ranking.shortlist(role), profiles)
    assert order.index("cook") < order.index("welder_no_japanese")
    assert next(iter(indexes._indexes.values())) is index  # updated in place, not refitted


def test_withdrawn_consent_and_new_registrations_show_up(fair, create_user):
    role, profiles = fair
    ranking.shortlist(role)
    profiles["welder"].consent_at = None
    newcomer = create_user(
        profile=dict(
            headline="Welder",
            skills=["welding"],
            languages=["Japanese N4"],
            consent_version="2026-1",
            consent_at=utcnow(),
        )
    )
    db.session.add(Registration(event_id=role.event_id, candidate=newcomer.profile))
    db.session.commit()
    ids = [e.profile.id for e in ranking.shortlist(role)]
    assert profiles["welder"].id not in ids
    assert newcomer.profile.id in ids


def test_a_refresh_rereads_only_the_profiles_that_moved(fair, create_user, monkeypatch):
    """Every profile here changed seconds ago, inside the clock margin a refresh looks back
    over; a new registration still re-vectorises only the newcomer."""
    role, profiles = fair
    ranking.shortlist(role)
    index = next(iter(indexes._indexes.values()))
    updated = []
    real_update = index.matcher.update
    monkeypatch.setattr(
        index.matcher, "update", lambda records: updated.append(records) or real_update(records)
    )
    newcomer = create_user(profile=dict(headline="Welder", skills=["welding"], consent_at=utcnow()))
    db.session.add(Registration(event_id=role.event_id, candidate=newcomer.profile))
    db.session.commit()
    assert newcomer.profile.id in [e.profile.id for e in ranking.shortlist(role)]
    assert [[r["id"] for r in records] for records in updated] == [[newcomer.profile.id]]
    ranking.shortlist(role)  # nothing moved: nothing re-read
    assert len(updated) == 1


def test_roles_for_a_candidate(fair, create_organization):
    role, profiles = fair
    other = Role(
        event_id=role.event_id,
        organization=create_organization(name="Angkor Hotel"),
        title="Cook",
        description="Khmer and western dishes.",
        sector="hospitality",
        location="Siem Reap",
        program="local",
        required_skills=["cooking"],
    )
    db.session.add(other)
    # Recommended only from companies in the fair: approved exhibitors (jobfair.access).
    for organization_id in (role.organization_id, other.organization.id):
        db.session.add(
            Exhibitor(event_id=role.event_id, organization_id=organization_id, status="approved")
        )
    db.session.commit()
    fits = ranking.recommend_roles(profiles["cook"], role.event, k=5)
    assert [f.role.id for f in fits][0] == other.id
    welder_fits = ranking.recommend_roles(profiles["welder"], role.event, k=5)
    assert welder_fits[0].role.id == role.id
    assert welder_fits[0].explanation["missing_required_skills"] == []
