"""What a candidate keeps of a ticket: the fair days with hours, the QR code as an image, and
an iCalendar file (RFC 5545) with one event per fair day."""

import io

import qrcode
from flask import request

from .. import calendars
from ..labels import place_label
from ..models import Registration
from ..models.base import DEFAULT_TIMEZONE


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


def ticket_calendar(registration: Registration, *, summary: str, description: str) -> bytes:
    """An .ics file with one event per fair day, at the venue, in UTC."""
    event = registration.event
    host = request.host.split(":")[0] if request else "jobfair"
    return calendars.fair_days_ics(
        uid_for=lambda day: f"ticket-{registration.id}-{day:%Y%m%d}@{host}",
        days=event.days,
        opens=event.opens_at,
        closes=event.closes_at,
        timezone=event.timezone or DEFAULT_TIMEZONE,
        summary=summary,
        location=f"{event.venue}, {place_label(event.city)}",  # the city is a province
        description=description,
    )
