"""Every number on the organizer dashboard and in the statistics exports, for one event.

Counts that SQL can group are grouped in the database; the lists stored as JSON
(languages, wanted sectors, programmes) are read once, column by column, and counted
here. Local days and hours use the event's time zone.
"""

import functools
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from matching import levels
from matching.levels import EDUCATION_LEVELS

from .. import access, sql
from ..extensions import db
from ..models import (
    Application,
    CandidateProfile,
    Event,
    Exhibitor,
    Interview,
    Organization,
    Registration,
    Role,
)
from ..models.base import DEFAULT_TIMEZONE
from . import offer_statistics

AGE_GROUPS = ("under 18", "18-24", "25-29", "30-34", "35-44", "45+", "unknown")
JAPANESE_LEVELS = ("none", *levels.JAPANESE_SCALE)  # the scale is matching.levels'
ENGLISH_LEVELS = ("none", "A1", "A2", "B1", "B2", "C1", "C2", "native")
COVERAGE_THRESHOLD = 5


@dataclass
class EventStatistics:
    event: Event
    totals: dict = field(default_factory=dict)
    breakdowns: dict = field(default_factory=dict)  # name -> list of (key, count)
    exhibitors: list = field(default_factory=list)  # dicts, one per exhibitor
    role_coverage: list = field(default_factory=list)  # every open role: qualified candidates
    coverage: list = field(default_factory=list)  # the roles short of qualified candidates
    offers: dict = field(default_factory=dict)  # offer_statistics.compute: offers and hires


def age_group(birth_year: int | None, year: int) -> str:
    if not birth_year:
        return "unknown"
    age = year - birth_year
    for limit, name in (
        (18, "under 18"),
        (25, "18-24"),
        (30, "25-29"),
        (35, "30-34"),
        (45, "35-44"),
    ):
        if age < limit:
            return name
    return "45+"


@functools.lru_cache(maxsize=512)
def _language(text: str):
    return levels.parse_language(text)


def language_levels(entries) -> dict[str, str]:
    """{"ja": "N4", "en": "B1", ...} from a profile's language records."""
    found = {}
    for entry in entries or []:
        parsed = _language(entry) if isinstance(entry, str) else levels.parse_language(entry)
        if parsed is not None and parsed.level:
            known = found.get(parsed.code)
            if known is None or parsed.rank > known[1]:
                found[parsed.code] = (parsed.level, parsed.rank)
    return {code: level for code, (level, _rank) in found.items()}


def _ordered(counter: Counter, order) -> list[tuple[str, int]]:
    keys = list(order) + sorted(k for k in counter if k not in order)
    return [(k, counter.get(k, 0)) for k in keys if counter.get(k, 0) or k in order]


def compute(event: Event) -> EventStatistics:
    """Every count of the event's dashboard and exports, from the database in a few queries."""
    joined = (
        sa.select()
        .select_from(Registration)
        .join(CandidateProfile, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == event.id)
    )

    def grouped(*columns) -> list[tuple]:
        """(*values, count) rows for the event's registered candidates, grouped in SQL."""
        return db.session.execute(
            joined.add_columns(*columns, sa.func.count()).group_by(*columns)
        ).all()

    stats = EventStatistics(event=event)
    attendance, by_day, by_hour = _attendance(event)
    people = grouped(
        CandidateProfile.province,
        CandidateProfile.gender,
        CandidateProfile.consent_at.is_not(None),
    )
    consenting = sum(n for _province, _gender, given, n in people if given)
    stats.totals = {**attendance, "consenting": consenting}
    japanese, english, groups = _language_levels(joined)
    stats.breakdowns = {
        "registrations_by_day": sorted(by_day.items()),
        "checkins_by_hour": sorted(by_hour.items()),
        **_profile_breakdowns(grouped, people, event.starts_on.year),
        "japanese_level": _ordered(japanese, JAPANESE_LEVELS),
        "english_level": _ordered(english, ENGLISH_LEVELS),
    }
    stats.breakdowns = {name: stats.breakdowns[name] for name in BREAKDOWN_ORDER}
    columns = np.array(groups, dtype=np.int32).reshape(-1, 4)
    stats.exhibitors = exhibitor_rows(event)
    stats.role_coverage = coverage(
        event, columns[:, 0], columns[:, 1], columns[:, 2], weights=columns[:, 3]
    )
    # Only exhibitors in the fair (approved, see `access`) count; the others are listed.
    counted = [e for e in stats.exhibitors if e["counted"]]
    stats.coverage = [c for c in stats.role_coverage if c["short"]]
    stats.offers = offer_statistics.compute(event)
    stats.totals.update(
        exhibitors=len(counted),
        roles=sum(e["roles"] for e in counted),
        applications=sum(e["applicants"] for e in counted),
        exhibitors_not_approved=len(stats.exhibitors) - len(counted),
    )
    return stats


