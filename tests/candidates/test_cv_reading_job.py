"""Reading a photographed CV is a job: a worker reads the stored PDF page by page, reports
each page, and keeps the text only for the CV it was started for."""

import pytest

from jobfair import photos
from jobfair.candidates import cv_reading
from jobfair.candidates import profile as candidate_profile
from jobfair.extensions import db
from jobfair.jobs import JobRun, runner
from jobfair.models import CandidateProfile, Job

from .test_cv_photos import cv_photo


@pytest.fixture
def photographed(create_user, held_jobs):
    """A candidate whose CV is three photos, stored as one PDF, its reading queued."""
    profile = create_user().profile
    pages = [cv_photo(lines=(f"Page {n}", "Forklift driving")) for n in (1, 2, 3)]
    candidate_profile.replace_cv(profile, [(data, f"p{n}.jpg") for n, data in enumerate(pages)])
    db.session.commit()
    assert cv_reading.is_reading(profile) and len(held_jobs) == 1
    profile.job_id = held_jobs[0]
    return profile


@pytest.fixture
def reports(monkeypatch):
    """Every progress report of the jobs run, as (done, total)."""
    seen = []
    real = JobRun.progress

    def progress(self, done, total=None):
        seen.append((done, total))
        return real(self, done, total)

    monkeypatch.setattr(JobRun, "progress", progress)
    return seen


def test_each_page_is_reported_then_the_text_is_kept(photographed, reports, monkeypatch):
    read = []
    monkeypatch.setattr(photos, "read_text", lambda pages: read.append(pages) or f"p{len(read)}")
    runner.execute(photographed.job_id)
    assert reports == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert [len(pages) for pages in read] == [1, 1, 1]  # one page at a time
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, photographed.id)
    assert profile.cv_text == "p1 p2 p3" and not cv_reading.is_reading(profile)
    job = db.session.get(Job, photographed.job_id)
    assert (job.kind, job.status, job.done, job.total) == ("cv_reading", "done", 3, 3)
    assert job.owner_id == profile.user_id


def test_the_pages_read_back_are_the_photos_sent(photographed):
    path = cv_reading.uploads.existing_cv_path(photographed.cv_filename)
    with open(path, "rb") as handle:
        pages = photos.pdf_pages(handle.read())
    assert len(pages) == 3 and all(page.mode == "RGB" for page in pages)
    assert "forklift" in photos.read_text(pages[:1]).lower()


def test_a_cv_replaced_before_its_reading_is_not_read(photographed, reports, monkeypatch):
    monkeypatch.setattr(photos, "read_text", lambda pages: "the second CV")
    candidate_profile.replace_cv(photographed, [(cv_photo(), "again.jpg")])
    db.session.commit()  # the first PDF is gone with the commit
    runner.execute(photographed.job_id)
    assert reports == []  # nothing to read
    assert db.session.get(Job, photographed.job_id).status == "done"
    assert cv_reading.is_reading(photographed)  # the second CV's reading still waits


def test_a_cv_replaced_while_it_was_read_keeps_its_own_text(photographed, monkeypatch):

    def replaced_meanwhile(pages):
        # The candidate sends another CV while the worker reads the first one.
        with db.engine.begin() as connection:
            connection.execute(
                CandidateProfile.__table__.update()
                .where(CandidateProfile.id == photographed.id)
                .values(cv_filename="f" * 32 + ".pdf", cv_text="the new CV")
            )
        return "old text"

    monkeypatch.setattr(photos, "read_text", replaced_meanwhile)
    runner.execute(photographed.job_id)
    db.session.expire_all()
    assert db.session.get(CandidateProfile, photographed.id).cv_text == "the new CV"


@pytest.mark.browser
def test_a_phone_shows_the_page_being_read_in_khmer(
    app, live_server, phone_page, screenshot, create_user, held_jobs, monkeypatch, tmp_path
):
    from tests.conftest import PASSWORD

    from .test_browser_khmer import in_khmer

    app.config["JOBS_PROGRESS_SECONDS"] = 0
    user = create_user(locale="km")
    page, base = phone_page, live_server.url
    page.request.post(base + "/language", form={"locale": "km"})
    page.goto(base + "/auth/login")
    page.fill("#identifier", user.email)
    page.fill("#password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    photos_sent = []
    for n in (1, 2):
        photo = tmp_path / f"page{n}.jpg"
        photo.write_bytes(cv_photo(lines=(f"Page {n}", "TIG welding and forklift")))
        photos_sent.append(str(photo))
    page.goto(base + "/me/cv")
    page.set_input_files("#cv", photos_sent)
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url(base + "/me/cv")
    progress = page.locator("#cv-reading-progress")
    assert progress.inner_text() == "រូបថតរបស់អ្នកកំពុងរង់ចាំវេនដើម្បីអាន។"  # waiting its turn
    in_khmer(page)
    seen = []

    def read_and_look(pages):
        page.reload()
        seen.append(progress.inner_text())
        if len(seen) == 2:
            in_khmer(page)
            screenshot(page, "km-cv-reading-page-2-phone")
        return "TIG welding and forklift"

    monkeypatch.setattr(photos, "read_text", read_and_look)
    runner.execute(held_jobs[0])  # a worker reads the two pages
    assert seen == ["កំពុងអានទំព័រទី 1 ក្នុងចំណោម 2 ទំព័រ។", "កំពុងអានទំព័រទី 2 ក្នុងចំណោម 2 ទំព័រ។"]
    page.wait_for_selector("form.suggestions", timeout=15_000)  # the page refreshes itself
    in_khmer(page)
