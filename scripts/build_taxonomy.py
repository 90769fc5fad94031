"""Build matching/data/esco.json.gz, the compact ESCO resource the matcher ships with.

Reads the ESCO v1.2 CSV files (English) from ../shared/data/esco at build time only;
the product reads nothing but the derived file. What it keeps:

- occupations: preferred label, ISCO-08 unit group (4 digits), alternative labels;
- ISCO-08 groups: code -> preferred label (1 to 4 digits);
- skills: preferred label and alternative labels of the skills in ESCO's digital,
  transversal and language collections, plus every skill label of up to four words
  found in the full skill list, as canonical names for normalising free-text skills.

Usage: python scripts/build_taxonomy.py [--esco DIR] [--output FILE]

This service uses the ESCO classification of the European Commission.
"""

import argparse
import csv
import gzip
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"
DEFAULT_OUTPUT = ROOT / "matching" / "data" / "esco.json.gz"


def _labels(field: str) -> list[str]:
    """Alternative labels: one per line, or (in the skill collections) separated by " | "."""
    return [label.strip() for label in re.split(r"\n| \| ", field or "") if label.strip()]


def _clean(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip()


def read_occupations(esco: Path) -> list[list]:
    occupations = []
    with open(esco / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("status", "released") != "released":
                continue
            preferred = _clean(row["preferredLabel"])
            alternatives = sorted({_clean(a) for a in _labels(row["altLabels"])} - {preferred})
            occupations.append([preferred, row["iscoGroup"].strip(), alternatives])
    occupations.sort(key=lambda o: (o[1], o[0]))
    return occupations


def read_isco(esco: Path) -> dict[str, str]:
    groups = {}
    with open(esco / "ISCOGroups_en.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code = row["code"].strip()
            if code.isdigit():
                groups[code] = _clean(row["preferredLabel"])
    return dict(sorted(groups.items()))


def read_skills(esco: Path) -> list[list]:
    skills: dict[str, set[str]] = {}
    for name in (
        "digitalSkillsCollection_en.csv",
        "transversalSkillsCollection_en.csv",
        "languageSkillsCollection_en.csv",
    ):
        with open(esco / name, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                preferred = _clean(row["preferredLabel"])
                skills.setdefault(preferred, set()).update(
                    _clean(a) for a in _labels(row["altLabels"])
                )
    # Skills outside the collections: `description` starts with the preferred label, but the
    # labels run together with the definition, so only the hierarchy's short names are kept.
    with open(esco / "skillsHierarchy_en.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for level in (
                "Level 1 preferred term",
                "Level 2 preferred term",
                "Level 3 preferred term",
            ):
                term = _clean(row.get(level) or "")
                if term and len(term.split()) <= 6:
                    skills.setdefault(term, set())
    return [[label, sorted(alts - {label})] for label, alts in sorted(skills.items())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    resource = {
        "source": "ESCO v1.2, European Commission (https://esco.ec.europa.eu)",
        "occupations": read_occupations(args.esco),
        "isco_groups": read_isco(args.esco),
        "skills": read_skills(args.esco),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(resource, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(args.output, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(payload)
    print(
        f"{len(resource['occupations'])} occupations, {len(resource['isco_groups'])} ISCO groups, "
        f"{len(resource['skills'])} skills -> {args.output} ({args.output.stat().st_size // 1024} KiB)"
    )


if __name__ == "__main__":
    main()
