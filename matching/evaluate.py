"""Evaluate the matcher against plain baselines on public labelled data.

Every set of the rule is ranked by the matcher and by three baselines over the same text
(character n-gram TF-IDF, word TF-IDF, BM25; `matching.evaluate_baselines`), shown in one
table, and a verdict says per set whether a baseline beats the matcher on its main metric
(`matching.evaluate_rule`). Sets of the rule:

- ``jobbert``, ``labels``, ``labels_joined``, ``similar_titles``: JobBERT vacancy titles
  against ESCO occupations (with descriptions; by their labels only, one profile per label
  or per occupation) and against each other; built from ``--data-dir`` at run time
  (`matching.evaluate_jobbert`);
- ``cv``, ``noisy_cv``: the project's CV-shaped profiles, plain and with noisy skill lists;
  ``ja_titles``, ``km_titles`` (and ``_en``, their English versions): Japanese and Khmer
  titles against ESCO occupations, the matcher's title resolution against the baselines
  (``matching/evalsets/``, `matching.evaluate_sets`).

    python -m matching.evaluate [--data-dir ../shared/data] [--limit 1000] [--split test]
                                [--sets all|rule|own|triples|NAME[,NAME...]] [--check]

``--limit`` caps the queries of each JobBERT set (0 = all; ``similar_titles`` takes half);
``--split tune`` uses the even-numbered titles (for choosing parameters), ``--split test``
the odd-numbered ones (for reporting). ``--check`` exits with status 1 when a baseline beats
the matcher on any set measured. ``own`` is every set in ``matching/evalsets/`` (with the
title and skill sets' own report, ISCO@10 and skills read alike); ``triples`` is the same people
written in English, Khmer and Japanese (`matching.evaluate_triples`); ``all`` is every set.
"""

import argparse
import sys
import time
from pathlib import Path

from . import evaluate_jobbert, evaluate_rule, evaluate_sets

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
TITLE_SETS = ("ja_titles", "ja_titles_en", "km_titles", "km_titles_en")
RULE_SETS = ("jobbert", "labels", "labels_joined", "similar_titles", "cv", "noisy_cv") + TITLE_SETS
GROUPS = {
    "rule": RULE_SETS,
    "own": ("own_titles", "cv", "noisy_cv") + TITLE_SETS,
    "triples": ("triples",),
    "all": ("own_titles", "triples") + RULE_SETS,
}


def chosen_sets(spec: str) -> list[str]:
    """Set names from ``--sets`` (groups and names, comma-separated), in a stable order."""
    names = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        if part in GROUPS:
            names.update(GROUPS[part])
        elif part in GROUPS["all"]:
            names.add(part)
        else:
            raise argparse.ArgumentTypeError(f"unknown set {part!r}")
    return [n for n in GROUPS["all"] if n in names]


def build(name: str, data_dir: Path, split: str, limit: int | None):
    """(the named set, its rankers: None for `evaluate_rule.systems()`)."""
    if name == "cv":
        return evaluate_sets.cv_set(data_dir / "esco"), None
    if name == "noisy_cv":
        return evaluate_sets.noisy_cv_set(), None
    if name in TITLE_SETS:
        return evaluate_sets.title_set(name[:2], data_dir / "esco", name.endswith("_en"))
    if name == "similar_titles" and limit:
        limit = max(1, limit // 2)
    return evaluate_jobbert.BUILDERS[name](data_dir, split, limit), None


def measure(names, data_dir: Path, split: str, limit: int | None) -> list:
    """[(set, {system: metrics})] for the named sets of the rule."""
    measured = []
    for name in names:
        evalset, rankers = build(name, data_dir, split, limit)
        print(f"{name}: {evalset.about}", flush=True)
        measured.append((evalset, evaluate_rule.run_set(evalset, rankers)))
    return measured


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Evaluate the matcher against baselines.")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=1000, help="queries per JobBERT set, 0 = all")
    parser.add_argument("--split", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--sets", type=chosen_sets, default="all")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a baseline beats the matcher"
    )
    args = parser.parse_args(argv)
    names = chosen_sets(args.sets) if isinstance(args.sets, str) else args.sets
    if "own_titles" in names:
        started = time.perf_counter()
        print(evaluate_sets.report(evaluate_sets.run(args.data_dir / "esco")))
        print(f"({time.perf_counter() - started:.1f} s)\n")
    if "triples" in names:
        from . import evaluate_triples

        started = time.perf_counter()
        print(evaluate_triples.report(evaluate_triples.run()))
        print(f"({time.perf_counter() - started:.1f} s)\n")
    measured = measure(
        [n for n in names if n in RULE_SETS], args.data_dir, args.split, args.limit or None
    )
    if not measured:
        return 0
    print()
    print(evaluate_rule.table(measured))
    lines, holds = evaluate_rule.verdict(measured)
    print()
    print(lines)
    return 1 if args.check and not holds else 0


if __name__ == "__main__":
    sys.exit(main())
