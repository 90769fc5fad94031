"""Part weights learned from decisions: the role's `part_weights` hook, the model with its
floor and fallbacks, and a replay in which learning must beat the defaults."""

import doctest

import numpy as np
import pytest

from matching import Matcher, learning
from matching.learning import (
    DEFAULT_WEIGHTS,
    FLOOR,
    PARTS,
    Example,
    WeightBook,
    family_keys,
    fit_weights,
    part_scores,
)
from matching.replay import lowest_kept, replay

from .test_matcher import CANDIDATES

ROLE = {"id": "r", "title": "Welder", "required_skills": ["sewing"], "description": "factory"}


@pytest.fixture(scope="module")
def matcher():
    return Matcher().fit(CANDIDATES)


def test_the_docstrings_run():
    assert doctest.testmod(learning).failed == 0


def test_a_role_s_part_weights_replace_the_defaults(matcher):
    default = matcher.ranked_ids(ROLE)
    by_title = matcher.ranked_ids(
        {**ROLE, "part_weights": {"title": 1, "occupation": 1, "group": 1, "skills": 0, "text": 0}}
    )
    by_skills = matcher.ranked_ids({**ROLE, "part_weights": {"skills": 5.0}})
    # The same role, remembered by the matcher: only the weights tell the rankings apart.
    assert by_title[0] in ("welder", "welder_n5")
    assert by_skills[0] == "sewer"
    assert matcher.ranked_ids(ROLE) == default


def test_the_explanation_says_whose_weights_ranked(matcher):
    def source(record):
        return matcher.rank(record, k=1)[0].explanation

    assert source(ROLE).weights_source == "default"
    assert source({**ROLE, "part_weights": {"skills": 0.5}}).weights_source == "role"
    learned = source({**ROLE, "part_weights": {"skills": 0.5}, "weights_source": "learned"})
    assert learned.weights_source == "learned"
    assert learned.to_dict()["weights_source"] == "learned"
    found = matcher.recommend(CANDIDATES[4], [{**ROLE, "part_weights": {"skills": 0.5}}], k=1)
    assert found[0].explanation.weights_source == "role"


def test_part_scores_are_the_parts_a_ranking_weighs(matcher):
    scores = part_scores(matcher, ROLE, ["welder", "sewer", "nobody"])
    assert set(scores) == {"welder", "sewer"}
    assert scores["welder"]["title"] > scores["sewer"]["title"]
    assert scores["sewer"]["skills"] > scores["welder"]["skills"]
    # With equal weights a ranking's shares are the scores' shares.
    record = {**ROLE, "part_weights": dict.fromkeys(PARTS, 1.0)}
    explained = matcher.rank(record, k=None, candidate_ids=["welder"])[0].explanation
    total = sum(scores["welder"].values())
    for part in PARTS:
        assert explained.contributions[part] == pytest.approx(
            scores["welder"][part] / total, abs=2e-3
        )


def examples(n, rule, seed=0, group=None):
    rng = np.random.default_rng(seed)
    return [Example(dict(zip(PARTS, s)), rule(s), group) for s in rng.random((n, len(PARTS)))]


def test_too_few_decisions_or_one_outcome_teach_nothing():
    few = fit_weights(examples(10, lambda s: s[3] > 0.5))
    assert (few.used, few.decisions) == (False, 10)
    assert few.weights == pytest.approx(DEFAULT_WEIGHTS)
    assert not fit_weights(examples(100, lambda s: True)).used


def test_the_part_that_decides_gains_weight_and_more_decisions_gain_more():
    some = fit_weights(examples(40, lambda s: s[0] > 0.5))
    many = fit_weights(examples(400, lambda s: s[0] > 0.5))
    assert some.used and many.used
    assert DEFAULT_WEIGHTS["title"] < some.weights["title"] < many.weights["title"]
    assert max(many.weights, key=many.weights.get) == "title"
    assert sum(many.weights.values()) == pytest.approx(1.0)


def test_no_one_s_clicks_push_a_part_below_its_floor():
    # A team that passes over everyone with a skills score, thousands of times over.
    learned = fit_weights(examples(5000, lambda s: s[3] < 0.2), floor=FLOOR)
    assert learned.coefficients["skills"] < 0
    assert learned.weights["skills"] == pytest.approx(FLOOR * DEFAULT_WEIGHTS["skills"], rel=0.02)
    for part in PARTS:
        assert learned.weights[part] >= FLOOR * DEFAULT_WEIGHTS[part] - 1e-12


def test_weights_fall_back_to_the_company_s_coarser_keys_then_defaults():
    assert family_keys("acme", "7212") == [("acme", "721"), ("acme", "7"), ("acme", "")]
    assert family_keys("acme", "") == [("acme", "")]
    book = WeightBook().fit({
        ("acme", "721"): examples(5, lambda s: s[0] > 0.5),
        ("acme", "7"): examples(100, lambda s: s[0] > 0.5),
    })  # fmt: skip
    key, found = book.weights_for(family_keys("acme", "7212"))
    assert key == ("acme", "7") and found.used and found.decisions == 100
    key, found = book.weights_for(family_keys("other", "7212"))
    assert key is None and not found.used and found.weights == pytest.approx(DEFAULT_WEIGHTS)


def test_replay_learned_weights_beat_the_defaults_and_keep_the_floor():
    kwargs = {"seed": 3, "candidates": 300, "roles": 10, "applicants": 30}
    learned = replay(**kwargs)
    assert learned.roles > 20
    assert learned.learned["ndcg@10"] > learned.default["ndcg@10"] + 0.03
    assert learned.learned["map"] > learned.default["map"] + 0.03
    assert lowest_kept(learned.weights)[0] >= FLOOR
    # The company that passes over whoever has the role's skills: skills sink to the floor.
    skills = {
        family: w["skills"] for (co, family), w in learned.weights.items() if co == "no-skills"
    }
    assert skills[""] < (FLOOR + 0.15) * DEFAULT_WEIGHTS["skills"]
    assert max(skills.values()) < DEFAULT_WEIGHTS["skills"]
    # The control: without learning the same fair ranks no better than the defaults.
    control = replay(**kwargs, learn=False)
    assert control.roles == 0
    assert control.learned == control.default
