"""The triples set: does the same person, written in English, Khmer or Japanese, read the same?

``matching/evalsets/triples.jsonl`` holds people each written three times (``en``, ``km``,
``ja``: same facts, natural phrasing) and roles written in one of those languages; each
person lists the roles they should fit and some they should not (see
``matching/evalsets/README.md``). The three versions of every person are indexed together
with all the others, and each (person, role) pair is ranked with ``Matcher.rank``:

- same band: the three versions get the same band ("strong", "good", "partial");
- within 15 %: the three scores lie within 15 % of the highest,
  ``max - min <= 0.15 * max``; when all three are below 0.05 (no match in any language,
  typical of the no-fit roles) they count as within: a spread of 0.000 against 0.001 is
  noise, not a seam;
- fit above no-fit: for a version, every role it should fit scores above every role it
  should not;
- the worst pairs: widest relative spread first, then the widest gap in score.

    python -m matching.evaluate_triples [--set PATH] [--worst 10] [--roles fit|no_fit|all]

``python -m matching.evaluate --sets triples`` prints the same report.
"""

import argparse
import json
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .matcher import Matcher

SETS = Path(__file__).parent / "evalsets"
LANGUAGES = ("en", "km", "ja")
TOLERANCE = 0.15
# Below this score a role does not match at all; three such scores count as alike.
NO_MATCH_SCORE = 0.05
# What a version gets when the matcher does not list it at all (a score of zero).
NO_MATCH_BAND = "partial"

# (role, candidate ids) -> {candidate id: (score, band)}; `matcher_ranker` is the real one.
Ranker = Callable[[Mapping, list], dict]


@dataclass(frozen=True, slots=True)
class Pair:
    """One person (all three versions) against one role."""

    triple: str
    role: str
    expected: str  # "fit" | "no_fit"
    scores: dict  # language -> score
    bands: dict  # language -> band

    @property
    def spread(self) -> float:
        """``(max - min) / max`` of the three scores; 0 when all are below `NO_MATCH_SCORE`."""
        values = list(self.scores.values())
        top = max(values)
        return (top - min(values)) / top if top >= NO_MATCH_SCORE else 0.0

    @property
    def gap(self) -> float:
        """``max - min`` of the three scores."""
        return max(self.scores.values()) - min(self.scores.values())

    @property
    def same_band(self) -> bool:
        return len(set(self.bands.values())) == 1

    @property
    def within(self) -> bool:
        return self.spread <= TOLERANCE + 1e-9


def load(path: Path | str = SETS / "triples.jsonl") -> tuple[list[dict], dict[str, dict]]:
    """(the triples in file order, the roles by id)."""
    triples, roles = [], {}
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            kind = record.get("kind")
            if kind == "triple":
                triples.append(record)
            elif kind == "role":
                roles[record["id"]] = record
            else:
                raise ValueError(f"{path}:{number}: unknown kind {kind!r}")
    for triple in triples:
        missing = [r for r in (*triple["fit"], *triple["no_fit"]) if r not in roles]
        if missing:
            raise ValueError(f"triple {triple['id']} names unknown roles {missing}")
        absent = [language for language in LANGUAGES if language not in triple]
        if absent:
            raise ValueError(f"triple {triple['id']} has no {', '.join(absent)} version")
    return triples, roles


def candidate_id(triple: Mapping, language: str) -> str:
    return f"{triple['id']}/{language}"


def candidates(triples: Iterable[Mapping]) -> list[dict]:
    """Every version of every person as a candidate record for `Matcher.fit`."""
    records = []
    for triple in triples:
        for language in LANGUAGES:
            version = triple[language]
            records.append(
                {
                    "id": candidate_id(triple, language),
                    "headline": version.get("headline", ""),
                    "skills": list(version.get("skills", [])),
                    "experience": version.get("experience", ""),
                    "languages": list(triple.get("languages", [])),
                    "education": triple.get("education", ""),
                }
            )
    return records


def matcher_ranker(matcher: Matcher) -> Ranker:
    """Scores and bands from ``matcher.rank``, must-haves as penalties (nobody filtered)."""

    def rank(role: Mapping, ids: list) -> dict:
        results = matcher.rank(role, k=None, candidate_ids=ids, hard_filters=False)
        return {r.candidate_id: (r.score, r.explanation.band) for r in results}

    return rank