BREAKDOWN_ORDER = (
    "registrations_by_day", "checkins_by_hour", "province", "gender", "age_group", "education",
    "wanted_sector", "japanese_level", "english_level", "programme_interest",
)  # fmt: skip


def _attendance(event: Event) -> tuple[dict, Counter, Counter]:
    """Registrations and check-ins in total, per local day and per local hour.

    The database counts them per quarter hour (`sql.quarter_hour`); those few groups are
    then placed in the event's local days and hours, which no time zone splits.
    """
    zone = ZoneInfo(event.timezone or DEFAULT_TIMEZONE)
    of_event = Registration.event_id == event.id
    registered = sql.quarter_hour(Registration.registered_at)
    checked = sql.quarter_hour(Registration.checked_in_at)
    by_day, by_hour = Counter(), Counter()
    total = walk_ins = checked_in = 0
    for quarter, count, walking in db.session.execute(
        sa.select(
            registered, sa.func.count(), sa.func.count().filter(Registration.source == "walk_in")
        )
        .where(of_event)
        .group_by(registered)
    ):
        by_day[_local(quarter, zone).date().isoformat()] += count
        total, walk_ins = total + count, walk_ins + walking
    for quarter, count in db.session.execute(
        sa.select(checked, sa.func.count())
        .where(of_event, Registration.checked_in_at.is_not(None))
        .group_by(checked)
    ):
        by_hour[_local(quarter, zone).strftime("%Y-%m-%d %H:00")] += count
        checked_in += count
    totals = {
        "registrations": total,
        "erased_registrations": event.erased_registrations,
        "checked_in": checked_in,
        "erased_checkins": event.erased_checkins,
        "walk_ins": walk_ins,
    }
    return totals, by_day, by_hour


