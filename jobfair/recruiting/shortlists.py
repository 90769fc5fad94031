"""The ranked shortlist, its filters and blind review."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..models import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    Event,
    Role,
)
from ..models.candidates import EDUCATION_LEVELS
from ..ranking import Ranked
from ..ranking import shortlist as ranked_shortlist

# Once invited, a candidate is met in person: blind review ends there.
REVEALED_STATUSES = frozenset(
    {
        ApplicationStatus.INVITED,
        ApplicationStatus.INTERVIEWED,
        ApplicationStatus.OFFERED,
        ApplicationStatus.HIRED,
    }
)


def shortlist(role: Role) -> list[Ranked]:
    """Every consenting candidate registered for the role's event, best first."""
    return ranked_shortlist(role)


def meets_education(profile: CandidateProfile, role: Role) -> bool:
    levels = list(EDUCATION_LEVELS)
    return levels.index(profile.education_level) >= levels.index(role.min_education or "none")


def wants_location(profile: CandidateProfile, role: Role) -> bool:
    wishes = {w.lower() for w in profile.wanted_locations or []}
    location = (role.location or "").lower()
    return location in wishes or (location.startswith("japan") and "japan" in wishes)


def wants_program(profile: CandidateProfile, role: Role) -> bool:
    return role.program in (profile.programs or [])


def meets_languages(entry) -> bool:
    """Every language the role must have is met (the explanation says so)."""
    return all(
        item.get("status") == "met"
        for item in entry.explanation.get("languages", [])
        if item.get("must")
    )


def checked_in_today(entry, event: Event) -> bool:
    checked = entry.registration.checked_in_at
    if checked is None:
        return False
    zone = ZoneInfo(event.timezone)
    return checked.astimezone(zone).date() == datetime.now(zone).date()


SHORTLIST_FILTERS = ("checked_in", "languages", "location", "program", "education")


def filter_shortlist(role: Role, entries: list, active: set[str]) -> list:
    """Keep the entries that pass every chosen filter; ranks stay as the matcher gave them."""
    tests = {
        "checked_in": lambda e: checked_in_today(e, role.event),
        "languages": meets_languages,
        "location": lambda e: wants_location(e.profile, role),
        "program": lambda e: wants_program(e.profile, role),
        "education": lambda e: meets_education(e.profile, role),
    }
    chosen = [tests[name] for name in SHORTLIST_FILTERS if name in active]
    return [e for e in entries if all(test(e) for test in chosen)]


def applications_by_candidate(role: Role) -> dict[int, Application]:
    return {
        a.candidate_id: a
        for a in db.session.scalars(sa.select(Application).where(Application.role_id == role.id))
    }


def is_revealed(role: Role, application: Application | None) -> bool:
    """Under blind review a candidate's identity shows only once they are invited.

    A candidate who withdrew their consent stays in the pipeline by reference only.
    """
    if application is not None and not application.candidate.has_consent:
        return False
    if not role.blind_review:
        return True
    return application is not None and application.status in REVEALED_STATUSES


def candidate_label(profile: CandidateProfile, revealed: bool) -> str:
    if revealed:
        return profile.full_name
    return str(_l("Candidate %(ref)s", ref=candidate_ref(profile)))


def candidate_ref(profile: CandidateProfile) -> str:
    return f"C{profile.id:05d}"


def age(profile: CandidateProfile) -> int | None:
    return date.today().year - profile.birth_year if profile.birth_year else None
