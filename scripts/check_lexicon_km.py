"""Check matching/data/lexicon/km.tsv, the project's hand-built Khmer glossary.

The file maps Khmer job titles, skills and a few other words to English, so that the
English-only matcher can read what candidates type in Khmer. Columns, tab-separated:

    term    english    kind    source

The first line is a header starting with "#". This script checks the form of every row:

- four columns, a known kind (occupation, skill, word, place, noise), source "manual";
- no duplicate (term, english) pair, no empty field, no stray spaces;
- `term` is written in Khmer script (U+1780-U+17FF) with only spaces or ASCII punctuation
  besides, in NFC, with no zero-width or other invisible characters, and with no obvious
  mis-encoding (a term starting with a vowel sign, a coeng not followed by a consonant);

and reports how many occupation and skill rows carry an exact ESCO label in `english`.
Labels are compared after Unicode folding, lower-casing and collapsing spaces. ESCO is read
from ../shared/data/esco at check time only; nothing here is shipped with the product.

- occupation rows: a preferred or alternative label in occupations_en.csv;
- skill rows: a preferred or alternative label of the digital, transversal or language
  skill collections or of skillGroups_en.csv, or a term of skillsHierarchy_en.csv.

skills_labels_desc.csv runs each skill's labels and definition together in one field, so
where a label ends cannot be told ("welding" opens the entry of "welding techniques").
A skill row whose `english` opens such an entry is therefore reported apart, as a
possible label to review by eye (--show opening prints the words that follow), and is not
counted as an exact label.

Usage: python scripts/check_lexicon_km.py [--lexicon FILE] [--esco DIR] [--min-coverage 0.5]
       [--show {all,missing,opening}]

Exits with 1 when a row is malformed or when the share of occupation and skill rows with
an exact ESCO label is below --min-coverage.

This script uses the ESCO classification of the European Commission.
"""

import argparse
import csv
import re
import string
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LEXICON = ROOT / "matching" / "data" / "lexicon" / "km.tsv"
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"

COLUMNS = ("term", "english", "kind", "source")
KINDS = ("occupation", "skill", "word", "place", "noise")
SOURCES = ("manual",)
MAPPED_KINDS = ("occupation", "skill")

KHMER = (0x1780, 0x17FF)
CONSONANTS = (0x1780, 0x17A2)  # ក .. អ
INDEPENDENT_VOWELS = (0x17A3, 0x17B3)
COENG = 0x17D2
# Signs that may not open a word: dependent vowels, diacritics, the coeng itself.
DEPENDENT = set(range(0x17B6, 0x17D4)) | {0x17DD}
INVISIBLE = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00A0, 0x00AD, 0x17B4, 0x17B5}

csv.field_size_limit(sys.maxsize)


def fold(text: str) -> str:
    """The form labels are compared in: NFKC, lower case, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().lower()


def _split_labels(field: str) -> list[str]:
    """Alternative labels: one a line (occupations, skill groups) or ' | ' (collections)."""
    labels = []
    for line in (field or "").split("\n"):
        labels.extend(part for part in line.split(" | ") if part.strip())
    return labels


def _rows(path: Path):
    with open(path, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_esco(esco: Path) -> tuple[set[str], set[str], dict[str, str]]:
    """(occupation labels, skill labels, {skill entry text: URI}) from the ESCO CSV files."""
    occupations = set()
    for row in _rows(esco / "occupations_en.csv"):
        for label in [row["preferredLabel"], *_split_labels(row["altLabels"])]:
            occupations.add(fold(label))
    skills = set()
    for name in (
        "digitalSkillsCollection_en.csv",
        "transversalSkillsCollection_en.csv",
        "languageSkillsCollection_en.csv",
        "skillGroups_en.csv",
    ):
        for row in _rows(esco / name):
            for label in [row["preferredLabel"], *_split_labels(row["altLabels"])]:
                skills.add(fold(label))
    for row in _rows(esco / "skillsHierarchy_en.csv"):
        for level in range(4):
            term = row.get(f"Level {level} preferred term") or ""
            if term.strip():
                skills.add(fold(term))
    entries = {}
    for row in _rows(esco / "skills_labels_desc.csv"):
        entries[fold(row["description"])] = row["id"]
    skills.discard("")
    occupations.discard("")
    return occupations, skills, entries


class Openings:
    """Finds whether a label opens some skill's entry in skills_labels_desc.csv."""

    def __init__(self, entries: dict[str, str], longest: int = 16):
        self._entries = entries
        self._prefixes: dict[str, str] = {}
        for text in entries:
            words = text.split(" ")
            for size in range(1, min(longest, len(words) - 1) + 1):
                self._prefixes.setdefault(" ".join(words[:size]), text)

    def find(self, label: str) -> str | None:
        """The entry the label opens (label followed by more text), or None."""
        return self._prefixes.get(fold(label))


def check_term(term: str) -> list[str]:
    """Problems with the Khmer spelling of a term, empty if none."""
    problems = []
    if term != term.strip() or "  " in term:
        problems.append("leading, trailing or double space")
    if unicodedata.normalize("NFC", term) != term:
        problems.append("not in NFC")
    khmer_letters = 0
    for position, char in enumerate(term):
        code = ord(char)
        if code in INVISIBLE:
            problems.append(f"invisible character U+{code:04X} at {position}")
        elif KHMER[0] <= code <= KHMER[1]:
            khmer_letters += 1
        elif char == " " or char in string.punctuation:
            pass
        else:
            problems.append(f"character {char!r} (U+{code:04X}) outside the Khmer block")
    if not khmer_letters:
        problems.append("no Khmer letter")
    for word in term.split(" "):
        if word and ord(word[0]) in DEPENDENT:
            problems.append(f"word {word!r} starts with a dependent sign")
    for position, char in enumerate(term):
        if ord(char) == COENG:
            following = term[position + 1] if position + 1 < len(term) else ""
            if not following or not CONSONANTS[0] <= ord(following) <= CONSONANTS[1]:
                problems.append(f"coeng at {position} not followed by a consonant")
    return problems


