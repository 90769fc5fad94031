"""The candidate page for recruiters: the whole profile, fit, history and the CV.

Consent and blind review decide what shows; every CV view is audited.
"""

import io

import docx
import pytest
import sqlalchemy as sa

from jobfair.candidates import profile as candidate_profile
from jobfair.demo.cvs import cv_pdf
from jobfair.extensions import db
from jobfair.models import Application, AuditLog, Interview


def page_url(fair, profile=None):
    profile = profile or fair.candidate.profile
    return f"/employer/roles/{fair.role.id}/candidates/{profile.id}"


@pytest.fixture
def with_cv(fair):
    profile = fair.candidate.profile
    profile.past_jobs = [{"title": "MIG welder", "employer": "Angkor Steel", "years": 3}]
    profile.experience = "Welded car frames on a production line."
    profile.education_field = "Metal work"
    profile.wanted_sectors = ["automotive"]
    profile.programs = ["ssw"]
    profile.birth_year, profile.gender, profile.province = 1999, "male", "Kandal"
    data = cv_pdf("Chan Dara", ["Welder, MIG and TIG welding", "Angkor Steel 2021-2024"])
    candidate_profile.replace_cv(profile, [(data, "Chan Dara CV.pdf")])
    db.session.commit()
    return profile


def test_the_page_shows_the_whole_profile_and_the_fit(client, auth, fair, with_cv):
    auth.login(fair.recruiter.email)
    page = client.get(page_url(fair)).get_data(as_text=True)
    for shown in (
        "Chan Dara", "MIG welder", "Angkor Steel", "Welded car frames", "Metal work",
        "Upper secondary (grade 12)", "JLPT N4", "Specified Skilled Worker (Japan)",
        "Automotive", "Kandal", "Strong fit", "✓ welding", "dara@example.com",
    ):  # fmt: skip
        assert shown in page, shown
    assert f'src="{page_url(fair)}/cv"' in page and "Download the CV (PDF)" in page


def test_the_cv_is_served_inline_in_a_sandbox_and_every_view_is_audited(
    client, auth, fair, with_cv
):
    auth.login(fair.recruiter.email)
    response = client.get(page_url(fair) + "/cv")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"].startswith("inline;")
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert response.headers["Cache-Control"] == "no-store"
    download = client.get(page_url(fair) + "/cv/download")
    assert download.headers["Content-Disposition"].startswith("attachment;")
    audits = db.session.scalars(sa.select(AuditLog).order_by(AuditLog.id)).all()
    views = [(a.action, a.target_id, a.details) for a in audits if a.action.startswith("cv_")]
    assert views == [
        ("cv_view", with_cv.id, {"role_id": fair.role.id, "format": "pdf"}),
        ("cv_download", with_cv.id, {"role_id": fair.role.id, "format": "pdf"}),
    ]


def test_another_company_gets_404_for_the_page_and_the_cv(client, auth, fair, with_cv):
    auth.login(fair.other_recruiter.email)
    for suffix in ("", "/cv", "/cv/download"):
        assert client.get(page_url(fair) + suffix).status_code == 404
    # For their own role at the same fair the candidate (who consented) is theirs to see.
    own_role_url = f"/employer/roles/{fair.other_role.id}/candidates/{with_cv.id}/cv"
    assert client.get(own_role_url).status_code == 200  # same fair, their own role: allowed
    assert not db.session.scalar(sa.select(AuditLog).where(AuditLog.actor_id == fair.recruiter.id))


def test_withdrawn_consent_leaves_no_cv_link_anywhere(client, auth, fair, with_cv):
    db.session.add(Application(role=fair.role, candidate=with_cv, status="shortlisted"))
    with_cv.consent_at = None
    db.session.commit()
    auth.login(fair.recruiter.email)
    for suffix in ("", "/cv", "/cv/download"):
        assert client.get(page_url(fair) + suffix).status_code == 404
    assert client.get(f"/cv/{with_cv.id}").status_code == 404
    application = db.session.scalar(sa.select(Application))
    pages = [
        client.get(f"/employer/applications/{application.id}").get_data(as_text=True),
        client.get(f"/employer/roles/{fair.role.id}/pipeline").get_data(as_text=True),
        client.get(f"/employer/roles/{fair.role.id}/shortlist").get_data(as_text=True),
    ]
    for page in pages:
        assert "/cv" not in page and page_url(fair) not in page