def _local(quarter: int, zone: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(quarter * sql.QUARTER, UTC).astimezone(zone)


def _profile_breakdowns(grouped, people: list, year: int) -> dict:
    """Province, gender, age, education, wanted sectors and programmes of the registered,
    from three grouped queries (`people` is grouped by province, gender and consent)."""
    province, gender, ages, education = Counter(), Counter(), Counter(), Counter()
    for key, sex, _consent, n in people:
        province[key or "unknown"] += n
        gender[sex or "unknown"] += n
    for born, level, n in grouped(CandidateProfile.birth_year, CandidateProfile.education_level):
        ages[age_group(born, year)] += n
        education[level or "none"] += n
    # JSON lists: grouped by their text, so each distinct list is decoded once.
    sectors, programs = Counter(), Counter()
    sector_lists = sa.cast(CandidateProfile.wanted_sectors, sa.Text)
    for sector_text, program_text, n in grouped(
        sector_lists, sa.cast(CandidateProfile.programs, sa.Text)
    ):
        for sector in set(_json_list(sector_text)):
            sectors[sector] += n
        for program in set(_json_list(program_text)):
            programs[program] += n
    return {
        "province": _most_common(province),
        "gender": _ordered(gender, ("female", "male", "other", "unknown")),
        "age_group": _ordered(ages, AGE_GROUPS),
        "education": _ordered(education, EDUCATION_LEVELS),
        "wanted_sector": _most_common(sectors),
        "programme_interest": _most_common(programs),
    }


def _most_common(counter: Counter) -> list[tuple[str, int]]:
    """Most first; equal counts by name, whatever order the database grouped in."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _language_levels(joined) -> tuple[Counter, Counter, list]:
    """Japanese and English levels, and (ja rank, en rank, education rank, count) groups."""
    japanese, english = Counter(), Counter()
    education_index = {level: n for n, level in enumerate(EDUCATION_LEVELS)}
    groups = []
    languages = sa.cast(CandidateProfile.languages, sa.Text)
    for text, edu, n in db.session.execute(
        joined.add_columns(languages, CandidateProfile.education_level, sa.func.count()).group_by(
            languages, CandidateProfile.education_level
        )
    ):
        spoken = language_levels(_json_list(text))
        japanese[spoken.get("ja", "none")] += n
        english[spoken.get("en", "none")] += n
        groups.append(
            (
                _rank_of("ja", spoken.get("ja")),
                _rank_of("en", spoken.get("en")),
                education_index.get(edu or "none", 0),
                n,
            )
        )
    return japanese, english, groups


def _json_list(text) -> list:
    if not text:
        return []
    value = json.loads(text) if isinstance(text, str) else text
    return value if isinstance(value, list) else []


def _rank_of(code: str, level: str | None) -> int:
    if not level:
        return 0
    parsed = _language(f"{'Japanese' if code == 'ja' else 'English'} {level}")
    return parsed.rank if parsed else 0


def exhibitor_rows(event: Event) -> list[dict]:
    """Per exhibitor: roles, applicants, shortlisted, interviews, offers, hires."""
    roles = dict(
        db.session.execute(
            sa.select(Role.organization_id, sa.func.count(Role.id))
            .where(Role.event_id == event.id)
            .group_by(Role.organization_id)
        ).all()
    )
    statuses: dict[int, Counter] = {}
    for org_id, status, count in db.session.execute(
        sa.select(Role.organization_id, Application.status, sa.func.count(Application.id))
        .join(Role, Role.id == Application.role_id)
        .where(Role.event_id == event.id)
        .group_by(Role.organization_id, Application.status)
    ):
        statuses.setdefault(org_id, Counter())[status] = count
    interviews = dict(
        db.session.execute(
            sa.select(Role.organization_id, sa.func.count(Interview.id))
            .join(Application, Application.id == Interview.application_id)
            .join(Role, Role.id == Application.role_id)
            .where(Role.event_id == event.id)
            .group_by(Role.organization_id)
        ).all()
    )
    found = []
    for exhibitor, organization in db.session.execute(
        sa.select(Exhibitor, Organization)
        .join(Organization, Organization.id == Exhibitor.organization_id)
        .where(Exhibitor.event_id == event.id)
        .order_by(Exhibitor.booth_code.is_(None), Exhibitor.booth_code, Organization.name)
    ):
        counts = statuses.get(organization.id, Counter())
        reached_shortlist = sum(n for s, n in counts.items() if s not in ("new", "rejected"))
        found.append(
            {
                "organization": organization.name,
                "country": organization.country,
                "booth": exhibitor.booth_code or "",
                "status": exhibitor.status,
                "counted": access.is_in_fair(exhibitor),
                "roles": roles.get(organization.id, 0),
                "applicants": sum(counts.values()),
                "shortlisted": reached_shortlist,
                "interviews": interviews.get(organization.id, 0),
                "offers": counts.get("offered", 0) + counts.get("hired", 0),
                "hires": counts.get("hired", 0),
            }
        )
    return found


def coverage(
    event: Event, ja_rank, en_rank, edu_rank, *, weights=None, threshold: int = COVERAGE_THRESHOLD
) -> list[dict]:
    """Every open role with the number of registered candidates who qualify for it, and
    whether that is fewer than `threshold` (the role is short).

    Qualified: meets every language requirement marked as a must and the minimum
    education. Computed from the registrations, not by the matcher.
    """
    education_index = {level: n for n, level in enumerate(EDUCATION_LEVELS)}
    found = []
    # Columns, not Role objects: a national fair has thousands of open roles.
    for role in db.session.execute(
        sa.select(
            Role.id,
            Role.title,
            Role.min_education,
            Role.languages,
            Organization.name.label("organization"),
        )
        .join(Organization, Organization.id == Role.organization_id)
        .where(Role.event_id == event.id, access.open_to_candidates())
        .order_by(Role.id)
    ):
        mask = edu_rank >= education_index.get(role.min_education or "none", 0)
        for requirement in role.languages or []:
            if not requirement.get("must"):
                continue
            parsed = levels.parse_language(requirement)
            if parsed is None or parsed.rank == 0:
                continue
            ranks = ja_rank if parsed.code == "ja" else en_rank if parsed.code == "en" else None
            mask = mask & (ranks >= parsed.rank) if ranks is not None else mask & False
        qualified = int(mask.sum() if weights is None else weights[mask].sum())
        found.append(
            {
                "role": role.title,
                "organization": role.organization,
                "qualified": qualified,
                "short": qualified < threshold,
                "role_id": role.id,
            }
        )
    return found


BREAKDOWN_TITLES = {
    "registrations_by_day": _l("Registrations by day"),
    "checkins_by_hour": _l("Check-ins by hour"),
    "province": _l("Province"),
    "gender": _l("Gender"),
    "age_group": _l("Age group"),
    "education": _l("Education"),
    "wanted_sector": _l("Wanted sector"),
    "japanese_level": _l("Japanese level"),
    "english_level": _l("English level"),
    "programme_interest": _l("Programme interest"),
}


def live_figures(event: Event) -> dict:
    """The few numbers the dashboard refreshes during the fair, in two queries."""
    attendance, by_day, by_hour = _attendance(event)
    applications = db.session.scalar(
        sa.select(sa.func.count(Application.id))
        .join(Role, Application.role_id == Role.id)
        .where(Role.event_id == event.id)
    )
    return {
        "totals": {
            "registered": attendance["registrations"] + attendance["erased_registrations"],
            "checked_in": attendance["checked_in"] + attendance["erased_checkins"],
            "walk_ins": attendance["walk_ins"],
            "applications": applications,
        },
        "charts": {
            "chart-days": sorted(by_day.items()),
            "chart-hours": sorted(by_hour.items()),
        },
    }
