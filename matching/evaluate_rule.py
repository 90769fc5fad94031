"""The rule every evaluation set is held to: no plain baseline beats the matcher on the
set's main metric. A set is profiles and roles with graded relevance; each system ranks
the profiles for every role; one table shows them all, and the verdict names the sets
where a baseline wins.

Metrics, per role, averaged over the roles (``grades`` maps a counted id to its grade;
the top grade present is "relevant"):

- NDCG@10 with gains ``2**grade - 1`` (graded);
- MAP: precision at each relevant item found in the ranking, over the number relevant
  (at most the set's depth: MAP@depth, so a role with 300 relevant titles is not capped);
- MRR: one over the rank of the first relevant item;
- R@10: share of the relevant items in the top 10.

With one relevant item per role MAP equals MRR.

>>> scores([["a", "b"]], [{"b": 1}])["MRR"]
0.5
"""

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from . import evaluate_baselines as baselines
from .matcher import Matcher

METRICS = ("NDCG@10", "MAP", "MRR", "R@10")
MATCHER = "Matcher"
# A baseline ahead of the matcher by less than this counts as even (float noise).
TIE = 1e-9


@dataclass
class EvalSet:
    """Profiles and roles for the matcher and the baselines, with graded relevance.

    ``grades[i]`` is ``{counted id: grade > 0}`` for ``roles[i]``. ``counted`` maps a
    profile id to the id its hits count as (e.g. an ESCO label's occupation), so that
    a ranking is read at that level, first appearance kept; None reads profile ids.
    A profile whose counted id equals the role's ``"id"`` is never retrieved for it
    (a title asked for the titles like it does not find itself).
    """

    name: str
    about: str
    profiles: list[dict]
    roles: list[dict]
    grades: list[dict]
    main: str
    counted: dict | None = None
    depth: int = 100


def scores(
    rankings: Sequence[Sequence], grades: Sequence[Mapping], depth: int | None = None
) -> dict:
    """The averaged `METRICS` of rankings (counted ids, best first) against grades, read
    to `depth` (all when None)."""
    totals = dict.fromkeys(METRICS, 0.0)
    for ranking, graded in zip(rankings, grades, strict=True):
        if not graded:
            continue
        top = max(graded.values())
        relevant = {item for item, grade in graded.items() if grade == top}
        ideal = sorted(graded.values(), reverse=True)[:10]
        ideal_dcg = sum((2**g - 1) / np.log2(p + 2) for p, g in enumerate(ideal))
        dcg = sum(
            (2 ** graded.get(item, 0) - 1) / np.log2(p + 2) for p, item in enumerate(ranking[:10])
        )
        hits, precision_sum, first = 0, 0.0, None
        ranking = list(ranking[:depth] if depth else ranking)
        for position, item in enumerate(ranking, start=1):
            if item in relevant:
                hits += 1
                precision_sum += hits / position
                first = first or position
        totals["NDCG@10"] += dcg / ideal_dcg
        totals["MAP"] += precision_sum / min(len(relevant), depth or len(relevant))
        totals["MRR"] += 1 / first if first else 0.0
        totals["R@10"] += len(relevant & set(ranking[:10])) / len(relevant)
    n = max(1, len(rankings))
    return {metric: float(value / n) for metric, value in totals.items()}


def _counted(evalset: EvalSet, ranked_ids: Sequence, role: Mapping) -> list:
    """Profile ids -> counted ids, first appearance kept, the role itself left out."""
    seen, out = set(), []
    for profile_id in ranked_ids:
        item = evalset.counted.get(profile_id, profile_id) if evalset.counted else profile_id
        if item not in seen and item != role.get("id"):
            seen.add(item)
            out.append(item)
    return out


def matcher_rankings(evalset: EvalSet, **params) -> list[list]:
    """The profile ids the Matcher ranks for each role, best first."""
    matcher = Matcher(**params).fit(evalset.profiles)
    # One more than the depth: a role that is also a profile drops out of its own list.
    depth = evalset.depth + 1
    return [
        [r.candidate_id for r in matcher.rank(role, k=depth, explain=False)]
        for role in evalset.roles
    ]


def baseline_rankings(evalset: EvalSet, name: str) -> list[list]:
    """The profile ids baseline `name` ranks for each role, best first."""
    ids = [p["id"] for p in evalset.profiles]
    found = baselines.rank(
        name,
        [baselines.profile_text(p) for p in evalset.profiles],
        [baselines.role_text(r) for r in evalset.roles],
        depth=evalset.depth + 1,
    )
    return [[ids[i] for i in row] for row in found]


Ranker = Callable[[EvalSet], list[list]]


def systems() -> dict[str, Ranker]:
    """Every system measured, the matcher first."""
    found: dict[str, Ranker] = {MATCHER: matcher_rankings}
    for name in baselines.BASELINES:
        found[name] = lambda evalset, name=name: baseline_rankings(evalset, name)
    return found


def run_set(evalset: EvalSet, rankers: Mapping[str, Ranker] | None = None) -> dict[str, dict]:
    """{system: metrics and "secs"} for one set; `rankers` defaults to `systems()`."""
    results = {}
    for name, ranker in (rankers or systems()).items():
        started = time.perf_counter()
        rankings = [
            _counted(evalset, ranked, role)
            for ranked, role in zip(ranker(evalset), evalset.roles, strict=True)
        ]
        results[name] = scores(rankings, evalset.grades, evalset.depth) | {
            "secs": time.perf_counter() - started
        }
    return results


def beaten_by(results: Mapping[str, dict], main: str) -> list[str]:
    """The baselines whose `main` metric is above the matcher's."""
    ours = results[MATCHER][main]
    return [name for name, r in results.items() if name != MATCHER and r[main] > ours + TIE]


def table(measured: Sequence[tuple[EvalSet, dict]]) -> str:
    """Every set's systems in one table, the main metric starred."""
    header = f"{'set':16} {'system':16} " + " ".join(f"{m:>8}" for m in METRICS) + "    secs"
    lines = [header, "-" * len(header)]
    for evalset, results in measured:
        for n, (name, r) in enumerate(results.items()):
            label = evalset.name if n == 0 else ""
            cells = " ".join(f"{r[m]:7.3f}{'*' if m == evalset.main else ' '}" for m in METRICS)
            lines.append(f"{label:16} {name:16} {cells} {r['secs']:7.1f}")
    return "\n".join(lines)


def verdict(measured: Sequence[tuple[EvalSet, dict]]) -> tuple[str, bool]:
    """(the verdict's lines, whether the rule holds on every set)."""
    lines, holds = ["No baseline beats the matcher (main metric, starred above):"], True
    for evalset, results in measured:
        winners = beaten_by(results, evalset.main)
        ours = results[MATCHER][evalset.main]
        if winners:
            holds = False
            best = max(winners, key=lambda w: results[w][evalset.main])
            lines.append(
                f"  {evalset.name:16} BEATEN  {evalset.main} matcher {ours:.4f} < "
                f"{best} {results[best][evalset.main]:.4f} (beaten by {', '.join(winners)})"
            )
        else:
            lines.append(f"  {evalset.name:16} holds   {evalset.main} matcher {ours:.4f}")
    return "\n".join(lines), holds
