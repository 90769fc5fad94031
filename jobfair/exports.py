"""The one writer for CSV and XLSX downloads; every cell passes through `safe_cell`.

Spreadsheet programs run text that starts with = + - @ (or a tab or carriage
return before them) as a formula. Such text is prefixed with an apostrophe so it
is shown as typed; numbers stay numbers.
"""

import csv
import io
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from flask import Response
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .fields import without_controls

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "｜", "＝", "＋", "－", "＠")
# A full content type: passed as Response(mimetype=...) it would get a second charset.
CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_text(value) -> str:
    """A cell read back from a spreadsheet as the text a person typed: empty for nothing,
    yes/no, whole numbers without ".0", a date (or a midnight datetime) as its ISO date,
    with no control characters (a pasted \x0b)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    return without_controls(str(value))


def safe_cell(value):
    """Return a value that no spreadsheet program will evaluate."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        value = "; ".join(str(v) for v in value)
    # XLSX cannot hold C0 control characters (openpyxl refuses the whole file); nor CSV readers.
    text = without_controls(str(value))
    if text.lstrip(" ").startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class Chart:
    """A native bar chart of a sheet's own cells: the first column names the bars, each of
    `columns` (1-based, after the first) is a series; Excel redraws it from the numbers."""

    def __init__(self, title: str, columns: Sequence[int], *, horizontal: bool = True):
        self.title = title
        self.columns = list(columns)
        self.horizontal = horizontal


class Sheet:
    """A named table: a header row and data rows (and, in XLSX, an optional chart)."""

    def __init__(
        self, title: str, header: Sequence, rows: Iterable[Sequence], chart: Chart | None = None
    ):
        self.title = title
        self.header = [str(h) for h in header]
        self.rows = rows
        self.chart = chart


def display_width(text: str) -> int:
    """Columns a text takes on screen: Japanese and other wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def csv_bytes(sheet: Sheet, preamble: Iterable[Sequence] = ()) -> bytes:
    """UTF-8 with a byte-order mark so Excel shows Khmer and Japanese correctly.

    `preamble` rows (what the file was made of) come first, then an empty line.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    preamble = list(preamble)
    for row in preamble:
        writer.writerow([safe_cell(v) for v in row])
    if preamble:
        writer.writerow([])
    writer.writerow([safe_cell(h) for h in sheet.header])
    for row in sheet.rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """One worksheet per sheet; strings are stored as text cells, never formulas.

    The header row is bold and frozen, has filter buttons, and columns are as wide as
    their contents (within limits).
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    used = set()
    bold = Font(bold=True)
    for sheet in sheets:
        worksheet = workbook.create_sheet(_sheet_title(sheet.title, used))
        worksheet.append([safe_cell(h) for h in sheet.header])
        widths = [display_width(h) for h in sheet.header]
        count = 0
        for row in sheet.rows:
            cells = [safe_cell(v) for v in row]
            worksheet.append(cells)
            count += 1
            for i, cell in enumerate(cells[: len(widths)]):
                widths[i] = max(widths[i], min(display_width(str(cell)), 60))
        for cell in worksheet[1]:
            cell.font = bold
        for i, width in enumerate(widths, start=1):
            worksheet.column_dimensions[get_column_letter(i)].width = min(width, 60) + 3
        worksheet.freeze_panes = "A2"
        if sheet.header:
            last = get_column_letter(max(1, len(sheet.header)))
            worksheet.auto_filter.ref = f"A1:{last}{count + 1}"
        if sheet.chart is not None and count:
            _add_chart(worksheet, sheet.chart, count, len(sheet.header))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _add_chart(worksheet, chart: Chart, count: int, width: int) -> None:
    bars = BarChart()
    bars.type = "bar" if chart.horizontal else "col"
    bars.title = safe_cell(chart.title)
    bars.height, bars.width = max(7.5, 0.6 * count + 3), 18
    for column in chart.columns:
        data = Reference(worksheet, min_col=column, min_row=1, max_row=count + 1)
        bars.add_data(data, titles_from_data=True)
    bars.set_categories(Reference(worksheet, min_col=1, min_row=2, max_row=count + 1))
    if chart.horizontal:
        bars.y_axis.scaling.orientation = "minMax"
        bars.x_axis.scaling.orientation = "maxMin"  # the first row on top, as in the table
    worksheet.add_chart(bars, f"{get_column_letter(width + 2)}2")


def _sheet_title(title: str, used: set) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name; names must be unique."""
    clean = "".join(" " if c in "[]:*?/\\" else c for c in str(title)).strip()[:31] or "Sheet"
    candidate, n = clean, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate


def download(data: bytes, filename: str, content_type: str) -> Response:
    """A private, uncached attachment."""
    response = Response(data, content_type=content_type)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def csv_response(sheet: Sheet, filename: str, preamble: Iterable[Sequence] = ()) -> Response:
    return download(csv_bytes(sheet, preamble), filename, CSV_MIMETYPE)


def xlsx_response(sheets: Sequence[Sheet], filename: str) -> Response:
    return download(xlsx_bytes(sheets), filename, XLSX_MIMETYPE)
