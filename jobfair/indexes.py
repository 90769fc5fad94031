"""The matcher indexes: one fitted `matching.Matcher` per event, kept fresh from the database.

Freshness comes from the database, not from messages between processes: before every
ranking two index lookups read the event's *signature* (the count and highest id of its
registrations, the latest profile change). When the signature moved, only the profiles
changed since the last look are re-vectorised (`Matcher.update`) and those gone or
without consent are dropped (`Matcher.remove`). This works the same in every process and
on every app server sharing one PostgreSQL database.

Where an index lives depends on how the process serves (`mode`):

- ``"process"`` (flask run, tests, a single process): the first ranking of an event fits
  it (about a second for a few thousand candidates); when many profiles changed since
  the fit (the vocabulary drifted) a fresh matcher is fitted in a background thread.
- ``"master"`` and ``"worker"`` (gunicorn, see gunicorn.conf.py): the gunicorn master
  fits the open events once, before it forks, and brings them up to date before each
  fork (`prepare_for_fork`). Workers inherit them copy-on-write: the index's arrays and
  objects are shared by every worker of the server, not copied per worker, and a worker
  restarted after a crash or `max_requests` starts with a current index at once. Each
  worker applies the small changes since (`Matcher.update` writes only new pages). When
  a worker finds an event drifted or not fitted yet, it serves from its own copy and asks
  the master for a refit (SIGHUP, at most once a minute): the master refits once for the
  server and replaces the workers gracefully, so no accepted request is lost.
"""

import gc
import logging
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

import sqlalchemy as sa
from flask import current_app

from matching import Matcher

from .extensions import db
from .models import CandidateProfile, Event, Registration

log = logging.getLogger(__name__)

# Profiles changed this long before the last seen change are looked at again, so a
# second app server whose clock runs a little behind cannot slip an update past us.
CLOCK_MARGIN = timedelta(minutes=2)
# Refit once this share of the corpus was updated since the fit.
DRIFT_SHARE = 0.3
# A worker asks the master for a refit at most this often (seconds).
REFIT_REQUEST_INTERVAL = 60

mode = "process"
_last_refit_request = 0.0


@dataclass
class _EventIndex:
    matcher: Matcher
    signature: "_Signature"
    seen_until: datetime | None
    fitted_size: int
    updates_since_fit: int = 0
    # Each indexed candidate's profile `updated_at`: a refresh re-reads only those that moved.
    stamps: dict = field(default_factory=dict)
    refitting: bool = False
    warmed: bool = False
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


class _Signature(NamedTuple):
    """What a ranking reads before it trusts an index; each part is one index lookup."""

    registrations: int  # the event's registrations
    last_registration: int | None  # their highest id
    last_change: datetime | None  # the latest profile change, any event's


def _signature(event_id: int) -> _Signature:
    count, last = db.session.execute(
        sa.select(sa.func.count(Registration.id), sa.func.max(Registration.id)).where(
            Registration.event_id == event_id
        )
    ).one()
    last_change = db.session.scalar(sa.select(sa.func.max(CandidateProfile.updated_at)))
    return _Signature(count, last, last_change)


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
        seen_until=signature.last_change,
        fitted_size=len(profiles),
        stamps={p.id: p.updated_at for p in profiles},
    )


def _refresh(index: _EventIndex, event_id: int, signature: _Signature) -> None:
    """Bring the matcher up to date with the database; caller holds index.lock.

    Looked at again: registrations newer than the last seen one, and profiles changed since
    a little before the last seen change (CLOCK_MARGIN, so a second app server whose clock
    runs behind, or a transaction that committed late, cannot slip past); of those, only
    the ones whose `updated_at` differs from the one indexed are re-read. Only when the
    count of registrations says some went away (or one committed under a lower id) are all
    the event's candidates listed to find out which.
    """
    old = index.signature
    new_regs = sa.select(Registration.candidate_id).where(Registration.event_id == event_id)
    if old.last_registration is not None:
        new_regs = new_regs.where(Registration.id > old.last_registration)
    arrived = set(db.session.scalars(new_regs))
    recent = sa.select(CandidateProfile.id, CandidateProfile.updated_at)
    if index.seen_until is not None:
        recent = recent.where(CandidateProfile.updated_at >= index.seen_until - CLOCK_MARGIN)
    moved = {pid for pid, stamp in db.session.execute(recent) if index.stamps.get(pid) != stamp}
    known = index.stamps  # every indexed candidate, by id
    if signature.registrations == old.registrations + len(arrived):
        # Nobody left: look only at those who arrived or moved.
        looked_at = sorted(arrived | moved)
        eligible = _eligible_among(event_id, looked_at)
        gone = {pid for pid in looked_at if pid in known and pid not in eligible}
    else:
        eligible = _eligible_ids(event_id)
        gone = {pid for pid in known if pid not in eligible}
    wanted = {pid for pid in eligible if pid not in known or pid in moved}
    changed = {}
    for chunk in _chunks(sorted(wanted)):
        query = sa.select(CandidateProfile).where(CandidateProfile.id.in_(chunk))
        changed.update({p.id: p for p in db.session.scalars(query)})
    if gone:
        index.matcher.remove(sorted(gone))
        for pid in gone:
            index.stamps.pop(pid, None)
    if changed:
        index.matcher.update(_records(changed.values()))
        index.stamps.update({p.id: p.updated_at for p in changed.values()})
    index.updates_since_fit += len(changed) + len(gone)
    index.signature = signature
    index.seen_until = signature.last_change


