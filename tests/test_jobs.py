"""The job queue: a job survives a killed worker and is done once, shows its progress and its
failure to whoever started it, keeps its file for them only, and can be tried again."""

import signal
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from jobfair import jobs
from jobfair.extensions import db
from jobfair.jobs import runner
from jobfair.models import AuditLog, Job, JobStatus, UserRole

from .conftest import PASSWORD
from .support import job_handlers, workers
from .support.redis import TemporaryRedis
from .support.workers import wait_for


def log_in(app, user):
    client = app.test_client()
    response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def start(kind, owner, **params):
    job = jobs.start(kind, owner=owner, params=params)
    db.session.commit()  # delivered now: the tests' queue runs jobs at once
    return db.session.get(Job, job.id)


def work_done(job_id: int) -> list[str]:
    """The notes of the audit rows the job's work committed (one per committed run)."""
    entries = db.session.scalars(
        sa.select(AuditLog).where(AuditLog.action == "test_job_work", AuditLog.target_id == job_id)
    ).all()
    return [entry.details["note"] for entry in entries]


def fresh(job_id: int) -> Job:
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(Job, job_id)


# --- doing the work once ------------------------------------------------------------


def test_a_job_runs_after_its_starter_commits_and_keeps_its_file(app, create_user):
    owner = create_user()
    job = start("test-slow", owner, steps=3, sleep=0)
    assert (job.status, job.attempts, job.done, job.total) == ("done", 1, 3, 3)
    assert job.summary == "slow"
    assert work_done(job.id) == ["slow"]
    client = log_in(app, owner)
    response = client.get(f"/jobs/{job.id}/file")
    assert response.status_code == 200
    assert response.data == f"slow {job.id}".encode()
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    response.close()


def test_nothing_is_delivered_when_the_starter_rolls_back(app, create_user):
    owner = create_user()
    job = jobs.start("test-slow", owner=owner, params={"steps": 1, "sleep": 0})
    job_id = job.id
    db.session.rollback()
    assert db.session.get(Job, job_id) is None
    db.session.commit()  # a later commit delivers nothing left over
    assert work_done(job_id) == []


def test_a_second_delivery_of_a_job_never_runs_it_again(app, create_user):
    job = start("test-slow", create_user(), steps=1, sleep=0)
    runner.execute(job.id)  # Huey delivers the id again (a retry, the reaper)
    assert fresh(job.id).attempts == 1
    assert work_done(job.id) == ["slow"]


def test_a_worker_that_lost_its_lease_commits_nothing(app, create_user):
    """The first attempt's lease runs out mid-job; a second attempt finishes the job; the
    first then finds it no longer holds the job, and its writes are rolled back."""
    job = start("test-stolen", create_user())
    job = fresh(job.id)
    assert (job.status, job.attempts) == ("done", 2)
    assert work_done(job.id) == ["attempt 2"]


@pytest.fixture(params=["sqlite", "redis"])
def queue_url(request, tmp_path):
    """The queue `make run` uses (a SQLite file) and the one of workers on other machines."""
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "queue.db")
        return
    server = TemporaryRedis().start()
    yield server.url
    server.stop()


@pytest.fixture
def worker_env(app, tmp_path, queue_url):
    env = workers.worker_env(app, queue_url)
    with workers.workers("tests.support.job_app:app", env, tmp_path / "worker.log") as spawn:
        yield env, spawn


def test_a_job_survives_a_killed_worker_and_is_done_once(app, create_user, worker_env):
    env, spawn = worker_env
    owner = create_user()
    app.config["JOBS_QUEUE"] = env["FLASK_JOBS_QUEUE"]
    app.extensions["jobs"] = jobs.queue.Queue(app, runner.execute, runner.reap)
    job = jobs.start("test-slow", owner=owner, params={"steps": 12, "sleep": 0.25})
    db.session.commit()
    job_id = job.id
    client = log_in(app, owner)

    first = spawn()
    # Progress shows to the starter while the worker runs.

    def progress():
        db.session.rollback()  # the test's session is the requests' session: read afresh
        answer = client.get(f"/jobs/{job_id}.json").json
        return answer if answer["done"] >= 2 else None

    seen = wait_for(progress)
    assert seen["status"] == "running" and seen["total"] == 12
    assert "Slow steps: " in seen["progress"] and "of 12" in seen["progress"]
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    lost = fresh(job_id)
    assert lost.status == JobStatus.RUNNING and lost.attempts == 1

    # Once the dead worker's lease is over, the next worker to start takes the job up.
    wait_for(lambda: fresh(job_id).lease_until < jobs.run.utcnow(), timeout=10)
    second = spawn()
    done = wait_for(lambda: (j := fresh(job_id)).status == JobStatus.DONE and j, timeout=90)
    assert done.attempts == 2
    assert work_done(job_id) == ["slow"]
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=20)
    response = client.get(f"/jobs/{job_id}/file")
    assert response.status_code == 200 and response.data == f"slow {job_id}".encode()
    response.close()


