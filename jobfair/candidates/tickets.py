"""What a candidate keeps of a ticket: the fair days with hours, the QR code as an image, and
an iCalendar file (RFC 5545) with one event per fair day."""

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import qrcode
from flask import request

from ..models import Registration
from ..models.base import utcnow


def fair_days(registration: Registration) -> list[dict]:
    """Each day of the fair with its local opening and closing time."""
    event = registration.event
    return [{"day": day, "opens": event.opens_at, "closes": event.closes_at} for day in event.days]


def qr_png(registration: Registration) -> bytes:
    """The ticket's QR code as a PNG, large enough to scan from a phone held up at the door."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=12, border=4)
    code.add_data(registration.ticket_token)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines of at most 75 octets, continued with a space (RFC 5545 3.1), never inside a
    UTF-8 character."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(day, moment, zone: ZoneInfo) -> str:
    local = datetime.combine(day, moment, tzinfo=zone)
    return local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ticket_calendar(registration: Registration, *, summary: str, description: str) -> str:
    """An .ics text with one event per fair day, at the venue, in UTC."""
    event = registration.event
    zone = ZoneInfo(event.timezone or "Asia/Phnom_Penh")
    stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
    host = request.host.split(":")[0] if request else "jobfair"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Job Fair//Tickets//EN",
        "CALSCALE:GREGORIAN",
    ]
    for day in event.days:
        lines += [
            "BEGIN:VEVENT",
            f"UID:ticket-{registration.id}-{day:%Y%m%d}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(day, event.opens_at, zone)}",
            f"DTEND:{_utc(day, event.closes_at, zone)}",
            f"SUMMARY:{_escape(summary)}",
            f"LOCATION:{_escape(f'{event.venue}, {event.city}')}",
            f"DESCRIPTION:{_escape(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
