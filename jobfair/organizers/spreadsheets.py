"""Reading organizers' spreadsheets (XLSX or CSV) into rows of text, within hard limits.

Files come from partners and may be messy or hostile. An XLSX file is a zip archive:
its entries are checked (count, declared sizes, compression ratio) before openpyxl opens
it, so a zip bomb is refused without being inflated; openpyxl reads in read-only mode
(streaming) and stops past the row limit. Formulas are kept as their text ("=...") so
the preview can refuse them rather than trusting a cached result. Every cell becomes
stripped text; the columns are named by the header row (see imports.py).
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from ..exports import cell_text

MAX_ROWS = 10_000
# Rows read past the data rows (a title, blank lines): empty rows count toward the scan too.
SPARE_ROWS = 1_000
MAX_COLUMNS = 40
MAX_CELL = 2_000
# An XLSX of 10,000 rows × 40 columns of text inflates to well under this.
MAX_ZIP_ENTRIES = 200
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 150


class SpreadsheetError(Exception):
    """The file as a whole cannot be read; the message is for the organizer."""


@dataclass
class Table:
    header: list[str]
    # (line number in the file, cells as text)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(data: bytes, filename: str, *, max_rows: int = MAX_ROWS) -> Table:
    name = (filename or "").lower()
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data, max_rows + SPARE_ROWS)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise SpreadsheetError(_l("Upload an Excel workbook (.xlsx) or a CSV file."))
    return _table(rows, max_rows)


def _table(rows, max_rows: int) -> Table:
    table = None
    for line, cells in rows:
        if line > max_rows + SPARE_ROWS:
            raise SpreadsheetError(
                _l(
                    "The file has more than %(num)d rows; split it into smaller files.",
                    num=max_rows,
                )
            )
        if len(cells) > MAX_COLUMNS and any(str(c or "").strip() for c in cells[MAX_COLUMNS:]):
            raise SpreadsheetError(_l("The file has more than %(num)d columns.", num=MAX_COLUMNS))
        text = [_text(cell) for cell in cells[:MAX_COLUMNS]]
        if not any(text):
            continue
        if table is None:
            table = Table(header=text)
            continue
        if len(table.rows) >= max_rows:
            raise SpreadsheetError(
                _l(
                    "The file has more than %(num)d rows; split it into smaller files.",
                    num=max_rows,
                )
            )
        table.rows.append((line, text))
    if table is None:
        raise SpreadsheetError(_l("The file is empty."))
    return table


def _text(value) -> str:
    # Control characters never reach the database or an export (exports.cell_text).
    text = cell_text(value).strip()
    if len(text) > MAX_CELL:
        # Kept too long on purpose: the row is refused with a reason, not silently cut.
        return text[: MAX_CELL + 1]
    return text


def _csv_rows(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetError(_l("Save the CSV file as UTF-8 and upload it again.")) from None
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        for row in reader:
            yield reader.line_num, row
    except csv.Error as exc:
        raise SpreadsheetError(
            _l("The CSV file could not be read: %(error)s", error=str(exc))
        ) from None


def check_zip(data: bytes) -> None:
    """Refuse an archive that would inflate beyond the limits, before inflating anything."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SpreadsheetError(_l("This is not a readable Excel workbook.")) from None
    entries = archive.infolist()
    total = sum(entry.file_size for entry in entries)
    too_packed = any(
        entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1)
        for entry in entries
    )
    if len(entries) > MAX_ZIP_ENTRIES or total > MAX_UNZIPPED or too_packed:
        raise SpreadsheetError(
            _l("This workbook would expand to an unreasonable size; it was not opened.")
        )


def _xlsx_rows(data: bytes, scan_rows: int):
    """Rows of the first sheet, at most `scan_rows` + 1 of them and MAX_COLUMNS + 1 cells
    each, whatever the sheet's <dimension> declares: read-only openpyxl pads every row (and
    every missing row) to the declared size, so A1:XFD1048576 would mean 16,384 cells for
    each of a million rows."""
    check_zip(data)
    import openpyxl  # imported here: most requests never read a workbook

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds for a damaged file)
        raise SpreadsheetError(_l("This is not a readable Excel workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        bounded = sheet.iter_rows(
            min_row=1, max_row=scan_rows + 1, max_col=MAX_COLUMNS + 1, values_only=True
        )
        for line, row in enumerate(bounded, start=1):
            yield line, list(row)
    finally:
        workbook.close()
