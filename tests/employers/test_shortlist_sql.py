"""The shortlist's profile filters decided in SQL keep exactly whom the rules on a profile
keep, in the same order, on a varied fair (bench/national.py) with odd lists added.
One difference on purpose: a bare string where a list belongs (the forms and the API never
store one) holds nothing in SQL, where Python's `in` read it as a substring ("ssw" in "ssw").

The rules (`shortlists.wants_location`, `wants_program`, `meets_education`,
`checked_in_today`, and the search's `programme in programs`) are what the shortlist read
each row for before; here they are the reference the SQL must agree with.
"""

import itertools

import pytest
import sqlalchemy as sa

from bench.national import seed_national
from jobfair.employers import shortlists
from jobfair.employers.search import Search
from jobfair.employers.shortlist_query import ShortlistQuery
from jobfair.extensions import db
from jobfair.models import Application, CandidateProfile, Registration, Role

ODD_LOCATIONS = [["JAPAN"], ["japan - aichi"], [], None, ["Phnom Penh", "日本"], ["Kandal "]]
ODD_PROGRAMS = [["SSW"], [], None, ["ssw", "ssw"], ["local", "技能実習"], ["ssw "]]


@pytest.fixture
def varied(app):
    """A small national fair (20 roles a company, 500 candidates) with odd lists stored."""
    logins = seed_national(password="a long pass phrase", scale=0.01)
    profiles = db.session.scalars(sa.select(CandidateProfile).order_by(CandidateProfile.id)).all()
    for n, (locations, programs) in enumerate(zip(ODD_LOCATIONS * 3, ODD_PROGRAMS * 3)):
        profiles[n * 7].wanted_locations = locations
        profiles[n * 7 + 3].programs = programs
    # A role in Cambodia wanting a place nobody else names in their wishes' case.
    cambodian = db.session.scalar(sa.select(Role).where(~Role.location.like("Japan%")))
    cambodian.location = "Kandal"
    db.session.commit()
    return logins


def reference(role: Role, filters, search: Search) -> list[int]:
    """Whom the rules keep, read profile by profile, newest registration first."""
    rules = {
        "checked_in": lambda p, r: shortlists.checked_in_today(r.checked_in_at, role.event),
        "location": lambda p, r: shortlists.wants_location(p, role),
        "program": lambda p, r: shortlists.wants_program(p, role),
        "education": lambda p, r: shortlists.meets_education(p, role),
    }
    rows = db.session.execute(
        sa.select(CandidateProfile, Registration)
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == role.event_id, CandidateProfile.consent_at.is_not(None))
        .order_by(Registration.registered_at.desc(), CandidateProfile.id.desc())
    ).all()
    done_with = set(
        db.session.scalars(
            sa.select(Application.candidate_id).where(
                Application.role_id == role.id, Application.status.in_(["rejected", "withdrawn"])
            )
        )
    )  # out of the working list by default
    return [
        profile.id
        for profile, registration in rows
        if profile.id not in done_with
        and all(rules[name](profile, registration) for name in filters)
        and (not search.program or search.program in (profile.programs or []))
    ]


def sample_roles() -> list[Role]:
    """One role for each place and programme the fair has."""
    roles = db.session.scalars(sa.select(Role).order_by(Role.id)).all()
    return list({(role.location, role.program): role for role in roles}.values())


def test_each_filter_and_every_combination_keeps_whom_the_rules_keep(varied):
    compared = 0
    for role in sample_roles():
        for size in range(1, len(shortlists.SHORTLIST_FILTERS) + 1):
            for filters in itertools.combinations(shortlists.SHORTLIST_FILTERS, size):
                query = ShortlistQuery(role, filters=frozenset(filters), section="everyone")
                assert query.candidate_ids() == reference(role, filters, Search()), (
                    role.location,
                    role.program,
                    filters,
                )
                compared += 1
    assert compared >= 3 * 15


@pytest.mark.parametrize("program", ["ssw", "technical_intern", "engineer", "local"])
def test_the_searched_programme_keeps_whom_the_rule_keeps(varied, program):
    role = sample_roles()[0]
    search = Search(program=program)
    found = ShortlistQuery(role, search=search, section="everyone").candidate_ids()
    assert found == reference(role, (), search) and found


def test_the_varied_fair_has_what_the_comparison_needs(varied):
    """Places in Japan and Cambodia, several programmes, and filters that keep some, not all."""
    roles = sample_roles()
    assert {r.location.startswith("Japan") for r in roles} == {True, False}
    assert len({r.program for r in roles}) >= 3
    role = next(r for r in roles if r.location == "Kandal")
    everyone = reference(role, (), Search())
    assert 0 < len(reference(role, ("location",), Search())) < len(everyone)
    japan = next(r for r in roles if r.location.startswith("Japan"))
    assert 0 < len(reference(japan, ("location", "program"), Search())) < len(everyone)
