"""The statistics as spreadsheets: one sheet per breakdown, or all of them in one long CSV."""

from .. import exports
from . import statistics


def statistics_sheets(stats) -> list[exports.Sheet]:
    """One sheet per breakdown, plus totals, exhibitors and matching coverage."""
    sheets = [exports.Sheet("Totals", ["measure", "count"], list(stats.totals.items()))]
    for name, rows in stats.breakdowns.items():
        sheets.append(exports.Sheet(statistics.BREAKDOWN_TITLES[name], [name, "count"], rows))
    columns = [
        "organization",
        "country",
        "booth",
        "status",
        "roles",
        "applicants",
        "shortlisted",
        "interviews",
        "offers",
        "hires",
    ]
    sheets.append(
        exports.Sheet("Exhibitors", columns, [[e[c] for c in columns] for e in stats.exhibitors])
    )
    sheets.append(
        exports.Sheet(
            "Matching coverage",
            ["role", "organization", "qualified candidates"],
            [[c["role"], c["organization"], c["qualified"]] for c in stats.coverage],
        )
    )
    return sheets


def long_sheet(sheets: list[exports.Sheet]) -> exports.Sheet:
    """All breakdowns in one CSV: sheet, key, value (other columns joined)."""

    def rows():
        for sheet in sheets:
            for row in sheet.rows:
                row = list(row)
                yield [
                    sheet.title,
                    row[0],
                    row[-1] if len(row) > 1 else "",
                    "; ".join(f"{h}={v}" for h, v in zip(sheet.header[1:-1], row[1:-1])),
                ]

    return exports.Sheet("Statistics", ["breakdown", "key", "count", "details"], rows())
