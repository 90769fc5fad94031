"""Evaluation sets built at run time from ESCO and the JobBERT vacancy titles in
``--data-dir`` (never committed: the titles' licence is unclear).

Queries are a fixed sample of the odd-numbered rows of ``jobbert/titles_dev.csv`` (the test
split; even rows are for tuning), whose occupation ESCO knows: every ``len // limit``-th
row in file order, at most `limit` of them.

- ``jobbert``: vacancy title -> ESCO occupations as profiles (preferred label as headline,
  description as experience); the occupation it was posted under is relevant. MRR.
- ``labels``: vacancy title -> ESCO occupations known by their labels only, one profile per
  label (preferred or alternative) with that label as headline; a ranking counts at the
  occupation level (an occupation's best label places it), as a benchmark that links titles
  to occupations "through their labels" ranks a label list and reads the concept. MRR.
- ``labels_joined``: the same, one profile per occupation: the preferred label as
  headline and the alternative labels as further text. MRR.
- ``similar_titles``: vacancy title -> the other vacancy titles (distinct, lower-cased,
  each a profile with a headline); relevant are those posted under the same occupation.
  Queries are titles of the test rows whose occupation has another title. MAP.
"""

import csv
from pathlib import Path

from .evaluate_rule import EvalSet


def _csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def occupations(data_dir: Path) -> list[dict]:
    return _csv(data_dir / "esco" / "occupations_en.csv")


def sample(rows: list, limit: int | None) -> list:
    """Every ``len // limit``-th row, at most `limit` (all when limit is falsy)."""
    if not limit:
        return rows
    return rows[:: max(1, len(rows) // limit)][:limit]


def vacancy_titles(data_dir: Path, split: str, known: set) -> list[tuple[int, str, str]]:
    """(row number, title, occupation URI) of the split's rows whose occupation is known."""
    found = []
    for n, row in enumerate(_csv(data_dir / "jobbert" / "titles_dev.csv")):
        if row["conceptUri"] not in known:
            continue
        if (split == "tune" and n % 2) or (split == "test" and not n % 2):
            continue
        found.append((n, row["vacancyTitle"], row["conceptUri"]))
    return found


def _labels(occupation: dict) -> list[str]:
    alternatives = (occupation.get("altLabels") or "").split("\n")
    return [occupation["preferredLabel"].strip()] + [a.strip() for a in alternatives if a.strip()]


def _title_queries(data_dir: Path, split: str, limit: int | None, known: set):
    chosen = sample(vacancy_titles(data_dir, split, known), limit)
    roles = [{"id": f"q{n}", "title": title} for n, title, _uri in chosen]
    return roles, [{uri: 1} for _n, _title, uri in chosen]


def jobbert_set(data_dir: Path, split: str = "test", limit: int | None = 1000) -> EvalSet:
    esco = occupations(data_dir)
    profiles = [
        {
            "id": o["conceptUri"],
            "headline": o["preferredLabel"].strip(),
            "experience": (o.get("description") or "").strip(),
        }
        for o in esco
    ]
    roles, grades = _title_queries(data_dir, split, limit, {o["conceptUri"] for o in esco})
    about = f"{len(roles)} vacancy titles -> {len(profiles)} ESCO occupations (label + description)"
    return EvalSet("jobbert", about, profiles, roles, grades, main="MRR")


def labels_set(data_dir: Path, split: str = "test", limit: int | None = 1000) -> EvalSet:
    esco = occupations(data_dir)
    profiles, counted = [], {}
    for o in esco:
        for n, label in enumerate(_labels(o)):
            profile_id = f"{o['conceptUri']}#{n}"
            profiles.append({"id": profile_id, "headline": label})
            counted[profile_id] = o["conceptUri"]
    roles, grades = _title_queries(data_dir, split, limit, {o["conceptUri"] for o in esco})
    about = f"{len(roles)} vacancy titles -> {len(profiles)} ESCO labels of {len(esco)} occupations"
    return EvalSet("labels", about, profiles, roles, grades, main="MRR", counted=counted, depth=300)


def labels_joined_set(data_dir: Path, split: str = "test", limit: int | None = 1000) -> EvalSet:
    esco = occupations(data_dir)
    profiles = [
        {"id": o["conceptUri"], "headline": labels[0], "experience": ", ".join(labels[1:])}
        for o in esco
        if (labels := _labels(o))
    ]
    roles, grades = _title_queries(data_dir, split, limit, {o["conceptUri"] for o in esco})
    about = f"{len(roles)} vacancy titles -> {len(profiles)} ESCO occupations (all labels)"
    return EvalSet("labels_joined", about, profiles, roles, grades, main="MRR")


def similar_titles_set(data_dir: Path, split: str = "test", limit: int | None = 500) -> EvalSet:
    rows = _csv(data_dir / "jobbert" / "titles_dev.csv")
    first: dict[str, tuple[int, str]] = {}  # distinct title -> (first row, occupation)
    for n, row in enumerate(rows):
        title = " ".join(row["vacancyTitle"].lower().split())
        if title and title not in first:
            first[title] = (n, row["conceptUri"])
    by_occupation: dict[str, list[str]] = {}
    for title, (_n, uri) in first.items():
        by_occupation.setdefault(uri, []).append(title)
    profiles = [{"id": f"t{n}", "headline": title} for title, (n, _uri) in first.items()]
    queries = [
        (title, n, uri)
        for title, (n, uri) in first.items()
        if len(by_occupation[uri]) > 1
        and ((split == "test" and n % 2) or (split == "tune" and not n % 2) or split == "all")
    ]
    chosen = sample(queries, limit)
    roles = [{"id": f"t{n}", "title": title} for title, n, _uri in chosen]
    grades = [
        {f"t{first[other][0]}": 1 for other in by_occupation[uri] if other != title}
        for title, _n, uri in chosen
    ]
    about = f"{len(roles)} vacancy titles -> the other {len(profiles) - 1} distinct titles"
    return EvalSet("similar_titles", about, profiles, roles, grades, main="MAP")


BUILDERS = {
    "jobbert": jobbert_set,
    "labels": labels_set,
    "labels_joined": labels_joined_set,
    "similar_titles": similar_titles_set,
}
