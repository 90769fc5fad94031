"""Replay of a simulated fair: recruiters with hidden preferences decide in time order, and
each new role is ranked with the default weights and with weights learned from the past.

    python -m matching.replay [--seed 7] [--candidates 800] [--roles 16] [--applicants 40]

Candidates have a title, skills and experience drawn independently from a few trades, so
a title and a skill list can disagree. Each company weighs the matcher's part scores by
its own hidden preference (one values skills far above titles, one the reverse, one the
text, and one passes over everyone who lists the role's skills: the floor's test), with
noise, and moves the best quarter of each role's applicants forward. Roles arrive one
after another; a role is ranked with what the company's earlier decisions taught
(`matching.learning`), then its decisions join the past. NDCG@10 and MAP measure how
well each ranking puts the applicants the recruiter moved forward first.
"""

import argparse
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from .learning import (
    DEFAULT_WEIGHTS,
    FLOOR,
    PARTS,
    Example,
    WeightBook,
    family_keys,
    part_scores,
    role_family,
)
from .matcher import Matcher

TRADES = {
    "welding": (["welder", "welding technician", "metal fabricator"],
                ["welding", "reading technical drawings", "grinding", "metal cutting"]),
    "software": (["software developer", "web developer", "programmer"],
                 ["Python", "SQL", "JavaScript", "Git"]),
    "cooking": (["cook", "kitchen helper", "chef"],
                ["food preparation", "food safety", "baking", "menu planning"]),
    "sewing": (["sewing machine operator", "tailor", "garment worker"],
               ["sewing", "pattern cutting", "quality control", "ironing"]),
    "care": (["care worker", "nursing assistant", "caregiver"],
             ["elderly care", "first aid", "patient hygiene", "feeding assistance"]),
    "driving": (["truck driver", "delivery driver", "forklift operator"],
                ["driving", "forklift", "route planning", "vehicle maintenance"]),
}  # fmt: skip

# Each company's hidden weights on the part scores; the last passes over anyone with the
# role's skills (a negative weight), which must not take skills below the floor.
COMPANIES = {
    "skills-first": ({"skills": 1.0, "title": 0.05, "occupation": 0.05, "text": 0.05},
                     ("welding", "software")),
    "titles-first": ({"title": 0.7, "occupation": 0.7, "group": 0.3},
                     ("cooking", "sewing")),
    "text-first": ({"text": 1.0, "skills": 0.1},
                   ("care", "driving")),
    "no-skills": ({"title": 0.5, "occupation": 0.5, "skills": -1.0},
                  ("welding", "cooking")),
}  # fmt: skip
NOISE = 0.05
FORWARD_SHARE = 0.25


@dataclass(frozen=True)
class Outcome:
    """What a replay measured."""

    roles: int  # roles ranked with learned weights (the others had no past to learn from)
    decisions: int
    default: dict  # {"ndcg@10": ..., "map": ...}
    learned: dict
    weights: dict  # (company, family key) -> learned part weights at the end
    companies: dict  # company -> {"default": NDCG@10, "learned": NDCG@10}


def simulated_candidates(n: int, rng: np.random.Generator) -> list[dict]:
    """`n` candidates whose title, skills and experience come from trades drawn apart."""
    trades = list(TRADES)
    people = []
    for i in range(n):
        titled, skilled, worked = (trades[j] for j in rng.integers(len(trades), size=3))
        skills = list(rng.choice(TRADES[skilled][1], size=2, replace=False))
        if rng.random() < 0.5:
            skills.append(str(rng.choice(TRADES[titled][1])))
        people.append({
            "id": i,
            "headline": str(rng.choice(TRADES[titled][0])),
            "skills": sorted(set(map(str, skills))),
            "experience": f"Worked as a {rng.choice(TRADES[worked][0])}: "
            + ", ".join(TRADES[worked][1][:3]) + ".",
        })  # fmt: skip
    return people


def simulated_roles(per_company: int, rng: np.random.Generator) -> list[dict]:
    """Every company's roles, interleaved in the order they are posted."""
    roles = []
    for company, (_taste, trades) in COMPANIES.items():
        for n in range(per_company):
            titles, skills = TRADES[trades[n % len(trades)]]
            roles.append({
                "id": f"{company}-{n}",
                "company": company,
                "title": str(rng.choice(titles)),
                "required_skills": list(map(str, rng.choice(skills, size=2, replace=False))),
                "description": f"{company} is hiring.",
                "posted": float(rng.random() + n),
            })  # fmt: skip
    return sorted(roles, key=lambda role: role["posted"])


def decide(scores: dict, taste: dict, rng: np.random.Generator) -> dict:
    """A recruiter's decisions: the best `FORWARD_SHARE` by hidden taste (with noise) go
    forward (True), the others are not selected (False)."""
    ids = list(scores)
    utility = np.array([sum(taste.get(p, 0.0) * scores[i][p] for p in PARTS) for i in ids])
    utility += rng.normal(0.0, NOISE, len(ids))
    forward = max(1, round(FORWARD_SHARE * len(ids)))
    chosen = set(np.argsort(-utility)[:forward].tolist())
    return {i: n in chosen for n, i in enumerate(ids)}