def test_blind_review_hides_identity_and_cv_until_the_invitation(client, auth, fair, with_cv):
    fair.role.blind_review = True
    db.session.commit()
    auth.login(fair.recruiter.email)
    page = client.get(page_url(fair)).get_data(as_text=True)
    for hidden in ("Chan Dara", "dara@example.com", "Male", ">Age<", "/cv"):
        assert hidden not in page, hidden
    assert "The CV shows once you invite the candidate" in page
    assert "MIG welder" in page  # the experience is what blind review is for
    assert client.get(page_url(fair) + "/cv").status_code == 404
    application = Application(role=fair.role, candidate=with_cv, status="invited")
    db.session.add_all([application, Interview(application=application, candidate_id=with_cv.id)])
    db.session.commit()
    page = client.get(page_url(fair)).get_data(as_text=True)
    assert "Chan Dara" in page and "dara@example.com" in page
    assert client.get(page_url(fair) + "/cv").status_code == 200


def test_a_word_cv_shows_its_text_and_downloads(client, auth, fair):
    document = docx.Document()
    document.add_paragraph("Forklift driver at Phnom Penh port, five years.")
    buffer = io.BytesIO()
    document.save(buffer)
    candidate_profile.replace_cv(fair.candidate.profile, [(buffer.getvalue(), "cv.docx")])
    db.session.commit()
    auth.login(fair.recruiter.email)
    page = client.get(page_url(fair)).get_data(as_text=True)
    assert "Forklift driver at Phnom Penh port" in page and "Download the CV (Word)" in page
    assert "<iframe" not in page
    response = client.get(page_url(fair) + "/cv")
    assert response.headers["Content-Disposition"].startswith("attachment;")


def test_every_way_in_leads_to_the_page(client, auth, fair):
    auth.login(fair.recruiter.email)
    shortlist = client.get(f"/employer/roles/{fair.role.id}/shortlist").get_data(as_text=True)
    assert page_url(fair) in shortlist
    client.post(f"/employer/roles/{fair.role.id}/shortlist/{fair.candidate.profile.id}")
    application = db.session.scalar(sa.select(Application))
    assert page_url(fair) in client.get(f"/employer/applications/{application.id}").get_data(
        as_text=True
    )
    pipeline = client.get(f"/employer/roles/{fair.role.id}/pipeline").get_data(as_text=True)
    assert page_url(fair) in pipeline


def test_rejection_is_apart_and_needs_a_reason_and_a_confirmation(client, auth, fair):
    auth.login(fair.recruiter.email)
    client.post(f"/employer/roles/{fair.role.id}/shortlist/{fair.candidate.profile.id}")
    application = db.session.scalar(sa.select(Application))
    url = f"/employer/applications/{application.id}"
    page = client.get(url).get_data(as_text=True)
    assert '<option value="rejected"' not in page and "Not selected…" in page
    assert client.post(url + "/status", data={"status-status": "rejected"}).status_code == 400
    client.post(url + "/reject", data={"reject-reason": "Needs N3."})  # not confirmed
    client.post(url + "/reject", data={"reject-confirm": "y"})  # no reason
    db.session.expire_all()
    assert application.status == "shortlisted"
    client.post(url + "/reject", data={"reject-reason": "Needs N3.", "reject-confirm": "y"})
    db.session.expire_all()
    assert application.status == "rejected" and application.history[-1].reason == "Needs N3."
    # The candidate sees the status, never the reason or notes.
    client.post("/auth/logout")
    auth.login(fair.candidate.email)
    dashboard = client.get("/me/").get_data(as_text=True)
    assert "Welder (SSW)" in dashboard and "Not selected" in dashboard
    assert "Needs N3." not in dashboard


def test_languages_read_as_their_tests_name_them(client, auth, fair):
    """JFT-Basic A2 is not a CEFR level, and JLPT N4 is not followed by "(JLPT)" again."""
    profile = fair.candidate.profile
    profile.languages = [
        {"language": "Japanese", "test": "JFT-Basic", "level": "A2"},
        {"language": "English", "test": "CEFR", "level": "B1"},
    ]
    db.session.commit()
    auth.login(fair.recruiter.email)
    page = client.get(page_url(fair)).get_data(as_text=True)
    assert "Japanese JFT-Basic A2" in page and "English CEFR B1" in page
    assert "CEFR A2" not in page and "(CEFR)" not in page
