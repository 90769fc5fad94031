"""A role in three languages: written by the recruiter, read by candidates in theirs."""

import pytest
import sqlalchemy as sa

from jobfair import postings
from jobfair.extensions import db
from jobfair.models import Role, RoleTranslation
from jobfair.models.rules import InvalidRecord
from jobfair.models.translations import guess_language

from ..employers.test_roles import ROLE_FORM

JA_TITLE, JA_TEXT = "溶接工（自動車部品）", "アーク溶接の仕事です。"
KM_TITLE, KM_TEXT = "ជាងផ្សារដែក (គ្រឿងបន្លាស់រថយន្ត)", "ការងារផ្សារដែកនៅអៃឈិ។"


def read(app, url, language):
    """The page as a new visitor reading `language` sees it."""
    response = app.test_client().get(url, headers={"Accept-Language": language})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def post_japanese_role(client, fair, **changes):
    data = {
        "event_id": str(fair.event.id),
        **ROLE_FORM,
        "title": JA_TITLE,
        "description": JA_TEXT,
        "original_language": "ja",
        "title_km": KM_TITLE,
        "description_km": KM_TEXT,
        **changes,
    }
    return client.post("/employer/roles/new", data=data)


def the_role(title=JA_TITLE) -> Role:
    return db.session.scalar(sa.select(Role).where(Role.title == title))


def test_the_recruiter_gives_the_original_and_a_translation(client, auth, fair):
    auth.login(fair.recruiter.email)
    assert post_japanese_role(client, fair).status_code == 302
    role = the_role()
    assert role.original_language == "ja"
    [khmer] = role.translations
    assert (khmer.language, khmer.title, khmer.description) == ("km", KM_TITLE, KM_TEXT)
    assert khmer.translated_by_id == fair.recruiter.id and khmer.translated_at is not None
    assert role.missing_languages() == ["en"]


def test_the_edit_form_shows_and_changes_the_translations(client, auth, fair):
    auth.login(fair.recruiter.email)
    post_japanese_role(client, fair)
    role = the_role()
    page = client.get(f"/employer/roles/{role.id}/edit").get_data(as_text=True)
    assert KM_TITLE in page and KM_TEXT in page
    data = {**ROLE_FORM, "title": JA_TITLE, "original_language": "ja", "title_km": ""}
    data |= {"title_en": "Welder (car parts)", "description_en": "Arc welding."}
    assert client.post(f"/employer/roles/{role.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert [(t.language, t.title) for t in the_role().translations] == [
        ("en", "Welder (car parts)")
    ]


@pytest.mark.parametrize(
    "changes",
    [
        {"title_ja": "溶接工"},  # the language it is written in
        {"title_km": "", "description_km": KM_TEXT},  # a description without its title
        {"title_km": "ជ" * 201},  # longer than any title may be
    ],
)
def test_the_form_refuses_a_translation_it_cannot_keep(client, auth, fair, changes):
    auth.login(fair.recruiter.email)
    response = post_japanese_role(client, fair, **changes)
    assert response.status_code == 200
    assert 'class="error"' in response.get_data(as_text=True)
    assert the_role() is None


def test_a_khmer_candidate_reads_khmer_with_the_original_a_click_away(app, client, auth, fair):
    auth.login(fair.recruiter.email)
    post_japanese_role(client, fair)
    role = the_role()
    url = f"/events/{fair.event.id}/jobs/{role.id}"
    page = read(app, url, "km")
    assert KM_TITLE in page and KM_TEXT in page and JA_TEXT not in page
    assert "Translated from Japanese" in page or "បកប្រែពីភាសាជប៉ុន" in page
    assert f"{url}?original=1" in page
    text = read(app, f"{url}?original=1", "km")
    assert JA_TEXT in text and KM_TEXT not in text
    assert KM_TITLE in read(app, f"/events/{fair.event.id}/jobs", "km")
    assert KM_TITLE in read(app, f"/events/{fair.event.id}", "km")  # the public event page


def test_a_reader_without_a_translation_reads_the_original_marked(app, client, auth, fair):
    auth.login(fair.recruiter.email)
    post_japanese_role(client, fair)
    role = the_role()
    url = f"/events/{fair.event.id}/jobs/{role.id}"
    page = read(app, url, "en")
    assert JA_TEXT in page and "Original, in Japanese" in page and "Not translated yet." in page
    japanese = read(app, url, "ja")
    assert JA_TEXT in japanese and "?original=1" not in japanese


