"""Searching a role's candidates: free text, more filters, sort by fit or by date.

The search narrows the candidates first (in SQL, over the event's registrations); the
ranked shortlist then orders and explains only those. The same function gives the page
on screen and the rows of an export, so the two cannot disagree.
"""

import json
from dataclasses import dataclass, replace

import sqlalchemy as sa

from matching.levels import education_rank

from .. import ranking
from ..extensions import db
from ..models import CandidateProfile, Registration, Role
from ..ranking import ShortlistPage
from . import shortlists

SORTS = ("fit", "date")
MAX_WORDS = 8
EVERYTHING = 1_000_000  # "per page" for an export: every row


@dataclass(frozen=True)
class Search:
    """What the recruiter asked for, as read from the query string."""

    text: str = ""
    province: str = ""
    program: str = ""
    education: str = ""
    attended: bool = False
    sort: str = "fit"
    section: str = "qualified"  # a shortlist section (ranking.SECTIONS)

    @property
    def words(self) -> list[str]:
        return self.text.lower().split()[:MAX_WORDS]

    @property
    def narrows(self) -> bool:
        return bool(self.words or self.province or self.program or self.education or self.attended)


def _like(column, word: str):
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return sa.func.lower(column).like(f"%{escaped}%", escape="\\")


def _json_like(column, word: str):
    """Lists are stored as JSON text, where other scripts may be written as \\u escapes."""
    as_text = sa.cast(column, sa.Text)
    encoded = json.dumps(word)[1:-1]
    if encoded == word:
        return _like(as_text, word)
    return sa.or_(_like(as_text, word), _like(as_text, encoded.lower()))


def _word_matches(word: str, *, names: bool):
    in_name = sa.or_(
        _like(CandidateProfile.full_name, word), _like(CandidateProfile.name_khmer, word)
    )
    fields = [
        _like(CandidateProfile.headline, word),
        _like(CandidateProfile.experience, word),
        _like(CandidateProfile.education_field, word),
        _json_like(CandidateProfile.skills, word),
        _json_like(CandidateProfile.past_jobs, word),
    ]
    if names:
        fields += [in_name, _like(CandidateProfile.cv_text, word)]
    else:
        # Under blind review a name must not find anyone, not even through the CV that
        # carries it: a word of the candidate's own name does not count in their CV.
        fields.append(sa.and_(_like(CandidateProfile.cv_text, word), sa.not_(in_name)))
    return sa.or_(*fields)


def matching_ids(role: Role, search: Search) -> list[int] | None:
    """The event's consenting candidates the search keeps, newest registration first.

    None when the search narrows nothing (and the order is the shortlist's).
    """
    if not search.narrows and search.sort == "fit":
        return None
    query = (
        sa.select(
            CandidateProfile.id,
            CandidateProfile.programs,
            CandidateProfile.education_level,
        )
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == role.event_id, CandidateProfile.consent_at.is_not(None))
        .order_by(Registration.registered_at.desc(), CandidateProfile.id.desc())
    )
    for word in search.words:
        query = query.where(_word_matches(word, names=not role.blind_review))
    if search.province:
        query = query.where(CandidateProfile.province == search.province)
    if search.attended:
        query = query.where(Registration.checked_in_at.is_not(None))
    floor = education_rank(search.education) if search.education else None
    return [
        row.id
        for row in db.session.execute(query)
        if (not search.program or search.program in (row.programs or []))
        and (floor is None or education_rank(row.education_level) >= floor)
    ]


def listing(
    role: Role, active: set[str], search: Search, *, page: int, per_page: int
) -> ShortlistPage:
    """The page of candidates the recruiter sees: section, filters, search and sort applied."""
    ids = matching_ids(role, search)
    if search.sort == "fit":
        return shortlists.shortlist_page(
            role, active, page=page, per_page=per_page, section=search.section, within=ids
        )
    return _by_date(role, active, ids or [], search.section, page=page, per_page=per_page)


def _by_date(
    role, active, newest_first: list[int], section: str, *, page: int, per_page: int
) -> ShortlistPage:
    """The same candidates as by fit, newest registration first; only the page is explained."""
    sections = ranking.sectioned_ids(
        role,
        candidate_ids=shortlists.narrow(
            shortlists.filtered_candidate_ids(role, active), newest_first
        ),
    )
    section = section if section in sections else "qualified"
    kept = set(sections[section])
    order = [i for i in newest_first if i in kept]
    pages = max(1, -(-len(order) // per_page))
    page = min(max(page, 1), pages)
    offset = (page - 1) * per_page
    shown = order[offset : offset + per_page]
    by_id = {e.profile.id: e for e in ranking.shortlist(role, candidate_ids=shown)} if shown else {}
    entries = [
        replace(by_id[i], rank=offset + n)
        for n, i in enumerate((i for i in shown if i in by_id), start=1)
    ]
    counts = {name: len(found) for name, found in sections.items()}
    return ShortlistPage(entries, len(order), page, pages, section=section, counts=counts)


def all_ids(role: Role, active: set[str], search: Search) -> list[int]:
    """Every candidate the screen lists over all its pages ("select everything matching")."""
    return ranking.ordered_ids(
        role,
        candidate_ids=shortlists.narrow(
            shortlists.filtered_candidate_ids(role, active), matching_ids(role, search)
        ),
        section=search.section,
    )


def every_row(role: Role, active: set[str], search: Search) -> list:
    """Every row the screen shows over all its pages, in the same order (for exports)."""
    return listing(role, active, search, page=1, per_page=EVERYTHING).entries
