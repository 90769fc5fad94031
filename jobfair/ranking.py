"""Rankings for the web app: shortlists for roles and roles for candidates.

Each worker process keeps one fitted `matching.Matcher` per event, in memory. It is
kept fresh from the database, not from messages between processes: before every
ranking a cheap query reads the event's *signature* (counts and latest change
times of its registrations and their profiles). When the signature moved, only
the profiles changed since the last look are re-vectorised (`Matcher.update`) and
those gone or without consent are dropped (`Matcher.remove`). This works the same
in every gunicorn worker and on every app server sharing one PostgreSQL database.

No request waits for a full refit: the first ranking of an event in a process
fits its candidates once (about a second for a few thousand), and when many
profiles changed since that fit (so the vocabulary has drifted) a fresh matcher is
fitted in a background thread and swapped in when ready.
"""

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from matching import Matcher
from matching.bands import band
from matching.levels import LANGUAGE_ENGLISH_NAME

from .extensions import db
from .models import CandidateProfile, Event, Registration, Role
from .models.recruiting import RoleStatus

log = logging.getLogger(__name__)

# Profiles changed this long before the last seen change are looked at again, so a
# second app server whose clock runs a little behind cannot slip an update past us.
CLOCK_MARGIN = timedelta(minutes=2)
# Refit in the background once this share of the corpus was updated since the fit.
DRIFT_SHARE = 0.3


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


@dataclass
class _EventIndex:
    matcher: Matcher
    signature: tuple
    seen_until: datetime | None
    fitted_size: int
    updates_since_fit: int = 0
    refitting: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


_indexes: dict[tuple[str, int], _EventIndex] = {}
_indexes_lock = threading.Lock()


def _eligible(event_id: int):
    """Registrations of the event whose candidates consented to be shown to exhibitors."""
    return (
        sa.select(CandidateProfile)
        .join(Registration, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == event_id, CandidateProfile.consent_at.is_not(None))
    )


def _signature(event_id: int) -> tuple:
    row = db.session.execute(
        sa.select(
            sa.func.count(Registration.id),
            sa.func.count(CandidateProfile.consent_at),
            sa.func.max(CandidateProfile.updated_at),
            sa.func.max(Registration.registered_at),
            sa.func.sum(Registration.candidate_id),
        )
        .join(CandidateProfile, Registration.candidate_id == CandidateProfile.id)
        .where(Registration.event_id == event_id)
    ).one()
    return tuple(row)


def _records(profiles) -> list[dict]:
    return [profile.matcher_record() for profile in profiles]


def _matcher_options() -> dict:
    return dict(current_app.config.get("MATCHER_OPTIONS", {}))


def _fit(event_id: int) -> _EventIndex:
    signature = _signature(event_id)
    profiles = db.session.scalars(_eligible(event_id)).all()
    matcher = Matcher(**_matcher_options()).fit(_records(profiles))
    return _EventIndex(
        matcher=matcher,
        signature=signature,
        seen_until=signature[2],
        fitted_size=len(profiles),
    )


def _refresh(index: _EventIndex, event_id: int, signature: tuple) -> None:
    """Bring the matcher up to date with the database; caller holds index.lock."""
    current_ids = set(
        db.session.scalars(_eligible(event_id).with_only_columns(CandidateProfile.id))
    )
    query = _eligible(event_id)
    if index.seen_until is not None:
        query = query.where(CandidateProfile.updated_at >= index.seen_until - CLOCK_MARGIN)
    known = set(index.matcher.candidate_ids_)
    new_ids = current_ids - known
    changed = {p.id: p for p in db.session.scalars(query)}
    if new_ids - changed.keys():
        extra = db.session.scalars(
            sa.select(CandidateProfile).where(CandidateProfile.id.in_(new_ids - changed.keys()))
        )
        changed.update({p.id: p for p in extra})
    gone = known - current_ids
    if gone:
        index.matcher.remove(sorted(gone))
    if changed:
        index.matcher.update(_records(changed.values()))
    index.updates_since_fit += len(changed) + len(gone)
    index.signature = signature
    index.seen_until = signature[2]


def _index_for(event_id: int) -> _EventIndex:
    key = (str(db.engine.url), event_id)
    with _indexes_lock:
        index = _indexes.get(key)
    if index is None:
        index = _fit(event_id)
        with _indexes_lock:
            index = _indexes.setdefault(key, index)
        return index
    signature = _signature(event_id)
    if signature != index.signature:
        with index.lock:
            if signature != index.signature:
                _refresh(index, event_id, signature)
        _maybe_refit_in_background(key, index, event_id)
    return index


