"""CV photos cannot take a worker's memory or queue hours of OCR: pixels are capped per
photo and per upload from the headers, decoding is limited per process, and the photos
waiting for OCR on every worker together are bounded."""

import io

import pytest
from PIL import Image

from jobfair import photos
from jobfair.candidates import cv_reading
from jobfair.jobs import runner
from tests.conftest import PASSWORD

from .test_cv_photos import cv_photo, stored_files, upload


def blank_png(width: int, height: int) -> bytes:
    """A large, nearly empty page: a few kilobytes that decode to width × height pixels."""
    buffer = io.BytesIO()
    Image.new("1", (width, height), 1).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def me(client, create_user):
    user = create_user()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return user.profile


@pytest.fixture
def decodes(monkeypatch):
    """Counts the photos whose pixels were decoded."""
    count = []
    real = Image.Image.load

    def load(self):
        if self.format in ("PNG", "JPEG") and getattr(self, "fp", None) is not None:
            count.append(self.size)
        return real(self)

    monkeypatch.setattr(Image.Image, "load", load)
    return count


def test_a_page_of_40_million_pixels_is_refused_from_its_header(app, client, me, decodes):
    data = blank_png(6000, 6600)  # the finding: 38 KB files, 40 million pixels each
    assert len(data) < 100_000
    page = upload(client, (data, "page.png")).get_data(as_text=True)
    assert "too many pixels" in page and decodes == [] and stored_files(app) == []


def test_photos_too_large_together_are_refused_before_any_is_decoded(app, client, me, decodes):
    pages = [(blank_png(5000, 4000), f"p{n}.png") for n in range(4)]  # 20 MP each, 80 together
    page = upload(client, *pages).get_data(as_text=True)
    assert "too many pixels together" in page and decodes == [] and stored_files(app) == []


def test_uploads_wait_their_turn_to_decode_then_are_asked_to_come_back(
    app, client, me, monkeypatch, held_jobs
):
    monkeypatch.setattr(photos, "DECODE_WAIT_SECONDS", 0.2)
    taken = [photos._decoding.acquire(blocking=False) for _ in range(photos.DECODING_AT_ONCE)]
    try:
        assert all(taken)
        page = upload(client, (cv_photo(), "page.jpg")).get_data(as_text=True)
    finally:
        for _ in taken:
            photos._decoding.release()
    assert "try again in a minute" in page and stored_files(app) == []
    assert upload(client, (cv_photo(), "page.jpg")).status_code == 302  # its turn came


def test_a_full_ocr_queue_refuses_new_photos_with_a_clear_message(
    app, create_user, held_jobs, monkeypatch
):
    monkeypatch.setattr(photos, "read_text", lambda pages: "")
    app.config["CV_READS_WAITING"] = 3
    answers = []
    for n in range(4):
        user = create_user(email=f"c{n}@example.com")
        client = app.test_client()
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
        answers.append(upload(client, (cv_photo(), "page.jpg")))
    assert [a.status_code for a in answers[:-1]] == [302] * 3
    assert "Many CVs are being read right now" in answers[-1].get_data(as_text=True)
    assert len(held_jobs) == 3 and cv_reading.queue_is_full()
    runner.execute(held_jobs[0])  # a worker reads one: room for the next
    assert not cv_reading.queue_is_full()
    assert upload(client, (cv_photo(), "page.jpg")).status_code == 302


def test_cv_uploads_are_limited_for_everyone_together(app_config, create_user):
    """Beside the per-account limit: many new accounts cannot upload without bound."""
    from jobfair import create_app
    from jobfair.extensions import limiter

    app_config.update(RATELIMIT_ENABLED=True, CV_UPLOAD_GLOBAL_RATE_LIMIT="2 per minute")
    app = create_app(app_config)
    with app.app_context():
        limiter.reset()
        for n in range(3):
            create_user(email=f"new{n}@example.com")
    codes = []
    for n in range(3):
        client = app.test_client()
        client.post("/auth/login", data={"identifier": f"new{n}@example.com", "password": PASSWORD})
        codes.append(client.post("/me/cv", data={}).status_code)
    assert codes == [200, 200, 429]
