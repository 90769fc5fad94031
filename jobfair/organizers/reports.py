"""The organizer's spreadsheets: the statistics (one sheet per breakdown, or all in one long
CSV) and the anonymised list of registrations."""

import secrets
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from .. import exports
from ..extensions import db
from ..models import Application, CandidateProfile, Event, Registration, Role
from . import statistics
from .statistics import age_group, language_levels


def statistics_sheets(stats) -> list[exports.Sheet]:
    """One sheet per breakdown, plus totals, exhibitors and matching coverage (every open
    role, how many registered candidates qualify for it, and whether that is short of
    statistics.COVERAGE_THRESHOLD)."""
    sheets = [exports.Sheet("Totals", ["measure", "count"], list(stats.totals.items()))]
    for name, rows in stats.breakdowns.items():
        sheets.append(exports.Sheet(statistics.BREAKDOWN_TITLES[name], [name, "count"], rows))
    columns = [
        "organization",
        "country",
        "booth",
        "status",
        "counted",  # in the totals: approved exhibitors only
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
            ["role", "organization", "qualified candidates", "short"],
            [
                [c["role"], c["organization"], c["qualified"], "yes" if c["short"] else "no"]
                for c in stats.role_coverage
            ],
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


def anonymised_rows(event: Event):
    """One row per registration, with no name, contact or id that links back to a person.

    Each export draws new random row keys, so two exports cannot be joined either.
    """
    year = event.starts_on.year
    zone = ZoneInfo(event.timezone or "Asia/Phnom_Penh")
    applications = dict(
        db.session.execute(
            sa.select(Application.candidate_id, sa.func.count(Application.id))
            .join(Role, Role.id == Application.role_id)
            .where(Role.event_id == event.id)
            .group_by(Application.candidate_id)
        ).all()
    )
    rows = db.session.execute(
        sa.select(
            Registration.registered_at,
            Registration.checked_in_at,
            Registration.source,
            CandidateProfile.id,
            CandidateProfile.province,
            CandidateProfile.gender,
            CandidateProfile.birth_year,
            CandidateProfile.education_level,
            CandidateProfile.languages,
            CandidateProfile.wanted_sectors,
            CandidateProfile.programs,
        )
        .join(CandidateProfile, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == event.id)
    ).all()
    order = list(range(len(rows)))
    secrets.SystemRandom().shuffle(order)  # row order says nothing about sign-up order
    for index in order:
        registered_at, checked_at, source, pid, prov, sex, born, edu, langs, wants, progs = rows[
            index
        ]
        spoken = language_levels(langs)
        yield [
            secrets.token_hex(6),
            registered_at.astimezone(zone).date().isoformat(),
            "yes" if checked_at else "no",
            source,
            prov or "",
            sex or "",
            age_group(born, year),
            edu or "",
            spoken.get("ja", ""),
            spoken.get("en", ""),
            "; ".join(sorted(set(wants or []))),
            "; ".join(sorted(set(progs or []))),
            applications.get(pid, 0),
        ]


ANONYMISED_HEADER = [
    "row key (random)",
    "registered on",
    "checked in",
    "source",
    "province",
    "gender",
    "age group",
    "education",
    "Japanese",
    "English",
    "wanted sectors",
    "programmes",
    "applications",
]
