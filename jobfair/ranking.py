"""Rankings for the web app: shortlists for roles and roles for candidates.

One fitted `matching.Matcher` per event ranks its candidates; `indexes` fits it, keeps
it fresh from the database and, under gunicorn, shares it between a server's workers.
"""

from dataclasses import dataclass, replace

import sqlalchemy as sa

from matching import Matcher
from matching.bands import BAND_ORDER
from matching.levels import LANGUAGE_ENGLISH_NAME

from . import access, learned_weights
from .extensions import db
from .indexes import _index_for, forget_all, load_taxonomy, warm_up  # noqa: F401
from .models import CandidateProfile, Event, Registration, Role


def explanation_dict(explanation, learned=None) -> dict:
    """The matcher's explanation (with its band) as the templates read it: language names,
    not codes; with `learned` weights, how many decisions taught them."""
    data = explanation.to_dict()
    if learned is not None and data.get("weights_source") == "learned":
        data["learned_decisions"] = learned.decisions
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
    rows = learned_weights.company_rows(role)
    with index.lock:
        record, learned = _record(role, index.matcher, rows)
        # Must-have languages sink candidates rather than hide them: recruiters can
        # still look below the line (the shortlist's filter hides them by default).
        results = index.matcher.rank(record, k=limit, candidate_ids=ids, hard_filters=False)
    return _entries(role, results, first_rank=1, learned=learned)


def _record(role: Role, matcher: Matcher, rows: list):
    """The role's record for the matcher and the learned weights in it (None: defaults).
    `rows` are the role's company's weights only, learned off the page (`learned_weights`)."""
    learned = learned_weights.weights_for(role, matcher, rows)
    return learned_weights.matcher_record(role, learned), learned


# The shortlist's sections: who meets every must-have, who misses one by a level, everyone.
SECTIONS = ("qualified", "almost", "everyone")
DEFAULT_SECTION = "qualified"
_SECTION_OF = {"met": "qualified", "nearly": "almost", "not_met": None}


def sections(role: Role, *, candidate_ids=None, by_band: bool = True) -> dict[str, list[int]]:
    """Each shortlist section's candidates (see `SECTIONS`), without explanations.

    "qualified" holds the candidates who meet every must-have requirement, "almost" those
    who miss must-haves by one level only (N5 where N4 is a must), "everyone" all of them.
    Within a section the best band comes first, then the best score, so a "Strong fit"
    never sits below a "Good fit"; only the rows a page shows need explaining (`explained`).
    `by_band=False` keeps the score order (for a list that orders itself, e.g. by date).
    """
    ids = None if candidate_ids is None else list(candidate_ids)
    if ids is not None and not ids:
        return {name: [] for name in SECTIONS}
    index = _index_for(role.event_id)
    rows = learned_weights.company_rows(role)
    with index.lock:
        return _sections(index.matcher, _record(role, index.matcher, rows)[0], ids, by_band)


def _sections(matcher: Matcher, record: dict, ids, by_band: bool) -> dict[str, list[int]]:
    # Ids only: a national fair's 50,000 candidates are sorted here, 25 explained per page.
    order = matcher.ranked_ids(record, candidate_ids=ids, hard_filters=False)
    status = matcher.must_status(record, candidate_ids=ids)
    if by_band:
        bands = matcher.bands(record, candidate_ids=ids)
        # A stable sort: the matcher's score order holds within each band.
        order = sorted(order, key=lambda candidate: BAND_ORDER[bands[candidate]])
    found = {name: [] for name in SECTIONS}
    for candidate in order:
        section = _SECTION_OF[status[candidate]]
        if section is not None:
            found[section].append(candidate)
    found["everyone"] = order
    return found


def explained(role: Role, ids: list[int], *, first_rank: int = 1) -> list[Ranked]:
    """These candidates, in this order, explained and numbered from `first_rank`."""
    if not ids:
        return []
    index = _index_for(role.event_id)
    rows = learned_weights.company_rows(role)
    with index.lock:
        record, learned = _record(role, index.matcher, rows)
        results = index.matcher.rank(record, k=None, candidate_ids=ids, hard_filters=False)
    by_id = {result.candidate_id: result for result in results}
    found = [by_id[i] for i in ids if i in by_id]
    return _entries(role, found, first_rank=first_rank, learned=learned)


def _entries(role: Role, results, *, first_rank: int, learned=None) -> list[Ranked]:
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
                explanation=explanation_dict(result.explanation, learned),
            )
        )
    return ranked


def recommend_roles(
    profile: CandidateProfile,
    event: Event,
    k=10,
    *,
    roles=None,
    every_role: bool = False,
    explain: bool = True,
) -> list[RoleFit]:
    """Open roles at the event (or these `roles` of it) that fit best, with what fits and not:
    the best band first, then the best score. With `every_role`, roles the matcher ranks
    out are explained too (after the others of their band). With ``explain=False`` the
    fits carry no explanation (None): the order of thousands of roles is cheap, a page's
    explanations are not (see `explained_roles`)."""
    if roles is None:
        roles = _open_roles(event)
    if not roles:
        return []
    by_id = {role.id: role for role in roles}
    results = _recommended(
        profile, event, [role.matcher_record() for role in roles], every_role, explain
    )
    return [
        RoleFit(
            rank=n,
            score=float(result.score),
            role=by_id[result.role_id],
            explanation=None
            if result.explanation is None
            else explanation_dict(result.explanation),
        )
        for n, result in enumerate(results[:k], start=1)
    ]


def order_roles(profile: CandidateProfile, event: Event, records: list[dict]) -> list[tuple]:
    """(role id, score) of every one of these role records (`Role.matcher_record`), in the
    order `recommend_roles(..., every_role=True)` gives: a search over thousands of roles
    orders them from their columns, without loading each as an object."""
    if not records:
        return []
    return [
        (result.role_id, float(result.score))
        for result in _recommended(profile, event, records, every_role=True, explain=False)
    ]


def _recommended(profile, event, records: list[dict], every_role: bool, explain: bool) -> list:
    index = _index_for(event.id)
    with index.lock:
        results = index.matcher.recommend(
            profile.matcher_record(),
            records,
            k=len(records),
            every_role=every_role,
            explain_ids=None if explain else (),
        )
    asked = {record["id"] for record in records}
    return sorted((r for r in results if r.role_id in asked), key=lambda r: BAND_ORDER[r.band])


def explained_roles(profile: CandidateProfile, event: Event, fits: list[RoleFit]) -> list[RoleFit]:
    """These fits (from ``recommend_roles(..., explain=False)``), explained, same ranks."""
    if not fits:
        return []
    explained = recommend_roles(
        profile, event, len(fits), roles=[fit.role for fit in fits], every_role=True
    )
    by_id = {fit.role.id: fit.explanation for fit in explained}
    return [replace(fit, explanation=by_id[fit.role.id]) for fit in fits if fit.role.id in by_id]


def _open_roles(event: Event) -> list[Role]:
    """The roles candidates may see and apply to: one rule for every list (`access`)."""
    return access.open_roles(event)


def improvements(profile: CandidateProfile, event: Event, limit: int = 3) -> list[dict]:
    """What would open more of the event's roles to the candidate, most roles first."""
    roles = _open_roles(event)
    if not roles:
        return []
    index = _index_for(event.id)
    gaps = index.matcher.gaps(profile.matcher_record(), [role.matcher_record() for role in roles])
    for gap in gaps:
        if gap["kind"] == "language":
            gap["language"] = LANGUAGE_ENGLISH_NAME.get(gap["language"], gap["language"])
    return gaps[:limit]
