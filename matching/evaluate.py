"""Evaluate the matcher against plain baselines on public labelled data.

Task: rank ESCO occupations (as candidate profiles: preferred label as headline,
description as experience) for real vacancy titles (JobBERT development titles, as
roles with a title only); the relevant candidate is the occupation the vacancy was
posted under. Reports NDCG@10, MAP, MRR, Recall@10 and Recall@50 for the matcher and
for TF-IDF (words), TF-IDF (character n-grams) and BM25 over the same profile text,
all measured in the same run.

    python -m matching.evaluate [--data-dir ../shared/data] [--limit 3000] [--split test]
                                [--sets jobbert|own|triples|all]

`--split tune` uses the even-numbered titles (for choosing parameters), `--split test`
the odd-numbered ones (for reporting); `all` uses both. `--sets own` runs the project's
own sets instead (Japanese and Khmer titles and skills, CV-shaped profiles; see
`matching.evaluate_sets`), `--sets triples` the same people written in English, Khmer and
Japanese (same band, scores within 15 %; see `matching.evaluate_triples`), `--sets all` all of them.
"""

import argparse
import csv
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from .matcher import Matcher
from .text import normalise

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def load(data_dir: Path, split: str, limit: int | None):
    occupations = []
    with open(data_dir / "esco" / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            occupations.append(
                {
                    "id": row["conceptUri"],
                    "headline": row["preferredLabel"].strip(),
                    "experience": (row.get("description") or "").strip(),
                }
            )
    known = {o["id"] for o in occupations}
    queries = []
    with open(data_dir / "jobbert" / "titles_dev.csv", encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if row["conceptUri"] not in known:
                continue
            if (split == "tune" and n % 2) or (split == "test" and not n % 2):
                continue
            queries.append(({"id": n, "title": row["vacancyTitle"]}, row["conceptUri"]))
    if limit:
        step = max(1, len(queries) // limit)
        queries = queries[::step][:limit]
    return occupations, queries


def metrics(rankings: list[list], relevant: list) -> dict:
    """Single relevant item per query: NDCG@10, MAP (= MRR here over the full list), MRR, R@10, R@50."""
    ndcg = ap = rr = r10 = r50 = 0.0
    for ranking, gold in zip(rankings, relevant):
        try:
            position = ranking.index(gold) + 1
        except ValueError:
            continue
        rr += 1 / position
        ap += 1 / position
        ndcg += 1 / np.log2(position + 1) if position <= 10 else 0.0
        r10 += position <= 10
        r50 += position <= 50
    n = max(1, len(rankings))
    return {"NDCG@10": ndcg / n, "MAP": ap / n, "MRR": rr / n, "R@10": r10 / n, "R@50": r50 / n}


def _profile_text(candidate: dict) -> str:
    return normalise(f"{candidate['headline']} {candidate['headline']} {candidate['experience']}")


def rank_by_matrix(doc_matrix, query_matrix, ids, depth=100) -> list[list]:
    scores = (query_matrix @ doc_matrix.T).toarray()
    top = np.argsort(-scores, axis=1)[:, :depth]
    return [[ids[i] for i in row] for row in top]


def tfidf_baseline(candidates, queries, **options) -> list[list]:
    vectorizer = TfidfVectorizer(sublinear_tf=True, **options)
    docs = vectorizer.fit_transform([_profile_text(c) for c in candidates])
    found = vectorizer.transform([normalise(q["title"]) for q, _gold in queries])
    return rank_by_matrix(docs, found, [c["id"] for c in candidates])


def bm25_baseline(candidates, queries, k1=1.2, b=0.75) -> list[list]:
    from sklearn.feature_extraction.text import CountVectorizer

    counter = CountVectorizer(token_pattern=r"(?u)\b\w+\b")
    tf = counter.fit_transform([_profile_text(c) for c in candidates]).tocsr().astype(np.float32)
    lengths = np.asarray(tf.sum(axis=1)).ravel()
    df = np.asarray((tf > 0).sum(axis=0)).ravel()
    n = tf.shape[0]
    idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
    norm = k1 * (1 - b + b * lengths / lengths.mean())
    rows = np.repeat(np.arange(n), np.diff(tf.indptr))
    data = tf.data * (k1 + 1) / (tf.data + norm[rows]) * idf[tf.indices]
    weights = sp.csr_matrix((data, tf.indices, tf.indptr), shape=tf.shape)
    found = counter.transform([normalise(q["title"]) for q, _gold in queries])
    found.data[:] = 1
    return rank_by_matrix(weights, found.astype(np.float32), [c["id"] for c in candidates])


def matcher_rankings(candidates, queries, **params) -> list[list]:
    matcher = Matcher(**params).fit(candidates)
    return [[r.candidate_id for r in matcher.rank(q, k=100)] for q, _gold in queries]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Evaluate the matcher against baselines.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="at most this many queries")
    parser.add_argument("--split", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--sets", choices=("jobbert", "own", "triples", "all"), default="jobbert")
    args = parser.parse_args(argv)
    if args.sets in ("own", "all"):
        from . import evaluate_sets

        started = time.perf_counter()
        print(evaluate_sets.report(evaluate_sets.run(args.data_dir / "esco")))
        print(f"({time.perf_counter() - started:.1f} s)\n")
    if args.sets in ("triples", "all"):
        from . import evaluate_triples

        started = time.perf_counter()
        print(evaluate_triples.report(evaluate_triples.run()))
        print(f"({time.perf_counter() - started:.1f} s)\n")
    if args.sets in ("own", "triples"):
        return
    candidates, queries = load(args.data_dir, args.split, args.limit)
    relevant = [gold for _q, gold in queries]
    print(
        f"{len(queries)} vacancy titles ({args.split} split) ranked against "
        f"{len(candidates)} ESCO occupations\n"
    )
    systems = {
        "TF-IDF words": lambda: tfidf_baseline(candidates, queries, token_pattern=r"(?u)\b\w+\b"),
        "TF-IDF char 2-4": lambda: tfidf_baseline(
            candidates, queries, analyzer="char_wb", ngram_range=(2, 4)
        ),
        "BM25": lambda: bm25_baseline(candidates, queries),
        "Matcher": lambda: matcher_rankings(candidates, queries),
    }
    header = (
        f"{'system':18} {'NDCG@10':>8} {'MAP':>8} {'MRR':>8} {'R@10':>8} {'R@50':>8} {'secs':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, run in systems.items():
        started = time.perf_counter()
        scores = metrics(run(), relevant)
        elapsed = time.perf_counter() - started
        print(f"{name:18} " + " ".join(f"{scores[m]:8.3f}" for m in scores) + f" {elapsed:7.1f}")


if __name__ == "__main__":
    main()
