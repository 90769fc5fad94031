"""One matcher index per server (issue 17): the gunicorn master fits and refreshes the open
events' indexes before forking; workers ask the master for refits instead of fitting alone.

The memory and restart figures are in bench/bench_workers.py; these tests pin the rules.
"""

import gc
import os
import signal
import time

import pytest
import sqlalchemy as sa

from jobfair import indexes, ranking
from jobfair.extensions import db
from jobfair.models import Registration, UserRole
from jobfair.models.base import utcnow

from . import test_ranking

fair = test_ranking.fair  # the fixture of four candidates and a welding role


@pytest.fixture(autouse=True)
def process_mode(monkeypatch):
    ranking.forget_all()
    monkeypatch.setattr(indexes, "mode", "process")
    monkeypatch.setattr(indexes, "_last_refit_request", 0.0)
    yield
    ranking.forget_all()
    gc.unfreeze()


@pytest.fixture
def signals(monkeypatch):
    sent = []
    monkeypatch.setattr(indexes.os, "kill", lambda pid, sig: sent.append((pid, sig)))
    return sent


def add_candidates(event, create_user, n: int, start: int = 0) -> None:
    for _ in range(start, start + n):
        user = create_user(
            role=UserRole.CANDIDATE,
            profile=dict(headline="Welder", skills=["welding"], languages=["Japanese N4"]),
        )
        user.profile.consent_version, user.profile.consent_at = "2026-1", utcnow()
        db.session.add(Registration(event=event, candidate=user.profile))
    db.session.commit()


def only_index():
    return next(iter(indexes._indexes.values()))


def test_the_master_fits_open_events_before_forking_and_leaves_no_connection(fair, app):
    role, _profiles = fair
    db.session.commit()
    indexes.prepare_for_fork(app)
    assert indexes.mode == "master"
    index = only_index()
    assert len(index.matcher) == 3  # the consenting candidates
    assert gc.get_freeze_count() > 0
    # The inherited index serves a worker without a fit of its own.
    indexes.become_worker()
    assert ranking.shortlist(role) and only_index() is index


def test_the_master_refreshes_before_each_fork_and_refits_when_drifted(
    fair, app, create_user, monkeypatch
):
    role, _profiles = fair
    indexes.prepare_for_fork(app)
    first = only_index()
    add_candidates(role.event, create_user, 2)
    indexes.prepare_for_fork(app)
    assert only_index() is first and len(first.matcher) == 5  # updated in place
    monkeypatch.setattr(indexes, "DRIFT_SHARE", 0.0)
    add_candidates(role.event, create_user, 50, start=2)
    indexes.prepare_for_fork(app)
    assert only_index() is not first and len(only_index().matcher) == 55  # refitted once


def test_a_drifted_worker_asks_the_master_once(fair, app, create_user, signals):
    role, _profiles = fair
    indexes.prepare_for_fork(app)
    indexes.become_worker()
    index = only_index()
    add_candidates(role.event, create_user, 60)
    ranking.shortlist(role)
    # Served from its own, updated copy; the refit is the master's job.
    assert only_index() is index and len(index.matcher) == 63
    assert signals == [(os.getppid(), signal.SIGHUP)]
    assert os.path.exists(os.path.join(app.instance_path, "matcher-refit-requested"))
    add_candidates(role.event, create_user, 60, start=60)
    ranking.shortlist(role)
    assert len(signals) == 1  # not again within the interval
    # Another worker finds the flag and leaves it to the first request.
    indexes._last_refit_request = 0.0
    add_candidates(role.event, create_user, 60, start=120)
    ranking.shortlist(role)
    assert len(signals) == 1
    # The master's refit clears the flag.
    indexes.prepare_for_fork(app)
    assert not os.path.exists(os.path.join(app.instance_path, "matcher-refit-requested"))


def test_a_worker_asks_for_an_event_the_master_did_not_fit(fair, app, signals):
    role, _profiles = fair
    role.event.registration_open = False
    db.session.commit()
    indexes.prepare_for_fork(app)
    assert indexes._indexes == {}
    indexes.become_worker()
    assert ranking.shortlist(role)  # fitted here to answer at once
    assert signals == [(os.getppid(), signal.SIGHUP)]


def test_outside_gunicorn_a_drifted_index_is_refitted_in_the_background(
    fair, app, create_user, signals
):
    role, _profiles = fair
    ranking.shortlist(role)
    index = only_index()
    add_candidates(role.event, create_user, 60)
    ranking.shortlist(role)
    assert index.refitting and signals == []
    deadline = time.monotonic() + 60
    while only_index() is index and time.monotonic() < deadline:
        time.sleep(0.1)
    assert only_index() is not index and len(only_index().matcher) == 63


def indexed(profiles) -> set[str]:
    ids = set(only_index().matcher.candidate_ids_)
    return {key for key, profile in profiles.items() if profile.id in ids}


def test_the_index_follows_the_database_without_listing_the_whole_event(
    fair, app, create_user, create_event, monkeypatch
):
    """Arrivals, edits and consent are read from the rows that moved; only when a
    registration went away are all the event's candidates listed."""
    role, profiles = fair
    ranking.shortlist(role)
    assert indexed(profiles) == {"welder", "welder_no_japanese", "cook"}
    listed = []
    every_one = indexes._eligible_ids
    monkeypatch.setattr(
        indexes, "_eligible_ids", lambda event_id: listed.append(event_id) or every_one(event_id)
    )

    # Consent given and withdrawn, a new registration, a stranger's edit elsewhere.
    profiles["no_consent"].consent_version = "2026-1"
    profiles["no_consent"].consent_at = utcnow()
    profiles["cook"].consent_at = None
    newcomer = create_user(role=UserRole.CANDIDATE, profile=dict(headline="TIG welder"))
    newcomer.profile.consent_version, newcomer.profile.consent_at = "2026-1", utcnow()
    db.session.add(Registration(event=role.event, candidate=newcomer.profile))
    stranger = create_user(role=UserRole.CANDIDATE, profile=dict(headline="Welder"))
    stranger.profile.consent_version, stranger.profile.consent_at = "2026-1", utcnow()
    db.session.add(Registration(event=create_event(), candidate=stranger.profile))
    db.session.commit()
    ranking.shortlist(role)
    profiles = {**profiles, "newcomer": newcomer.profile, "stranger": stranger.profile}
    assert indexed(profiles) == {"welder", "welder_no_japanese", "no_consent", "newcomer"}
    assert listed == []  # only the rows that moved were read

    # A registration withdrawn: the count says someone left, so the event is listed.
    listed.clear()
    db.session.delete(
        db.session.scalar(
            sa.select(Registration).where(Registration.candidate_id == profiles["welder"].id)
        )
    )
    db.session.commit()
    ranking.shortlist(role)
    assert indexed(profiles) == {"welder_no_japanese", "no_consent", "newcomer"}
    assert listed
