"""Rankings for the web app: shortlists for roles and roles for candidates.

One fitted `matching.Matcher` per event ranks its candidates; `indexes` fits it, keeps
it fresh from the database and, under gunicorn, shares it between a server's workers.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from matching.bands import band
from matching.levels import LANGUAGE_ENGLISH_NAME

from .extensions import db
from .indexes import _index_for, forget_all, load_taxonomy, warm_up  # noqa: F401
from .models import CandidateProfile, Event, Registration, Role
from .models.recruiting import RoleStatus


def explanation_dict(explanation) -> dict:
    """The matcher's explanation as the templates read it: language names, not codes."""
    data = explanation.to_dict()
    data["band"] = band(explanation)
    for fit in data["languages"]:
        fit["code"] = fit["language"]
        fit["language"] = LANGUAGE_ENGLISH_NAME.get(fit["code"], fit["code"])
    return data


@dataclass(frozen=True, slots=True)
class Ranked:
    """One ranked candidate for a role, ready for a template."""

    rank: int
    score: float
    profile: CandidateProfile
    registration: Registration
    explanation: dict


@dataclass(frozen=True, slots=True)
class RoleFit:
    """One role ranked for a candidate."""

    rank: int
    score: float
    role: Role
    explanation: dict


def shortlist(role: Role, *, candidate_ids=None, limit: int | None = None) -> list[Ranked]:
    """The role's event candidates who consented, best first, with explanations.

    `candidate_ids` narrows the ranking to some candidates (the shortlist filters);
    `limit` ranks and explains only the first `limit`.
    """
    index = _index_for(role.event_id)
    ids = None if candidate_ids is None else list(candidate_ids)
    if ids is not None and not ids:
        return []
    with index.lock:
        # Must-have languages sink candidates rather than hide them: recruiters can
        # still look below the line (the shortlist's filter hides them by default).
        results = index.matcher.rank(
            role.matcher_record(), k=limit, candidate_ids=ids, hard_filters=False
        )
    return _entries(role, results, first_rank=1)


@dataclass(frozen=True, slots=True)
class ShortlistPage:
    """One page of a ranked shortlist: its entries, how many in all, which page of how many."""

    entries: list[Ranked]
    total: int
    page: int
    pages: int


def shortlist_page(
    role: Role, *, candidate_ids=None, must_languages: bool = False, page: int, per_page: int
) -> ShortlistPage:
    """One page of the shortlist; a page past the end shows the last one.

    The whole list is ordered without explanations; only the rows shown are explained, so
    a page costs about the same with 1,000 candidates as with 10,000.
    `must_languages` keeps only candidates who meet every language the role must have.
    """
    ids = None if candidate_ids is None else list(candidate_ids)
    if ids is not None and not ids:
        return ShortlistPage(entries=[], total=0, page=1, pages=1)
    index = _index_for(role.event_id)
    record = role.matcher_record()
    with index.lock:
        order = index.matcher.rank(
            record, k=None, candidate_ids=ids, hard_filters=False, explain=False
        )
        if must_languages:
            passing = {
                r.candidate_id
                for r in index.matcher.rank(
                    record, k=None, candidate_ids=ids, hard_filters=True, explain=False
                )
            }
            order = [r for r in order if r.candidate_id in passing]
        pages = max(1, -(-len(order) // per_page))
        page = min(max(page, 1), pages)
        offset = (page - 1) * per_page
        shown = [r.candidate_id for r in order[offset : offset + per_page]]
        results = (
            index.matcher.rank(record, k=None, candidate_ids=shown, hard_filters=False)
            if shown
            else []
        )
    entries = _entries(role, results, first_rank=offset + 1)
    return ShortlistPage(entries=entries, total=len(order), page=page, pages=pages)


def _entries(role: Role, results, *, first_rank: int) -> list[Ranked]:
    """Ranked entries with their profiles and registrations, loaded in two queries."""
    if not results:
        return []
    profiles = {
        p.id: p
        for p in db.session.scalars(
            sa.select(CandidateProfile).where(
                CandidateProfile.id.in_([r.candidate_id for r in results])
            )
        )
    }
    registrations = {
        r.candidate_id: r
        for r in db.session.scalars(
            sa.select(Registration).where(
                Registration.event_id == role.event_id,
                Registration.candidate_id.in_(list(profiles)),
            )
        )
    }
    ranked = []
    for result in results:
        profile = profiles.get(result.candidate_id)
        registration = registrations.get(result.candidate_id)
        if profile is None or registration is None or not profile.has_consent:
            continue  # changed since the signature was read; shown on the next view
        ranked.append(
            Ranked(
                rank=first_rank + len(ranked),
                score=float(result.score),
                profile=profile,
                registration=registration,
                explanation=explanation_dict(result.explanation),
            )
        )
    return ranked


def recommend_roles(profile: CandidateProfile, event: Event, k: int = 10) -> list[RoleFit]:
    """Open roles at the event that fit the candidate best, with what fits and what is missing."""
    roles = db.session.scalars(
        sa.select(Role).where(Role.event_id == event.id, Role.status == RoleStatus.OPEN)
    ).all()
    if not roles:
        return []
    index = _index_for(event.id)
    by_id = {role.id: role for role in roles}
    with index.lock:
        results = index.matcher.recommend(
            profile.matcher_record(), [role.matcher_record() for role in roles], k=k
        )
    return [
        RoleFit(
            rank=n,
            score=float(result.score),
            role=by_id[result.role_id],
            explanation=explanation_dict(result.explanation),
        )
        for n, result in enumerate(results, start=1)
        if result.role_id in by_id
    ]


def improvements(profile: CandidateProfile, event: Event, limit: int = 3) -> list[dict]:
    """What would open more of the event's roles to the candidate, most roles first."""
    roles = db.session.scalars(
        sa.select(Role).where(Role.event_id == event.id, Role.status == RoleStatus.OPEN)
    ).all()
    if not roles:
        return []
    index = _index_for(event.id)
    gaps = index.matcher.gaps(profile.matcher_record(), [role.matcher_record() for role in roles])
    for gap in gaps:
        if gap["kind"] == "language":
            gap["language"] = LANGUAGE_ENGLISH_NAME.get(gap["language"], gap["language"])
    return gaps[:limit]
