"""The ranked, explained shortlist: who is on it, in which order, filters and blind review."""

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from jobfair.employers import shortlists
from jobfair.employers.shortlist_query import ShortlistQuery
from jobfair.extensions import db
from jobfair.models import Application, CandidateProfile, Registration
from matching.bands import BAND_ORDER


def run(role, filters=(), page=1, per_page=1000, section="qualified"):
    """One page of the role's shortlist query with these profile filters."""
    return ShortlistQuery(role, filters=frozenset(filters), section=section).page(page, per_page)


def by_band(entries):
    """Entries in a section's order: best band first, the matcher's score order within."""
    return sorted(entries, key=lambda e: BAND_ORDER[e.explanation["band"]])


def shortlist_page(client, fair, query=""):
    response = client.get(f"/employer/roles/{fair.role.id}/shortlist{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_consenting_registered_candidates_ranked_best_first(fair, seed_candidates, create_user):
    seed_candidates(fair.event, n=10)
    silent = create_user(profile={"full_name": "No Consent", "skills": ["welding"]})
    db.session.add(Registration(event=fair.event, candidate=silent.profile))
    create_user(profile={"full_name": "Not Registered", "consent_at": datetime.now(UTC)})
    db.session.commit()
    ranked = shortlists.shortlist(fair.role)
    names = [entry.profile.full_name for entry in ranked]
    assert len(ranked) == 11 and "No Consent" not in names and "Not Registered" not in names
    assert names[0] == "Chan Dara"  # both skills and Japanese N4
    assert [e.rank for e in ranked] == list(range(1, 12))
    assert [e.score for e in ranked] == sorted((e.score for e in ranked), reverse=True)
    top = ranked[0].explanation
    assert top["matched_required_skills"] == ["welding", "reading technical drawings"]
    assert top["languages"][0]["status"] == "met"


def test_the_page_explains_the_top_entries(client, auth, fair, seed_candidates):
    seed_candidates(fair.event, n=5)
    auth.login(fair.recruiter.email)
    page = shortlist_page(client, fair)
    first = page.index("Chan Dara")
    assert page.index("#1") < first
    assert "✓ welding, reading technical drawings" in page[first:]
    assert "Japanese: N4 (needs N4, must) — meets" in page[first:] and "meets" in page[first:]
    # Both required skills, the must-have language and the same occupation: a strong fit.
    assert 'class="band band-strong">Strong fit' in page[first : page.index("</li>", first)]
    assert "Everyone (6)" in page


def test_pages_of_25(client, auth, fair, seed_candidates):
    seed_candidates(fair.event, n=30)
    auth.login(fair.recruiter.email)
    first = shortlist_page(client, fair, "?section=everyone")
    second = shortlist_page(client, fair, "?section=everyone&page=2")
    assert first.count('class="card candidate"') == 25
    assert second.count('class="card candidate"') == 6
    assert "Page 2 of 2" in second
    last = shortlist_page(client, fair, "?section=everyone&page=99")
    assert last.count('class="card candidate"') == 6


def test_the_pager_keeps_the_filters_and_drops_the_undo_notice(client, auth, fair, seed_candidates):
    import html
    import re

    seed_candidates(fair.event, n=30)
    auth.login(fair.recruiter.email)
    first = shortlist_page(client, fair, "?section=everyone&sort=date&undo=abcdef")
    assert "1–25 of 31" in first
    following = html.unescape(re.search(r'rel="next" href="([^"]+)"', first).group(1))
    assert "section=everyone" in following and "sort=date" in following
    assert "page=2" in following and "undo" not in following
    second = client.get(following).get_data(as_text=True)
    assert second.count('class="card candidate"') == 6 and "26–31 of 31" in second


@pytest.mark.parametrize(
    ("name", "keeps"),
    [
        ("location", lambda p: "Japan" in p.wanted_locations),
        ("program", lambda p: "ssw" in p.programs),
        ("education", lambda p: p.education_level in ("lower_secondary", "upper_secondary")),
    ],
)
def test_filters(fair, seed_candidates, name, keeps):
    seed_candidates(fair.event, n=30)
    everyone = shortlists.shortlist(fair.role)
    listing = run(fair.role, {name}, section="everyone")
    kept = listing.entries
    assert 0 < len(kept) == listing.total <= len(everyone)
    assert {e.profile.id for e in kept} == {e.profile.id for e in everyone if keeps(e.profile)}
    # Filtering keeps the section's order (band, then score), scores and explanations.
    full = {e.profile.id: e for e in everyone}
    assert [e.profile.id for e in kept] == [
        e.profile.id for e in by_band(everyone) if keeps(e.profile)
    ]
    assert all(e.explanation == full[e.profile.id].explanation for e in kept)


def _japanese(profile) -> str | None:
    return next((r["level"] for r in profile.languages if r["language"] == "Japanese"), None)


def test_must_haves_mean_must_and_near_misses_stand_apart(fair, seed_candidates):
    """The role must have Japanese N4: N4 and N3 qualify, N5 is almost, the rest neither."""
    seed_candidates(fair.event, n=30)
    everyone = by_band(shortlists.shortlist(fair.role))
    order = [e.profile.id for e in everyone]
    sections = {name: run(fair.role, section=name) for name in ("qualified", "almost", "everyone")}
    expected = {
        "qualified": [e.profile.id for e in everyone if _japanese(e.profile) in ("N4", "N3")],
        "almost": [e.profile.id for e in everyone if _japanese(e.profile) == "N5"],
        "everyone": order,
    }
    for name, listing in sections.items():
        assert [e.profile.id for e in listing.entries] == expected[name], name
        assert listing.total == len(expected[name]) == listing.counts[name] > 0
        assert [e.rank for e in listing.entries] == list(range(1, listing.total + 1))
    assert all(e.explanation["band"] == "partial" for e in sections["almost"].entries)
    assert all(
        lang["status"] == "nearly"
        for e in sections["almost"].entries
        for lang in e.explanation["languages"]
    )


def test_the_page_opens_on_the_qualified_and_offers_the_others(client, auth, fair, seed_candidates):
    seed_candidates(fair.event, n=30)
    auth.login(fair.recruiter.email)
    listing = run(fair.role, section="almost")
    page = shortlist_page(client, fair)
    assert 'aria-current="page">Meet every must-have' in page
    assert f"Almost: one level short ({listing.total})" in page and "Everyone (31)" in page
    almost = shortlist_page(client, fair, "?section=almost")
    assert almost.count('class="card candidate"') == listing.total
    assert "Japanese: N5 (needs N4, must) — nearly" in almost


def test_a_page_explains_only_its_rows_in_the_full_order(fair, seed_candidates):
    seed_candidates(fair.event, n=30)
    everyone = by_band(shortlists.shortlist(fair.role))
    second = run(fair.role, page=2, per_page=7, section="everyone")
    assert second.total == len(everyone) and second.pages == -(-len(everyone) // 7)
    # The same people in the same order; numbered by their place in the section's order
    # (best band first), which is the score order's only where the bands follow it.
    assert [e.profile.id for e in second.entries] == [e.profile.id for e in everyone[7:14]]
    assert [e.rank for e in second.entries] == list(range(8, 15))
    past_the_end = run(fair.role, page=99, per_page=7, section="everyone")
    assert past_the_end.page == past_the_end.pages
    assert [e.profile.id for e in past_the_end.entries] == [
        e.profile.id for e in everyone[(past_the_end.pages - 1) * 7 :]
    ]


def test_checked_in_today_filter(client, auth, fair, seed_candidates):
    seed_candidates(fair.event, n=3)
    registration = fair.candidate.profile.registrations[0]
    registration.checked_in_at = datetime.now(UTC)
    db.session.commit()
    auth.login(fair.recruiter.email)
    page = shortlist_page(client, fair, "?checked_in=y")
    assert "Chan Dara" in page and page.count('class="card candidate"') == 1


def test_blind_review_hides_identity_until_invited(client, auth, fair):
    fair.role.blind_review = True
    profile = fair.candidate.profile
    profile.gender, profile.birth_year = "female", 2000
    db.session.commit()
    auth.login(fair.recruiter.email)
    page = shortlist_page(client, fair)
    assert "Chan Dara" not in page and "Female" not in page and "age " not in page
    assert f"Candidate C{profile.id:05d}" in page
    application = Application(role=fair.role, candidate=profile, status="invited")
    db.session.add(application)
    db.session.commit()
    page = shortlist_page(client, fair)
    assert "Chan Dara" in page and "Female" in page


def test_stand_in_and_ranking_share_the_interface(fair):
    """Until jobfair.ranking lands the stand-in answers; both give Ranked-like entries."""
    entry = shortlists.shortlist(fair.role)[0]
    for attribute in ("profile", "registration", "score", "rank", "explanation"):
        assert hasattr(entry, attribute)
    assert isinstance(entry.profile, CandidateProfile) and 0 <= entry.score <= 1


@dataclass(frozen=True, slots=True)
class FrozenRanked:
    """The shape `jobfair.ranking.Ranked` has: read-only."""

    rank: int
    score: float
    profile: object
    registration: object
    explanation: dict
