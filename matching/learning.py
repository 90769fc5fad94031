"""Part weights learned from recruiters' decisions: a small logistic model over the parts'
scores, blended with the defaults by how many decisions there are, and held to a floor.

Recruiters move candidates forward (shortlisted, invited, offered, hired) or not (not
selected). Each decision is an example: the five part scores of that candidate for that
role (`part_scores`) and whether they went forward. A logistic regression over the scores,
centred within each role (a role's pool, not the role, is what a decision compares),
says how much each part weighs with this team; its positive coefficients, as shares, are
the learned weights. Three things keep them honest:

- nothing is learned below `MIN_DECISIONS` decisions, or without both outcomes;
- the learned shares blend with the defaults by ``n / (n + PRIOR)``;
- every part keeps at least `FLOOR` of its default weight, whatever the clicks say, so
  a team that passes over everyone of one kind cannot bury a whole group.

`WeightBook` learns them per key (a company and the ISCO-08 group of the role's
occupation) and falls back to coarser keys of the same company, then to the defaults.
The keys are the caller's: this module never pools one company's decisions into another's.

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> scores = rng.random((200, 5))
>>> examples = [Example(dict(zip(PARTS, s)), s[3] > 0.5) for s in scores]
>>> learned = fit_weights(examples, defaults=DEFAULT_WEIGHTS)
>>> learned.used, learned.decisions, max(learned.weights, key=learned.weights.get)
(True, 200, 'skills')
>>> all(learned.weights[p] >= FLOOR * DEFAULT_WEIGHTS[p] - 1e-9 for p in PARTS)
True
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.linear_model import LogisticRegression

from .index import BLOCKS

PARTS = BLOCKS
# The Matcher's own defaults (its constructor's), as shares.
DEFAULT_WEIGHTS = {"title": 0.2, "occupation": 0.25, "group": 0.1, "skills": 0.3, "text": 0.15}
# Fewer decisions than this teach nothing; and at least this many of each outcome.
MIN_DECISIONS = 20
MIN_EACH = 4
# Learned shares count n / (n + PRIOR): 30 decisions are half learned, half default.
PRIOR = 30
# Every part keeps at least this share of its default weight.
FLOOR = 0.3
# Inverse regularisation of the logistic model (on standardised scores).
C = 1.0


@dataclass(frozen=True, slots=True)
class Example:
    """One decision: a candidate's part scores for a role, and whether they went forward.

    `group` is the role (or anything naming the pool the decision was made in): scores are
    compared within it.
    """

    scores: Mapping  # part name -> score in [0, 1]; missing parts count 0
    positive: bool
    group: Hashable = None


@dataclass(frozen=True, slots=True)
class LearnedWeights:
    """Part weights (summing to 1), how many decisions they come from, and whether they
    were learned (False: the defaults, too few decisions)."""

    weights: dict
    decisions: int
    used: bool
    coefficients: dict = field(default_factory=dict)  # per part, on the scores' own scale


def _shares(weights: Mapping) -> dict:
    total = sum(max(0.0, float(weights.get(p, 0.0))) for p in PARTS)
    if total <= 0:
        raise ValueError("weights must have a positive sum")
    return {p: max(0.0, float(weights.get(p, 0.0))) / total for p in PARTS}


def _design(examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    """Scores as a matrix, centred within each group, and the outcomes."""
    x = np.array([[float(e.scores.get(p, 0.0) or 0.0) for p in PARTS] for e in examples])
    y = np.array([bool(e.positive) for e in examples], dtype=int)
    groups: dict = {}
    for row, example in enumerate(examples):
        groups.setdefault(example.group, []).append(row)
    for rows in groups.values():
        x[rows] -= x[rows].mean(axis=0)
    return x, y


def coefficients(examples: Sequence[Example], *, c: float = C) -> np.ndarray:
    """The logistic model's coefficient of each part (`PARTS` order) on the scores' scale.

    The model is fitted on standardised scores, so regularisation treats every part alike,
    and the coefficients are brought back to the raw scale (a ranking adds raw scores).
    A part that does not vary in the examples gets 0.
    """
    x, y = _design(examples)
    spread = x.std(axis=0)
    varies = spread > 1e-6
    beta = np.zeros(len(PARTS))
    if not varies.any():
        return beta
    model = LogisticRegression(C=c, max_iter=1000)
    model.fit(x[:, varies] / spread[varies], y)
    beta[varies] = model.coef_[0] / spread[varies]
    return beta


def fit_weights(
    examples: Iterable[Example],
    *,
    defaults: Mapping = DEFAULT_WEIGHTS,
    min_decisions: int = MIN_DECISIONS,
    prior: float = PRIOR,
    floor: float = FLOOR,
) -> LearnedWeights:
    """Part weights from decisions, blended with `defaults` and held to the floor.

    Parameters
    ----------
    examples : iterable of Example
    defaults : mapping
        Default weight per part (any scale).
    min_decisions : int
        Below this many decisions (or fewer than `MIN_EACH` of either outcome) the
        defaults are returned with ``used=False``.
    prior : float
        The learned shares count ``n / (n + prior)``.
    floor : float
        Each part keeps at least ``floor`` times its default share.

    Returns
    -------
    LearnedWeights
    """
    examples = list(examples)
    base = _shares(defaults)
    n = len(examples)
    positives = sum(1 for e in examples if e.positive)
    if n < min_decisions or min(positives, n - positives) < MIN_EACH:
        return LearnedWeights(base, n, False)
    beta = coefficients(examples)
    found = dict(zip(PARTS, beta.tolist()))
    if (beta <= 0).all():  # nothing the parts say predicts the decisions
        learned = base
    else:
        learned = _shares(dict(zip(PARTS, np.maximum(beta, 0.0).tolist())))
    trust = n / (n + prior)
    blended = {p: (1 - trust) * base[p] + trust * learned[p] for p in PARTS}
    # Both sum to 1, so the floored weights do too, and none falls below floor x default.
    weights = {p: floor * base[p] + (1 - floor) * blended[p] for p in PARTS}
    return LearnedWeights(weights, n, True, found)


class WeightBook:
    """Learned weights per key, with fallbacks to coarser keys.

    Parameters
    ----------
    defaults : mapping
        Default weights per part.
    **options
        Passed to `fit_weights` (min_decisions, prior, floor).

    Attributes
    ----------
    learned_ : dict
        key -> LearnedWeights, for every key given to `fit` (used or not).
    """

    def __init__(self, *, defaults: Mapping = DEFAULT_WEIGHTS, **options):
        self.defaults = defaults
        self.options = options

    def fit(self, examples: Mapping[Hashable, Sequence[Example]]) -> "WeightBook":
        """Learn each key's weights from its examples; returns self."""
        self.learned_ = {
            key: fit_weights(found, defaults=self.defaults, **self.options)
            for key, found in examples.items()
        }
        return self

    def update(self, examples: Mapping[Hashable, Sequence[Example]]) -> "WeightBook":
        """Learn these keys' weights again (their examples whole); the others stay."""
        self.learned_.update(
            (key, fit_weights(found, defaults=self.defaults, **self.options))
            for key, found in examples.items()
        )
        return self

    def weights_for(self, keys: Iterable[Hashable]) -> tuple[Hashable | None, LearnedWeights]:
        """The first of `keys` (finest first) with learned weights, and those weights;
        ``(None, defaults)`` when none has."""
        for key in keys:
            found = self.learned_.get(key)
            if found is not None and found.used:
                return key, found
        return None, LearnedWeights(_shares(self.defaults), 0, False)


