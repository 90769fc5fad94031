"""A recruiter's search finds the same people whatever script they or the candidates wrote in."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Registration, UserRole, search_key_of

from .test_search_bulk import shortlist, shown_ids


@pytest.fixture
def welders(fair, create_user):
    """Welders who wrote in English, Khmer and Japanese, a forklift driver in katakana and a
    cook; with the fair's own candidate (skills "welding"), four welders."""
    people = {}
    for key, headline, skills in [
        ("en", "Welder", ["welding"]),
        ("km", "ជាងផ្សារដែក", ["ផ្សារដែក"]),
        ("ja", "溶接工", ["溶接"]),
        ("forklift", "フォークリフト運転手", ["ＴＩＧ溶接"]),
        ("cook", "Cook", ["cooking"]),
    ]:
        user = create_user(
            UserRole.CANDIDATE,
            profile={
                "full_name": f"Person {key}",
                "headline": headline,
                "skills": skills,
                "consent_version": "2026-01",
                "consent_at": datetime.now(UTC),
            },
        )
        db.session.add(Registration(event=fair.event, candidate=user.profile))
        people[key] = user.profile.id
    db.session.commit()
    people["dara"] = fair.candidate.profile.id
    return people


@pytest.mark.parametrize("typed", ["溶接", "ផ្សារដែក", "welding", "WELDING", "weld"])
def test_welding_in_any_script_finds_every_welder(client, auth, fair, welders, typed):
    auth.login(fair.recruiter.email)
    found = set(shown_ids(shortlist(client, fair, f"?q={typed}")))
    # The forklift driver's ＴＩＧ溶接 is welding too.
    assert found == {welders[k] for k in ("en", "km", "ja", "dara", "forklift")}


@pytest.mark.parametrize("typed", ["ﾌｫｰｸﾘﾌﾄ", "フォークリフト", "ふぉーくりふと", "ｔｉｇ"])
def test_kana_and_width_variants_find_what_was_stored(client, auth, fair, welders, typed):
    auth.login(fair.recruiter.email)
    assert shown_ids(shortlist(client, fair, f"?q={typed}")) == [welders["forklift"]]


def test_a_name_never_enters_the_key_and_finds_nobody_under_blind_review(
    client, auth, fair, welders
):
    profile = fair.candidate.profile
    profile.name_khmer = "ចាន់ ដារ៉ា"
    db.session.commit()
    assert "dara" not in profile.search_key and "ដារ៉ា" not in profile.search_key
    fair.role.blind_review = True
    db.session.commit()
    auth.login(fair.recruiter.email)
    for typed in ("chan", "dara", "ដារ៉ា", "person"):
        assert shown_ids(shortlist(client, fair, f"?q={typed}")) == [], typed


def test_the_model_layer_rewrites_the_key_when_a_searched_field_changes(fair, welders):
    profile = db.session.get(CandidateProfile, welders["cook"])
    assert "welding" not in profile.search_key
    profile.past_jobs = [{"title": "溶接工", "employer": "Angkor Steel", "years": 2}]
    db.session.commit()
    stored = db.session.scalar(
        sa.select(CandidateProfile.search_key).where(CandidateProfile.id == profile.id)
    )
    assert "welder" in stored and "angkor steel" in stored
    profile.province = "Takeo"  # not a searched field: the key stays as it is
    db.session.commit()
    assert profile.search_key == stored


def test_the_demo_fair_is_searchable_in_every_script(app):
    seed_demo(password="demo pass phrase", candidates=30)
    db.session.commit()
    profiles = db.session.scalars(sa.select(CandidateProfile)).all()
    assert profiles and all(p.search_key == search_key_of(CandidateProfile, p) for p in profiles)


def test_refresh_search_keys_rewrites_keys_made_with_an_older_vocabulary(
    runner, client, auth, fair, welders
):
    # As a key written before the vocabulary knew ផ្សារដែក: only the folded text.
    db.session.execute(
        sa.update(CandidateProfile)
        .where(CandidateProfile.id == welders["km"])
        .values(search_key="ជាងផ្សារដែក\nផ្សារដែក")
    )
    db.session.commit()
    auth.login(fair.recruiter.email)
    assert welders["km"] not in shown_ids(shortlist(client, fair, "?q=welding"))
    result = runner.invoke(args=["refresh-search-keys"])
    assert result.exit_code == 0 and "1 search keys rewritten" in result.output
    assert welders["km"] in shown_ids(shortlist(client, fair, "?q=welding"))
