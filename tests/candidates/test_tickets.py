"""A ticket to keep: every fair day with its hours, the QR code as an image, an .ics file."""

import io
import re
from datetime import date, time

import pytest
from PIL import Image

from tests.conftest import PASSWORD


@pytest.fixture
def ticket(client, create_user, create_event):
    event = create_event(
        name="Fair, with; commas",
        starts_on=date(2026, 12, 26),
        ends_on=date(2026, 12, 28),
        opens_at=time(8, 30),
        closes_at=time(16, 0),
    )
    user = create_user()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    response = client.post(f"/me/events/{event.id}/register", data={"consent": "y"})
    return response.headers["Location"]


def test_the_ticket_lists_every_day_with_hours_and_address(client, ticket):
    page = client.get(ticket).get_data(as_text=True)
    for day in ("December 26, 2026", "December 27, 2026", "December 28, 2026"):
        assert day in page
    assert page.count("8:30 AM to 4:00 PM") == 3
    assert "CJCC, Phnom Penh" in page
    assert "qr.png" in page and "fair.ics" in page and 'id="print-ticket"' in page


def test_the_ticket_in_khmer_and_japanese_uses_their_conventions(client, ticket):
    client.post("/language", data={"locale": "ja"})
    page = client.get(ticket).get_data(as_text=True)
    assert "2026年12月26日" in page and "8:30〜16:00" in page
    client.post("/language", data={"locale": "km"})
    page = client.get(ticket).get_data(as_text=True)
    assert "26 ធ្នូ 2026" in page and "ពីម៉ោង 08:30 ដល់ 16:00" in page
    assert " AM" not in page and " PM" not in page


def test_the_qr_code_downloads_as_a_png(client, ticket):
    response = client.get(f"{ticket}/qr.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert "attachment" in response.headers["Content-Disposition"]
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "PNG" and image.size[0] >= 300 and image.size == image.size[::-1]


def test_the_calendar_file_has_one_event_per_fair_day_in_utc(client, ticket):
    response = client.get(f"{ticket}/fair.ics")
    assert response.mimetype == "text/calendar"
    text = response.get_data(as_text=True)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 3
    # Phnom Penh is UTC+7: 08:30 local is 01:30 UTC.
    assert "DTSTART:20261226T013000Z" in text and "DTEND:20261228T090000Z" in text
    assert "SUMMARY:Fair\\, with\\; commas" in text
    assert "LOCATION:CJCC\\, Phnom Penh" in text
    assert re.search(r"DESCRIPTION:Your ticket code: \w{4}-\w{4}", text)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_long_lines_fold_without_breaking_characters():
    from datetime import date, time

    import icalendar

    from jobfair import calendars

    summary = "ពិព័រណ៍ការងារ" * 10
    text = calendars.fair_days_ics(
        uid_for=lambda day: f"t-{day}",
        days=[date(2026, 12, 26)],
        opens=time(8, 30),
        closes=time(16, 30),
        timezone="Asia/Phnom_Penh",
        summary=summary,
        location="CJCC",
    )
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))
    [event] = icalendar.Calendar.from_ical(text).events
    assert str(event["SUMMARY"]) == summary


def test_another_candidates_ticket_files_are_not_found(app, client, ticket, create_user):
    other = app.test_client()
    user = create_user()
    other.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    for suffix in ("", "/qr.png", "/fair.ics"):
        assert other.get(ticket + suffix).status_code == 404
