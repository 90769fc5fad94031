"""Speed and memory of the matcher on synthetic profiles (1k, 10k, 100k).

Prints, for each corpus size: fit time; median and p95 time of `rank(role, k=50)`
(explanations for the top 50 included) against two floors measured in the same run:

- "same" floor: the matcher's own matrices, bare (each block's columns of the query
  times the query values, the per-title and per-skill-list scores read for every row,
  summed, then `argpartition`; query vectorisation included);
- "word" floor: a plain word TF-IDF matrix (sklearn TfidfVectorizer, word tokens,
  defaults) of the same profiles' text, stored CSC: the role's text vectorised by that
  vectorizer, scored by its columns (`M[:, cols] @ vals`) plus `argpartition`;
- "bare": the word floor without vectorising the role (columns computed beforehand);

the matrices' size; and the peak memory the process grew by while fitting. Targets on
a 2-core machine: fit 100k <= 10 s; rank <= 10 ms median and <= 3x the word floor;
<= 300 MB for 100k profiles.

    python bench/bench_matching.py [--sizes 1000,10000,100000] [--queries 60]
"""

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matching import Matcher  # noqa: E402

TRADES = {
    "welder": (
        ["welding", "MIG welding", "TIG welding", "reading technical drawings", "grinding"],
        "manufacturing",
    ),
    "sewing machine operator": (
        ["sewing", "pattern cutting", "quality inspection", "ironing"],
        "garments",
    ),
    "electronics assembler": (
        ["soldering", "circuit assembly", "quality inspection"],
        "electronics",
    ),
    "machine operator": (["CNC operation", "machine maintenance", "forklift"], "manufacturing"),
    "care worker": (["elderly care", "bathing assistance", "first aid", "meal support"], "care"),
    "cook": (["food preparation", "food hygiene", "Japanese cuisine", "baking"], "hospitality"),
    "hotel receptionist": (["customer service", "booking systems", "English"], "hospitality"),
    "construction worker": (
        ["scaffolding", "concrete work", "rebar tying", "carpentry"],
        "construction",
    ),
    "farm worker": (
        ["vegetable farming", "greenhouse work", "harvesting", "tractor driving"],
        "agriculture",
    ),
    "truck driver": (["driving", "logistics", "warehouse work", "forklift"], "logistics"),
    "software developer": (["Python", "JavaScript", "SQL", "web development", "Git"], "it"),
    "accountant": (["bookkeeping", "Excel", "tax", "QuickBooks"], "services"),
}
NOISE = ["", "sr. ", "junior ", "assistant ", "helper ", "", "trainee ", "experienced "]
SNIPPETS = ["ធ្វើការនៅរោងចក្រ", "ជំនាញផ្សារដែក", "介護の経験", "溶接の仕事", "工場勤務", ""]
PROVINCES = ["Phnom Penh", "Kandal", "Takeo", "Kampong Cham", "Siem Reap", "Battambang", "Japan"]


