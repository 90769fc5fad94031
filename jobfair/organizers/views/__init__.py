"""The organizer pages and the public event page; importing this package registers them."""

from . import (  # noqa: F401
    badges,
    desk,
    events,
    floor_plan,
    follow_ups,
    funnel,
    imports,
    jobs,
    public,
    reports,
    staff,
    translations,
    users,
)
