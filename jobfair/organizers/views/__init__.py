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
    survey_answer,
    survey_results,
    surveys,
    translations,
    users,
)
