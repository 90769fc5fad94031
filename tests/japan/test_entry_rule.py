"""The SSW (i) entry rule: the field's skill test and Japanese N4 / JFT-Basic A2, or TITP (ii)
completed in the same field; what is missing, in words people read."""

from datetime import date

import pytest

from jobfair import japan_entry
from jobfair.extensions import db
from jobfair.models import CandidateProfile, PassedTest, Role

FIELD = "nursing_care"


@pytest.fixture(autouse=True)
def request_context(app):
    """The rule's words are rendered in the reader's language (English here)."""
    with app.test_request_context():
        yield


@pytest.fixture
def candidate(create_user):
    def make(japanese=None, tests=()):
        languages = ["Khmer native"] + ([japanese] if japanese else [])
        user = create_user(profile={"languages": languages})
        for kind, field in tests:
            db.session.add(
                PassedTest(
                    candidate_id=user.profile.id, kind=kind, field=field, passed_on=date(2026, 3, 1)
                )
            )
        db.session.commit()
        return user.profile

    return make


def rule(profile: CandidateProfile):
    return japan_entry.entry_rule(profile, FIELD)


def test_skill_test_and_jlpt_n4_meet_the_rule(app, candidate):
    result = rule(candidate("Japanese N4", [("ssw_skill", FIELD)]))
    assert result.met and not result.missing and not result.via_titp
    assert result.summary() == "Meets the SSW entry rule"


def test_skill_test_and_jft_basic_meet_the_rule(app, candidate):
    profile = candidate({"language": "Japanese", "test": "JFT-Basic", "level": "A2"})
    db.session.add(PassedTest(candidate_id=profile.id, kind="ssw_skill", field=FIELD,
                              passed_on=date(2026, 1, 5)))  # fmt: skip
    db.session.commit()
    assert rule(profile).met


def test_higher_japanese_counts(app, candidate):
    assert rule(candidate("Japanese N2", [("ssw_skill", FIELD)])).met


def test_n5_only_misses_both_and_says_what_the_candidate_has(app, candidate):
    result = rule(candidate("Japanese N5"))
    assert not result.met
    assert result.missing == ("skill_test", "japanese")
    assert result.missing_text() == (
        "the nursing care skill test; Japanese N4 or JFT-Basic A2 (you have N5)"
    )
    assert result.summary().startswith("Missing: the nursing care skill test")


def test_no_japanese_at_all(app, candidate):
    result = rule(candidate(None, [("ssw_skill", FIELD)]))
    assert result.missing == ("japanese",)
    assert result.missing_text() == "Japanese N4 or JFT-Basic A2"


def test_skill_test_of_another_field_does_not_count(app, candidate):
    result = rule(candidate("Japanese N3", [("ssw_skill", "construction")]))
    assert result.missing == ("skill_test",)


def test_titp_stage_2_in_the_same_field_exempts_from_both_tests(app, candidate):
    result = rule(candidate("Japanese N5", [("titp_stage_2", FIELD)]))
    assert result.met and result.via_titp


def test_titp_stage_2_in_another_field_does_not(app, candidate):
    result = rule(candidate("Japanese N5", [("titp_stage_2", "construction")]))
    assert not result.met
    assert result.missing == ("skill_test", "japanese")


def test_only_ssw_roles_with_a_field_have_the_rule(app, candidate):
    profile = candidate("Japanese N4", [("ssw_skill", FIELD)])
    ssw = Role(program="ssw", ssw_field=FIELD)
    assert japan_entry.rule_for_role(profile, ssw).met
    assert japan_entry.rule_for_role(profile, Role(program="local")) is None
    assert japan_entry.rules_for_role(ssw, [profile])[profile.id].met
    assert japan_entry.rules_for_role(Role(program="engineer"), [profile]) == {}


def test_the_rule_reads_japanese_in_japanese_too(app, candidate):
    from flask_babel import force_locale

    profile = candidate("Japanese N5")
    with force_locale("ja"):
        text = rule(profile).missing_text()
    assert "N5" in text and "JFT-Basic A2" in text and "skill test" not in text
