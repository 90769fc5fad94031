"""The statistics counted by SQL aggregates equal the same numbers counted row by row.

The reference below reads every registration and profile, as `statistics.compute` did
before it grouped in the database, on a varied national fair (bench/national.py) with odd
rows added, in time zones whose offsets are not whole hours or change during the fair's
registration period.
"""

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bench.national import seed_national
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Event, Registration, Role
from jobfair.organizers import statistics
from matching import levels
from matching.levels import EDUCATION_LEVELS


@pytest.fixture
def varied(app):
    logins = seed_national(password="a long pass phrase", scale=0.01)
    event = db.session.get(Event, logins["event_id"])
    rows = db.session.execute(
        sa.select(CandidateProfile, Registration).join(Registration).order_by(Registration.id)
    ).all()
    for n, (profile, registration) in enumerate(rows[:40]):
        if n % 4 == 0:
            profile.province, profile.gender, profile.birth_year = "", None, None
        if n % 4 == 1:
            profile.wanted_sectors, profile.programs, profile.languages = [], None, []
        if n % 4 == 2:  # on the quarter hour, and a second before it
            registration.checked_in_at = datetime(2026, 11, 1, 5, 45, tzinfo=UTC)
            registration.registered_at = datetime(2026, 11, 1, 6, 59, 59, tzinfo=UTC)
        if n % 4 == 3:
            profile.consent_at = profile.consent_version = None
            registration.source = "walk_in"
    db.session.commit()
    return event


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def most_common(counter: Counter) -> list:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def reference(event: Event) -> dict:
    """Every number of `compute`, from each row read (the way it was counted before)."""
    zone = ZoneInfo(event.timezone)
    rows = db.session.execute(
        sa.select(CandidateProfile, Registration)
        .join(Registration)
        .where(Registration.event_id == event.id)
    ).all()
    count = Counter()
    by_day, by_hour, province, gender, ages, education = (Counter() for _ in range(6))
    sectors, programs, japanese, english = (Counter() for _ in range(4))
    for profile, registration in rows:
        count["registrations"] += 1
        count["walk_ins"] += registration.source == "walk_in"
        count["consenting"] += profile.consent_at is not None
        by_day[local(registration.registered_at, zone).date().isoformat()] += 1
        if registration.checked_in_at is not None:
            count["checked_in"] += 1
            by_hour[local(registration.checked_in_at, zone).strftime("%Y-%m-%d %H:00")] += 1
        province[profile.province or "unknown"] += 1
        gender[profile.gender or "unknown"] += 1
        ages[statistics.age_group(profile.birth_year, event.starts_on.year)] += 1
        education[profile.education_level or "none"] += 1
        sectors.update(set(profile.wanted_sectors or []))
        programs.update(set(profile.programs or []))
        spoken = statistics.language_levels(profile.languages)
        japanese[spoken.get("ja", "none")] += 1
        english[spoken.get("en", "none")] += 1
    return {
        "totals": count,
        "registrations_by_day": sorted(by_day.items()),
        "checkins_by_hour": sorted(by_hour.items()),
        "province": most_common(province),
        "gender": statistics._ordered(gender, ("female", "male", "other", "unknown")),
        "age_group": statistics._ordered(ages, statistics.AGE_GROUPS),
        "education": statistics._ordered(education, EDUCATION_LEVELS),
        "wanted_sector": most_common(sectors),
        "programme_interest": most_common(programs),
        "japanese_level": statistics._ordered(japanese, statistics.JAPANESE_LEVELS),
        "english_level": statistics._ordered(english, statistics.ENGLISH_LEVELS),
        "qualified": {role.id: qualified(role, rows) for role in open_roles(event)},
    }


def open_roles(event: Event) -> list[Role]:
    from jobfair import access

    return db.session.scalars(
        sa.select(Role).where(Role.event_id == event.id, access.open_to_candidates())
    ).all()


def qualified(role: Role, rows) -> int:
    """Registered candidates meeting the role's must-have languages and minimum education."""
    floor = levels.education_rank(role.min_education or "none")
    musts = [levels.parse_language(r) for r in role.languages or [] if r.get("must")]
    found = 0
    for profile, _registration in rows:
        if levels.education_rank(profile.education_level or "none") < floor:
            continue
        spoken = {
            p.code: p.rank
            for p in map(levels.parse_language, profile.languages or [])
            if p is not None and p.code in ("ja", "en")
        }
        found += all(need.rank == 0 or spoken.get(need.code, 0) >= need.rank for need in musts)
    return found


@pytest.mark.parametrize("zone", ["Asia/Phnom_Penh", "Asia/Kathmandu", "America/New_York"])
def test_statistics_grouped_in_sql_equal_the_rows_counted_one_by_one(varied, zone):
    varied.timezone = zone
    db.session.commit()
    expected = reference(varied)
    stats = statistics.compute(varied)
    for name in ("registrations", "checked_in", "walk_ins", "consenting"):
        assert stats.totals[name] == expected["totals"][name], name
    for name in statistics.BREAKDOWN_ORDER:
        assert stats.breakdowns[name] == expected[name], name
    assert {c["role_id"]: c["qualified"] for c in stats.role_coverage} == expected["qualified"]
    assert len(expected["qualified"]) >= 20 and len(expected["registrations_by_day"]) > 20


def test_the_dashboards_live_figures_count_the_same(varied):
    figures = statistics.live_figures(varied)
    expected = reference(varied)
    assert figures["totals"]["registered"] == expected["totals"]["registrations"]
    assert figures["totals"]["checked_in"] == expected["totals"]["checked_in"]
    assert figures["charts"]["chart-hours"] == expected["checkins_by_hour"]


def test_a_quarter_hour_is_the_same_on_every_database(app):
    from jobfair.sql import QUARTER, quarter_hour

    moment = datetime(2026, 11, 1, 5, 59, 59, 999999, tzinfo=UTC)
    for given in (moment, moment + timedelta(microseconds=1)):
        found = db.session.scalar(
            sa.select(quarter_hour(sa.literal(given, Registration.registered_at.type)))
        )
        assert found == int(given.timestamp()) // QUARTER