def test_finished_files_are_removed_after_their_days(app, create_user):
    owner = create_user()
    old = start("test-slow", owner, steps=1, sleep=0)
    new = start("test-slow", owner, steps=1, sleep=0)
    old_file = Path(app.config["JOB_FILES_FOLDER"]) / old.result_path
    new_file = Path(app.config["JOB_FILES_FOLDER"]) / new.result_path
    assert old_file.exists() and new_file.exists()
    old.finished_at = jobs.run.utcnow() - timedelta(days=8)
    db.session.commit()
    runner.reap()
    assert not old_file.exists() and new_file.exists()
    assert fresh(old.id).result_path is None and fresh(new.id).result_path is not None
    client = log_in(app, owner)
    assert client.get(f"/jobs/{old.id}/file").status_code == 404
    assert "The file was removed after 7 days" in client.get(f"/jobs/{old.id}").get_data(
        as_text=True
    )


def test_a_failed_jobs_parameters_are_forgotten_after_their_days(app, create_user):
    owner = create_user()
    old = start("test-refused", owner, rows=[["Sok Dara", "dara@example.org"]])
    new = start("test-refused", owner, rows=[["Chan Srey", "srey@example.org"]])
    old.finished_at = jobs.run.utcnow() - timedelta(days=8)
    db.session.commit()
    runner.reap()
    assert fresh(old.id).params == {"locale": "en", runner.FORGOTTEN: True}
    assert fresh(new.id).params["rows"] == [["Chan Srey", "srey@example.org"]]
    organizer = log_in(app, create_user(role=UserRole.ORGANIZER))
    response = organizer.post(f"/organizer/jobs/{old.id}/retry", follow_redirects=True)
    assert "failed too long ago to be tried again" in response.get_data(as_text=True)
    assert fresh(old.id).status == "failed"
    organizer.post(f"/organizer/jobs/{new.id}/retry")
    retried = db.session.scalars(sa.select(AuditLog).where(AuditLog.action == "job_retry")).all()
    assert [entry.target_id for entry in retried] == [new.id]


# --- progress and failures, as people see them -------------------------------------------


def test_progress_is_written_while_the_job_runs_and_renews_the_lease(app, create_user):
    job_handlers.SEEN.clear()
    job = start("test-watched", create_user())
    seen = job_handlers.SEEN[-1]
    assert (seen["status"], seen["done"], seen["total"]) == ("running", 4200, 9000)
    assert seen["lease_until"] > job.started_at
    assert job.status == "done"


def test_the_starter_sees_progress_in_their_language(app, create_user):
    owner = create_user()
    job = start("test-slow", owner, steps=1, sleep=0)
    job.status, job.done, job.total = JobStatus.RUNNING, 4200, 9000
    db.session.commit()
    client = log_in(app, owner)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Slow steps: 4,200 of 9,000" in page
    assert 'value="4200"' in page and "job-status.js" in page
    answer = client.get(f"/jobs/{job.id}.json").json
    assert answer["progress"] == "Slow steps: 4,200 of 9,000" and not answer["finished"]
    assert answer["file_url"] is None
    owner.locale = "ja"
    db.session.commit()
    again = log_in(app, owner).get(f"/jobs/{job.id}.json").json
    assert again["progress"] == "Slow steps：9,000件中4,200件"


