"""The rirekisho: proposed from the profile, edited and confirmed by the candidate, opened by
recruiters exactly where the CV opens, its photo checked, and erased with the account."""

import io
import os
from datetime import UTC, date, datetime

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader

from jobfair import rirekisho
from jobfair.candidates import data_rights
from jobfair.extensions import db
from jobfair.models import Application, ApplicationStatus, PassedTest, Rirekisho, UserRole

EDIT = "/me/rirekisho"


def page_url(fair) -> str:
    return f"/employer/roles/{fair.role.id}/candidates/{fair.candidate.profile.id}"


def applied(fair, status=ApplicationStatus.SHORTLISTED, role=None) -> Application:
    application = Application(
        role=role or fair.role,
        candidate=fair.candidate.profile,
        status=status,
        applied_by_candidate=True,
    )
    db.session.add(application)
    db.session.commit()
    return application


def form_data(**changes) -> dict:
    data = {
        "name_kana": "チャン・ダラ",
        "name_romaji": "CHAN DARA",
        "birth_date": "2001-04-20",
        "gender": "",
        "postal_code": "120101",
        "address": "カンボジア プノンペン",
        "education-0-year": "2019",
        "education-0-month": "8",
        "education-0-text": "プレアシソワット高等学校 卒業",
        "jobs-0-year": "2020",
        "jobs-0-month": "1",
        "jobs-0-text": "Angkor Steel 入社（溶接工）",
        "licences-0-year": "2025",
        "licences-0-month": "7",
        "licences-0-text": "日本語能力試験 N4 合格",
        "motivation": "日本で 溶接の しごとを したいです。",
        "wishes": "貴社の規定に従います。",
        "action": "save",
    }
    return {**data, **changes}


def pdf_text(data: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return text.replace("\x00", "")  # pypdf reads the CJK font's map with NULs


def photo(fmt="PNG", size=(800, 600), **save) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 120, 160)).save(buffer, format=fmt, **save)
    return buffer.getvalue()


# --- the proposal --------------------------------------------------------------------


def test_the_proposal_says_in_japanese_what_the_profile_knows(fair):
    profile = fair.candidate.profile
    profile.languages = [
        {"language": "Japanese", "test": "JLPT", "level": "N4", "certified_on": "2025-07-06"}
    ]
    profile.past_jobs = [{"title": "Welder", "employer": "Angkor Steel", "years": 2}]
    db.session.add(
        PassedTest(candidate=profile, kind="ssw_skill", field="nursing_care",
                   passed_on=date(2025, 9, 10))
    )  # fmt: skip
    db.session.commit()
    proposed = rirekisho.proposal(profile)
    assert proposed["name_kana"] == "チャン・ダラ"
    assert proposed["name_romaji"] == "CHAN DARA"
    assert [row["text"] for row in proposed["education"]] == [
        "中学校 卒業", "高等学校 入学", "高等学校 卒業"
    ]  # fmt: skip
    assert proposed["jobs"][0]["text"].startswith("Angkor Steel 入社（溶接")
    assert proposed["licences"] == [
        {"year": 2025, "month": 7, "text": "日本語能力試験 N4 合格"},
        {"year": 2025, "month": 9, "text": "特定技能評価試験（介護）合格"},
    ]
    assert proposed["gender"] == ""  # optional on the 2021 form: never filled for them
    assert proposed["email"] == "dara@example.com"  # they share their contact details
    profile.share_contact = False
    assert rirekisho.proposal(profile)["email"] == ""


def test_the_page_shows_the_proposal_and_saves_nothing_until_asked(client, auth, fair):
    auth.login(fair.candidate.email)
    page = client.get(EDIT)
    assert page.status_code == 200
    assert "チャン・ダラ" in page.text and "高等学校 卒業" in page.text
    assert page.headers["Cache-Control"] == "no-store"
    assert db.session.query(Rirekisho).count() == 0


def test_the_proposal_can_be_asked_again_after_a_profile_change(client, auth, fair):
    auth.login(fair.candidate.email)
    client.post(EDIT, data=form_data(action="confirm"))
    fair.candidate.profile.education_level = "tvet_certificate"
    db.session.commit()
    assert "職業訓練校" not in client.get(EDIT).text  # the saved rirekisho, as written
    again = client.get(EDIT + "?from=profile").text
    assert "職業訓練校 修了" in again
    assert db.session.query(Rirekisho).one().confirmed_at is not None  # nothing saved


