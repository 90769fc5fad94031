"""Calendar files (.ics, RFC 5545): interviews and fair days, written with `icalendar`.

The library escapes text (a line break of any kind, commas, semicolons), folds long lines
without splitting a character and writes the VTIMEZONE block for the zones used, so no
text a person typed can end an event or start another. Every calendar file the platform
makes comes from `calendar_file`.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from flask import Response
from flask_babel import lazy_gettext as _l

from .fields import without_controls
from .models.base import utcnow

ICS_MIMETYPE = "text/calendar; charset=utf-8"
WALK_UP_MINUTES = 30
PRODID = "-//Job fair//Interviews//EN"


def calendar_event(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    summary: str,
    location: str,
    description: str = "",
    status: str | None = None,
) -> icalendar.Event:
    """One VEVENT; `start` and `end` carry their time zone (UTC is written with a Z)."""
    event = icalendar.Event.new(
        uid=uid,
        start=start,
        end=end,
        stamp=utcnow(),
        summary=without_controls(str(summary)),
        location=without_controls(str(location)),
        description=without_controls(str(description)) or None,
    )
    if status:
        event.add("status", status)
    return event


def calendar_file(events: list[icalendar.Event], *, method: str | None = None) -> bytes:
    """A VCALENDAR with `events` and a VTIMEZONE for each named zone they use."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    if events:
        days = [e.start.date() for e in events] + [e.end.date() for e in events]
        calendar.add_missing_timezones(
            first_date=min(days) - timedelta(days=1), last_date=max(days) + timedelta(days=1)
        )
    return calendar.to_ical()


def interview_ics(
    *,
    uid: str,
    starts_at: datetime,
    ends_at: datetime | None,
    timezone: str,
    summary: str,
    location: str,
    description: str = "",
) -> bytes:
    """One interview as a calendar file; times are local to `timezone`, which is named."""
    zone = ZoneInfo(timezone)
    end = ends_at or starts_at + timedelta(minutes=WALK_UP_MINUTES)
    event = calendar_event(
        uid=uid,
        start=starts_at.astimezone(zone),
        end=end.astimezone(zone),
        summary=summary,
        location=location,
        description=description,
    )
    return calendar_file([event], method="PUBLISH")


def fair_days_ics(
    *, uid_for, days: list[date], opens: time, closes: time, timezone: str, **text
) -> bytes:
    """One event per fair day, from opening to closing time (written in UTC);
    `uid_for(day)` names each."""
    zone = ZoneInfo(timezone)
    events = [
        calendar_event(
            uid=uid_for(day),
            start=datetime.combine(day, opens, zone).astimezone(UTC),
            end=datetime.combine(day, closes, zone).astimezone(UTC),
            **text,
        )
        for day in days
    ]
    return calendar_file(events)


def ics_response(data: bytes, filename: str) -> Response:
    response = Response(data, mimetype=ICS_MIMETYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def interview_calendar(interview, *, summary: str) -> bytes:
    """An interview as an .ics file in its event's time zone (walk-ups: from the invitation)."""
    role = interview.application.role
    event = role.event
    booth = interview.slot.exhibitor.booth_code if interview.slot else None
    where = [str(_l("Booth %(code)s", code=booth)) if booth else "", event.name, event.venue]
    return interview_ics(
        uid=f"interview-{interview.id}@jobfair",
        starts_at=interview.starts_at or interview.created_at,
        ends_at=interview.slot.ends_at if interview.slot else None,
        timezone=event.timezone,
        summary=summary,
        location=", ".join(filter(None, where)),
        description=str(
            _l(
                "Interview for %(role)s with %(company)s.",
                role=role.title,
                company=role.organization.name,
            )
        ),
    )