def synthetic_profiles(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    trades = list(TRADES)
    profiles = []
    for i in range(n):
        trade = rng.choice(trades)
        skills, _sector = TRADES[trade]
        japanese = rng.choices(
            ["", "N5", "N4", "N3", "N2", "JFT-Basic A2"], [40, 25, 18, 10, 3, 4]
        )[0]
        english = rng.choices(["", "A1", "A2", "B1", "B2"], [30, 25, 25, 15, 5])[0]
        languages = ["Khmer native"]
        languages += [f"Japanese {japanese}"] if japanese else []
        languages += [f"English {english}"] if english else []
        years = rng.randint(0, 12)
        profiles.append(
            {
                "id": i,
                "headline": rng.choice(NOISE)
                + trade
                + (f" {rng.randint(1, 99)}" if rng.random() < 0.1 else ""),
                "skills": rng.sample(skills, rng.randint(1, len(skills))),
                "experience": f"{years} years as {trade} in {rng.choice(PROVINCES)}. "
                + rng.choice(SNIPPETS),
                "education": rng.choice(
                    [
                        "primary",
                        "lower_secondary",
                        "upper_secondary",
                        "tvet_certificate",
                        "bachelor",
                    ]
                ),
                "languages": languages,
                "locations": rng.sample(PROVINCES, 2),
                "programs": rng.sample(["technical_intern", "ssw", "local"], 1),
            }
        )
    return profiles


def synthetic_roles(n: int, seed: int = 11) -> list[dict]:
    rng = random.Random(seed)
    roles = []
    for i in range(n):
        trade = rng.choice(list(TRADES))
        skills, _sector = TRADES[trade]
        languages = []
        if rng.random() < 0.6:
            languages.append(
                {
                    "language": "Japanese",
                    "level": rng.choice(["N5", "N4", "N3"]),
                    "must": rng.random() < 0.5,
                }
            )
        roles.append(
            {
                "id": f"role-{i}",
                "title": rng.choice(["", "Senior ", "Trainee "]) + trade.title(),
                "description": f"We need a {trade} for our team. " + rng.choice(SNIPPETS),
                "required_skills": rng.sample(skills, min(2, len(skills))),
                "preferred_skills": rng.sample(skills, 1),
                "education": rng.choice(["none", "lower_secondary", "upper_secondary"]),
                "languages": languages,
                "location": rng.choice(PROVINCES),
                "program": rng.choice(["technical_intern", "ssw", "local"]),
            }
        )
    return roles


def floor_rank(matcher: Matcher, role: dict, k: int = 50) -> np.ndarray:
    """The least work a ranking on the matcher's matrices must do: score the query's
    columns in every block, read each row's title and skill-list scores, pick the top k."""
    query = matcher._build_query(role)  # not the remembered one: vectorising is part of it
    scores = matcher.text_block_.score(*query.blocks[4])
    titles = np.zeros(len(matcher.title_occupation_), dtype=np.float32)
    for block, (columns, values) in zip(matcher.title_blocks_, query.blocks[:3]):
        titles += block.score(columns, values)
    scores += titles[matcher.title_key_]
    scores += matcher.skills_block_.score(*query.blocks[3])[matcher.skills_key_]
    return np.argpartition(-scores, k)[:k]


class WordFloor:
    """A plain word TF-IDF index of the profiles' text: the least any ranking must do."""

    def __init__(self, profiles: list[dict]):
        self.vectorizer = TfidfVectorizer()  # word tokens, sklearn's defaults
        texts = [
            " ".join([p.get("headline") or "", " ".join(p.get("skills") or []), p["experience"]])
            for p in profiles
        ]
        self.matrix = self.vectorizer.fit_transform(texts).tocsc()

    @staticmethod
    def text(role: dict) -> str:
        skills = role["required_skills"] + role["preferred_skills"]
        return " ".join([role["title"], " ".join(skills), role["description"]])

    def query(self, role: dict) -> tuple[np.ndarray, np.ndarray]:
        """The role's columns and values."""
        vector = self.vectorizer.transform([self.text(role)])
        return vector.indices, vector.data

    def rank(self, role: dict, k: int = 50) -> np.ndarray:
        """Vectorise the role, score its columns, pick the top k."""
        return self.rank_columns(*self.query(role), k=k)

    def rank_columns(self, columns: np.ndarray, values: np.ndarray, k: int = 50) -> np.ndarray:
        scores = self.matrix[:, columns] @ values
        return np.argpartition(-scores, k)[:k]


def vectorise_only(matcher: Matcher, role: dict) -> None:
    matcher._build_query(role)


def timed(function, *args, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function(*args)
        times.append((time.perf_counter() - started) * 1000)
    return times


def matrix_megabytes(matcher: Matcher) -> float:
    total = 0
    for block in [matcher.text_block_, matcher.skills_block_, *matcher.title_blocks_]:
        total += block.nbytes
    return total / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    roles = synthetic_roles(args.queries)
    Matcher().fit(synthetic_profiles(10))  # load the taxonomy once, outside the timings
    print(
        f"{'profiles':>9} {'fit s':>6} {'peak MB':>7} {'matrix MB':>9} {'rank ms':>7} "
        f"{'p95 ms':>6} {'same ms':>7} {'x same':>6} {'word ms':>7} {'x word':>6} "
        f"{'bare ms':>7} {'x bare':>6} {'query ms':>8} {'update ms':>9}"
    )
    for size in [int(s) for s in args.sizes.split(",")]:
        profiles = synthetic_profiles(size)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        matcher = Matcher().fit(profiles)
        fit_seconds = time.perf_counter() - started
        # Growth of the process's peak resident memory while fitting (KiB on Linux); 0 when an
        # earlier, smaller fit already reached a higher peak.
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        words = WordFloor(profiles)
        word_queries = [words.query(role) for role in roles]
        for role in roles[:5]:  # warm caches
            matcher.rank(role, k=50)
            words.rank(role)
        rank_ms, floor_ms, word_ms, bare_ms, query_ms = [], [], [], [], []
        for role, query in zip(roles, word_queries):
            rank_ms += timed(matcher.rank, role, 50, repeat=1)
            floor_ms += timed(floor_rank, matcher, role, repeat=1)
            word_ms += timed(words.rank, role, repeat=1)
            bare_ms += timed(words.rank_columns, *query, repeat=1)
            query_ms += timed(vectorise_only, matcher, role, repeat=1)
        changed = [{**p, "experience": p["experience"] + " updated"} for p in profiles[:10]]
        update_ms = statistics.median(timed(matcher.update, changed, repeat=5))
        median, floor = statistics.median(rank_ms), statistics.median(floor_ms)
        word, bare = statistics.median(word_ms), statistics.median(bare_ms)
        p95 = sorted(rank_ms)[int(0.95 * (len(rank_ms) - 1))]
        print(
            f"{size:>9} {fit_seconds:>6.2f} {peak:>7.0f} {matrix_megabytes(matcher):>9.1f} "
            f"{median:>7.2f} {p95:>6.2f} {floor:>7.2f} {median / floor:>6.2f} "
            f"{word:>7.2f} {median / word:>6.2f} {bare:>7.2f} {median / bare:>6.2f} "
            f"{statistics.median(query_ms):>8.2f} {update_ms:>9.1f}"
        )
    print(
        "\nrank = rank(role, k=50) with explanations; same = the same query's columns scored "
        "on the matcher's matrices + argpartition (query vectorisation included);\n"
        "word = a plain word TF-IDF matrix (CSC) of the profiles' text: the role vectorised by "
        "the TfidfVectorizer, its columns scored (M[:, cols] @ vals) + argpartition;\n"
        "bare = the same without vectorising the role; query = vectorising the role alone; "
        "update = re-indexing 10 changed profiles."
    )


if __name__ == "__main__":
    main()
