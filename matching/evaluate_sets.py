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
- cv: roles titled with each gold occupation's ESCO name rank the CV-shaped profiles;
  relevant are the profiles of that occupation (NDCG@10, MAP, R@10), beside word and
  character TF-IDF over the same profile text.
"""

import csv
import json
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .matcher import Matcher
from .scripts import fold
from .taxonomy import Taxonomy
from .text import normalise

SETS = Path(__file__).parent / "evalsets"


def _rows(name: str) -> list[dict]:
    with open(SETS / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


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
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
    label_matrix = vectorizer.fit_transform([fold(label) for label, _isco in labels])

    def baseline_nearest(titles):
        scores = (vectorizer.transform([fold(t) for t in titles]) @ label_matrix.T).toarray()
        top = np.argsort(-scores, axis=1)[:, :50]
        return [[(uri_of.get(labels[i][0], ""), labels[i][1]) for i in row] for row in top]

    titles = [r["title"] for r in rows]
    english = [r["english_title"] for r in rows]
    return {
        f"{language} titles, matcher": title_scores(titles, gold, matcher_nearest),
        f"{language} titles, char TF-IDF": title_scores(titles, gold, baseline_nearest),
        f"{language}'s English titles, matcher": title_scores(english, gold, matcher_nearest),
        f"{language}'s English titles, char TF-IDF": title_scores(english, gold, baseline_nearest),
    }


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


def _multi_metrics(rankings: list[list], relevant: list[set]) -> dict:
    ndcg = ap = r10 = 0.0
    for ranking, gold in zip(rankings, relevant, strict=True):
        hits, precision_sum, dcg = 0, 0.0, 0.0
        for position, item in enumerate(ranking, start=1):
            if item in gold:
                hits += 1
                precision_sum += hits / position
                if position <= 10:
                    dcg += 1 / np.log2(position + 1)
        ideal = sum(1 / np.log2(p + 1) for p in range(1, min(10, len(gold)) + 1))
        ndcg += dcg / ideal
        ap += precision_sum / len(gold)
        r10 += len(gold & set(ranking[:10])) / len(gold)
    n = max(1, len(rankings))
    return {"NDCG@10": ndcg / n, "MAP": ap / n, "R@10": r10 / n}


def evaluate_cv(esco_dir: Path) -> dict[str, dict]:
    with open(SETS / "cv_profiles.jsonl", encoding="utf-8") as handle:
        profiles = [json.loads(line) for line in handle if line.strip()]
    label_of = {uri: label for label, uri in _occupation_uris(esco_dir).items()}
    by_occupation: dict[str, set] = {}
    for profile in profiles:
        by_occupation.setdefault(profile["esco_uri"], set()).add(profile["id"])
    occupations = sorted(by_occupation)
    roles = [{"id": uri, "title": label_of[uri]} for uri in occupations]
    relevant = [by_occupation[uri] for uri in occupations]
    candidates = [{k: p[k] for k in ("id", "experience", "skills", "education")} for p in profiles]
    matcher = Matcher().fit(candidates)
    results = {
        "CV profiles, matcher": _multi_metrics(
            [[r.candidate_id for r in matcher.rank(role, k=None)] for role in roles], relevant
        )
    }
    texts = [normalise(p["experience"] + " " + " ".join(p["skills"])) for p in profiles]
    ids = [p["id"] for p in profiles]
    for name, options in (
        ("words", {"token_pattern": r"(?u)\b\w+\b"}),
        ("char 2-4", {"analyzer": "char_wb", "ngram_range": (2, 4)}),
    ):
        vectorizer = TfidfVectorizer(sublinear_tf=True, **options)
        matrix = vectorizer.fit_transform(texts)
        scores = (vectorizer.transform([normalise(r["title"]) for r in roles]) @ matrix.T).toarray()
        rankings = [[ids[i] for i in np.argsort(-row)] for row in scores]
        results[f"CV profiles, TF-IDF {name}"] = _multi_metrics(rankings, relevant)
    return results


def run(esco_dir: Path) -> dict[str, dict]:
    """Every set's figures, by system."""
    results = {}
    for language in ("ja", "km"):
        results.update(evaluate_titles(language, esco_dir))
    for language in ("ja", "km"):
        results.update(evaluate_skills(language))
    results.update(evaluate_cv(esco_dir))
    return results


def report(results: dict[str, dict]) -> str:
    lines = []
    for name, scores in results.items():
        figures = "  ".join(f"{metric} {value:.3f}" for metric, value in scores.items())
        lines.append(f"{name:40} {figures}")
    return "\n".join(lines)