def ndcg_at(ranked: list, relevant: set, k: int = 10) -> float:
    gains = [1.0 / np.log2(n + 2) for n, i in enumerate(ranked[:k]) if i in relevant]
    ideal = sum(1.0 / np.log2(n + 2) for n in range(min(k, len(relevant))))
    return sum(gains) / ideal if ideal else 0.0


def average_precision(ranked: list, relevant: set) -> float:
    hits, total = 0, 0.0
    for n, i in enumerate(ranked, start=1):
        if i in relevant:
            hits += 1
            total += hits / n
    return total / len(relevant) if relevant else 0.0


def replay(
    *,
    seed: int = 7,
    candidates: int = 800,
    roles: int = 16,
    applicants: int = 40,
    learn: bool = True,
    matcher: Matcher | None = None,
    **options,
) -> Outcome:
    """Run the simulated fair; `options` go to `WeightBook` (floor, prior, min_decisions).
    With ``learn=False`` every role keeps the default weights (the control)."""
    rng = np.random.default_rng(seed)
    people = simulated_candidates(candidates, rng)
    matcher = matcher or Matcher().fit(people)
    past: dict = defaultdict(list)
    book = WeightBook(defaults=DEFAULT_WEIGHTS, **options).fit({})
    scores = {"default": defaultdict(list), "learned": defaultdict(list)}
    by_company: dict = defaultdict(lambda: defaultdict(list))
    learned_roles = decisions = 0
    for role in simulated_roles(roles, rng):
        company = role["company"]
        pool = rng.choice(len(people), size=applicants, replace=False).tolist()
        parts = part_scores(matcher, role, pool)
        chosen = decide(parts, COMPANIES[company][0], rng)
        forward = {i for i, yes in chosen.items() if yes}
        keys = family_keys(company, role_family(matcher, role))
        _key, weights = book.weights_for(keys) if learn else (None, None)
        rankings = {"default": role}
        if weights is not None and weights.used:
            learned_roles += 1
            rankings["learned"] = {**role, "part_weights": weights.weights}
        else:
            rankings["learned"] = role
        for name, record in rankings.items():
            ranked = matcher.ranked_ids(record, candidate_ids=pool, hard_filters=False)
            ranked += [i for i in pool if i not in set(ranked)]
            scores[name]["ndcg@10"].append(ndcg_at(ranked, forward))
            by_company[company][name].append(scores[name]["ndcg@10"][-1])
            scores[name]["map"].append(average_precision(ranked, forward))
        # The role's decisions join the past, under every key it falls back through.
        examples = [Example(parts[i], chosen[i], role["id"]) for i in parts]
        decisions += len(examples)
        for key in keys:
            past[key].extend(examples)
        if learn:  # only the keys this role's decisions changed are learned again
            book.update({key: past[key] for key in keys})
    means = {
        name: {m: float(np.mean(v)) for m, v in found.items()} for name, found in scores.items()
    }
    weights = {key: found.weights for key, found in book.learned_.items() if found.used}
    companies = {
        c: {n: float(np.mean(v)) for n, v in found.items()} for c, found in by_company.items()
    }
    return Outcome(learned_roles, decisions, means["default"], means["learned"], weights, companies)


def lowest_kept(weights: dict) -> tuple[float, tuple]:
    """The smallest learned weight as a share of its default, and (key, part) where."""
    found = [(w[p] / DEFAULT_WEIGHTS[p], (key, p)) for key, w in weights.items() for p in PARTS]
    return min(found, default=(1.0, (("", ""), "")))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--candidates", type=int, default=800)
    parser.add_argument("--roles", type=int, default=16, help="roles per company")
    parser.add_argument("--applicants", type=int, default=40, help="applicants per role")
    parser.add_argument("--floor", type=float, default=FLOOR)
    parser.add_argument("--no-learning", action="store_true", help="the control: defaults only")
    args = parser.parse_args(argv)
    outcome = replay(
        seed=args.seed,
        candidates=args.candidates,
        roles=args.roles,
        applicants=args.applicants,
        learn=not args.no_learning,
        floor=args.floor,
    )
    print(f"{outcome.decisions} decisions; {outcome.roles} roles ranked with learned weights")
    print(f"{'':10}{'NDCG@10':>9}{'MAP':>8}")
    for name in ("default", "learned"):
        found = getattr(outcome, name)
        print(f"{name:10}{found['ndcg@10']:9.3f}{found['map']:8.3f}")
    for company, found in outcome.companies.items():
        print(f"  {company:14} NDCG@10 {found['default']:.3f} -> {found['learned']:.3f}")
    kept, where = lowest_kept(outcome.weights)
    print(
        f"floor {args.floor:.2f}: the lowest learned weight is {kept:.2f} x its default "
        f"({where[0][0]}, {where[0][1] or 'all'}: {where[1]})"
    )
    print(f"{'company, family':28}" + "".join(f"{p:>11}" for p in PARTS))
    print(f"{'(defaults)':28}" + "".join(f"{DEFAULT_WEIGHTS[p]:11.3f}" for p in PARTS))
    for (company, family), weights in sorted(outcome.weights.items()):
        label = f"{company}, {family or 'all'}"
        print(f"{label:28}" + "".join(f"{weights[p]:11.3f}" for p in PARTS))


if __name__ == "__main__":
    main()