def read_lexicon(path: Path) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """(line number, fields) of each data row, and the problems found in the form."""
    errors = []
    rows = []
    with open(path, encoding="utf-8", newline="") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or not lines[0].startswith("#"):
        return [], ["line 1: the header must start with '#'"]
    header = [field.strip() for field in lines[0].lstrip("#").split("\t")]
    if tuple(header) != COLUMNS:
        errors.append(f"line 1: header {header} is not {list(COLUMNS)}")
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.endswith("\r"):
            errors.append(f"line {number}: CRLF line ending")
            line = line[:-1]
        if not line.strip():
            errors.append(f"line {number}: empty line")
            continue
        if line.startswith("#"):  # a section's comment (the matcher skips them too)
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            errors.append(f"line {number}: {len(fields)} columns, not {len(COLUMNS)}")
            continue
        term, english, kind, source = fields
        if any(field != field.strip() or not field for field in fields):
            errors.append(f"line {number}: empty field or stray spaces")
        if kind not in KINDS:
            errors.append(f"line {number}: unknown kind {kind!r}")
        if source not in SOURCES:
            errors.append(f"line {number}: unknown source {source!r}")
        errors.extend(f"line {number}: {term!r}: {problem}" for problem in check_term(term))
        if not english.isascii() or re.search(r"\s{2,}", english):
            errors.append(f"line {number}: english {english!r} is not plain single-spaced ASCII")
        key = (term, fold(english))
        if key in seen:
            errors.append(f"line {number}: duplicate of line {seen[key]} ({term}, {english})")
        else:
            seen[key] = number
        rows.append((number, fields))
    return rows, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON)
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--min-coverage", type=float, default=0.5)
    parser.add_argument(
        "--show",
        choices=("all", "missing", "opening"),
        help="list occupation and skill rows: all, those without an ESCO label, or those "
        "matched only by the opening of a skills_labels_desc.csv entry",
    )
    args = parser.parse_args()

    rows, errors = read_lexicon(args.lexicon)
    for error in errors:
        print(f"ERROR {error}")

    kinds = Counter(fields[2] for _number, fields in rows)
    terms = {kind: {fields[0] for _n, fields in rows if fields[2] == kind} for kind in kinds}
    print(f"{args.lexicon}: {len(rows)} rows, {len({f[0] for _n, f in rows})} distinct terms")
    for kind in KINDS:
        print(f"  {kind:<10} {kinds.get(kind, 0):>4} rows {len(terms.get(kind, ())):>4} terms")
    term_kinds: dict[str, set[str]] = {}
    for _number, (term, _english, kind, _source) in rows:
        term_kinds.setdefault(term, set()).add(kind)
    mixed = sorted(t for t, k in term_kinds.items() if len(k) > 1 and "noise" in k)
    for term in mixed:
        print(f"WARNING {term!r} is noise and also {sorted(term_kinds[term] - {'noise'})}")
    meanings: dict[tuple[str, str], set[str]] = {}
    for _number, (term, english, kind, _source) in rows:
        meanings.setdefault((term, kind), set()).add(fold(english))
    for (term, kind), englishes in sorted(meanings.items()):
        if len(englishes) > 1:
            print(
                f"WARNING {term!r} has {len(englishes)} English {kind} values: {sorted(englishes)}"
            )

    if not args.esco.is_dir():
        print(f"ERROR no ESCO directory at {args.esco}")
        return 1
    occupations, skills, entries = load_esco(args.esco)
    openings = Openings(entries)
    counts: Counter = Counter()
    for number, (term, english, kind, _source) in rows:
        if kind not in MAPPED_KINDS:
            continue
        counts[kind, "rows"] += 1
        opening = None
        if kind == "occupation":
            exact = fold(english) in occupations
        else:
            exact = fold(english) in skills
            if not exact:
                opening = openings.find(english)
        how = "label" if exact else "opening" if opening else "none"
        counts[kind, how] += 1
        if args.show == "all" or (args.show == "missing" and how == "none"):
            print(f"  {how:<7} {kind:<10} line {number}: {term}\t{english}")
        elif args.show == "opening" and how == "opening":
            rest = opening[len(fold(english)) :].split(" ")[:7]
            print(f"  line {number}: {english} | {' '.join(rest)} ...")

    total = sum(counts[kind, "rows"] for kind in MAPPED_KINDS)
    found = sum(counts[kind, "label"] for kind in MAPPED_KINDS)
    print("ESCO labels in `english` (occupation and skill rows):")
    for kind in MAPPED_KINDS:
        n = counts[kind, "rows"]
        print(
            f"  {kind:<10} {n:>4} rows: {counts[kind, 'label']:>4} exact label"
            + (
                f", {counts[kind, 'opening']:>4} only opening a skills_labels_desc.csv entry"
                if kind == "skill"
                else ""
            )
            + f", {counts[kind, 'none']:>4} plain English"
        )
    coverage = found / total if total else 0.0
    print(f"  exact ESCO labels {found}/{total} = {coverage:.1%} (minimum {args.min_coverage:.0%})")
    openings = counts["skill", "opening"]
    if openings:
        print(
            f"  with the {openings} skill rows that open a skills_labels_desc.csv entry: "
            f"{(found + openings) / total:.1%} (not counted; review with --show opening)"
        )
    if coverage < args.min_coverage:
        print("ERROR ESCO coverage below the minimum")
        return 1
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
