"""Validate the hand-written evaluation sets in matching/evalsets/ against ESCO v1.2.

Checks, for every file:
- titles_ja.tsv / titles_km.tsv: header, 4 columns, ESCO occupation URI exists, isco equals
  the occupation's iscoGroup, no duplicate titles, at least 170 rows, at least 60 distinct
  occupations, at most 6 titles per occupation;
- skills_ja.tsv / skills_km.tsv: header, 3 columns, no duplicate skills, at least 80 rows,
  every non-empty esco_skill is an ESCO skill label (preferred label in the digital,
  transversal or language collection or in the skills hierarchy, or the label that opens an
  entry of skills_labels_desc.csv, whose text starts with the preferred label);
- cv_profiles.jsonl: required keys, unique ids, valid URI and isco, no headline field,
  lang in en/ja/km, at least 120 profiles, no duplicate experience texts;
- noisy_cv.jsonl: valid URI and isco, unique ids, no headline, and exactly what
  scripts/build_evalset_noisy_cv.py builds with its default seed.

Prints a summary and exits non-zero on any error.

Usage: python scripts/check_evalsets.py [--esco DIR]

This service uses the ESCO classification of the European Commission.
"""

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALSETS = ROOT / "matching" / "evalsets"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"

MIN_TITLES = 170
MIN_TITLE_OCCUPATIONS = 60
MAX_PER_OCCUPATION = 6
MIN_SKILLS = 80
MIN_PROFILES = 120


