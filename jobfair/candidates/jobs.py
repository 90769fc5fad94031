"""Finding jobs at a fair: the open roles of its approved exhibitors, searched and filtered.

Anyone may look (a fair's roles are public); a signed-in candidate sees them ordered by fit,
anyone else searching sees first the roles whose title or required skills name what they
typed. The search and its filters are SQL, so a page loads only its own roles (a national
fair has thousands). Plain functions on models; nothing here writes.
"""

import functools
import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from matching.scripts import fold
from matching.search_keys import alternatives, search_key

from .. import access, ranking
from ..database import paginate
from ..extensions import db
from ..likes import contains
from ..models import Event, InterviewSlot, Organization, Role
from ..models.recruiting import ROLE_RECORD_FIELDS, role_record
from ..paging import Page, window

MAX_QUERY = 100
MAX_WORDS = 8


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


def open_roles(event: Event, *, companies: bool = True) -> sa.Select:
    """The event's roles candidates may see (see `access.open_to_candidates`), by title,
    with their companies unless ``companies=False``."""
    found = (
        sa.select(Role)
        .where(Role.event_id == event.id, access.open_to_candidates())
        .order_by(Role.title, Role.id)
    )
    return found.options(joinedload(Role.organization)) if companies else found


def count_open(event: Event) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Role.id)).where(
            Role.event_id == event.id, access.open_to_candidates()
        )
    )


def search(event: Event, filters: JobFilters, *, companies: bool = True) -> sa.Select:
    """The event's open roles matching every filter, by title, as one SQL statement: each
    word of the query must appear in the title, skills, description, place or company, in
    any script (a known job word is found through its English term: 溶接, ផ្សារដែក and
    "welding" find the same roles)."""
    found = open_roles(event, companies=companies)
    for name in ("sector", "program", "location"):
        if value := getattr(filters, name):
            found = found.where(getattr(Role, name) == value)
    if filters.language:
        # Each requirement is stored as {"language": "Japanese", ...}.
        said = json.dumps(filters.language)
        found = found.where(
            sa.or_(
                *(
                    sa.cast(Role.languages, sa.Text).contains(f'"language"{sep}{said}')
                    for sep in (": ", ":")
                )
            )
        )
    for word in _typed(filters):
        found = found.where(sa.or_(*(_mentions(alias) for alias in alternatives(word))))
    return found


def _typed(filters: JobFilters) -> list[str]:
    return fold(filters.q).split()[:MAX_WORDS]


def _mentions(word: str):
    """The role's search key (title, skills, description, place; see models/search_keys.py)
    or its company's name holds the word."""
    companies = sa.select(Organization.id).where(contains(Organization.name, word))
    return sa.or_(contains(Role.search_key, word), Role.organization_id.in_(companies))


def find(
    event: Event, filters: JobFilters, *, candidate, page: int, per_page: int
) -> tuple[Page, dict]:
    """One page of the search, and each shown role's fit for a signed-in candidate.

    Anyone else gets the page straight from the database (COUNT and LIMIT/OFFSET); for a
    candidate the matcher orders every found role, best fit first, and explains the page's
    only.
    """
    if candidate is None and not _typed(filters):
        return paginate(search(event, filters), page=page, per_page=per_page), {}
    if candidate is None:
        ids = _asking_first(event, filters)
        shown = window(total=len(ids), page=page, per_page=per_page)
        return Page(items=_page_roles(shown.of(ids)), total=len(ids), shown=shown), {}
    # Every found role is ordered from its columns; only the page's roles are loaded.
    columns = search(event, filters, companies=False).with_only_columns(
        *(getattr(Role, name) for name in ROLE_RECORD_FIELDS)
    )
    records = [role_record(row) for row in db.session.execute(columns).mappings()]
    order = ranking.order_roles(candidate, event, records)
    rank = {role_id: (n, score) for n, (role_id, score) in enumerate(order, start=1)}
    ids = [*rank, *(record["id"] for record in records if record["id"] not in rank)]
    shown = window(total=len(ids), page=page, per_page=per_page)
    items = _page_roles(shown.of(ids))
    explained = ranking.explained_roles(
        candidate,
        event,
        [ranking.RoleFit(*rank[role.id], role, None) for role in items if role.id in rank],
    )
    return (
        Page(items=items, total=len(ids), shown=shown),
        {fit.role.id: fit for fit in explained},
    )


def _asking_first(event: Event, filters: JobFilters) -> list[int]:
    """The found roles' ids, those whose title or required skills name more of the typed
    words first (then in `search`'s order): "welding" lists the welders before the
    technician for whom welding is a plus, in any script, as the search itself reads words."""
    rows = db.session.execute(
        search(event, filters, companies=False).with_only_columns(
            Role.id, Role.title, Role.required_skills
        )
    ).all()
    typed = [alternatives(word) for word in _typed(filters)]

    def named(row) -> int:
        key = _asked_key(row.title or "", tuple(row.required_skills or ()))
        return sum(any(alias in key for alias in aliases) for aliases in typed)

    return [row.id for row in sorted(rows, key=lambda row: -named(row))]


@functools.lru_cache(maxsize=20_000)
def _asked_key(title: str, required: tuple) -> str:
    """The search key of a role's title and required skills (`models.search_keys`' form)."""
    return search_key([title, *required])


def _page_roles(ids: list[int]) -> list[Role]:
    """These roles, in this order, with their companies and translations (two queries)."""
    if not ids:
        return []
    found = db.session.scalars(
        sa.select(Role)
        .where(Role.id.in_(ids))
        .options(joinedload(Role.organization), selectinload(Role.translations))
    ).all()
    by_id = {role.id: role for role in found}
    return [by_id[role_id] for role_id in ids if role_id in by_id]


def languages_of(role: Role) -> list[str]:
    return [req.get("language", "") for req in role.languages or []]


def options(event: Event) -> dict[str, list[str]]:
    """The values the filters offer: only those some open role has (SQL DISTINCT)."""
    shown = {}
    for name in ("sector", "location", "program"):
        column = getattr(Role, name)
        shown[name] = list(
            db.session.scalars(
                sa.select(column)
                .distinct()
                .where(Role.event_id == event.id, access.open_to_candidates())
                .order_by(column)
            )
        )
    said = db.session.scalars(
        sa.select(sa.cast(Role.languages, sa.Text))
        .distinct()
        .where(Role.event_id == event.id, access.open_to_candidates())
    )
    names = {req.get("language", "") for text in said if text for req in json.loads(text) or []}
    shown["language"] = sorted(name for name in names if name)
    return shown


def free_slots(role: Role, *, now: datetime | None = None, limit: int = 12) -> list[InterviewSlot]:
    """Interview times the company still offers at its booth (not taken, not past)."""
    exhibitor = access.exhibitor_of_role(role)
    if exhibitor is None:
        return []
    return db.session.scalars(InterviewSlot.free(exhibitor.id, now=now).limit(limit)).all()
