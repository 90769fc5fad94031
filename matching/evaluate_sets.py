"""The project's own evaluation sets: Japanese and Khmer job titles and skills, and
CV-shaped profiles (no headline, titles inside the experience), in ``matching/evalsets/``.

They were written from how postings and people name jobs, independently of the
vocabulary in ``matching/data/lexicon/``; see ``matching/evalsets/README.md``.

- titles: each title's nearest ESCO occupations (top 10); hits when one has the gold
  ISCO-08 unit group, and the exact gold occupation's rank. The English title of the same
  posting is measured beside it, and a character n-gram TF-IDF over the ESCO labels (no
  vocabulary) is the baseline.
- skills: a skill in Japanese or Khmer counts as found when it reads as the same canonical
  skill as its English version (or the ESCO label); the baseline is the text without the
  vocabulary.
- cv (a set of the rule, `matching.evaluate_rule`): roles titled with each gold
  occupation's ESCO name rank the CV-shaped profiles; relevant are the profiles of that
  occupation (NDCG@10).
- noisy_cv (a set of the rule): English CV-shaped profiles with noisy skill lists and roles
  with generic or noisy required skills, graded relevance (NDCG@10).
"""

import csv
import json
from pathlib import Path

from .evaluate_baselines import rank
from .evaluate_rule import MATCHER, EvalSet, systems
from .scripts import fold
from .taxonomy import Taxonomy

SETS = Path(__file__).parent / "evalsets"


