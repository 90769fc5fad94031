"""Part weights learned from a company's decisions: learned off the page after decisions,
used for that company's shortlists only, and said on the page."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from jobfair import learned_weights, ranking
from jobfair.employers import applications
from jobfair.extensions import db
from jobfair.models import Job, LearnedWeights, Registration, Role, UserRole
from matching.learning import DEFAULT_WEIGHTS, FLOOR, MIN_DECISIONS


@pytest.fixture
def pool(fair, create_user):
    """30 candidates: half welders by title who list and write nothing of the role's skills
    (the title alone is evidence of welding, not of reading drawings), half the reverse."""
    people = []
    for i in range(30):
        titled = i % 2 == 0
        user = create_user(
            UserRole.CANDIDATE,
            profile={
                "full_name": f"Person {i:02d}",
                "headline": "Welder" if titled else "Cook",
                "skills": ["cooking", "food hygiene"]
                if titled
                else ["welding", "reading technical drawings"],
                "experience": "Hotel kitchen.",
                "languages": ["Khmer native", "Japanese N4"],
                "education_level": "upper_secondary",
                "consent_version": "2026-01",
                "consent_at": datetime.now(UTC),
            },
        )
        db.session.add(Registration(event=fair.event, candidate=user.profile))
        people.append(user.profile)
    # The other company posts the very same role.
    twin = Role(
        event=fair.event,
        organization=fair.other_company,
        title=fair.role.title,
        sector=fair.role.sector,
        location=fair.role.location,
        program=fair.role.program,
        required_skills=list(fair.role.required_skills),
        languages=list(fair.role.languages),
        min_education=fair.role.min_education,
    )
    db.session.add(twin)
    db.session.commit()
    return people, twin


def decide(fair, people, n=None, *, one_transaction=False):
    """The company's recruiter moves the people with the role's welding skills forward and
    passes over welders by title alone (the default weights rank the titles first)."""
    for profile in people[:n]:
        if profile.headline == "Cook":
            applications.add_to_pipeline(fair.role, profile, fair.recruiter)
        else:
            application = applications.add_to_pipeline(fair.role, profile, fair.recruiter)
            applications.reject(application, "No welding in the skills.", fair.recruiter)
        if not one_transaction:
            db.session.commit()
    db.session.commit()


def order(role):
    return [(entry.profile.id, round(entry.score, 6)) for entry in ranking.shortlist(role)]


def test_decisions_teach_the_company_s_weights_off_the_page(fair, pool):
    people, _twin = pool
    before = ranking.shortlist(fair.role)
    assert before[0].explanation["weights_source"] == "default"
    decide(fair, people)
    # Each commit after enough decisions ran a job (immediate in tests) that learned again.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) >= 1
    rows = db.session.scalars(
        sa.select(LearnedWeights).where(LearnedWeights.organization_id == fair.company.id)
    ).all()
    assert rows and all(row.decisions == 30 for row in rows)
    weights = rows[0].weights
    assert weights["title"] >= FLOOR * DEFAULT_WEIGHTS["title"]
    assert not learned_weights.is_stale(fair.event.id, fair.company.id)
    after = ranking.shortlist(fair.role)
    assert after[0].explanation["weights_source"] == "learned"
    assert after[0].explanation["learned_decisions"] == 30
    # The skilled now rank above welders by title; with the default weights, below.
    welders = {p.id for p in people if p.headline == "Cook"}

    def first(entries):
        found = [e.profile.id for e in entries if e.profile.id in {p.id for p in people}]
        return set(found[:15])

    assert not first(before) & welders
    assert first(after) == welders


def test_one_company_s_decisions_never_change_another_company_s_ranking(fair, pool):
    people, twin = pool
    before = order(twin)
    decide(fair, people)
    assert order(twin) == before
    assert (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(LearnedWeights)
            .where(LearnedWeights.organization_id == fair.other_company.id)
        )
        == 0
    )
    assert all(e.explanation["weights_source"] == "default" for e in ranking.shortlist(twin))
    assert order(fair.role) != before  # the same role, the deciding company's: it moved


def test_a_bulk_action_that_crosses_the_threshold_starts_one_job(fair, pool):
    people, _twin = pool
    decide(fair, people, one_transaction=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 1
    rows = db.session.scalars(sa.select(LearnedWeights)).all()
    assert rows and {row.decisions for row in rows} == {30}


def test_too_few_decisions_learn_nothing_and_start_no_job(fair, pool):
    people, _twin = pool
    decide(fair, people, n=MIN_DECISIONS - 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Job)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LearnedWeights)) == 0
    assert not learned_weights.is_stale(fair.event.id, fair.company.id)


def test_the_command_learns_again_where_decisions_changed(fair, pool, runner):
    people, _twin = pool
    decide(fair, people)
    db.session.execute(sa.delete(LearnedWeights))
    db.session.commit()
    assert learned_weights.is_stale(fair.event.id, fair.company.id)
    result = runner.invoke(args=["learn-weights", "--event", str(fair.event.id)])
    assert result.exit_code == 0, result.output
    assert f"company {fair.company.id}:" in result.output and "30" in result.output
    assert "1 companies learned again." in result.output
    again = runner.invoke(args=["learn-weights", "--event", str(fair.event.id)])
    assert "0 companies learned again." in again.output


@pytest.mark.parametrize("locale, words", [("en", "your team's 30 decisions"),
                                           ("ja", "30 件の判断"), ("km", "ចំនួន 30")])  # fmt: skip
def test_the_shortlist_says_when_learned_weights_ranked_it(client, auth, fair, pool, locale, words):
    people, _twin = pool
    auth.login(fair.recruiter.email)
    page = client.get(f"/employer/roles/{fair.role.id}/shortlist?section=everyone")
    assert "learned-weights" not in page.get_data(as_text=True)
    decide(fair, people)
    fair.recruiter.locale = locale
    db.session.commit()
    page = client.get(f"/employer/roles/{fair.role.id}/shortlist?section=everyone")
    assert words in page.get_data(as_text=True)
    candidate = people[1]
    page = client.get(f"/employer/roles/{fair.role.id}/candidates/{candidate.id}")
    assert words in page.get_data(as_text=True)
