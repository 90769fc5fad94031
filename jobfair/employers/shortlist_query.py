"""The shortlist as one query: a role, its profile filters, a search, a section and a sort.

The page, its CSV and XLSX exports, "select everything matching" and the API's shortlist all
read a `ShortlistQuery` from the same query string (`from_args`) and run it, so for the same
query they list the same candidates in the same order. The filters and the search narrow
the candidates in SQL; the matcher then sorts them into sections and orders each section
(best band, then best score; or newest registration first); only the page shown is
explained. A section, sort, filter or choice the shortlist does not have is refused
(`QueryError`: 400 on the page and in the API alike), never silently replaced.

The working list leaves out candidates the role is done with (not selected, or the role
withdrawn: `CLOSED_STATUSES`) unless the query asks for them (`rejected=y`) or names
pipeline statuses to keep (`status`), so every reader hides the same people.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa

from .. import ranking
from ..extensions import db
from ..labels import EDUCATION_LABELS, PROGRAM_LABELS, PROVINCES
from ..models import PIPELINE, Application, ApplicationStatus, CandidateProfile, Registration, Role
from ..paging import window
from ..ranking import DEFAULT_SECTION, SECTIONS, Ranked
from .search import Search
from .search import narrowing as search_narrowing
from .shortlists import SHORTLIST_FILTERS, Narrowing, filters_narrowing

SORTS = ("fit", "date")
DEFAULT_SORT = "fit"
MAX_TEXT = 200
# Out of the working list by default; `rejected=y` shows them.
CLOSED_STATUSES = (ApplicationStatus.REJECTED, ApplicationStatus.WITHDRAWN)
# A pipeline status to keep, or "none": not in the role's pipeline yet.
NOT_IN_PIPELINE = "none"
STATUSES = (NOT_IN_PIPELINE, *PIPELINE)


class QueryError(ValueError):
    """A shortlist query asked for something the shortlist does not have."""


@dataclass(frozen=True, slots=True)
class ShortlistPage:
    """One page of a shortlist section: its entries, how many in all, which page of how
    many, and how many candidates each section holds (with the same filters and search)."""

    entries: list[Ranked]
    total: int
    page: int
    pages: int
    section: str = DEFAULT_SECTION
    counts: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ShortlistQuery:
    """What a recruiter asks of a role's shortlist (see the module docstring)."""

    role: Role
    filters: frozenset = frozenset()
    search: Search = Search()
    section: str = DEFAULT_SECTION
    sort: str = DEFAULT_SORT
    statuses: frozenset = frozenset()
    rejected: bool = False

    def __post_init__(self):
        if self.section not in SECTIONS:
            raise QueryError("section is one of: " + ", ".join(SECTIONS))
        if self.sort not in SORTS:
            raise QueryError("sort is one of: " + ", ".join(SORTS))
        if set(self.filters) - set(SHORTLIST_FILTERS):
            raise QueryError("filters are some of: " + ", ".join(SHORTLIST_FILTERS))
        if set(self.statuses) - set(STATUSES):
            raise QueryError("status is some of: " + ", ".join(STATUSES))

    @classmethod
    def from_args(cls, role: Role, args) -> "ShortlistQuery":
        """The query a query string asks for: the page's (`section`, `sort`, `q`,
        `province`, `programme`, `education_min`, `attended`, `rejected`, one flag per
        filter, `status` once per status) or the API's (the same, with the filters also as
        `filters=a,b` and the statuses as `status=a,b`)."""
        filters = {name for name in SHORTLIST_FILTERS if _flag(args, name)}
        listed = args.get("filters")
        if listed is not None:
            filters |= set(listed.split(","))
        text = (args.get("q") or "").strip()
        if len(text) > MAX_TEXT or any(ord(c) < 32 for c in text):
            raise QueryError(f"q is at most {MAX_TEXT} characters, without control characters")
        search = Search(
            text=text,
            province=_choice(args, "province", PROVINCES),
            program=_choice(args, "programme", PROGRAM_LABELS),
            education=_choice(args, "education_min", EDUCATION_LABELS),
            attended=_flag(args, "attended"),
        )
        return cls(
            role=role,
            filters=frozenset(filters),
            search=search,
            section=args.get("section", DEFAULT_SECTION),
            sort=args.get("sort", DEFAULT_SORT),
            statuses=frozenset(_listed(args, "status")),
            rejected=_flag(args, "rejected"),
        )

    def pipeline_narrowing(self) -> Narrowing:
        """The statuses kept; without any, every candidate but those the role is done
        with (`CLOSED_STATUSES`), unless `rejected` shows them too."""
        in_role = sa.select(Application.candidate_id).where(Application.role_id == self.role.id)
        if self.statuses:
            named = set(self.statuses) - {NOT_IN_PIPELINE}
            kept = [CandidateProfile.id.in_(in_role.where(Application.status.in_(named)))]
            if NOT_IN_PIPELINE in self.statuses:
                kept.append(CandidateProfile.id.not_in(in_role))
            return Narrowing([sa.or_(*kept)])
        if self.rejected or not self.closed_in_role():
            return Narrowing()  # nothing to hide: the matcher's order needs no list of ids
        closed = in_role.where(Application.status.in_(CLOSED_STATUSES))
        return Narrowing([CandidateProfile.id.not_in(closed)])

    def closed_in_role(self) -> bool:
        return bool(
            db.session.scalar(
                sa.select(
                    sa.select(Application.id)
                    .where(
                        Application.role_id == self.role.id,
                        Application.status.in_(CLOSED_STATUSES),
                    )
                    .exists()
                )
            )
        )

    def hidden_count(self) -> int:
        """How many candidates the filters and search keep whom the default hides (the
        "show not selected (N)" switch): the role is done with them."""
        closed = sa.select(Application.candidate_id).where(
            Application.role_id == self.role.id, Application.status.in_(CLOSED_STATUSES)
        )
        narrowing = filters_narrowing(self.role, self.filters) + search_narrowing(
            self.role, self.search
        )
        return db.session.scalar(
            sa.select(sa.func.count(CandidateProfile.id))
            .join(Registration, Registration.candidate_id == CandidateProfile.id)
            .where(
                Registration.event_id == self.role.event_id,
                CandidateProfile.consent_at.is_not(None),
                CandidateProfile.id.in_(closed),
                *narrowing.clauses,
            )
        )

    def candidate_ids(self) -> list[int] | None:
        """The event's consenting candidates the filters and search keep, newest
        registration first; None when nothing narrows and the matcher's order is kept."""
        narrowing = (
            filters_narrowing(self.role, self.filters)
            + search_narrowing(self.role, self.search)
            + self.pipeline_narrowing()
        )
        if not narrowing.clauses and self.sort == "fit":
            return None
        statement = (
            sa.select(CandidateProfile.id)
            .join(Registration, Registration.candidate_id == CandidateProfile.id)
            .where(
                Registration.event_id == self.role.event_id,
                CandidateProfile.consent_at.is_not(None),
                *narrowing.clauses,
            )
            .order_by(Registration.registered_at.desc(), CandidateProfile.id.desc())
        )
        return list(db.session.scalars(statement))

    def _ordered(self) -> tuple[list[int], dict[str, int]]:
        """The section's candidates in the query's order, and each section's size."""
        found = self.candidate_ids()
        sections = ranking.sections(
            self.role, candidate_ids=found, by_band=self.sort == DEFAULT_SORT
        )
        counts = {name: len(ids) for name, ids in sections.items()}
        order = sections[self.section]
        if self.sort == "date":
            kept = set(order)
            order = [i for i in found if i in kept]
        return order, counts

    def ids(self) -> list[int]:
        """Every candidate the query lists over all its pages, in order."""
        return self._ordered()[0]

    def page(self, page: int, per_page: int) -> ShortlistPage:
        """One page (a page past the end shows the last one); only its rows are explained."""
        order, counts = self._ordered()
        shown = window(total=len(order), page=page, per_page=per_page)
        entries = ranking.explained(self.role, shown.of(order), first_rank=shown.offset + 1)
        return ShortlistPage(
            entries, len(order), shown.page, shown.pages, section=self.section, counts=counts
        )

    def rows(self) -> list[Ranked]:
        """Every row the query lists over all its pages, explained (for exports)."""
        return ranking.explained(self.role, self.ids())


def _flag(args, name: str) -> bool:
    """A check box: "y" when ticked (as the page's form sends it), "n" or absent when not."""
    value = args.get(name, "n")
    if value not in ("y", "n"):
        raise QueryError(f"{name} is y or n")
    return value == "y"


def _choice(args, name: str, allowed) -> str:
    """One of the choices offered, or "" for any (the page's form sends it so)."""
    value = args.get(name, "")
    if value and value not in allowed:
        raise QueryError(f"{name} is not one of the choices offered")
    return value


def _listed(args, name: str) -> list[str]:
    """Every value of a repeated parameter (`status=a&status=b`, the page's check boxes)
    or of a comma-separated one (`status=a,b`, the API's)."""
    values = args.getlist(name) if hasattr(args, "getlist") else [args.get(name)]
    parts = [part for value in values if value is not None for part in value.split(",")]
    if "" in parts:
        raise QueryError(f"{name} names one or more choices, none of them empty")
    return parts
