"""Searching a role's candidates: free text and more filters, as SQL conditions.

The search narrows the candidates in the database (over the event's registrations); the
shortlist query (`shortlist_query.ShortlistQuery`) then orders and explains only those.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from matching.scripts import fold
from matching.search_keys import alternatives

from ..likes import contains as _like
from ..models import CandidateProfile, Registration, Role
from ..sql import list_holds
from .shortlists import Narrowing, education_at_least

MAX_WORDS = 8


@dataclass(frozen=True)
class Search:
    """What the recruiter asked for, as read from the query string."""

    text: str = ""
    province: str = ""
    program: str = ""
    education: str = ""
    attended: bool = False

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()[:MAX_WORDS]

    @property
    def narrows(self) -> bool:
        return bool(self.words or self.province or self.program or self.education or self.attended)


def _word_matches(word: str, *, names: bool):
    """The candidate's searched fields (their search key) or their CV hold the word or, for a
    known job word, its English term: 溶接, ផ្សារដែក and "welding" find one another."""
    return sa.or_(*(_alias_matches(alias, names=names) for alias in alternatives(word)))


def _alias_matches(word: str, *, names: bool):
    in_name = sa.or_(
        _like(CandidateProfile.full_name, word), _like(CandidateProfile.name_khmer, word)
    )
    fields = [_like(CandidateProfile.search_key, word)]
    if names:
        fields += [in_name, _like(CandidateProfile.cv_text, word)]
    else:
        # Under blind review a name must not find anyone, not even through the CV that
        # carries it: a word of the candidate's own name does not count in their CV.
        fields.append(sa.and_(_like(CandidateProfile.cv_text, word), sa.not_(in_name)))
    return sa.or_(*fields)


def narrowing(role: Role, search: Search) -> Narrowing:
    """The conditions a candidate meets to be found by the search."""
    found = Narrowing()
    for word in search.words:
        found.clauses.append(_word_matches(word, names=not role.blind_review))
    if search.province:
        found.clauses.append(CandidateProfile.province == search.province)
    if search.attended:
        found.clauses.append(Registration.checked_in_at.is_not(None))
    if search.education:
        found.clauses.append(education_at_least(search.education))
    if search.program:
        found.clauses.append(list_holds(CandidateProfile.programs, search.program))
    return found
