"""The ranked shortlist, its filters and blind review."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from matching.levels import education_rank

from .. import ranking
from ..access import is_revealed  # noqa: F401  (the rule lives in access)
from ..extensions import db
from ..models import (
    Application,
    CandidateProfile,
    Event,
    Registration,
    Role,
)
from ..ranking import Ranked, ShortlistPage
from ..ranking import shortlist as ranked_shortlist


def shortlist(role: Role) -> list[Ranked]:
    """Every consenting candidate registered for the role's event, best first."""
    return ranked_shortlist(role)


def meets_education(profile: CandidateProfile, role: Role) -> bool:
    return education_rank(profile.education_level) >= education_rank(role.min_education or "none")


def wants_location(profile: CandidateProfile, role: Role) -> bool:
    wishes = {w.lower() for w in profile.wanted_locations or []}
    location = (role.location or "").lower()
    return location in wishes or (location.startswith("japan") and "japan" in wishes)


def wants_program(profile: CandidateProfile, role: Role) -> bool:
    return role.program in (profile.programs or [])


def checked_in_today(checked_in_at: datetime | None, event: Event) -> bool:
    if checked_in_at is None:
        return False
    zone = ZoneInfo(event.timezone)
    return checked_in_at.astimezone(zone).date() == datetime.now(zone).date()


SHORTLIST_FILTERS = ("checked_in", "location", "program", "education")


def filtered_candidate_ids(role: Role, active: set[str]) -> list[int] | None:
    """The role's event candidates who pass the chosen profile filters (None: none chosen).

    Must-have languages are the matcher's own rule: they decide the shortlist's sections.
    """
    tests = {
        "checked_in": lambda row: checked_in_today(row.checked_in_at, role.event),
        "location": lambda row: wants_location(row, role),
        "program": lambda row: wants_program(row, role),
        "education": lambda row: meets_education(row, role),
    }
    chosen = [tests[name] for name in SHORTLIST_FILTERS if name in active and name in tests]
    if not chosen:
        return None
    rows = db.session.execute(
        sa.select(
            CandidateProfile.id,
            CandidateProfile.education_level,
            CandidateProfile.wanted_locations,
            CandidateProfile.programs,
            Registration.checked_in_at,
        )
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == role.event_id)
    )
    return [row.id for row in rows if all(test(row) for test in chosen)]


def narrow(ids: list[int] | None, within: list[int] | None) -> list[int] | None:
    """Candidates in both lists (None stands for everyone)."""
    if within is None:
        return ids
    if ids is None:
        return list(within)
    keep = set(ids)
    return [i for i in within if i in keep]


def shortlist_page(
    role: Role,
    active: set[str],
    page: int,
    per_page: int,
    section: str = "qualified",
    *,
    within: list[int] | None = None,
) -> ShortlistPage:
    """One page of a shortlist section ("qualified" by default: every must-have met; see
    `ranking.SECTIONS`) with the chosen filters; only its rows are explained.

    `within` narrows it further to the candidates a search found.
    """
    return ranking.shortlist_page(
        role,
        candidate_ids=narrow(filtered_candidate_ids(role, active), within),
        section=section,
        page=page,
        per_page=per_page,
    )


def applications_by_candidate(role: Role) -> dict[int, Application]:
    return {
        a.candidate_id: a
        for a in db.session.scalars(sa.select(Application).where(Application.role_id == role.id))
    }


def candidate_label(profile: CandidateProfile, revealed: bool) -> str:
    if revealed:
        return profile.full_name
    return str(_l("Candidate %(ref)s", ref=candidate_ref(profile)))


def candidate_ref(profile: CandidateProfile) -> str:
    return f"C{profile.id:05d}"


def age(profile: CandidateProfile) -> int | None:
    return date.today().year - profile.birth_year if profile.birth_year else None
