"""Finding jobs at a fair: the open roles of its approved exhibitors, searched and filtered.

Anyone may look (a fair's roles are public); a signed-in candidate sees them ordered by fit.
Plain functions on models; nothing here writes.
"""

from dataclasses import dataclass
from datetime import datetime

from matching.scripts import fold

from .. import access
from ..extensions import db
from ..localize import display_term
from ..models import Event, InterviewSlot, Role

MAX_QUERY = 100


@dataclass(frozen=True)
class JobFilters:
    """What a candidate searches for; empty strings mean "any"."""

    q: str = ""
    sector: str = ""
    location: str = ""
    program: str = ""
    language: str = ""

    @classmethod
    def from_args(cls, args) -> "JobFilters":
        return cls(**{name: (args.get(name) or "").strip()[:MAX_QUERY] for name in FIELDS})

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in FIELDS)


FIELDS = ("q", "sector", "location", "program", "language")


def open_roles(event: Event) -> list[Role]:
    """The event's roles candidates may see (see `access.open_roles`), by title."""
    return access.open_roles(event)


def _words(role: Role, language: str) -> str:
    """Everything a search may hit, folded, with titles and skills also in `language`."""
    terms = [role.title, *(role.required_skills or []), *(role.preferred_skills or [])]
    shown = [display_term(t, language) for t in terms]
    parts = [*terms, *shown, role.description, role.location, role.organization.name]
    return fold(" ".join(p for p in parts if p)).lower()


def search(roles: list[Role], filters: JobFilters, language: str = "en") -> list[Role]:
    """The roles matching every filter; each word of the query must appear somewhere."""
    words = fold(filters.q).lower().split()
    found = []
    for role in roles:
        if filters.sector and role.sector != filters.sector:
            continue
        if filters.program and role.program != filters.program:
            continue
        if filters.location and role.location != filters.location:
            continue
        if filters.language and filters.language not in languages_of(role):
            continue
        if words:
            text = _words(role, language)
            if not all(word in text for word in words):
                continue
        found.append(role)
    return found


def languages_of(role: Role) -> list[str]:
    return [req.get("language", "") for req in role.languages or []]


def options(roles: list[Role]) -> dict[str, list[str]]:
    """The values the filters offer: only those some role has."""
    return {
        "sector": sorted({r.sector for r in roles}),
        "location": sorted({r.location for r in roles}),
        "program": sorted({r.program for r in roles}),
        "language": sorted({name for r in roles for name in languages_of(r) if name}),
    }


def free_slots(role: Role, *, now: datetime | None = None, limit: int = 12) -> list[InterviewSlot]:
    """Interview times the company still offers at its booth (not taken, not past)."""
    exhibitor = access.exhibitor_of_role(role)
    if exhibitor is None:
        return []
    return db.session.scalars(InterviewSlot.free(exhibitor.id, now=now).limit(limit)).all()
