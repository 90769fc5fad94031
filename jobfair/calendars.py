"""Calendar files (.ics, RFC 5545) for interviews, in the event's time zone.

Written by hand: one event and one time-zone block, which every calendar app reads.
The zone block gives the offset at the interview's date; Cambodia and Japan keep no
daylight saving time, so that offset is the zone's all year.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Response
from flask_babel import lazy_gettext as _l

ICS_MIMETYPE = "text/calendar; charset=utf-8"
WALK_UP_MINUTES = 30


def _escape(text: str) -> str:
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 74:
            out.append(current)
            current = " " + char
        else:
            current += char
    return out + [current]


def _offset(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


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
    start = starts_at.astimezone(zone)
    end = (ends_at or starts_at + timedelta(minutes=WALK_UP_MINUTES)).astimezone(zone)
    offset = _offset(start.utcoffset() or timedelta())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Job fair//Interviews//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VTIMEZONE",
        f"TZID:{timezone}",
        "BEGIN:STANDARD",
        "DTSTART:19700101T000000",
        f"TZOFFSETFROM:{offset}",
        f"TZOFFSETTO:{offset}",
        f"TZNAME:{start.tzname()}",
        "END:STANDARD",
        "END:VTIMEZONE",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{datetime.now(UTC):%Y%m%dT%H%M%SZ}",
        f"DTSTART;TZID={timezone}:{start:%Y%m%dT%H%M%S}",
        f"DTEND;TZID={timezone}:{end:%Y%m%dT%H%M%S}",
        f"SUMMARY:{_escape(summary)}",
        f"LOCATION:{_escape(location)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")


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