def _rows(name: str) -> list[dict]:
    with open(SETS / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _jsonl(name: str) -> list[dict]:
    with open(SETS / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _occupation_uris(esco_dir: Path) -> dict[str, str]:
    """ESCO preferred label -> concept URI (the resource keeps labels, the sets keep URIs)."""
    with open(esco_dir / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        return {row["preferredLabel"].strip(): row["conceptUri"] for row in csv.DictReader(handle)}


def title_scores(titles: list[str], gold: list[tuple[str, str]], nearest) -> dict:
    """ISCO@10 (gold unit group among the 10 nearest), R@10 and MRR of the exact occupation."""
    isco = r10 = rr = 0.0
    for found, (uri, group) in zip(nearest(titles), gold, strict=True):
        isco += any(g == group for _u, g in found[:10])
        uris = [u for u, _g in found]
        if uri in uris:
            position = uris.index(uri) + 1
            rr += 1 / position
            r10 += position <= 10
    n = max(1, len(titles))
    return {"ISCO@10": isco / n, "R@10": r10 / n, "MRR": rr / n}


def evaluate_titles(language: str, esco_dir: Path) -> dict[str, dict]:
    rows = _rows(f"titles_{language}.tsv")
    gold = [(r["esco_uri"], r["isco"]) for r in rows]
    taxonomy = Taxonomy.default()
    uri_of = _occupation_uris(esco_dir)

    def matcher_nearest(titles):
        return [
            [(uri_of.get(o.label, ""), o.isco) for o in found]
            for found in taxonomy.nearest(titles, k=50)
        ]

    labels = [(label, isco) for label, isco in taxonomy.occupations]
    folded = [fold(label) for label, _isco in labels]

    def baseline_nearest(titles):
        found = rank("TF-IDF char 2-4", folded, [fold(t) for t in titles], depth=50)
        return [[(uri_of.get(labels[i][0], ""), labels[i][1]) for i in row] for row in found]

    titles = [r["title"] for r in rows]
    english = [r["english_title"] for r in rows]
    return {
        f"{language} titles, matcher": title_scores(titles, gold, matcher_nearest),
        f"{language} titles, char TF-IDF": title_scores(titles, gold, baseline_nearest),
        f"{language}'s English titles, matcher": title_scores(english, gold, matcher_nearest),
        f"{language}'s English titles, char TF-IDF": title_scores(english, gold, baseline_nearest),
    }


def title_set(language: str, esco_dir: Path, english: bool = False) -> tuple[EvalSet, dict]:
    """The Japanese or Khmer titles (or their English versions) as a set of the rule: each
    title ranks ESCO occupations (profiles headlined with their preferred label); the
    matcher's ranking is its title resolution, ``Taxonomy.nearest``. Returns the set and
    its rankers (the baselines as for every set, the matcher replaced)."""
    rows = _rows(f"titles_{language}.tsv")
    taxonomy = Taxonomy.default()
    uri_of = _occupation_uris(esco_dir)
    profiles = [
        {"id": uri_of.get(label, label), "headline": label} for label, _isco in taxonomy.occupations
    ]
    column = "english_title" if english else "title"
    roles = [{"id": f"{language}-{n}", "title": r[column]} for n, r in enumerate(rows)]

    def nearest(evalset: EvalSet) -> list[list]:
        found = taxonomy.nearest([r["title"] for r in evalset.roles], k=evalset.depth)
        return [[uri_of.get(o.label, o.label) for o in row] for row in found]

    name = f"{language}_titles" + ("_en" if english else "")
    about = f"{len(rows)} {'English versions of ' if english else ''}{language} titles -> ESCO"
    evalset = EvalSet(
        name, about, profiles, roles, [{r["esco_uri"]: 1} for r in rows], "MRR", depth=50
    )
    return evalset, {**systems(), MATCHER: nearest}


def evaluate_skills(language: str) -> dict[str, dict]:
    rows = _rows(f"skills_{language}.tsv")
    taxonomy = Taxonomy.default()

    def same(read) -> float:
        hits = 0
        for row in rows:
            targets = {taxonomy.canonical_skill(row["english_skill"])}
            if row.get("esco_skill"):
                targets.add(taxonomy.canonical_skill(row["esco_skill"]))
            hits += read(row["skill"]) in targets
        return hits / max(1, len(rows))

    return {
        f"{language} skills, matcher": {"same skill": same(taxonomy.canonical_skill)},
        f"{language} skills, no vocabulary": {
            "same skill": same(lambda s: " ".join(fold(s).split()))
        },
    }


def cv_set(esco_dir: Path) -> EvalSet:
    """CV-shaped profiles (all languages) for roles titled with each gold occupation's ESCO name."""
    profiles = _jsonl("cv_profiles.jsonl")
    label_of = {uri: label for label, uri in _occupation_uris(esco_dir).items()}
    by_occupation: dict[str, dict] = {}
    for profile in profiles:
        by_occupation.setdefault(profile["esco_uri"], {})[profile["id"]] = 1
    occupations = sorted(by_occupation)
    return EvalSet(
        "cv",
        f"{len(occupations)} ESCO titles -> {len(profiles)} CV-shaped profiles (en, ja, km)",
        [{k: p[k] for k in ("id", "experience", "skills", "education")} for p in profiles],
        [{"id": uri, "title": label_of[uri]} for uri in occupations],
        [by_occupation[uri] for uri in occupations],
        main="NDCG@10",
        depth=len(profiles),
    )


def noisy_cv_set() -> EvalSet:
    """``noisy_cv.jsonl``: English CV-shaped profiles with noisy skill lists, and roles with a
    title and a generic or noisy required-skill list; graded relevance, 2 = the role's ESCO
    occupation, 1 = its ISCO-08 3-digit group (built by scripts/build_evalset_noisy_cv.py)."""
    records = _jsonl("noisy_cv.jsonl")
    profiles = [r for r in records if r["kind"] == "profile"]
    roles = [r for r in records if r["kind"] == "role"]
    grades = [
        {
            p["id"]: 2 if p["esco_uri"] == role["esco_uri"] else 1
            for p in profiles
            if p["isco"][:3] == role["isco"][:3]
        }
        for role in roles
    ]
    return EvalSet(
        "noisy_cv",
        f"{len(roles)} roles -> {len(profiles)} CV-shaped profiles with noisy skills",
        [{k: p[k] for k in ("id", "experience", "skills", "education")} for p in profiles],
        [{k: r[k] for k in ("id", "title", "required_skills")} for r in roles],
        grades,
        main="NDCG@10",
        depth=len(profiles),
    )


def run(esco_dir: Path) -> dict[str, dict]:
    """The title and skill sets' figures, by system (cv and noisy_cv are sets of the rule)."""
    results = {}
    for language in ("ja", "km"):
        results.update(evaluate_titles(language, esco_dir))
    for language in ("ja", "km"):
        results.update(evaluate_skills(language))
    return results


def report(results: dict[str, dict]) -> str:
    lines = []
    for name, scores in results.items():
        figures = "  ".join(f"{metric} {value:.3f}" for metric, value in scores.items())
        lines.append(f"{name:40} {figures}")
    return "\n".join(lines)
