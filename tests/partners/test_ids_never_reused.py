"""An id once given is never given again, on SQLite as on PostgreSQL: ids leave the
platform (API, webhooks, calendar UIDs), so a partner or a calendar keyed on one must
never meet it on another row."""

import os
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from jobfair import calendars, create_app
from jobfair.employers import bulk
from jobfair.extensions import db
from jobfair.models import Interview
from tests.conftest import _test_config, dispose_engines

from .conftest import bearer

BEFORE = "d7a1c3e5f901"
AUTOINCREMENT = "f3b8e2a4c6d0"


def test_every_table_is_autoincrement_on_sqlite(app):
    for table in db.metadata.tables.values():
        assert table.dialect_options["sqlite"]["autoincrement"], table.name


def _uid(interview) -> str:
    from flask import current_app

    with current_app.test_request_context():
        ics = calendars.interview_calendar(interview, summary="Interview").decode()
    return re.search(r"^UID:(.*)$", ics, re.M).group(1).strip()


def _walk_up(world, profile) -> Interview:
    today = datetime.now(ZoneInfo(world.event.timezone)).date()
    world.event.starts_on, world.event.ends_on = today, today  # walk-ups: the fair's days only
    result = bulk.apply(world.role, [profile], "invite_walk_up", world.recruiter)
    db.session.commit()
    interview = db.session.scalar(
        sa.select(Interview).where(Interview.application_id == result.done[0])
    )
    return result, interview


def test_an_undone_interview_leaves_its_id_and_calendar_uid_behind(world):
    first_result, first = _walk_up(world, world.candidates[1])
    first_id, first_uid = first.id, _uid(first)
    bulk.undo(world.role, first_result.batch, world.recruiter)
    db.session.commit()
    assert db.session.get(Interview, first_id) is None
    _result, second = _walk_up(world, world.candidates[2])
    assert second.id > first_id
    assert _uid(second) != first_uid


def test_a_role_deleted_through_the_api_leaves_its_id_behind(client, world):
    body = {"event_id": world.event.id, "title": "Painter", "sector": "construction",
            "location": "Phnom Penh"}  # fmt: skip
    headers = bearer(world.tokens["right"])
    first = client.post("/api/v1/roles", json=body, headers=headers).get_json()["id"]
    assert client.delete(f"/api/v1/roles/{first}", headers=headers).status_code == 204
    second = client.post("/api/v1/roles", json=body, headers=headers).get_json()["id"]
    assert second > first


@pytest.fixture
def migrated_app(backend, request, tmp_path):
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database(f"ids_{os.getpid()}_{request.node.name[-12:].lower()}")
    else:
        url = "sqlite:///" + str(tmp_path / "ids.sqlite")
    app = create_app(_test_config(url, tmp_path))
    yield app
    with app.app_context():
        dispose_engines()


def _insert_user(name: str) -> int:
    return db.session.execute(
        sa.text(
            "INSERT INTO users (role, email, display_name, password_hash, session_version,"
            " created_at) VALUES ('candidate', :email, :name, 'x', 1, CURRENT_TIMESTAMP)"
            " RETURNING id"
        ),
        {"email": f"{name}@example.org", "name": name},
    ).scalar_one()


def _insert_profile(user_id: int) -> int:
    return db.session.execute(
        sa.text(
            "INSERT INTO candidate_profiles (user_id, full_name, name_khmer, province, headline,"
            " education_level, education_field, experience, past_jobs, skills, languages,"
            " wanted_sectors, wanted_locations, programs, cv_text, share_contact, created_at,"
            " updated_at) VALUES (:user, 'Sokha', '', 'Takeo', '', 'none', '', '', '[]', '[]',"
            " '[]', '[]', '[]', '[]', '', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            " RETURNING id"
        ),
        {"user": user_id},
    ).scalar_one()


def test_the_migration_keeps_every_row_and_ids_stop_coming_back(migrated_app, backend):
    directory = migrated_app.extensions["migrate"].directory
    with migrated_app.app_context():
        upgrade(directory=directory, revision=BEFORE)
        kept = _insert_user("kept")
        profile = _insert_profile(kept)
        dropped = _insert_user("dropped")
        db.session.execute(sa.text("DELETE FROM users WHERE id = :id"), {"id": dropped})
        db.session.commit()

        upgrade(directory=directory, revision=AUTOINCREMENT)
        # Children survive the rebuild of their parents (no cascade on the old table's drop).
        owner = db.session.execute(
            sa.text("SELECT user_id FROM candidate_profiles WHERE id = :id"), {"id": profile}
        ).scalar_one()
        assert owner == kept
        # End the read: later migrations alter these tables (PostgreSQL's ALTER TABLE waits
        # for every open transaction that read them, this test's own too).
        db.session.commit()
        # Tables added by later migrations are declared AUTOINCREMENT when created.
        upgrade(directory=directory)
        if backend == "sqlite":
            query = sa.text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            tables = {name: sql for name, sql in db.session.execute(query)}
            for name, table in db.metadata.tables.items():
                # Only a single integer key is SQLite's rowid, the id that could come back;
                # a link table keyed by two ids has none (application_note_mentions).
                if [c.name for c in table.primary_key.columns] == ["id"]:
                    assert "AUTOINCREMENT" in tables[name], name
            assert db.session.execute(sa.text("PRAGMA foreign_keys")).scalar() == 1
        newest = _insert_user("newest")
        db.session.execute(sa.text("DELETE FROM users WHERE id = :id"), {"id": newest})
        assert _insert_user("after") > newest
        db.session.commit()

        downgrade(directory=directory, revision=BEFORE)
        owner = db.session.execute(
            sa.text("SELECT user_id FROM candidate_profiles WHERE id = :id"), {"id": profile}
        ).scalar_one()
        assert owner == kept
        db.session.commit()
