"""Translations travel through the API (role payload, OpenAPI schema) and imports."""

import jsonschema_rs
import sqlalchemy as sa

from jobfair.api import openapi
from jobfair.extensions import db
from jobfair.models import Role

from ..partners.conftest import bearer, csv_bytes

ROLE = {"title": "溶接工", "sector": "manufacturing", "location": "Phnom Penh"}
KHMER = {"title": "ជាងផ្សារដែក", "description": "ផ្សារដែកនៅរោងចក្រ។"}


def post(client, world, body):
    return client.post("/api/v1/roles", json=body, headers=bearer(world.tokens["right"]))


def patch(client, world, role_id, body):
    return client.patch(
        f"/api/v1/roles/{role_id}", json=body, headers=bearer(world.tokens["right"])
    )


def test_a_role_is_created_with_translations_and_read_back(client, world):
    body = dict(ROLE, event_id=world.event.id, translations={"km": KHMER})
    created = post(client, world, body)
    assert created.status_code == 201, created.json
    assert created.json["original_language"] == "ja"  # read from the title, not given
    khmer = created.json["translations"]["km"]
    assert (khmer["title"], khmer["description"]) == (KHMER["title"], KHMER["description"])
    assert khmer["translated_by_id"] == world.recruiter.id and khmer["translated_at"]
    role = db.session.get(Role, created.json["id"])
    assert role.reading("km").title == KHMER["title"]
    document = openapi.document("/api/v1")
    schema = {**document["components"]["schemas"]["Role"], "components": document["components"]}
    assert jsonschema_rs.is_valid(schema, created.json)


def test_patch_changes_and_removes_a_translation(client, world):
    role_id = world.role.id
    assert patch(client, world, role_id, {"translations": {"ja": {"title": "溶接工"}}}).json[
        "translations"
    ] == {"ja": {"title": "溶接工", "description": ""} | _who(client, world, role_id, "ja")}
    answer = patch(client, world, role_id, {"translations": {"ja": None}})
    assert answer.status_code == 200 and answer.json["translations"] == {}
    db.session.expire_all()
    assert db.session.get(Role, role_id).translations == []


def _who(client, world, role_id, language) -> dict:
    got = client.get(f"/api/v1/roles/{role_id}", headers=bearer(world.tokens["right"]))
    translation = got.json["translations"][language]
    return {k: translation[k] for k in ("translated_by_id", "translated_at")}


def test_the_api_refuses_what_the_form_refuses(client, world):
    role_id = world.role.id  # written in English
    cases = [
        ({"en": {"title": "Welder"}}, "translations.en.original_language"),
        ({"fr": {"title": "Soudeur"}}, "translations.fr"),
        ({"km": {"description": "only a text"}}, "translations.km.title"),
        ({"km": {"title": "x", "note": "?"}}, "translations.km"),
        ({"km": {"title": "x" * 201}}, "translations.km.title"),
        ("km", "translations"),
    ]
    for translations, field in cases:
        answer = patch(client, world, role_id, {"translations": translations})
        assert answer.status_code == 422, translations
        assert field in answer.json["error"]["details"], (translations, answer.json)
    db.session.expire_all()
    assert db.session.get(Role, role_id).translations == []


def test_the_document_describes_translations():
    schemas = openapi.document("/api/v1")["components"]["schemas"]
    assert set(schemas["Role"]["properties"]["translations"]["properties"]) == {"en", "km", "ja"}
    assert "original_language" in schemas["RoleCreate"]["properties"]
    assert "translations" in schemas["RoleUpdate"]["properties"]


def _import(client, event, kind, rows, name):
    from ..partners.test_imports import preview_url, upload

    url = preview_url(upload(client, event, kind, csv_bytes(rows), name))
    return url, client.get(url).get_data(as_text=True)


EXHIBITORS = [["Company", "Country"], ["Sakura Metal", "JP"]]


def test_a_role_import_carries_its_language_and_translations(organizer_client, create_event):
    event = create_event()
    url, _page = _import(organizer_client, event, "exhibitors", EXHIBITORS, "e.csv")
    organizer_client.post(url)
    rows = [
        ["会社名", "職種", "仕事内容", "職種（クメール語）", "仕事内容（クメール語）", "Job title (English)"],
        ["Sakura Metal", "溶接工", "アーク溶接", KHMER["title"], KHMER["description"], "Welder"],
    ]  # fmt: skip
    url, _page = _import(organizer_client, event, "roles", rows, "roles.csv")
    organizer_client.post(url)
    role = db.session.scalar(sa.select(Role))
    assert role.original_language == "ja"  # read from the title: no "written in" column
    assert {t.language: t.title for t in role.translations} == {
        "km": KHMER["title"],
        "en": "Welder",
    }
    assert role.translation("km").description == KHMER["description"]

    rows[1][5] = "Welder (arc)"
    url, page = _import(organizer_client, event, "roles", rows, "roles.csv")
    assert "Job title (English)" in page  # the change the preview names
    organizer_client.post(url)
    db.session.expire_all()
    assert db.session.scalar(sa.select(Role)).translation("en").title == "Welder (arc)"
    url, page = _import(organizer_client, event, "roles", rows, "roles.csv")
    assert "Nothing to import" in page


def test_an_import_refuses_a_translation_in_the_original_language(organizer_client, create_event):
    event = create_event()
    url, _page = _import(organizer_client, event, "exhibitors", EXHIBITORS, "e.csv")
    organizer_client.post(url)
    rows = [
        ["Company", "Job title", "Written in", "Job title (English)", "Description (Khmer)"],
        ["Sakura Metal", "Welder", "English", "Welder", ""],
        ["Sakura Metal", "Cook", "en", "", "ចម្អិនម្ហូប"],
    ]
    url, page = _import(organizer_client, event, "roles", rows, "roles.csv")
    assert "2 with errors, left out" in page and "0 new" in page
    assert "Job title (English): The role is written in this language" in page
    organizer_client.post(url)
    assert db.session.scalar(sa.select(sa.func.count(Role.id))) == 0