def test_an_expected_failure_shows_its_message_and_is_not_retried(app, create_user):
    owner = create_user()
    job = start("test-refused", owner)
    assert (job.status, job.attempts) == ("failed", 1)
    page = log_in(app, owner).get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Nobody is registered for this event yet." in page
    assert "Try again" not in page  # a button for organizers only


def test_an_error_is_retried_then_failed_and_an_organizer_can_retry_it(
    app, create_user, monkeypatch, caplog
):
    monkeypatch.setitem(job_handlers.BROKEN, "flaky", True)
    owner = create_user(role=UserRole.EMPLOYER)
    job = start("test-flaky", owner)
    assert (job.status, job.attempts) == ("failed", 3)
    assert "error on the server" in job.error and "on fire" not in job.error
    assert "the printer is on fire" in caplog.text  # the traceback is for the logs
    assert work_done(job.id) == []

    organizer = log_in(app, create_user(role=UserRole.ORGANIZER))
    listing = organizer.get("/organizer/jobs?status=failed").get_data(as_text=True)
    assert f"Flaky #{job.id}" in listing and "Try again" in listing
    # The starter cannot retry it; an organizer can, once the cause is gone.
    assert log_in(app, owner).post(f"/organizer/jobs/{job.id}/retry").status_code == 403
    monkeypatch.setitem(job_handlers.BROKEN, "flaky", False)
    response = organizer.post(f"/organizer/jobs/{job.id}/retry")
    assert response.headers["Location"] == f"/jobs/{job.id}"
    job = fresh(job.id)
    assert (job.status, job.attempts, job.error) == ("done", 1, "")
    assert work_done(job.id) == ["flaky"]
    retried = db.session.scalars(sa.select(AuditLog).where(AuditLog.action == "job_retry")).all()
    assert [entry.target_id for entry in retried] == [job.id]


def test_only_a_failed_job_can_be_retried(app, create_user):
    job = start("test-slow", create_user(), steps=1, sleep=0)
    organizer = log_in(app, create_user(role=UserRole.ORGANIZER))
    organizer.post(f"/organizer/jobs/{job.id}/retry")
    assert fresh(job.id).attempts == 1
    assert work_done(job.id) == ["slow"]


def test_organizers_see_failed_jobs_first_and_filter_by_status(app, create_user, monkeypatch):
    owner = create_user()
    done = start("test-slow", owner, steps=1, sleep=0)
    failed = start("test-refused", owner)
    later = start("test-slow", owner, steps=1, sleep=0)
    organizer = log_in(app, create_user(role=UserRole.ORGANIZER))
    page = organizer.get("/organizer/jobs").get_data(as_text=True)
    order = [page.index(f"#{job.id}<") for job in (failed, later, done)]
    assert order == sorted(order)
    assert "3 jobs" in page
    only_done = organizer.get("/organizer/jobs?status=done").get_data(as_text=True)
    assert f"#{done.id}<" in only_done and f"#{failed.id}<" not in only_done


# --- who sees a job ------------------------------------------------------------


def statuses(client, urls):
    answers = []
    for url in urls:
        response = client.get(url)
        answers.append(response.status_code)
        response.close()
    return answers


def test_only_the_starter_and_organizers_see_a_job_and_only_the_starter_its_file(app, create_user):
    owner = create_user(role=UserRole.EMPLOYER)
    job = start("test-slow", owner, steps=1, sleep=0)
    urls = [f"/jobs/{job.id}", f"/jobs/{job.id}.json", f"/jobs/{job.id}/file"]
    for other in (create_user(), create_user(role=UserRole.EMPLOYER)):
        client = log_in(app, other)
        assert statuses(client, urls) == [404, 404, 404]
    organizer = log_in(app, create_user(role=UserRole.ORGANIZER))
    assert statuses(organizer, urls) == [200, 200, 404]
    starter = log_in(app, owner)
    assert statuses(starter, urls) == [200, 200, 200]
    assert starter.get(urls[0]).headers["Cache-Control"] == "no-store"
    assert app.test_client().get(urls[0]).status_code == 302  # to the log-in page


def test_the_worker_reports_a_kind_it_does_not_know(app, create_user):
    owner = create_user()
    job = jobs.start("test-slow", owner=owner)
    job.kind = "gone-away"
    db.session.commit()
    job = fresh(job.id)
    assert job.status == "failed" and "no longer known" in job.error
