"""Build matching/evalsets/noisy_cv.jsonl: CV-shaped profiles with noisy skill lists, and
roles with a title and a generic or noisy required-skill list (the `noisy_cv` set of
`python -m matching.evaluate`).

Profiles: the English profiles of matching/evalsets/cv_profiles.jsonl and the English
versions of the people in matching/evalsets/triples.jsonl (their headline moved into the
experience text: CV-shaped, no headline), each with its own skills plus noise drawn with a
fixed seed:
- generic skills most people list (communication, teamwork, Microsoft Office...) and ESCO
  transversal skills;
- for most profiles a long list of software skills from ESCO's digital skills collection
  (short "knowledge" labels: tools, languages, techniques), unrelated to the job;
- misspellings (a swapped, dropped or doubled letter) in some skills.
Roles: two per gold occupation (titled with its ESCO preferred label, and with one of its
alternative labels), whose required skills are generic and digital skills, misspelt at
times, and for half of them one skill a person of that occupation lists.
Relevance (graded, for NDCG@10): 2 = same ESCO occupation, 1 = same ISCO-08 3-digit group.

Usage: python scripts/build_evalset_noisy_cv.py [--esco DIR] [--seed 25]

This service uses the ESCO classification of the European Commission.
"""

import argparse
import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALSETS = ROOT / "matching" / "evalsets"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"
SEED = 25

# What people put on any CV, whatever the job (written for the project).
GENERIC = [
    "communication", "teamwork", "Microsoft Office", "MS Word", "Excel", "PowerPoint",
    "problem solving", "time management", "hard working", "punctual", "customer service",
    "English", "leadership", "attention to detail", "self-motivated", "computer literacy",
    "work under pressure", "email", "Internet", "fast learner", "honest", "flexible",
]  # fmt: skip

# The main occupation of each person of triples.jsonl, by ESCO preferred label (a
# judgement from the English version, as cv_profiles.jsonl's gold labels are).
TRIPLE_OCCUPATIONS = {
    "T01": "welder", "T02": "welder", "T03": "welder", "T04": "carpenter",
    "T05": "structural ironworker", "T06": "excavator operator", "T07": "construction scaffolder",
    "T08": "bricklayer", "T09": "residential home older adult care worker",
    "T10": "nurse assistant", "T11": "home care aide", "T12": "fish preparation operator",
    "T13": "food production operator", "T14": "meat preparations operator", "T15": "baker",
    "T16": "horticulture worker", "T17": "livestock worker", "T18": "crop production worker",
    "T19": "sewing machine operator", "T20": "clothing quality inspector",
    "T21": "clothing cutter", "T22": "hospitality establishment receptionist",
    "T23": "room attendant", "T24": "cook", "T25": "waiter/waitress", "T26": "web developer",
    "T27": "ICT help desk agent", "T28": "mobile application developer",
    "T29": "cargo vehicle driver", "T30": "car and van delivery driver",
    "T31": "forklift operator", "T32": "electrician", "T33": "electronic equipment assembler",
    "T34": "industrial electrician", "T35": "computer numerical control machine operator",
    "T36": "milling machine operator", "T37": "stamping press operator",
    "T38": "warehouse worker", "T39": "inventory coordinator", "T40": "accountant",
    "T41": "interpreter", "T42": "administrative assistant", "T43": "vehicle technician",
    "T44": "vehicle technician", "T45": "building cleaner", "T46": "construction painter",
    "T47": "security guard", "T48": "shop assistant",
}  # fmt: skip


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def misspell(text: str, rng: random.Random) -> str:
    """One typing slip in a word of four letters or more: swapped, dropped or doubled."""
    words = text.split(" ")
    long = [n for n, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    if not long:
        return text
    n = rng.choice(long)
    word = words[n]
    i = rng.randrange(1, len(word) - 1)
    slip = rng.choice(("swap", "drop", "double"))
    if slip == "swap":
        word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif slip == "drop":
        word = word[:i] + word[i + 1 :]
    else:
        word = word[:i] + word[i] + word[i:]
    words[n] = word
    return " ".join(words)


def noisy(skills: list[str], rng: random.Random, rate: float) -> list[str]:
    return [misspell(s, rng) if rng.random() < rate else s for s in skills]


def people(occupations: dict[str, dict]) -> list[dict]:
    """The English CV-shaped people: (id, experience, skills, education, esco_uri, isco)."""
    uri_of = {o["preferredLabel"].strip(): uri for uri, o in occupations.items()}
    found = [
        {k: p[k] for k in ("experience", "skills", "education", "esco_uri", "isco")}
        | {"source": p["id"]}
        for p in read_jsonl(EVALSETS / "cv_profiles.jsonl")
        if p["lang"] == "en"
    ]
    for record in read_jsonl(EVALSETS / "triples.jsonl"):
        if record["kind"] != "triple":
            continue
        uri = uri_of[TRIPLE_OCCUPATIONS[record["id"]]]
        english = record["en"]
        found.append(
            {
                "experience": f"{english['headline']}. {english['experience']}",
                "skills": english["skills"],
                "education": record["education"],
                "esco_uri": uri,
                "isco": occupations[uri]["iscoGroup"],
                "source": f"triples {record['id']} en",
            }
        )
    return found


def build(esco: Path, seed: int) -> list[dict]:
    rng = random.Random(seed)
    occupations = {r["conceptUri"]: r for r in read_csv(esco / "occupations_en.csv")}
    software = sorted(
        r["preferredLabel"].strip()
        for r in read_csv(esco / "digitalSkillsCollection_en.csv")
        if r["skillType"] == "knowledge" and len(r["preferredLabel"].split()) <= 2
    )
    transversal = sorted(
        r["preferredLabel"].strip() for r in read_csv(esco / "transversalSkillsCollection_en.csv")
    )
    records = []
    by_occupation: dict[str, list[dict]] = {}
    for n, person in enumerate(people(occupations), start=1):
        skills = list(person["skills"])
        skills += rng.sample(GENERIC, rng.randint(2, 6)) + rng.sample(
            transversal, rng.randint(0, 2)
        )
        if rng.random() < 0.7:
            skills += rng.sample(software, rng.randint(5, 15))
        rng.shuffle(skills)
        profile = {"kind": "profile", "id": f"ncv-{n:03d}"} | person
        profile["skills"] = noisy(skills, rng, 0.15)
        records.append(profile)
        by_occupation.setdefault(person["esco_uri"], []).append(person)
    for uri in sorted(by_occupation):
        occupation = occupations[uri]
        titles = [occupation["preferredLabel"].strip()]
        alternatives = sorted(a.strip() for a in occupation["altLabels"].split("\n") if a.strip())
        if alternatives:
            titles.append(rng.choice(alternatives))
        for title in titles:
            required = rng.sample(GENERIC, rng.randint(1, 4)) + rng.sample(
                software, rng.randint(0, 3)
            )
            if rng.random() < 0.5:
                required.append(rng.choice(rng.choice(by_occupation[uri])["skills"]))
            rng.shuffle(required)
            records.append(
                {
                    "kind": "role",
                    "id": f"ncv-role-{len(records) - n + 1:03d}",
                    "title": title,
                    "required_skills": noisy(required, rng, 0.15),
                    "esco_uri": uri,
                    "isco": occupation["iscoGroup"],
                }
            )
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    records = build(args.esco, args.seed)
    with open(EVALSETS / "noisy_cv.jsonl", "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    kinds = [r["kind"] for r in records]
    print(f"{kinds.count('profile')} profiles, {kinds.count('role')} roles -> noisy_cv.jsonl")


if __name__ == "__main__":
    main()