def family_keys(company: Hashable, family: str) -> list[tuple]:
    """The keys a role looks its weights up by, finest first: the company and the role's
    ISCO-08 minor group (3 digits), the company and its major group (1 digit), the company.
    """
    family = family or ""
    keys = [(company, family[:3])] if len(family) >= 3 else []
    if family:
        keys.append((company, family[:1]))
    keys.append((company, ""))
    return keys


def role_family(matcher, role: Mapping) -> str:
    """The ISCO-08 code (4 digits) of the occupation the role's title resolves to, or ""."""
    occupation = matcher._query(role).occupation
    return occupation.isco if occupation is not None else ""


def part_scores(matcher, role: Mapping, candidate_ids: Sequence) -> dict:
    """Each candidate's unweighted score on each part for the role: {id: {part: score}}.

    The scores a ranking weighs (before renormalising over the parts both sides have and
    before the language, education and missing-skill rules); candidates the matcher does
    not hold are left out.
    """
    rows = matcher._rows(list(candidate_ids))
    if not len(rows):
        return {}
    record = {**role, "part_weights": dict.fromkeys(PARTS, 1.0)}
    record.pop("weights_source", None)
    query = matcher._query(record)
    # The per-title and per-skill-list parts a ranking adds up, without the ranking's
    # renormalising and rules (read here, not needed).
    title_parts, skills = matcher._key_scores(query)
    raw = np.zeros((len(rows), len(PARTS)))
    weights = query.weights
    for b, part in enumerate(title_parts):
        if part is not None and weights[b]:
            raw[:, b] = part[matcher.title_key_[rows]] / weights[b]
    if skills is not None and weights[3]:
        raw[:, 3] = skills[matcher.skills_key_[rows]]
        written, _held = matcher._written(query)  # held, not listed, as ranked
        if written is not None:
            raw[:, 3] += written[rows]
        raw[:, 3] /= weights[3]
    if weights[4]:
        raw[:, 4] = matcher.text_block_.score(*query.blocks[4])[rows]
    found = [matcher.ids_[row] for row in rows.tolist()]
    return {i: dict(zip(PARTS, np.clip(r, 0.0, 1.0).tolist())) for i, r in zip(found, raw)}
