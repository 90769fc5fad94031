"""The import templates an organizer downloads: the columns' headers in their language, one
example row, and (in the workbook) a sheet on how to fill each column and a sheet listing
the values each column with choices accepts.

The example row shows a filled row; an upload leaves it out (`is_example_row`), so a
template sent back with the example still in it imports only the organizer's own rows.
The choices come from import_columns.CHOICES, the lists the import itself accepts.
"""

from flask_babel import lazy_gettext as _l

from .. import exports
from .import_columns import (
    CHOICES,
    COLUMNS,
    JAPANESE_CHOICES,
    KIND_LABELS,
    Column,
    fold,
    header_text,
    number_range,
)

_COMPANY = "Example Co., Ltd."
EXAMPLES = {
    "exhibitors": {
        "company": _COMPANY,
        "country": "JP",
        "sector": "automotive",
        "booth": "A01",
        "contact_name": "Tanaka Yumi",
        "contact_email": "tanaka@example.com",
        "contact_phone": "0081 3 1234 5678",
        "website": "https://example.com",
        "description": "Car parts maker in Aichi; hires welders and machine operators.",
    },
    "roles": {
        "company": _COMPANY,
        "title": "Welder",
        "sector": "automotive",
        "location": "Japan - Aichi",
        "program": "ssw",
        "ssw_field": "industrial_manufacturing",
        "headcount": "5",
        "salary_min": "180000",
        "salary_max": "220000",
        "currency": "JPY",
        "required_skills": "welding, reading technical drawings",
        "preferred_skills": "forklift operation",
        "japanese": "N4",
        "min_education": "upper_secondary",
        "description": "Welding car frames on a production line; housing provided.",
        "original_language": "en",
        "title_en": "",
        "title_km": "ជាងផ្សារដែក",
        "title_ja": "溶接工",
        "description_en": "",
        "description_km": "ផ្សារតួរថយន្តនៅលើខ្សែសង្វាក់ផលិតកម្ម មានកន្លែងស្នាក់នៅ។",
        "description_ja": "生産ラインでの車体フレームの溶接。寮あり。",
    },
    "candidates": {
        "full_name": "Example Sok Dara",
        "name_khmer": "សុខ ដារា",
        "email": "sok.dara@example.com",
        "phone": "012 345 678",
        "language": "km",
        "province": "Kandal",
        "gender": "male",
        "birth_year": "2001",
        "education_level": "upper_secondary",
        "education_field": "Mechanics",
        "headline": "Welder",
        "skills": "welding, forklift operation",
        "japanese": "N4",
    },
}
SEE_ALLOWED = _l("One of the values in the sheet “Allowed values”")
KIND_HINTS = {
    "email": _l("An email address"),
    "phone": _l("A phone number; Cambodian numbers may start with 0"),
    "url": _l("A web address starting with https://"),
    "skills": _l("Skills separated by commas"),
    "japanese": SEE_ALLOWED,
}


def _choice_label(kind: str, code: str) -> str:
    names = CHOICES[kind][1]
    return str(names[code]) if code in names else code


def allowed_values(column: Column) -> list[str]:
    """What a column with choices accepts, as written in the reader's language; else []."""
    if column.kind in CHOICES:
        return [_choice_label(column.kind, code) for code in CHOICES[column.kind][0]]
    if column.kind == "japanese":
        return list(JAPANESE_CHOICES)
    return []


def example_row(kind: str) -> list[str]:
    """The example, with choices written as the reader's language names them."""
    example = EXAMPLES[kind]
    return [
        _choice_label(c.kind, example[c.name]) if c.kind in CHOICES else example[c.name]
        for c in COLUMNS[kind]
    ]


def what_to_write(column: Column) -> str:
    if column.kind in CHOICES:
        return str(SEE_ALLOWED)
    if column.kind in ("count", "money", "year"):
        low, high = number_range(column.kind)
        return str(_l("A whole number from %(low)d to %(high)d", low=low, high=high))
    if column.kind in KIND_HINTS:
        return str(KIND_HINTS[column.kind])
    return str(_l("Text, up to %(num)d characters", num=column.max_length))


def template_sheets(kind: str, locale: str) -> list[exports.Sheet]:
    """The data sheet (headers and the example), how to fill it, and the allowed values."""
    columns = COLUMNS[kind]
    header = [header_text(kind, c.name, locale) for c in columns]
    data = exports.Sheet(str(KIND_LABELS[kind])[:31], header, [example_row(kind)])
    how = exports.Sheet(
        str(_l("How to fill")),
        [str(_l("Column")), str(_l("Required")), str(_l("What to write")), str(_l("Example"))],
        [
            [name, str(_l("yes") if c.required else _l("no")), what_to_write(c), example]
            for c, name, example in zip(columns, header, example_row(kind), strict=True)
        ],
    )
    allowed = exports.Sheet(
        str(_l("Allowed values")),
        [str(_l("Column")), str(_l("Allowed value"))],
        [
            [name, value]
            for c, name in zip(columns, header, strict=True)
            for value in allowed_values(c)
        ],
    )
    return [data, how, allowed]


def is_example_row(kind: str, positions: dict[int, str], cells: list[str]) -> bool:
    """Whether an uploaded row is the template's example (its first column says so)."""
    first = COLUMNS[kind][0].name
    index = next((i for i, name in positions.items() if name == first), None)
    return (
        index is not None
        and index < len(cells)
        and fold(cells[index]) == fold(EXAMPLES[kind][first])
    )
