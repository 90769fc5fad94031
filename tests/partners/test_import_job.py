"""A confirmed import is a job: the request only queues it, the job page shows the counts,
and an import whose worker is killed runs again without writing any row twice."""

import signal
from pathlib import Path

import pytest
import sqlalchemy as sa

from jobfair import jobs
from jobfair.extensions import db
from jobfair.jobs import runner
from jobfair.models import AuditLog, CandidateProfile, Job, JobStatus, Message, Registration, User

from ..support import workers
from ..support.workers import wait_for
from .conftest import xlsx
from .test_imports import CANDIDATES_KM, EXHIBITORS, count, preview_url, upload

SCHOOL = [["Full name", "Email", "Province"]] + [
    [f"Student {n}", f"student{n}@school.example", "Takeo"] for n in range(40)
]


def fresh(job_id: int) -> Job:
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(Job, job_id)


def job_of(response) -> Job:
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/jobs/"), location
    return fresh(int(location.rsplit("/", 1)[1]))


def test_confirm_queues_the_import_and_its_page_shows_the_counts(organizer_client, create_event):
    event = create_event()
    url = preview_url(upload(organizer_client, event, "exhibitors", xlsx(EXHIBITORS), "ex.xlsx"))
    job = job_of(organizer_client.post(url))
    assert (job.kind, job.status, job.event_id, job.attempts) == ("import", "done", event.id, 1)
    assert job.done == job.total == 2  # every row checked
    assert job.params["counts"] == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert "rows" not in job.params  # the rows were for the work, not for keeping
    page = organizer_client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Imported: 2 new, 0 updated, 0 unchanged, 0 left out." in page
    assert "Spreadsheet import" in page
    imports_page = organizer_client.get(f"/organizer/events/{event.id}/imports")
    assert f'href="/jobs/{job.id}"' in imports_page.get_data(as_text=True)  # found again there

    # A second click on Import finds the preview used: no second job, nothing twice.
    again = organizer_client.post(url)
    assert again.headers["Location"].endswith(f"/organizer/events/{event.id}/imports")
    assert count(Job) == 1 and count(AuditLog) == 1


def test_the_summary_is_in_the_organizers_language(organizer_client, create_event):
    event = create_event()
    organizer_client.post("/language", data={"locale": "ja"})
    url = preview_url(upload(organizer_client, event, "candidates", xlsx(CANDIDATES_KM), "s.xlsx"))
    job = job_of(organizer_client.post(url))
    assert job.summary.startswith("取り込み")
    assert count(Registration) == 2


def test_a_request_only_queues_the_rows(app, organizer_client, create_event, monkeypatch):
    held = []
    monkeypatch.setattr(
        jobs.queue.Queue, "enqueue", lambda self, job_id, delay=0: held.append(job_id)
    )
    event = create_event()
    url = preview_url(upload(organizer_client, event, "candidates", xlsx(SCHOOL), "s.xlsx"))
    job = job_of(organizer_client.post(url))
    assert held == [job.id] and job.status == JobStatus.QUEUED
    assert len(job.params["rows"]) == 40 and count(CandidateProfile) == 0
    page = organizer_client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "Spreadsheet import" in page and "Imported:" not in page
    runner.execute(job.id)  # the worker's part
    assert fresh(job.id).status == JobStatus.DONE and count(CandidateProfile) == 40


@pytest.fixture
def worker(app, tmp_path):
    """Start `flask jobs-worker` processes on a SQLite queue file, with a 2 s lease; the
    app under test queues there too."""
    env = workers.worker_env(
        app,
        "sqlite:///" + str(tmp_path / "queue.db"),
        FLASK_UPLOAD_FOLDER=app.config["UPLOAD_FOLDER"],
        IMPORT_PAUSE_MARK=str(tmp_path / "paused"),
    )
    app.config["JOBS_QUEUE"] = env["FLASK_JOBS_QUEUE"]
    app.extensions["jobs"] = jobs.queue.Queue(app, runner.execute, runner.reap)
    log = tmp_path / "worker.log"
    with workers.workers("tests.support.import_app:app", env, log, "--workers", "1") as spawn:
        yield Path(env["IMPORT_PAUSE_MARK"]), spawn


def test_a_killed_import_runs_again_without_duplicates(organizer_client, create_event, worker):
    paused, spawn = worker
    event = create_event()
    url = preview_url(upload(organizer_client, event, "candidates", xlsx(SCHOOL), "s.xlsx"))
    job_id = job_of(organizer_client.post(url)).id

    first = spawn()
    # The first worker has written all 40 rows in its transaction and waits before the commit.
    wait_for(paused.exists)
    assert count(User) == 1 and count(CandidateProfile) == 0  # none of it is visible
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert fresh(job_id).status == JobStatus.RUNNING

    # Once the dead worker's lease is over, the next worker takes the import up again.
    wait_for(lambda: fresh(job_id).lease_until < jobs.run.utcnow(), timeout=10)
    second = spawn()
    done = wait_for(lambda: (j := fresh(job_id)).status == JobStatus.DONE and j, timeout=90)
    second.send_signal(signal.SIGTERM)
    second.wait(timeout=20)
    assert done.attempts == 2
    assert done.params["counts"] == {"new": 40, "update": 0, "unchanged": 0, "error": 0}
    emails = db.session.scalars(sa.select(User.email).where(User.email.like("student%"))).all()
    assert sorted(emails) == sorted(f"student{n}@school.example" for n in range(40))
    assert count(CandidateProfile) == 40 and count(Registration) == 40
    assert count(Message) == 40  # one claim link each, not two
    assert count(AuditLog) == 1
    page = organizer_client.get(f"/jobs/{job_id}").get_data(as_text=True)
    assert "Imported: 40 new, 0 updated, 0 unchanged, 0 left out." in page


def test_an_import_whose_organizer_is_gone_fails_with_a_reason(
    app, organizer_client, create_event, monkeypatch
):
    held = []
    monkeypatch.setattr(
        jobs.queue.Queue, "enqueue", lambda self, job_id, delay=0: held.append(job_id)
    )
    event = create_event()
    url = preview_url(upload(organizer_client, event, "exhibitors", xlsx(EXHIBITORS), "ex.xlsx"))
    job = job_of(organizer_client.post(url))
    job.owner_id = None  # the account was deleted meanwhile
    db.session.commit()
    runner.execute(job.id)
    job = fresh(job.id)
    assert (job.status, job.attempts) == ("failed", 1)  # no retry: it cannot succeed
    assert "its event or its organizer was removed" in job.error
    assert count(AuditLog) == 0
