"""The organizer pages and the public event page; importing this package registers them."""

from . import badges, checkin, desk, door, events, imports, public, reports, users  # noqa: F401
