"""The ranked shortlist, its filters, and how a candidate is named on it (whether blind
review lets the name show is `access.is_revealed`)."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from matching.levels import EDUCATION_LEVELS, education_rank

from ..extensions import db
from ..models import (
    Application,
    CandidateProfile,
    Event,
    Registration,
    Role,
)
from ..models.base import local_today
from ..ranking import Ranked
from ..ranking import shortlist as ranked_shortlist
from ..sql import list_holds


def shortlist(role: Role) -> list[Ranked]:
    """Every consenting candidate registered for the role's event, best score first."""
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
    return event.today(checked_in_at) == event.today()


SHORTLIST_FILTERS = ("checked_in", "location", "program", "education")


@dataclass(frozen=True, slots=True)
class Narrowing:
    """Conditions on a candidate's profile and registration, as SQL `clauses`: the
    database decides them all (JSON lists too, `sql.list_holds`), no row is read to check."""

    clauses: list = field(default_factory=list)

    def __add__(self, other: "Narrowing") -> "Narrowing":
        return Narrowing(self.clauses + other.clauses)


def education_at_least(floor: str):
    """Education codes at or above `floor` (every code when the floor is unknown)."""
    need = education_rank(floor)
    return CandidateProfile.education_level.in_(
        [code for code in EDUCATION_LEVELS if education_rank(code) >= need]
    )


def today_in(event: Event) -> tuple[datetime, datetime]:
    """Midnight to midnight of today in the event's time zone, as UTC times."""
    zone = ZoneInfo(event.timezone)
    day = event.today()
    start = datetime.combine(day, time(), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def filters_narrowing(role: Role, active) -> Narrowing:
    """The shortlist's profile filters (`SHORTLIST_FILTERS`) chosen in `active`."""
    found = Narrowing()
    if "checked_in" in active:
        start, end = today_in(role.event)
        found.clauses.append(
            sa.and_(Registration.checked_in_at >= start, Registration.checked_in_at < end)
        )
    if "education" in active:
        found.clauses.append(education_at_least(role.min_education or "none"))
    if "location" in active:
        # `wants_location`'s rule: the role's place, or "Japan" for any place in Japan.
        location = (role.location or "").lower()
        wishes = [location, "japan"] if location.startswith("japan") else [location]
        found.clauses.append(list_holds(CandidateProfile.wanted_locations, *wishes, lower=True))
    if "program" in active:
        found.clauses.append(list_holds(CandidateProfile.programs, role.program or ""))
    return found


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
    return local_today().year - profile.birth_year if profile.birth_year else None
