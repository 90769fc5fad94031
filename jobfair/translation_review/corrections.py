"""Applying a reviewer's workbook: corrections into the files, verdicts into the ledger.

Corrections go into the .po catalogs (compiled again for the running app) and the vocabulary
files; verdicts into the ledger and the README's count line.

Everything is checked first (`plan`); only a clean plan is written (`apply`).
"""

import io
import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from . import ledger
from .items import (
    Item,
    Paths,
    read_catalog,
    ui_fingerprint,
    vocabulary_id,
    vocabulary_rows,
)
from .workbook import ReviewFileError, Verdict

PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdfr]|\{\w*\}")
# `pybabel update` writes catalogs 76 columns wide; writing the same keeps diffs to the change.
PO_WIDTH = 76


@dataclass
class Plan:
    """What an import will do, and what it leaves out because the text changed since export."""

    corrections: list[tuple[Item, Verdict]] = field(default_factory=list)
    verdicts: list[tuple[Item, Verdict]] = field(default_factory=list)
    stale: list[Verdict] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # every item's id as the files read now


def plan(items: list[Item], verdicts: list[Verdict]) -> Plan:
    """Match the workbook's rows to the current items; ReviewFileError on an unknown ID."""
    by_id = {item.id: item for item in items}
    result, problems = Plan(known=set(by_id)), []
    for verdict in verdicts:
        item = by_id.get(verdict.id)
        if item is None and not _looks_like_id(verdict.id):
            problems.append(f"{verdict.sheet} row {verdict.row}: '{verdict.id}' is not an ID.")
            continue
        if item is None or item.fingerprint != verdict.check:
            result.stale.append(verdict)
            continue
        if (item.kind == "ui") != (verdict.sheet == "UI strings"):
            problems.append(f"{verdict.sheet} row {verdict.row}: the ID belongs to another sheet.")
            continue
        if item.kind == "ui" and verdict.corrected:
            expected = set(PLACEHOLDER.findall(item.english + " " + item.detail))
            if set(PLACEHOLDER.findall(verdict.corrected)) != expected:
                problems.append(
                    f"{verdict.sheet} row {verdict.row}: the correction must keep the placeholders "
                    f"{', '.join(sorted(expected)) or '(none)'} exactly (no more, no fewer)."
                )
                continue
        changed = (verdict.corrected and verdict.corrected != item.text) or (
            verdict.corrected_english and verdict.corrected_english != item.english
        )
        if changed:
            result.corrections.append((item, verdict))
        result.verdicts.append((item, verdict))
    if problems:
        raise ReviewFileError(problems)
    return result


def _looks_like_id(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 3 and parts[0] in ("km", "ja") and parts[1] in ("ui", "vocab")


def apply(paths: Paths, the_plan: Plan, *, reviewer: str, today: date | None = None) -> dict:
    """Write the corrections and the ledger; returns how many of each were written."""
    today_text = (today or date.today()).isoformat()
    corrected = {}  # old id → the item as it reads after the correction
    for language in ("km", "ja"):
        ui = [(i, v) for i, v in the_plan.corrections if i.kind == "ui" and i.language == language]
        if ui:
            corrected.update(_correct_catalog(paths, language, ui))
        words = [
            (i, v) for i, v in the_plan.corrections if i.kind != "ui" and i.language == language
        ]
        if words:
            corrected.update(_correct_vocabulary(paths, language, words))
    entries = ledger.load(paths.ledger)
    marked = 0
    for item, verdict in the_plan.verdicts:
        now = corrected.get(item.id, item)
        if now.id != item.id:
            entries.pop(item.id, None)
        reviewed = verdict.reviewed
        if reviewed is None:
            reviewed = item.id in corrected or ledger.status(item, entries) == ledger.REVIEWED
        ledger.record(
            entries, now, reviewed=reviewed, note=verdict.note, reviewer=reviewer, today=today_text
        )
        marked += reviewed
    # Rows for text that is gone (its English changed or it was removed) say nothing any more.
    known = the_plan.known | {item.id for item in corrected.values()}
    gone = [entry_id for entry_id in entries if entry_id not in known]
    for entry_id in gone:
        del entries[entry_id]
    _write(paths.ledger, ledger.dump(entries).encode("utf-8"))
    return {"corrected": len(corrected), "reviewed": marked, "gone": len(gone)}


def _correct_catalog(paths: Paths, language: str, rows) -> dict[str, Item]:
    catalog = read_catalog(paths.catalog(language), language)
    done = {}
    for item, verdict in rows:
        msgctxt, msgid, index = item.locator
        message = catalog.get(msgid, context=msgctxt)
        if isinstance(message.string, tuple | list):
            strings = list(message.string)
            strings[index] = verdict.corrected
            message.string = tuple(strings)
        else:
            message.string = verdict.corrected
        message.flags.discard("fuzzy")
        done[item.id] = replace(
            item,
            text=verdict.corrected,
            fingerprint=ui_fingerprint(item.english, item.detail, verdict.corrected),
        )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=PO_WIDTH)
    _write(paths.catalog(language), buffer.getvalue())
    compile_catalog(paths, language)
    return done


def compile_catalog(paths: Paths, language: str) -> None:
    """What `pybabel compile` does for one language, so the app shows the corrections."""
    catalog = read_catalog(paths.catalog(language), language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    _write(paths.catalog(language).with_suffix(".mo"), buffer.getvalue())


def _correct_vocabulary(paths: Paths, language: str, rows) -> dict[str, Item]:
    path = paths.vocabulary(language)
    lines = path.read_text(encoding="utf-8").split("\n")
    current = dict(vocabulary_rows(path))
    done = {}
    for item, verdict in rows:
        (number,) = item.locator
        columns = list(current[number])
        columns[0] = verdict.corrected or columns[0]
        columns[1] = verdict.corrected_english or columns[1]
        lines[number - 1] = "\t".join(columns)
        new_id = vocabulary_id(language, columns[0], columns[1], columns[2])
        done[item.id] = replace(
            item,
            id=new_id,
            text=columns[0],
            english=columns[1],
            fingerprint=new_id.rsplit("-", 1)[1],
        )
    _write(path, "\n".join(lines).encode("utf-8"))
    return done


def _write(path: Path, data: bytes) -> None:
    """Replace the file whole: a reader never sees half of it."""
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