def load_occupations(esco: Path) -> dict[str, dict]:
    with open(esco / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        return {row["conceptUri"].strip(): row for row in csv.DictReader(handle)}


def load_skill_labels(esco: Path) -> tuple[set[str], list[str]]:
    labels: set[str] = set()
    for name in (
        "digitalSkillsCollection_en.csv",
        "transversalSkillsCollection_en.csv",
        "languageSkillsCollection_en.csv",
    ):
        with open(esco / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                labels.add(row["preferredLabel"].strip())
    with open(esco / "skillsHierarchy_en.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for level in range(4):
                term = (row.get(f"Level {level} preferred term") or "").strip()
                if term:
                    labels.add(term)
    with open(esco / "skills_labels_desc.csv", encoding="utf-8", newline="") as handle:
        descriptions = [row["description"] for row in csv.DictReader(handle)]
    return labels, descriptions


def is_skill_label(label: str, labels: set[str], descriptions: list[str]) -> bool:
    if label in labels:
        return True
    return any(d == label or d.startswith(label + " ") for d in descriptions)


def read_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].split("\t")
    return header, [line.split("\t") for line in lines[1:]]


def check_titles(path: Path, occupations: dict, errors: list[str]) -> dict:
    header, rows = read_tsv(path)
    if header != ["title", "esco_uri", "isco", "english_title"]:
        errors.append(f"{path.name}: bad header {header}")
    seen: Counter = Counter()
    per_occupation: Counter = Counter()
    for number, row in enumerate(rows, 2):
        where = f"{path.name}:{number}"
        if len(row) != 4 or not all(cell.strip() for cell in row):
            errors.append(f"{where}: expected 4 non-empty columns, got {row}")
            continue
        title, uri, isco, english = row
        if title != title.strip() or english != english.strip():
            errors.append(f"{where}: stray whitespace around title")
        seen[title] += 1
        occupation = occupations.get(uri)
        if occupation is None:
            errors.append(f"{where}: unknown occupation {uri}")
            continue
        if occupation["iscoGroup"].strip() != isco:
            errors.append(f"{where}: isco {isco} != {occupation['iscoGroup']} for {uri}")
        if occupation.get("status", "released") != "released":
            errors.append(f"{where}: occupation {uri} is not released")
        per_occupation[uri] += 1
    for title, count in seen.items():
        if count > 1:
            errors.append(f"{path.name}: duplicate title {title!r} ({count}x)")
    for uri, count in per_occupation.items():
        if count > MAX_PER_OCCUPATION:
            label = occupations[uri]["preferredLabel"]
            errors.append(f"{path.name}: {count} titles for {label!r} (max {MAX_PER_OCCUPATION})")
    if len(rows) < MIN_TITLES:
        errors.append(f"{path.name}: {len(rows)} titles < {MIN_TITLES}")
    if len(per_occupation) < MIN_TITLE_OCCUPATIONS:
        errors.append(f"{path.name}: {len(per_occupation)} occupations < {MIN_TITLE_OCCUPATIONS}")
    groups = {occupations[uri]["iscoGroup"][:1] for uri in per_occupation}
    return {
        "rows": len(rows),
        "occupations": len(per_occupation),
        "isco_major_groups": len(groups),
        "max_per_occupation": max(per_occupation.values(), default=0),
    }


def check_skills(path: Path, labels: set[str], descriptions: list[str], errors: list[str]) -> dict:
    header, rows = read_tsv(path)
    if header != ["skill", "english_skill", "esco_skill"]:
        errors.append(f"{path.name}: bad header {header}")
    seen: Counter = Counter()
    mapped = 0
    for number, row in enumerate(rows, 2):
        where = f"{path.name}:{number}"
        if len(row) != 3 or not row[0].strip() or not row[1].strip():
            errors.append(f"{where}: expected skill, english_skill, esco_skill; got {row}")
            continue
        skill, _english, esco_skill = row
        seen[skill] += 1
        if esco_skill:
            mapped += 1
            if not is_skill_label(esco_skill, labels, descriptions):
                errors.append(f"{where}: {esco_skill!r} is not an ESCO skill label")
    for skill, count in seen.items():
        if count > 1:
            errors.append(f"{path.name}: duplicate skill {skill!r} ({count}x)")
    if len(rows) < MIN_SKILLS:
        errors.append(f"{path.name}: {len(rows)} skills < {MIN_SKILLS}")
    return {"rows": len(rows), "with_esco_skill": mapped}


def check_profiles(path: Path, occupations: dict, errors: list[str]) -> dict:
    required = {"id", "experience", "skills", "education", "esco_uri", "isco", "lang"}
    ids: Counter = Counter()
    experiences: Counter = Counter()
    langs: Counter = Counter()
    uris: set[str] = set()
    count = 0
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                profile = json.loads(line)
            except json.JSONDecodeError as error:
                errors.append(f"{where}: invalid JSON ({error})")
                continue
            count += 1
            keys = set(profile)
            if keys != required:
                errors.append(f"{where}: keys {sorted(keys)} != {sorted(required)}")
            ids[profile.get("id")] += 1
            experiences[profile.get("experience")] += 1
            langs[profile.get("lang")] += 1
            if profile.get("lang") not in {"en", "ja", "km"}:
                errors.append(f"{where}: bad lang {profile.get('lang')!r}")
            if not isinstance(profile.get("skills"), list) or not profile.get("skills"):
                errors.append(f"{where}: skills must be a non-empty list")
            if not str(profile.get("experience", "")).strip():
                errors.append(f"{where}: empty experience")
            occupation = occupations.get(profile.get("esco_uri"))
            if occupation is None:
                errors.append(f"{where}: unknown occupation {profile.get('esco_uri')}")
            else:
                uris.add(profile["esco_uri"])
                if occupation["iscoGroup"].strip() != profile.get("isco"):
                    errors.append(
                        f"{where}: isco {profile.get('isco')} != {occupation['iscoGroup']}"
                    )
    for value, n in ids.items():
        if n > 1:
            errors.append(f"{path.name}: duplicate id {value!r}")
    for value, n in experiences.items():
        if n > 1:
            errors.append(f"{path.name}: duplicate experience text {str(value)[:40]!r}")
    if count < MIN_PROFILES:
        errors.append(f"{path.name}: {count} profiles < {MIN_PROFILES}")
    return {"rows": count, "occupations": len(uris), "langs": dict(sorted(langs.items()))}


def check_noisy_cv(path: Path, esco: Path, occupations: dict, errors: list[str]) -> dict:
    """Valid URIs and ISCO codes, unique ids, no headline, and the file is what the seeded
    scripts/build_evalset_noisy_cv.py builds (nobody edited it by hand)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from build_evalset_noisy_cv import SEED, build

    with open(path, encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    ids = Counter(r["id"] for r in records)
    errors.extend(f"{path.name}: duplicate id {i!r}" for i, n in ids.items() if n > 1)
    for record in records:
        occupation = occupations.get(record["esco_uri"])
        if occupation is None or occupation["iscoGroup"].strip() != record["isco"]:
            errors.append(f"{path.name}: {record['id']}: bad esco_uri or isco")
        if record["kind"] == "profile" and "headline" in record:
            errors.append(f"{path.name}: {record['id']}: a CV-shaped profile has no headline")
    if records != build(esco, SEED):
        errors.append(f"{path.name}: differs from scripts/build_evalset_noisy_cv.py's output")
    kinds = Counter(r["kind"] for r in records)
    return {"profiles": kinds["profile"], "roles": kinds["role"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--evalsets", type=Path, default=EVALSETS)
    args = parser.parse_args()
    occupations = load_occupations(args.esco)
    labels, descriptions = load_skill_labels(args.esco)
    errors: list[str] = []
    summary = {}
    for lang in ("ja", "km"):
        summary[f"titles_{lang}.tsv"] = check_titles(
            args.evalsets / f"titles_{lang}.tsv", occupations, errors
        )
    for lang in ("ja", "km"):
        summary[f"skills_{lang}.tsv"] = check_skills(
            args.evalsets / f"skills_{lang}.tsv", labels, descriptions, errors
        )
    summary["cv_profiles.jsonl"] = check_profiles(
        args.evalsets / "cv_profiles.jsonl", occupations, errors
    )
    summary["noisy_cv.jsonl"] = check_noisy_cv(
        args.evalsets / "noisy_cv.jsonl", args.esco, occupations, errors
    )
    for name, stats in summary.items():
        print(f"{name:20} " + ", ".join(f"{key}={value}" for key, value in stats.items()))
    if errors:
        print(f"\n{len(errors)} error(s):")
        for error in errors:
            print("  " + error)
        return 1
    print("\nall evaluation sets valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
