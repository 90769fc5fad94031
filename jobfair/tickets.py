"""What a ticket code means: the one rule the door, the booths and anyone else who scans use.

A ticket's QR code carries its unguessable token; people may instead type its short code
(any case, with spaces or dashes, in any script's digits). A ticket counts only at its own
event and only within the event's days (local time), give or take `DAY_TOLERANCE`, so a
device whose clock is off by a year cannot rewrite the record.
"""

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from .extensions import db
from .fields import plain_digits
from .models import Event, Registration
from .models.candidates import SHORT_CODE_ALPHABET

DAY_TOLERANCE = timedelta(hours=3)


def clean_code(text: str) -> str:
    """A short code as typed (any case, spaces or dashes) or a scanned ticket token."""
    return re.sub(r"[\s-]", "", plain_digits(text or ""))


def find_ticket(event: Event, text: str) -> Registration | None:
    """The registration a scanned token or a typed short code points to, at this event."""
    token = (text or "").strip()
    if not token:
        return None
    # Tokens may contain dashes; only short codes are typed with spaces or dashes.
    short = clean_code(token).upper()
    token = plain_digits(token)
    shorts = [short] if len(short) == 8 and all(c in SHORT_CODE_ALPHABET for c in short) else []
    return db.session.scalar(
        sa.select(Registration).where(
            Registration.event_id == event.id,
            sa.or_(Registration.ticket_token == token, Registration.short_code.in_(shorts)),
        )
    )


def event_window(event: Event) -> tuple[datetime, datetime]:
    """[first, last) in UTC: from the first day's local midnight to the end of the last day,
    widened by DAY_TOLERANCE. Scans and check-ins outside it do not count."""
    zone = ZoneInfo(event.timezone)
    first = datetime.combine(event.starts_on, time(0), zone) - DAY_TOLERANCE
    last = datetime.combine(event.ends_on + timedelta(days=1), time(0), zone) + DAY_TOLERANCE
    return first.astimezone(UTC), last.astimezone(UTC)