def test_the_name_in_katakana_must_be_katakana(client, auth, fair):
    auth.login(fair.candidate.email)
    response = client.post(EDIT, data=form_data(name_kana="Chan Dara"))
    assert response.status_code == 200
    assert "katakana" in response.text
    assert db.session.query(Rirekisho).count() == 0


# --- confirming, and who sees it ------------------------------------------------------


def test_recruiters_see_nothing_until_the_candidate_confirms(client, auth, fair):
    applied(fair)
    auth.login(fair.candidate.email)
    client.post(EDIT, data=form_data())
    auth.logout()
    auth.login(fair.recruiter.email)
    assert client.get(page_url(fair) + "/rirekisho").status_code == 404
    assert "/rirekisho" not in client.get(page_url(fair)).text
    auth.logout()

    auth.login(fair.candidate.email)
    client.post(EDIT, data=form_data(action="confirm"))
    auth.logout()
    auth.login(fair.recruiter.email)
    assert "/rirekisho" in client.get(page_url(fair)).text
    response = client.get(page_url(fair) + "/rirekisho")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="rirekisho-chan-dara.pdf"'
    )
    text = pdf_text(response.data)
    for words in ("履", "チャン・ダラ", "CHAN DARA", "満 ", "学歴", "職歴", "以上",
                  "日本語能力試験 N4 合格", "溶接", "貴社の規定に従います"):  # fmt: skip
        assert words in text, words


def test_editing_after_confirming_hides_it_until_confirmed_again(client, auth, fair):
    applied(fair)
    auth.login(fair.candidate.email)
    client.post(EDIT, data=form_data(action="confirm"))
    client.post(EDIT, data=form_data(motivation="介護の しごとも したいです。"))
    found = db.session.query(Rirekisho).one()
    assert found.confirmed_at is None
    assert "companies cannot see it" in client.get(EDIT).text
    auth.logout()
    auth.login(fair.recruiter.email)
    assert client.get(page_url(fair) + "/rirekisho").status_code == 404


def test_saving_unchanged_keeps_the_confirmation(fair):
    found = rirekisho.start(fair.candidate.profile)
    rirekisho.confirm(found)
    assert rirekisho.save(found, rirekisho.values_of(found)) is False
    assert found.confirmed_at is not None


def confirmed(fair) -> Rirekisho:
    found = rirekisho.start(fair.candidate.profile)
    rirekisho.confirm(found)
    db.session.commit()
    return found


def test_a_company_the_candidate_did_not_apply_to_gets_404(client, auth, fair):
    confirmed(fair)
    auth.login(fair.recruiter.email)  # the candidate is at the fair, but applied nowhere
    assert client.get(page_url(fair) + "/rirekisho").status_code == 404
    applied(fair, role=fair.other_role)  # applied to the other company only
    assert client.get(page_url(fair) + "/rirekisho").status_code == 404
    auth.logout()
    auth.login(fair.other_recruiter.email)
    url = f"/employer/roles/{fair.role.id}/candidates/{fair.candidate.profile.id}/rirekisho"
    assert client.get(url).status_code == 404  # another company's role
    own = f"/employer/roles/{fair.other_role.id}/candidates/{fair.candidate.profile.id}/rirekisho"
    assert client.get(own).status_code == 200


def test_blind_review_hides_it_like_the_cv_until_the_invitation(client, auth, fair):
    confirmed(fair)
    fair.role.blind_review = True
    application = applied(fair)
    auth.login(fair.recruiter.email)
    assert client.get(page_url(fair) + "/rirekisho").status_code == 404
    application.status = ApplicationStatus.INVITED
    db.session.commit()
    assert client.get(page_url(fair) + "/rirekisho").status_code == 200


def test_withdrawn_consent_closes_it(client, auth, fair):
    confirmed(fair)
    applied(fair)
    auth.login(fair.recruiter.email)
    assert client.get(page_url(fair) + "/rirekisho").status_code == 200
    fair.candidate.profile.consent_at = None
    db.session.commit()
    assert client.get(page_url(fair) + "/rirekisho").status_code == 404


