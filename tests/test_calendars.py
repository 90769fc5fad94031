"""Calendar files written by `icalendar`: text a person typed cannot end an event or start
another, whatever line break it carries."""

import re
from datetime import UTC, datetime

import icalendar
import pytest

from jobfair import calendars
from jobfair.candidates import tickets
from jobfair.extensions import db
from jobfair.models import Registration

INJECTION = "END:VEVENT{0}BEGIN:VEVENT{0}UID:evil{0}SUMMARY:Free visa{0}DTSTART:20261201T000000Z"
NEWLINES = ["\r", "\n", "\r\n", "\x0b"]


def begin_lines(data: bytes) -> int:
    """BEGIN:VEVENT lines as a lenient reader sees them (any CR or LF ends a line)."""
    return re.split(rb"\r\n|\r|\n", data).count(b"BEGIN:VEVENT")


@pytest.mark.parametrize("newline", NEWLINES)
def test_a_line_break_in_an_interview_makes_no_extra_event(app, newline):
    title = "Welder" + newline + INJECTION.format(newline)
    with app.test_request_context():
        data = calendars.interview_ics(
            uid="interview-1@jobfair",
            starts_at=datetime(2026, 12, 16, 2, 0, tzinfo=UTC),
            ends_at=None,
            timezone="Asia/Phnom_Penh",
            summary=title,
            location="Booth A1" + newline + "END:VCALENDAR",
            description=title,
        )
    assert begin_lines(data) == 1
    [event] = icalendar.Calendar.from_ical(data).events
    assert str(event["UID"]) == "interview-1@jobfair"
    assert str(event["SUMMARY"]).startswith("Welder")
    assert b"TZID:Asia/Phnom_Penh" in data and b"BEGIN:VTIMEZONE" in data


@pytest.mark.parametrize("newline", NEWLINES)
def test_a_line_break_in_a_fair_name_makes_no_extra_day(app, create_user, create_event, newline):
    event = create_event()
    person = create_user()
    registration = Registration(event_id=event.id, candidate_id=person.profile.id)
    db.session.add(registration)
    db.session.commit()
    title = "CJCC Fair" + newline + INJECTION.format(newline)
    with app.test_request_context():
        data = tickets.ticket_calendar(registration, summary=title, description=title)
    data = data if isinstance(data, bytes) else data.encode()
    assert begin_lines(data) == len(event.days) == 2
    parsed = icalendar.Calendar.from_ical(data).events
    assert [str(e["UID"]).split("@")[0] for e in parsed] == [
        f"ticket-{registration.id}-{day:%Y%m%d}" for day in event.days
    ]
