"""CV photos from a phone: turned upright, bounded, joined into one PDF, read, and the
suggestions found in them added only when the candidate ticks them."""

import io
import os
import re

import pytest
from PIL import Image, ImageDraw, ImageFont, PngImagePlugin
from pypdf import PdfReader

from jobfair import photos
from jobfair.candidates import cv_reading
from jobfair.extensions import db
from jobfair.jobs import runner
from jobfair.models import CandidateProfile, Job
from tests.conftest import PASSWORD

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
CV_LINES = (
    "Sok Dara - Welder",
    "Three years of TIG welding and forklift driving.",
    "Japanese N4",
)


def cv_photo(lines=CV_LINES, *, fmt="JPEG", size=(1200, 700), orientation=None, **save) -> bytes:
    """A photo of a printed CV page, as a phone would send it (optionally held sideways)."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(DEJAVU, 40)
    for n, line in enumerate(lines):
        draw.text((40, 40 + n * 70), line, font=font, fill="black")
    if orientation == 6:  # the camera was turned: pixels stored sideways, EXIF says "rotate"
        image = image.rotate(90, expand=True)
        exif = Image.Exif()
        exif[0x0112] = 6
        save["exif"] = exif
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **save)
    return buffer.getvalue()


@pytest.fixture
def me(client, create_user):
    user = create_user()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return user.profile


def upload(client, *files):
    return client.post(
        "/me/cv",
        data={"cv": [(io.BytesIO(data), name) for data, name in files]},
        content_type="multipart/form-data",
    )


def stored_files(app) -> list[str]:
    folder = os.path.join(app.config["UPLOAD_FOLDER"], "cv")
    return os.listdir(folder) if os.path.isdir(folder) else []


def test_photos_become_one_upright_pdf_and_their_text_is_read(app, client, me, held_jobs):
    sideways = cv_photo(orientation=6)
    assert Image.open(io.BytesIO(sideways)).size == (700, 1200)
    response = upload(client, (sideways, "page1.jpg"), (cv_photo(fmt="PNG"), "page2.png"))
    assert response.status_code == 302
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, me.id)
    assert profile.cv_filename.endswith(".pdf") and profile.cv_original_name == "page1.pdf"
    assert cv_reading.is_reading(profile) and profile.cv_text == ""
    reader = PdfReader(os.path.join(app.config["UPLOAD_FOLDER"], "cv", profile.cv_filename))
    assert len(reader.pages) == 2
    first = reader.pages[0].mediabox
    assert first.width > first.height  # turned upright: the page is landscape again
    page = client.get("/me/cv").get_data(as_text=True)
    assert "reading the text of your photos" in page and "waiting for their turn" in page
    # A worker reads them.
    (job_id,) = held_jobs
    runner.execute(job_id)
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, me.id)
    assert "TIG welding" in profile.cv_text and profile.cv_read_started_at is None
    assert db.session.get(Job, job_id).status == "done"
    page = client.get("/me/cv").get_data(as_text=True)
    assert "reading the text" not in page and "Found in your CV" in page


def test_the_cv_page_says_which_page_is_being_read(app, client, me, held_jobs, monkeypatch):
    app.config["JOBS_PROGRESS_SECONDS"] = 0
    seen = []

    def read_and_look(pages):
        page = client.get("/me/cv").get_data(as_text=True)
        seen.append(re.search(r"Reading page \d of \d", page).group(0))
        return "Forklift driver"

    monkeypatch.setattr(photos, "read_text", read_and_look)
    upload(client, *[(cv_photo(), f"p{n}.jpg") for n in range(3)])
    runner.execute(held_jobs[0])
    assert seen == ["Reading page 1 of 3", "Reading page 2 of 3", "Reading page 3 of 3"]
    db.session.expire_all()
    assert db.session.get(CandidateProfile, me.id).cv_text == " ".join(["Forklift driver"] * 3)


def test_text_read_for_a_replaced_cv_is_dropped(me):
    me.cv_filename = "a" * 32 + ".pdf"
    db.session.commit()
    assert cv_reading.store_text(me.id, "b" * 32 + ".pdf", "old text") is False
    assert db.session.get(CandidateProfile, me.id).cv_text == ""


def test_suggestions_are_added_only_when_ticked(client, me):
    me.cv_text = " ".join(CV_LINES)
    db.session.commit()
    page = client.get("/me/cv").get_data(as_text=True)
    assert "Found in your CV" in page
    offered = cv_reading.suggestions(me)
    assert {"welding", "forklift"} <= set(offered["skills"]) or {
        "tig welding",
        "forklift",
    } <= set(offered["skills"])
    assert offered["titles"] == ["welder"]
    assert offered["languages"] == [{"language": "Japanese", "test": "JLPT", "level": "N4"}]
    db.session.expire_all()
    assert db.session.get(CandidateProfile, me.id).skills == []  # nothing without a click

    chosen = offered["skills"][:2]
    response = client.post(
        "/me/cv/suggestions", data={"skills": chosen, "languages": ["Japanese:JLPT:N4"]}
    )
    assert response.status_code == 302
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, me.id)
    assert profile.skills == chosen
    assert profile.languages == [{"language": "Japanese", "test": "JLPT", "level": "N4"}]
    assert profile.headline == ""


def test_a_skill_that_was_not_suggested_is_refused(client, me):
    me.cv_text = " ".join(CV_LINES)
    db.session.commit()
    client.post("/me/cv/suggestions", data={"skills": ["brain surgery"]})
    db.session.expire_all()
    assert db.session.get(CandidateProfile, me.id).skills == []


def test_suggestions_in_khmer_and_japanese_text():
    found = cv_reading.found_in("ជំនាញ៖ ផ្សារដែក ។ 溶接工 として 3年 。日本語能力試験 N3")
    assert "welding" in found["skills"]
    assert "welder" in found["titles"]
    assert found["languages"] == [{"language": "Japanese", "test": "JLPT", "level": "N3"}]


def png_with_text(key: str, value: str) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text(key, value)
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), "white").save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def huge_pixels() -> bytes:
    """A small file that claims 50 megapixels: refused from its header, never decoded."""
    buffer = io.BytesIO()
    Image.new("1", (10_000, 5_000), 1).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def jpeg_with_exif_script() -> bytes:
    exif = Image.Exif()
    exif[0x010E] = '<script>alert("x")</script>'  # ImageDescription
    return cv_photo(exif=exif)


@pytest.mark.parametrize(
    "files, message",
    [
        ([(huge_pixels(), "big.png")], "too many pixels"),
        ([(b"\xff\xd8\xff" + b"not an image at all" * 50, "cv.jpg")], "not a real photo"),
        ([(b"MZ\x90\x00 an executable", "cv.jpg")], "Please upload a PDF or a Word"),
        ([(cv_photo(), "p.jpg"), (b"MZ\x90\x00", "p2.jpg")], "or photos of the pages"),
        ([(png_with_text("Comment", "<script src=//x></script>"), "cv.png")], "a script"),
        ([(jpeg_with_exif_script(), "cv.jpg")], "a script"),
        ([(b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), "cv.jpg")], "at most 10 MB"),
        ([(cv_photo(), f"p{n}.jpg") for n in range(7)], "at most 6 photos"),
        ([(cv_photo(), "p.jpg"), (b"%PDF-1.4", "cv.pdf")], "or photos of the pages"),
    ],
)
def test_photos_that_are_refused_leave_nothing_behind(
    app, client, me, large_uploads, files, message
):
    response = upload(client, *files)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, me.id)
    assert profile.cv_filename is None and profile.cv_read_started_at is None
    assert stored_files(app) == []


def test_a_photo_is_bounded_and_loses_its_metadata():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMakerXYZ"  # Make
    exif[0x013B] = "Sok Dara at home"  # Artist
    data = cv_photo(size=(4000, 3000), exif=exif)
    assert b"PhoneMakerXYZ" in data
    page = photos.read_photo(data)
    assert max(page.size) == photos.MAX_SIDE
    pdf = photos.pages_to_pdf([page])
    assert b"PhoneMakerXYZ" not in pdf and b"Sok Dara" not in pdf
    assert len(pdf) < 2 * 1024 * 1024


def test_a_reading_that_failed_for_good_says_so(client, me, held_jobs, monkeypatch):
    upload(client, (cv_photo(), "p.jpg"))
    monkeypatch.setattr(photos, "read_text", lambda pages: 1 / 0)
    for _attempt in range(3):  # each failure is retried, up to the job's last attempt
        runner.execute(held_jobs[-1])
    job = db.session.get(Job, held_jobs[-1])
    assert (job.status, job.attempts) == ("failed", 3)
    page = client.get("/me/cv").get_data(as_text=True)
    assert "could not read the text of your photos" in page
    assert 'http-equiv="refresh"' not in page  # the page stops waiting