@pytest.mark.parametrize("who", ["organizer", "booth", "other_candidate"])
def test_nobody_else_opens_it(fair, create_user, who):
    confirmed(fair)
    applied(fair)
    others = {
        "organizer": lambda: fair.organizer,
        "booth": lambda: create_user(UserRole.BOOTH, organization=fair.company),
        "other_candidate": lambda: create_user(),
    }
    assert rirekisho.may_see(others[who](), fair.candidate.profile) is None
    assert rirekisho.may_see(fair.recruiter, fair.candidate.profile) is not None


def test_the_candidate_previews_a_draft(client, auth, fair):
    auth.login(fair.candidate.email)
    assert client.get("/me/rirekisho.pdf").status_code == 404
    client.post(EDIT, data=form_data())
    response = client.get("/me/rirekisho.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "CHAN DARA" in pdf_text(response.data)


# --- the photo -----------------------------------------------------------------------


def upload(client, data: bytes, name="me.png"):
    return client.post(
        "/me/rirekisho/photo", data={"photo": (io.BytesIO(data), name)}, follow_redirects=True
    )


def test_a_photo_is_cut_to_3_by_4_and_kept_without_metadata(client, auth, fair):
    auth.login(fair.candidate.email)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: metadata that must not reach recruiters
    response = upload(client, photo("JPEG", exif=exif), "me.jpg")
    assert "Your photo is saved" in response.text
    found = db.session.query(Rirekisho).one()
    with Image.open(rirekisho.existing_photo(found)) as kept:
        assert kept.format == "JPEG" and kept.size == rirekisho.PHOTO_SIZE
        assert not kept.getexif()
    served = client.get("/me/rirekisho/photo")
    assert served.mimetype == "image/jpeg" and served.headers["Cache-Control"] == "no-store"
    pdf = client.get("/me/rirekisho.pdf").data
    assert PdfReader(io.BytesIO(pdf)).pages[0].images  # the photo is on page 1


@pytest.mark.parametrize(
    "data, name, says",
    [
        (b"GIF89a" + b"\x00" * 100, "me.gif", "JPEG or PNG"),
        (b"%PDF-1.4 not a photo", "me.pdf", "JPEG or PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "broken.png", "not a real photo"),
        (None, "script.png", "script"),
    ],
)
def test_a_photo_that_is_not_one_is_refused_and_nothing_changes(
    client, auth, fair, data, name, says
):
    if data is None:
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "<script>alert(1)</script>")
        data = photo("PNG", pnginfo=info)
    auth.login(fair.candidate.email)
    response = upload(client, data, name)
    assert says in response.text
    found = rirekisho.rirekisho_of(fair.candidate.profile)
    assert found is None or found.photo_filename is None


def test_a_new_photo_replaces_the_old_file_and_asks_to_confirm_again(client, auth, fair):
    found = confirmed(fair)
    auth.login(fair.candidate.email)
    upload(client, photo())
    first = rirekisho.existing_photo(found)
    upload(client, photo(size=(600, 900)))
    db.session.refresh(found)
    assert not os.path.exists(first) and rirekisho.existing_photo(found)
    assert found.confirmed_at is None


# --- the candidate's rights ----------------------------------------------------------


def test_the_data_download_includes_it(client, auth, fair):
    auth.login(fair.candidate.email)
    client.post(EDIT, data=form_data(action="confirm"))
    data = client.get("/me/data.json").get_json()
    assert data["rirekisho"]["name_kana"] == "チャン・ダラ"
    assert data["rirekisho"]["birth_date"] == "2001-04-20"
    assert data["rirekisho"]["confirmed_at"]


def test_erasure_deletes_it_and_its_photo(client, auth, fair):
    auth.login(fair.candidate.email)
    upload(client, photo())
    path = rirekisho.existing_photo(rirekisho.rirekisho_of(fair.candidate.profile))
    assert path and os.path.exists(path)
    data_rights.erase_candidate(fair.candidate)
    db.session.commit()
    assert db.session.query(Rirekisho).count() == 0
    assert not os.path.exists(path)


def test_the_pdf_is_dated_the_day_it_was_confirmed(fair):
    found = confirmed(fair)
    found.birth_date = date(2000, 12, 31)
    found.confirmed_at = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    text = pdf_text(rirekisho.pdf_of(found))
    assert "2026年 12月 1日現在" in text
    assert "満 25 歳" in text
