"""The committed record of what native speakers reviewed: one TSV row per item they marked.

A row keeps the item's fingerprint as the reviewer saw it; an item counts as reviewed only
while its fingerprint is still the same, so a changed English source or translation
becomes unreviewed again without anyone editing the ledger.
"""

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .items import LANGUAGE_NAMES, Item

HEADER = ("id", "fingerprint", "reviewed", "reviewed_on", "reviewer", "note")
REVIEWED, CHANGED, NOT_REVIEWED = "reviewed", "changed since review", "not reviewed"
README_PREFIX = "**Reviewed by native speakers:**"


@dataclass(frozen=True)
class Entry:
    id: str
    fingerprint: str
    reviewed: bool
    reviewed_on: str
    reviewer: str
    note: str


def one_line(text: str) -> str:
    """The ledger is one row per line: tabs and line breaks in notes become spaces."""
    return " ".join(str(text or "").split())


def load(path: Path) -> dict[str, Entry]:
    if not path.exists():
        return {}
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line.strip():
            continue
        columns = (line.split("\t") + [""] * len(HEADER))[: len(HEADER)]
        entry_id, fingerprint, reviewed, reviewed_on, reviewer, note = columns
        entries[entry_id] = Entry(
            entry_id, fingerprint, reviewed == "yes", reviewed_on, reviewer, note
        )
    return entries


def dump(entries: dict[str, Entry]) -> str:
    lines = ["\t".join(HEADER)]
    for entry in sorted(entries.values(), key=lambda e: e.id):
        lines.append(
            "\t".join(
                [
                    entry.id,
                    entry.fingerprint,
                    "yes" if entry.reviewed else "no",
                    entry.reviewed_on,
                    one_line(entry.reviewer),
                    one_line(entry.note),
                ]
            )
        )
    return "\n".join(lines) + "\n"


def status(item: Item, entries: dict[str, Entry]) -> str:
    entry = entries.get(item.id)
    if entry is None or not entry.reviewed:
        return NOT_REVIEWED
    return REVIEWED if entry.fingerprint == item.fingerprint else CHANGED


def record(
    entries: dict[str, Entry], item: Item, *, reviewed: bool, note: str, reviewer: str, today: str
) -> None:
    """Note the reviewer's verdict on the item as it now reads; an unchanged verdict keeps its date."""
    new = Entry(item.id, item.fingerprint, reviewed, today, one_line(reviewer), one_line(note))
    old = entries.get(item.id)
    if old and replace(old, reviewed_on=today, reviewer=new.reviewer) == new:
        return
    entries[item.id] = new


def counts(items: list[Item], entries: dict[str, Entry]) -> Counter:
    """(kind, language, status) → how many items."""
    return Counter((item.kind, item.language, status(item, entries)) for item in items)


def summary_lines(items: list[Item], entries: dict[str, Entry]) -> list[str]:
    found = counts(items, entries)
    lines = []
    for language in dict.fromkeys(item.language for item in items):
        for kind, noun in (("ui", "UI strings"), ("vocabulary", "vocabulary rows")):
            total = sum(n for (k, lang, _), n in found.items() if (k, lang) == (kind, language))
            lines.append(
                f"{LANGUAGE_NAMES[language]} {noun}: {found[kind, language, REVIEWED]} of "
                f"{total} reviewed, {found[kind, language, CHANGED]} changed since review"
            )
    known = {item.id for item in items}
    gone = sum(1 for entry_id in entries if entry_id not in known)
    if gone:
        lines.append(f"Ledger rows for text that no longer exists: {gone}")
    return lines


def readme_line(items: list[Item], entries: dict[str, Entry]) -> str:
    found = counts(items, entries)

    def part(kind, language):
        total = sum(n for (k, lang, _), n in found.items() if (k, lang) == (kind, language))
        return f"{found[kind, language, REVIEWED]:,} of {total:,}"

    return (
        f"{README_PREFIX} Khmer {part('ui', 'km')} UI strings and {part('vocabulary', 'km')} "
        f"vocabulary rows; Japanese {part('ui', 'ja')} UI strings and "
        f"{part('vocabulary', 'ja')} vocabulary rows (`flask review-status`)."
    )


def update_readme(path: Path, line: str) -> bool:
    """Replace the README's review line; False when the README has none."""
    if not path.exists():
        return False
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, old in enumerate(lines):
        if old.startswith(README_PREFIX):
            if old != line:
                lines[i] = line
                path.write_text("\n".join(lines), encoding="utf-8")
            return True
    return False