def _chunks(ids: list[int], size: int = 5000):
    """Bounded IN lists."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _eligible_ids(event_id: int) -> set[int]:
    """Every candidate of the event a ranking may show (tens of thousands at a national fair)."""
    return set(db.session.scalars(_eligible(event_id).with_only_columns(CandidateProfile.id)))


def _eligible_among(event_id: int, ids: list[int]) -> set[int]:
    query, found = _eligible(event_id).with_only_columns(CandidateProfile.id), set()
    for chunk in _chunks(ids):
        found.update(db.session.scalars(query.where(CandidateProfile.id.in_(chunk))))
    return found


def _index_for(event_id: int) -> _EventIndex:
    key = (str(db.engine.url), event_id)
    with _indexes_lock:
        index = _indexes.get(key)
    if index is None:
        index = _fit(event_id)
        with _indexes_lock:
            index = _indexes.setdefault(key, index)
        if mode == "worker":
            request_server_refit(f"event {event_id} was not fitted by the master")
        return index
    signature = _signature(event_id)
    if signature != index.signature:
        with index.lock:
            if signature != index.signature:
                _refresh(index, event_id, signature)
        _maybe_refit(key, index, event_id)
    return index


def _drifted(index: _EventIndex) -> bool:
    return index.updates_since_fit >= max(50, DRIFT_SHARE * index.fitted_size)


def _maybe_refit(key, index: _EventIndex, event_id: int) -> None:
    if index.refitting or not _drifted(index):
        return
    if mode == "master":
        with _indexes_lock:
            _indexes[key] = _fit(event_id)
        return
    if mode == "worker":
        request_server_refit(f"event {event_id} drifted")
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


# --- one index per server: the gunicorn master fits, the workers share -----------------


def open_event_ids() -> list[int]:
    return list(db.session.scalars(sa.select(Event.id).where(Event.registration_open.is_(True))))


def prepare_for_fork(app) -> None:
    """In the gunicorn master, before it forks a worker: fit the open events' indexes, or
    bring them up to date (refitting drifted ones), then leave nothing a child must not
    inherit (database connections) and freeze the objects so the children's garbage
    collector never writes to the shared pages."""
    global mode
    mode = "master"
    started = time.perf_counter()
    with app.app_context():
        try:
            for event_id in open_event_ids():
                _warm_caches(_index_for(event_id), event_id)
        except Exception:  # noqa: BLE001 - workers then fit on their own
            log.exception("fitting the matchers in the master failed")
        finally:
            db.session.remove()
            for engine in db.engines.values():
                engine.dispose()
        _clear_refit_request(app.instance_path)
    took = time.perf_counter() - started
    if took > 1:
        log.warning("matcher indexes ready for the workers in %.1f s", took)
    gc.collect()
    gc.freeze()


def _warm_caches(index: _EventIndex, event_id: int, roles: int = 20) -> None:
    """Rank and band the event's open roles once, so the matcher's lazily built caches (the
    titles' nearest occupations, the candidates' evidence words) exist before the fork and
    are shared, not rebuilt by each worker's first shortlist."""
    from .models import Role
    from .models.recruiting import RoleStatus

    if index.warmed:
        return
    index.warmed = True
    for role in db.session.scalars(
        sa.select(Role)
        .where(Role.event_id == event_id, Role.status == RoleStatus.OPEN)
        .order_by(Role.id)
        .limit(roles)
    ):
        record = role.matcher_record()
        with index.lock:
            index.matcher.rank(record, k=25, hard_filters=False)
            # The shortlist's bands: every candidate's evidence words, read once.
            index.matcher.bands(record)


def become_worker() -> None:
    """In a gunicorn worker right after the fork: keep the inherited indexes, ask the
    master (not this process) to refit."""
    global mode
    mode = "worker"


def _refit_flag(instance_path: str) -> str:
    return os.path.join(instance_path, "matcher-refit-requested")


def _clear_refit_request(instance_path: str) -> None:
    try:
        os.unlink(_refit_flag(instance_path))
    except FileNotFoundError:
        pass


def request_server_refit(reason: str) -> bool:
    """Ask the gunicorn master to refit and replace its workers gracefully (SIGHUP).

    One worker asks; the others see the flag file and wait. Returns True when sent.
    """
    global _last_refit_request
    now = time.monotonic()
    if now - _last_refit_request < REFIT_REQUEST_INTERVAL:
        return False
    _last_refit_request = now
    flag = _refit_flag(current_app.instance_path)
    try:
        descriptor = os.open(flag, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if time.time() - os.path.getmtime(flag) < 10 * REFIT_REQUEST_INTERVAL:
            return False  # asked already, the master is on it
        os.utime(flag)
    else:
        os.close(descriptor)
    log.info("asking the server for a matcher refit: %s", reason)
    os.kill(os.getppid(), signal.SIGHUP)
    return True