def score_pairs(
    triples: list[dict], roles: Mapping[str, dict], ranker: Ranker | None = None
) -> list[Pair]:
    """Each person against each of their `fit` and `no_fit` roles, all three versions."""
    if ranker is None:
        ranker = matcher_ranker(Matcher().fit(candidates(triples)))
    pairs = []
    for triple in triples:
        ids = {language: candidate_id(triple, language) for language in LANGUAGES}
        for expected in ("fit", "no_fit"):
            for role_id in triple[expected]:
                found = ranker(roles[role_id], list(ids.values()))
                scores, bands = {}, {}
                for language, cid in ids.items():
                    score, band = found.get(cid, (0.0, NO_MATCH_BAND))
                    scores[language], bands[language] = float(score), band
                pairs.append(Pair(triple["id"], role_id, expected, scores, bands))
    return pairs


def fit_above_no_fit(pairs: list[Pair]) -> tuple[int, int]:
    """(versions whose every fit role scores above every no-fit role, versions counted)."""
    by_version: dict[tuple, dict] = {}
    for pair in pairs:
        for language, score in pair.scores.items():
            kinds = by_version.setdefault((pair.triple, language), {"fit": [], "no_fit": []})
            kinds[pair.expected].append(score)
    counted = [k for k in by_version.values() if k["fit"] and k["no_fit"]]
    good = sum(min(k["fit"]) > max(k["no_fit"]) for k in counted)
    return good, len(counted)


def summarise(pairs: list[Pair]) -> dict:
    """The figures of a set of pairs (counts, not only shares, so they read exactly)."""
    n = len(pairs)
    mean = {
        language: sum(p.scores[language] for p in pairs) / n if n else 0.0 for language in LANGUAGES
    }
    return {
        "pairs": n,
        "same_band": sum(p.same_band for p in pairs),
        "within_15": sum(p.within for p in pairs),
        "both": sum(p.same_band and p.within for p in pairs),
        "max_spread": max((p.spread for p in pairs), default=0.0),
        "mean_score": mean,
    }


def worst(pairs: list[Pair], n: int = 10) -> list[Pair]:
    """The `n` pairs that read least alike: widest spread first, then widest gap."""
    return sorted(pairs, key=lambda p: (-p.spread, -p.gap, p.triple, p.role))[:n]


def run(path: Path | str = SETS / "triples.jsonl", ranker: Ranker | None = None) -> list[Pair]:
    triples, roles = load(path)
    return score_pairs(triples, roles, ranker)


def _figures(name: str, summary: dict) -> str:
    n = max(1, summary["pairs"])
    means = " ".join(f"{lang} {summary['mean_score'][lang]:.3f}" for lang in LANGUAGES)
    return (
        f"{name:12} pairs {summary['pairs']:4}  "
        f"same band {summary['same_band']:4} ({summary['same_band'] / n:6.1%})  "
        f"within 15% {summary['within_15']:4} ({summary['within_15'] / n:6.1%})  "
        f"both {summary['both']:4}  max spread {summary['max_spread']:.2f}  mean score {means}"
    )


def report(pairs: list[Pair], n_worst: int = 10) -> str:
    """The figures (all pairs, fit roles, no-fit roles) and the worst pairs, as text."""
    people = len({p.triple for p in pairs})
    lines = [
        f"Triples: {people} people x 3 languages ({', '.join(LANGUAGES)}), {len(pairs)} pairs "
        f"(within 15%: max - min <= 0.15 x max; all below {NO_MATCH_SCORE} count as within)"
    ]
    for name, chosen in (
        ("all", pairs),
        ("fit", [p for p in pairs if p.expected == "fit"]),
        ("no fit", [p for p in pairs if p.expected == "no_fit"]),
    ):
        lines.append(_figures(name, summarise(chosen)))
    good, counted = fit_above_no_fit(pairs)
    lines.append(f"fit above no-fit: {good} of {counted} versions (person x language)")
    lines.append(f"worst {n_worst} (spread, bands en/km/ja, scores en/km/ja):")
    for pair in worst(pairs, n_worst):
        bands = "/".join(pair.bands[lang] for lang in LANGUAGES)
        scores = "/".join(f"{pair.scores[lang]:.3f}" for lang in LANGUAGES)
        lines.append(
            f"  {pair.triple} x {pair.role:4} {pair.expected:6} spread {pair.spread:5.2f}  "
            f"{bands:22} {scores}"
        )
    return "\n".join(lines)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Same person in en/km/ja: same band and score?")
    parser.add_argument("--set", type=Path, default=SETS / "triples.jsonl")
    parser.add_argument("--worst", type=int, default=10, help="list this many worst pairs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pairs = run(args.set)
    if args.json:
        print(
            json.dumps(
                {
                    "all": summarise(pairs),
                    "fit": summarise([p for p in pairs if p.expected == "fit"]),
                    "no_fit": summarise([p for p in pairs if p.expected == "no_fit"]),
                    "fit_above_no_fit": fit_above_no_fit(pairs),
                },
                indent=2,
            )
        )
        return
    print(report(pairs, args.worst))
    print(f"({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
