"""The organizer's spreadsheets: the statistics (one sheet per breakdown, or all in one long
CSV) and the anonymised list of registrations."""

import secrets
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import exports, labels
from ..extensions import db
from ..models import Application, CandidateProfile, Event, Registration, Role
from ..models.base import DEFAULT_TIMEZONE
from . import funnel, funnel_report, offer_statistics, statistics
from .statistics import age_group, language_levels

_NOT_GIVEN = {"unknown": _l("Not given"), "none": _l("None")}
# How each breakdown's keys read; the days and hours are ISO dates, sortable as they are.
KEY_LABELS = {
    "gender": labels.GENDER_LABELS,
    "age_group": labels.AGE_GROUP_LABELS,
    "education": labels.EDUCATION_LABELS,
    "wanted_sector": labels.SECTOR_LABELS,
    "programme_interest": labels.PROGRAM_LABELS,
}


def key_label(breakdown: str, key) -> str:
    """A breakdown's key in the reader's language: `female` reads "Female", `N4` "JLPT N4"."""
    if breakdown in ("japanese_level", "english_level"):
        return labels.statistics_level(key)
    if breakdown == "province" and key != "unknown":
        return labels.place_label(key)
    label = KEY_LABELS.get(breakdown, {}).get(key) or _NOT_GIVEN.get(key)
    return str(label) if label else str(key)


def _yes_no(value) -> str:
    return str(labels.YES_NO_LABELS[bool(value)])


def statistics_sheets(stats) -> list[exports.Sheet]:
    """One sheet per breakdown, plus totals, exhibitors and matching coverage (every open
    role, how many registered candidates qualify for it, and whether that is short of
    statistics.COVERAGE_THRESHOLD), offers and the hiring funnel, in the reader's language."""
    totals = [
        [str(labels.STATISTICS_TOTAL_LABELS.get(name, name)), count]
        for name, count in stats.totals.items()
    ]
    sheets = [exports.Sheet(_("Totals"), [_("Measure"), _("Count")], totals)]
    for name, rows in stats.breakdowns.items():
        title = str(statistics.BREAKDOWN_TITLES[name])
        shown = [[key_label(name, key), count] for key, count in rows]
        sheets.append(exports.Sheet(title, [title, _("Count")], shown))
    header = [
        _("Company"), _("Country"), _("Booth"), _("Status"),
        _("Counted in the totals"),  # approved exhibitors only
        _("Roles"), _("Applicants"), _("Shortlisted"), _("Interviews"), _("Offers"), _("Hires"),
    ]  # fmt: skip
    rows = [
        [
            e["organization"],
            str(labels.COUNTRY_LABELS.get(e["country"], e["country"] or "")),
            e["booth"],
            str(labels.EXHIBITOR_STATUS_LABELS.get(e["status"], e["status"])),
            _yes_no(e["counted"]),
            *(
                e[c]
                for c in ("roles", "applicants", "shortlisted", "interviews", "offers", "hires")
            ),
        ]
        for e in stats.exhibitors
    ]
    sheets.append(exports.Sheet(_("Exhibitors"), header, rows))
    sheets.append(
        exports.Sheet(
            _("Matching coverage"),
            [_("Role"), _("Company"), _("Qualified candidates"), _("Short of candidates")],
            [
                [c["role"], c["organization"], c["qualified"], _yes_no(c["short"])]
                for c in stats.role_coverage
            ],
        )
    )
    return [*sheets, *offer_statistics.sheets(stats.offers), funnel_sheet(stats.event)]


def funnel_sheet(event: Event) -> exports.Sheet:
    """The hiring funnel's steps (`funnel.compute`, as on the funnel page), the count last
    as in the other sheets (and the long CSV's "count" column); no value reads empty."""
    header = funnel_report.funnel_header()
    rows = [
        ["" if value is None else value for value in (*row[:1], *row[2:], row[1])]
        for row in funnel_report.funnel_rows(funnel.compute(event).total)
    ]
    return exports.Sheet(_("Hiring funnel"), [*header[:1], *header[2:], header[1]], rows)


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

    header = [_("Breakdown"), _("Key"), _("Count"), _("Details")]
    return exports.Sheet(_("Statistics"), header, rows())


def anonymised_rows(event: Event):
    """One row per registration, with no name, contact or id that links back to a person.

    Each export draws new random row keys, so two exports cannot be joined either.
    """
    year = event.starts_on.year
    zone = ZoneInfo(event.timezone or DEFAULT_TIMEZONE)
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
            _yes_no(checked_at),
            str(labels.REGISTRATION_SOURCE_LABELS.get(source, source)),
            labels.place_label(prov),
            str(labels.GENDER_LABELS.get(sex, "")) if sex else "",
            key_label("age_group", age_group(born, year)),
            str(labels.EDUCATION_LABELS.get(edu, "")) if edu else "",
            labels.statistics_level(spoken.get("ja")),
            labels.statistics_level(spoken.get("en")),
            "; ".join(labels.code_list(wants, labels.SECTOR_LABELS)),
            "; ".join(labels.code_list(progs, labels.PROGRAM_LABELS)),
            applications.get(pid, 0),
        ]


def anonymised_header() -> list[str]:
    """The anonymised list's columns, in the reader's language."""
    return [
        _("Row key (random)"), _("Registered on"), _("Checked in"), _("Registered how"),
        _("Province"), _("Gender"), _("Age group"), _("Education"), _("Japanese"),
        _("English"), _("Wanted sectors"), _("Programmes"), _("Applications"),
    ]  # fmt: skip


def anonymised_sheet(rows) -> exports.Sheet:
    return exports.Sheet(_("Candidates (anonymised)"), anonymised_header(), rows)
