"""The reviewer's workbook: written through the one XLSX writer, read back strictly.

Reading collects every problem before anything is applied, so a bad file changes nothing.
"""

import io
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from .. import exports
from .items import LANGUAGE_NAMES, Item
from .ledger import REVIEWED, Entry, status

UI_SHEET, VOCABULARY_SHEET, HELP_SHEET = "UI strings", "Vocabulary", "How to review"
UI_HEADER = (
    "ID",
    "Language",
    "English",
    "English plural",
    "Translation",
    "Where used",
    "Status",
    "Corrected translation",
    "Reviewed (yes/no)",
    "Note",
    "Check",
)
VOCABULARY_HEADER = (
    "ID",
    "Language",
    "Term",
    "English",
    "Kind",
    "Where",
    "Status",
    "Corrected term",
    "Corrected English",
    "Reviewed (yes/no)",
    "Note",
    "Check",
)
# The columns the reviewer writes in, per sheet.
EDITABLE = {
    UI_SHEET: ("Corrected translation", "Reviewed (yes/no)", "Note"),
    VOCABULARY_SHEET: ("Corrected term", "Corrected English", "Reviewed (yes/no)", "Note"),
}
YES = {"yes", "y", "x", "true", "1", "✓", "はい", "済", "បាទ", "ចាស"}
NO = {"no", "n", "false", "0", "いいえ", "ទេ"}
HELP = [
    ["Review of the Khmer and Japanese text of the job fair platform."],
    [
        "Sheet 'UI strings': every text of the pages, messages and downloads, with its English source."
    ],
    ["Sheet 'Vocabulary': the words the matching understands (a term and its English meaning)."],
    ["Write a better text in 'Corrected …' (leave empty when the current one is right)."],
    ["Write yes in 'Reviewed' for every row you checked (a corrected row counts as reviewed)."],
    ["Write no to take back an earlier yes. Keep %(name)s and {name} placeholders as they are."],
    ["Do not change the ID, English or Check columns. Questions or doubts go in 'Note'."],
]


def export_bytes(items: list[Item], entries: dict[str, Entry]) -> bytes:
    """The workbook for the given items, with the ledger's verdicts and notes filled in."""
    ui_rows, vocabulary_rows = [], []
    for item in items:
        entry = entries.get(item.id)
        state = status(item, entries)
        if entry and entry.reviewed:
            state += f" ({entry.reviewed_on}, {entry.reviewer})"
        reviewed = "yes" if status(item, entries) == REVIEWED else ""
        note = entry.note if entry else ""
        name = LANGUAGE_NAMES[item.language]
        if item.kind == "ui":
            ui_rows.append(
                [item.id, name, item.english, item.detail, item.text, item.context, state]
                + ["", reviewed, note, item.fingerprint]
            )
        else:
            vocabulary_rows.append(
                [item.id, name, item.text, item.english, item.detail, item.context, state]
                + ["", "", reviewed, note, item.fingerprint]
            )
    data = exports.xlsx_bytes(
        [
            exports.Sheet(HELP_SHEET, ["Instructions"], HELP),
            exports.Sheet(UI_SHEET, UI_HEADER, ui_rows),
            exports.Sheet(VOCABULARY_SHEET, VOCABULARY_HEADER, vocabulary_rows),
        ]
    )
    return _with_reviewer_aids(data)


def _with_reviewer_aids(data: bytes) -> bytes:
    """A yes/no list in the Reviewed column; the Check column hidden."""
    workbook = load_workbook(io.BytesIO(data))
    for title, header in ((UI_SHEET, UI_HEADER), (VOCABULARY_SHEET, VOCABULARY_HEADER)):
        sheet = workbook[title]
        letter = sheet.cell(row=1, column=header.index("Reviewed (yes/no)") + 1).column_letter
        choice = DataValidation(type="list", formula1='"yes,no"', allow_blank=True)
        choice.add(f"{letter}2:{letter}{max(2, sheet.max_row)}")
        sheet.add_data_validation(choice)
        check = sheet.cell(row=1, column=len(header)).column_letter
        sheet.column_dimensions[check].hidden = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Verdict:
    """One row of the returned workbook that says something."""

    sheet: str
    row: int
    id: str
    check: str
    corrected: str
    corrected_english: str
    reviewed: bool | None  # None: not said
    note: str


