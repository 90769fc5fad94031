"""Column helpers shared by the model modules."""

import enum
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


# An event's time zone unless it names another: the fairs are in Cambodia.
DEFAULT_TIMEZONE = "Asia/Phnom_Penh"
# The time zones the platform's people live in; Japan's is the furthest ahead.
PEOPLE_TIMEZONES = (DEFAULT_TIMEZONE, "Asia/Tokyo")


def local_today(zone: str | None = None, now: datetime | None = None) -> date:
    """The date it is in a time zone (`DEFAULT_TIMEZONE` unless named). Never the server's
    own date, which is UTC's: until 07:00 in Phnom Penh it is still yesterday."""
    return (now or utcnow()).astimezone(ZoneInfo(zone or DEFAULT_TIMEZONE)).date()


def people_today(now: datetime | None = None) -> date:
    """The latest date it is anywhere the platform's people are: a date after it is in the
    future for all of them. (The server's own date is UTC's: until 09:00 in Tokyo and 07:00
    in Phnom Penh it is still yesterday, and a step done this morning would read as ahead.)"""
    now = now or utcnow()
    return max(local_today(zone, now) for zone in PEOPLE_TIMEZONES)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite stores naive values)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use timezone-aware UTC datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def enum_check(column: str, values: type[enum.Enum] | list[str]) -> str:
    """SQL for a CHECK constraint that keeps a string column within its choices."""
    names = [v.value for v in values] if isinstance(values, type) else list(values)
    quoted = ", ".join(f"'{n}'" for n in names)
    return f"{column} IN ({quoted})"
