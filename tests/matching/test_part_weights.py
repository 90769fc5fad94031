"""Part weights that follow how much each part tells for this role and this pool: skills
most candidates list count little (and cost little when missing), specific skills keep
their weight, and the explanation says which parts decided and which were counted down."""

import numpy as np
import pytest

from matching import Matcher
from matching.explaining import deciding, explained_shares, shares
from matching.index import BLOCKS

SKILLS = BLOCKS.index("skills")
TRADES = [
    ("cook", ["cooking", "food hygiene"]),
    ("sewing machine operator", ["sewing", "ironing"]),
    ("electrician", ["electrical wiring", "soldering"]),
    ("truck driver", ["driving", "forklift"]),
    ("care worker", ["elderly care", "first aid"]),
]
GENERIC = ["communication", "Microsoft Excel"]


def pool(n: int = 60) -> list[dict]:
    """Candidates of several trades; three in four list the generic office skills too."""
    people = []
    for i in range(n):
        title, skills = TRADES[i % len(TRADES)]
        extra = GENERIC if i % 4 else []
        people.append({"id": i, "headline": title, "skills": [*skills, *extra]})
    people.append({"id": "welder", "headline": "welder", "skills": ["welding", "grinding"]})
    people.append({"id": "tig", "headline": "welder", "skills": ["TIG welding", "welding"]})
    # Near trades that list the office skills too.
    people.append({"id": "brazer", "headline": "brazer", "skills": ["brazing", *GENERIC]})
    people.append({"id": "fab", "headline": "metal fabricator", "skills": ["cutting", *GENERIC]})
    return people


@pytest.fixture(scope="module")
def matcher():
    return Matcher().fit(pool())


GENERIC_ROLE = {"id": "g", "title": "Welder", "required_skills": GENERIC}
SPECIFIC_ROLE = {"id": "s", "title": "Welder", "required_skills": ["TIG welding"]}


def test_skills_most_candidates_list_count_little(matcher):
    generic = matcher._query(GENERIC_ROLE)
    specific = matcher._query(SPECIFIC_ROLE)
    assert generic.factors[SKILLS] < 0.5
    assert specific.factors[SKILLS] == pytest.approx(1.0)
    share = generic.weights[SKILLS] / generic.weights.sum()
    assert share < 0.5 * matcher.skills_weight
    assert generic.missing_penalty < 0.5 * matcher.missing_skill_penalty
    assert specific.missing_penalty == matcher.missing_skill_penalty


def test_the_title_decides_when_the_skills_tell_little(matcher):
    ranked = [r.candidate_id for r in matcher.rank(GENERIC_ROLE, k=5)]
    # Welders lack the office skills that most others list (a brazer, a metal fabricator
    # among them); they still come first, well ahead.
    assert ranked[:2] in (["welder", "tig"], ["tig", "welder"])
    scores = {r.candidate_id: r.score for r in matcher.rank(GENERIC_ROLE, k=5)}
    assert scores["welder"] > 2 * scores["brazer"]


def test_specific_skills_still_decide(matcher):
    results = matcher.rank(SPECIFIC_ROLE, k=3)
    assert results[0].candidate_id == "tig"
    assert results[0].score > results[1].score
    assert "skills" in results[0].explanation.deciding_parts
    assert results[0].explanation.quiet_parts == []


def test_the_explanation_names_deciding_and_quiet_parts(matcher):
    explanation = matcher.rank(GENERIC_ROLE, k=1)[0].explanation
    assert explanation.quiet_parts == ["skills"]
    assert explanation.deciding_parts
    assert "skills" not in explanation.deciding_parts
    assert set(explanation.deciding_parts) <= set(BLOCKS)
    data = explanation.to_dict()
    assert data["quiet_parts"] == ["skills"]
    assert data["deciding_parts"] == explanation.deciding_parts


def test_recommend_explains_the_same_parts(matcher):
    candidate = {"id": "w", "headline": "welder", "skills": ["welding"]}
    by_role = {r.role_id: r for r in matcher.recommend(candidate, [GENERIC_ROLE, SPECIFIC_ROLE])}
    assert by_role["g"].explanation.quiet_parts == ["skills"]
    assert by_role["s"].explanation.quiet_parts == []


def test_factors_follow_the_pool():
    """A skill that was rare becomes common as candidates who list it join."""
    m = Matcher().fit(pool())
    role = {"id": "r", "title": "Welder", "required_skills": ["grinding"]}
    assert m._query(role).factors[SKILLS] == pytest.approx(1.0)
    m.update([{"id": f"g{i}", "headline": "cook", "skills": ["grinding"]} for i in range(60)])
    assert m._query(role).factors[SKILLS] < 0.5
    assert m.rank(role, k=1)[0].explanation.quiet_parts == ["skills"]


def test_deciding_parts_make_two_thirds():
    shares = {"title": 0.4, "occupation": 0.3, "group": 0.2, "skills": 0.1, "text": 0.0}
    assert deciding(shares) == ["title", "occupation"]
    assert deciding(dict.fromkeys(BLOCKS, 0.0)) == []


def test_deciding_parts_for_many_rows_are_those_of_each_row():
    rng = np.random.default_rng(5)
    parts = rng.random((300, len(BLOCKS))).astype(np.float32)
    parts[rng.random(parts.shape) < 0.4] = 0.0
    parts[:3] = [[0.2, 0.2, 0.2, 0.2, 0.2], [1, 0, 0, 0, 0], [0, 0, 0, 0, 0]]
    for (row_shares, found), one in zip(explained_shares(parts), shares(parts), strict=True):
        assert row_shares == one
        assert found == deciding(one)
