"""Dates as the fair sees them.

An event's days are local days in its timezone (Phnom Penh by default, UTC+7): from 17:00
UTC it is already tomorrow there, so a test that means "an event running today" must ask
for the local date, not the machine's (`date.today()` is UTC on CI machines).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from jobfair.models.base import DEFAULT_TIMEZONE


def fair_today(timezone: str = DEFAULT_TIMEZONE) -> date:
    """Today's date where the fair is held."""
    return datetime.now(ZoneInfo(timezone)).date()
