"""Every field is checked on the server; hostile input gets a clear message and nothing is stored."""

import io

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import CandidateProfile

from .conftest import docx_bytes, zip_bomb_bytes
from .test_journey import PROFILE, sign_up


@pytest.fixture
def signed_up(client):
    sign_up(client)
    return db.session.scalar(sa.select(CandidateProfile))


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"full_name": ""}, "This field is required"),
        ({"full_name": "x" * 121}, "Field cannot be longer than 120 characters"),
        ({"province": "Atlantis"}, "Not a valid choice"),
        ({"province": ""}, "Please choose your province"),
        ({"birth_year": "1890"}, "Please enter a year between 1940"),
        ({"birth_year": "2024"}, "Please enter a year between 1940"),
        ({"birth_year": "abc"}, "Not a valid integer value"),
        ({"gender": "robot"}, "Not a valid choice"),
        ({"education_level": "phd-ish"}, "Not a valid choice"),
        ({"experience": "x" * 3001}, "Field cannot be longer than 3000 characters"),
        ({"skills": ", ".join(f"skill {n}" for n in range(31))}, "Up to 30 skills"),
        ({"skills": "a" * 61}, "Up to 30 skills"),
        ({"japanese": "N0"}, "Not a valid choice"),
        ({"english": "Z9"}, "Not a valid choice"),
        ({"other_languages": "Klingon"}, "Write each language with its level"),
        ({"wanted_sectors": ["space"]}, "is not a valid choice"),
        ({"wanted_locations": ["Mars"]}, "is not a valid choice"),
        ({"programs": ["astronaut"]}, "is not a valid choice"),
        ({"headline": "welder\x00\x07"}, "Please remove the special characters"),
        ({"past_jobs-0-years": "99"}, "Number must be between 0 and 50"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_changes(client, signed_up, changes, message):
    before = (signed_up.full_name, signed_up.province, list(signed_up.skills or []))
    response = client.post("/me/profile", data={**PROFILE, **changes})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page
    assert "Please correct the highlighted fields" in page
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, signed_up.id)
    assert (profile.full_name, profile.province, list(profile.skills or [])) == before


def test_the_form_keeps_what_was_typed(client, signed_up):
    page = client.post("/me/profile", data={**PROFILE, "birth_year": "1890"}).get_data(as_text=True)
    assert 'value="Three years of TIG welding' in page or "Three years of TIG welding" in page
    assert 'value="welding, reading technical drawings"' in page


def test_script_tags_and_formulas_are_stored_as_text_and_shown_escaped(client, signed_up):
    hostile = {
        **PROFILE,
        "headline": "<script>alert(1)</script>",
        "skills": '=HYPERLINK("x"), welding',
    }
    assert client.post("/me/profile", data=hostile).status_code == 302
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, signed_up.id)
    assert profile.headline == "<script>alert(1)</script>"
    page = client.get("/me/profile").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("cv.pdf", b"", "The file is empty"),
        ("cv.txt", b"just some text", "Please upload a PDF or a Word (.docx) file"),
        ("cv.exe", b"MZ\x90\x00\x03", "Please upload a PDF or a Word (.docx) file"),
        ("cv.pdf", b"%PDF-1.4 this is not really a pdf", "This PDF could not be read"),
        ("cv.pdf", b"<html><script>alert(1)</script></html>", "Please upload a PDF or a Word"),
        ("cv.docx", b"PK\x03\x04broken zip", "Please upload a PDF or a Word"),
        ("cv.docx", zip_bomb_bytes(), "too large inside"),
        ("cv.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
    ],
)
def test_bad_cv_files_are_refused_and_nothing_is_stored(
    client, signed_up, app, large_uploads, name, data, message
):
    import os

    response = client.post(
        "/me/cv", data={"cv": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, signed_up.id)
    assert profile.cv_filename is None and profile.cv_text == ""
    folder = os.path.join(app.config["UPLOAD_FOLDER"], "cv")
    assert not os.path.isdir(folder) or os.listdir(folder) == []


def test_a_word_cv_is_read(client, signed_up):
    response = client.post(
        "/me/cv",
        data={"cv": (io.BytesIO(docx_bytes()), "cv.docx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert "hotel kitchen" in db.session.get(CandidateProfile, signed_up.id).cv_text


def test_a_request_over_the_size_limit_is_a_friendly_413(client, signed_up, large_uploads):
    big = b"%PDF-" + b"0" * (41 * 1024 * 1024)  # past the CV page's 40 MB for photos
    response = client.post(
        "/me/cv", data={"cv": (io.BytesIO(big), "cv.pdf")}, content_type="multipart/form-data"
    )
    assert response.status_code == 413