def test_reading_falls_back_to_the_original(fair):
    role = fair.role
    role.original_language = "en"
    postings.set_translation(role, "ja", "溶接工", "", fair.recruiter)
    db.session.commit()
    assert role.reading("ja").title == "溶接工" and role.reading("ja").translated
    assert role.reading("km").title == "Welder (SSW)" and not role.reading("km").translated
    assert role.reading("ja", original=True).title == "Welder (SSW)"
    assert role.reading("en").language == "en"


def test_set_translation_keeps_who_and_when_for_unchanged_text(fair):
    role = fair.role
    first = postings.set_translation(role, "km", KM_TITLE, "", fair.recruiter)
    db.session.commit()
    when = first.translated_at
    again = postings.set_translation(role, "km", KM_TITLE, "", fair.organizer)
    assert again is first and again.translated_by_id == fair.recruiter.id
    assert again.translated_at == when
    postings.set_translation(role, "km", "", "", fair.organizer)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count(RoleTranslation.id))) == 0


def test_set_translation_refuses_the_original_language_and_bad_text(fair):
    with pytest.raises(InvalidRecord):
        postings.set_translation(fair.role, "en", "Welder", "", fair.recruiter)
    with pytest.raises(InvalidRecord):
        postings.set_translation(fair.role, "km", "x" * 201, "", fair.recruiter)
    with pytest.raises(InvalidRecord):
        postings.set_translation(fair.role, "km", "", "only a text", fair.recruiter)


def test_the_database_holds_one_translation_per_language(fair):
    db.session.add_all(
        [
            RoleTranslation(role_id=fair.role.id, language="km", title="a"),
            RoleTranslation(role_id=fair.role.id, language="km", title="b"),
        ]
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize(
    ("text", "language"),
    [("Welder", "en"), (JA_TITLE, "ja"), (KM_TITLE, "km"), ("TIG溶接 welder", "ja"), ("", "en")],
)
def test_guess_language(text, language):
    assert guess_language(text) == language


def test_a_role_created_without_a_language_gets_its_texts_language(fair):
    role = Role(
        event=fair.event, organization=fair.company, title=JA_TITLE, sector="automotive",
        location="Japan - Aichi",
    )  # fmt: skip
    db.session.add(role)
    db.session.commit()
    assert role.original_language == "ja"


def test_the_recruiter_sees_the_postings_languages_and_a_copy_keeps_them(client, auth, fair):
    postings.set_translation(fair.role, "km", KM_TITLE, KM_TEXT, fair.organizer)
    db.session.commit()
    auth.login(fair.recruiter.email)
    page = client.get(f"/employer/roles/{fair.role.id}").get_data(as_text=True)
    assert "Original, in English" in page and KM_TITLE in page
    assert fair.organizer.display_name in page  # who translated it
    assert "Not translated yet." in page  # Japanese
    assert client.post(f"/employer/roles/{fair.role.id}/copy").status_code == 302
    copy = db.session.scalar(
        sa.select(Role).where(Role.id != fair.role.id, Role.title.like("%Welder%"))
    )
    assert [(t.language, t.title, t.translated_by_id) for t in copy.translations] == [
        ("km", KM_TITLE, fair.organizer.id)
    ]
    assert copy.original_language == "en"


def test_a_candidates_messages_name_the_role_in_their_language(app, fair):
    from jobfair.messages import notifications
    from jobfair.models import Application

    postings.set_translation(fair.role, "km", KM_TITLE, "", fair.recruiter)
    application = Application(role=fair.role, candidate=fair.candidate.profile, status="invited")
    db.session.add(application)
    fair.candidate.locale = "km"
    db.session.commit()
    with app.test_request_context():
        message = notifications.enqueue(
            fair.candidate, "application_status", application=application
        )
    assert KM_TITLE in message.body and "Welder (SSW)" not in message.body
    fair.recruiter.locale = "ja"  # no Japanese translation: the original
    with app.test_request_context():
        other = notifications.enqueue(fair.recruiter, "application_status", application=application)
    assert "Welder (SSW)" in other.body