class ReviewFileError(Exception):
    """The file cannot be applied; `problems` says why, row by row."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def plain(value) -> str:
    """A cell as the reviewer meant it: the export's formula guard (a leading ') undone."""
    text = exports.cell_text(value)
    if text.startswith("'") and text[1:].lstrip(" ").startswith(exports.FORMULA_PREFIXES):
        return text[1:]
    return text


def read_verdicts(path: Path) -> list[Verdict]:
    """Every row with a correction, a yes/no or a note; ReviewFileError on any problem."""
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ReviewFileError([f"{path.name} is not an Excel workbook (.xlsx): {exc}"]) from None
    problems, verdicts = [], []
    sheets = [(UI_SHEET, UI_HEADER), (VOCABULARY_SHEET, VOCABULARY_HEADER)]
    try:
        if not any(title in workbook.sheetnames for title, _ in sheets):
            raise ReviewFileError(
                [f"{path.name} has neither a '{UI_SHEET}' nor a '{VOCABULARY_SHEET}' sheet."]
            )
        for title, header in sheets:
            if title in workbook.sheetnames:
                verdicts += _read_sheet(workbook[title], header, problems)
    finally:
        workbook.close()  # a read-only workbook keeps its file open until closed
    seen = {}
    for verdict in verdicts:
        if verdict.id in seen:
            problems.append(
                f"{verdict.sheet} row {verdict.row}: ID {verdict.id} is also in row {seen[verdict.id]}."
            )
        seen[verdict.id] = verdict.row
    if problems:
        raise ReviewFileError(problems)
    return verdicts


def _read_sheet(sheet, header: tuple, problems: list[str]) -> list[Verdict]:
    rows = sheet.iter_rows()
    first = [plain(cell.value).strip() for cell in next(rows, ())]
    if tuple(first[: len(header)]) != header:
        problems.append(
            f"{sheet.title}: the columns are not the exported ones; expected "
            f"{', '.join(header)}; found {', '.join(c for c in first if c) or 'none'}."
        )
        return []
    column = {name: i for i, name in enumerate(header)}
    verdicts = []
    for number, cells in enumerate(rows, start=2):
        values = [plain(cell.value) for cell in cells[: len(header)]]
        values += [""] * (len(header) - len(values))
        said = {name: values[column[name]].strip() for name in EDITABLE[sheet.title]}
        if not any(said.values()):
            continue
        for name in EDITABLE[sheet.title]:
            if column[name] < len(cells) and cells[column[name]].data_type == "f":
                problems.append(
                    f"{sheet.title} row {number}: '{name}' holds a formula; write text only."
                )
        item_id, check = values[column["ID"]].strip(), values[column["Check"]].strip()
        if not item_id or not check:
            problems.append(f"{sheet.title} row {number}: the ID or Check column is empty.")
            continue
        answer = said["Reviewed (yes/no)"].lower()
        if answer and answer not in YES | NO:
            problems.append(
                f"{sheet.title} row {number}: Reviewed must be yes or no, not "
                f"'{said['Reviewed (yes/no)']}'."
            )
        corrected = said.get("Corrected translation") or said.get("Corrected term", "")
        if sheet.title == UI_SHEET and corrected:
            # Keep the text's own line breaks and spaces; only the edges are the reviewer's slip.
            corrected = values[column["Corrected translation"]].strip(" ")
        english = said.get("Corrected English", "")
        for text in (corrected, english) if sheet.title == VOCABULARY_SHEET else ():
            if "\t" in text or "\n" in text:
                problems.append(
                    f"{sheet.title} row {number}: a vocabulary term is one line without tabs."
                )
        verdicts.append(
            Verdict(
                sheet=sheet.title,
                row=number,
                id=item_id,
                check=check,
                corrected=corrected,
                corrected_english=english,
                reviewed=True if answer in YES else False if answer in NO else None,
                note=said["Note"],
            )
        )
    return verdicts