def _maybe_refit_in_background(key, index: _EventIndex, event_id: int) -> None:
    if index.refitting or index.updates_since_fit < max(50, DRIFT_SHARE * index.fitted_size):
        return
    index.refitting = True
    app = current_app._get_current_object()

    def refit():
        try:
            with app.app_context():
                fresh = _fit(event_id)
                with _indexes_lock:
                    _indexes[key] = fresh
        except Exception:  # noqa: BLE001 - a failed refit keeps the current matcher
            log.exception("background refit of event %s failed", event_id)
            index.refitting = False

    threading.Thread(target=refit, name=f"refit-event-{event_id}", daemon=True).start()


def load_taxonomy() -> None:
    """Load the ESCO resource now rather than in the first ranking request."""
    from matching.taxonomy import Taxonomy

    Taxonomy.default()


def warm_up(app) -> None:
    """Fit the matchers of events open for registration, in the background."""

    def fit_open_events():
        with app.app_context():
            try:
                for event_id in db.session.scalars(
                    sa.select(Event.id).where(Event.registration_open.is_(True))
                ):
                    _index_for(event_id)
            except Exception:  # noqa: BLE001 - warming up is an optimisation only
                log.exception("warming up the matchers failed")
            finally:
                db.session.remove()

    threading.Thread(target=fit_open_events, name="matcher-warm-up", daemon=True).start()


def forget_all() -> None:
    """Drop every in-memory matcher (tests, and after a restore)."""
    with _indexes_lock:
        _indexes.clear()


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


# The shortlist's sections: who meets every must-have, who misses one by a level, everyone.
SECTIONS = ("qualified", "almost", "everyone")
_SECTION_OF = {"met": "qualified", "nearly": "almost", "not_met": None}


@dataclass(frozen=True, slots=True)
class ShortlistPage:
    """One page of a ranked shortlist section: its entries, how many in all, which page of
    how many, and how many candidates each section holds (with the same filters)."""

    entries: list[Ranked]
    total: int
    page: int
    pages: int
    section: str = "qualified"
    counts: dict = field(default_factory=dict)


def shortlist_page(
    role: Role, *, candidate_ids=None, section: str = "qualified", page: int, per_page: int
) -> ShortlistPage:
    """One page of a shortlist section; a page past the end shows the last one.

    "qualified" holds the candidates who meet every must-have requirement, "almost" those
    who miss must-haves by one level only (N5 where N4 is a must), "everyone" all of them.
    The whole list is ordered without explanations; only the rows shown are explained, so
    a page costs about the same with 1,000 candidates as with 10,000.
    """
    section = section if section in SECTIONS else "qualified"
    ids = None if candidate_ids is None else list(candidate_ids)
    if ids is not None and not ids:
        return ShortlistPage([], 0, 1, 1, section=section, counts=dict.fromkeys(SECTIONS, 0))
    index = _index_for(role.event_id)
    record = role.matcher_record()
    with index.lock:
        sections = _sections(index.matcher, record, ids)
        counts = {name: len(found) for name, found in sections.items()}
        order = sections[section]
        pages = max(1, -(-len(order) // per_page))
        page = min(max(page, 1), pages)
        offset = (page - 1) * per_page
        shown = order[offset : offset + per_page]
        results = (
            index.matcher.rank(record, k=None, candidate_ids=shown, hard_filters=False)
            if shown
            else []
        )
    entries = _entries(role, results, first_rank=offset + 1)
    return ShortlistPage(entries, len(order), page, pages, section=section, counts=counts)


def sectioned_ids(role: Role, *, candidate_ids=None) -> dict[str, list[int]]:
    """Each shortlist section's candidates (see `SECTIONS`), best first, without explanations."""
    ids = None if candidate_ids is None else list(candidate_ids)
    if ids is not None and not ids:
        return {name: [] for name in SECTIONS}
    index = _index_for(role.event_id)
    with index.lock:
        return _sections(index.matcher, role.matcher_record(), ids)


def ordered_ids(role: Role, *, candidate_ids=None, section: str = "qualified") -> list[int]:
    """The candidates a shortlist section keeps, best first, without explanations."""
    found = sectioned_ids(role, candidate_ids=candidate_ids)
    return found.get(section, found["qualified"])


def _sections(matcher: Matcher, record: dict, ids) -> dict[str, list[int]]:
    order = matcher.rank(record, k=None, candidate_ids=ids, hard_filters=False, explain=False)
    status = matcher.must_status(record, candidate_ids=ids)
    found = {name: [] for name in SECTIONS}
    for result in order:
        section = _SECTION_OF[status[result.candidate_id]]
        if section is not None:
            found[section].append(result.candidate_id)
        found["everyone"].append(result.candidate_id)
    return found


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


def recommend_roles(profile: CandidateProfile, event: Event, k=10, *, roles=None) -> list[RoleFit]:
    """Open roles at the event (or these `roles` of it) that fit best, with what fits and not."""
    if roles is None:
        roles = _open_roles(event)
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


def _open_roles(event: Event) -> list[Role]:
    statement = sa.select(Role).where(Role.event_id == event.id, Role.status == RoleStatus.OPEN)
    return db.session.scalars(statement).all()


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
