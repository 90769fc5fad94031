"""Data migrations: existing rows come through an upgrade and a downgrade unchanged in meaning."""

import hashlib
import json
import os

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from jobfair import create_app
from jobfair.extensions import db
from matching.levels import parse_language
from tests.conftest import _test_config, dispose_engines

BEFORE_RECORDS = "3eaf9412eb4d"
RECORDS = "b71c0e5a9d34"
STRINGS = ["Khmer native", "Japanese N3", "English B1", "Japanese JFT-Basic A2", "Chinese B2"]


@pytest.fixture
def migrated_app(backend, request, tmp_path):
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        # A digest of the whole name: two tests ending alike ("..._on_downgrade") stay apart.
        name = hashlib.sha256(request.node.name.encode()).hexdigest()[:12]
        url = cluster.create_database(f"langs_{os.getpid()}_{name}")
    else:
        url = "sqlite:///" + str(tmp_path / "languages.sqlite")
    app = create_app(_test_config(url, tmp_path))
    yield app
    with app.app_context():
        dispose_engines()


def _languages(profile_id):
    value = db.session.execute(
        sa.text("SELECT languages FROM candidate_profiles WHERE id = :id"), {"id": profile_id}
    ).scalar_one()
    return json.loads(value) if isinstance(value, str) else value  # SQLite keeps JSON as text


def test_string_languages_become_records_and_come_back(migrated_app):
    directory = migrated_app.extensions["migrate"].directory
    with migrated_app.app_context():
        upgrade(directory=directory, revision=BEFORE_RECORDS)
        user_id = db.session.execute(
            sa.text(
                "INSERT INTO users (role, email, display_name, password_hash, session_version, created_at)"
                " VALUES ('candidate', 'sokha@example.org', 'Sokha', 'x', 1, CURRENT_TIMESTAMP)"
                " RETURNING id"
            )
        ).scalar_one()
        profile_id = db.session.execute(
            sa.text(
                "INSERT INTO candidate_profiles (user_id, full_name, name_khmer, province, headline,"
                " education_level, education_field, experience, past_jobs, skills, languages,"
                " wanted_sectors, wanted_locations, programs, cv_text, share_contact, created_at,"
                " updated_at) VALUES (:user, 'Sokha', '', 'Takeo', '', 'none', '', '', '[]', '[]',"
                " :languages, '[]', '[]', '[]', '', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                " RETURNING id"
            ),
            {"user": user_id, "languages": json.dumps(STRINGS)},
        ).scalar_one()
        db.session.commit()

        upgrade(directory=directory, revision=RECORDS)
        records = _languages(profile_id)
        assert records == [
            {"language": "Khmer", "test": "native", "level": "native"},
            {"language": "Japanese", "test": "JLPT", "level": "N3"},
            {"language": "English", "test": "CEFR", "level": "B1"},
            {"language": "Japanese", "test": "JFT-Basic", "level": "A2"},
            {"language": "Chinese", "test": "CEFR", "level": "B2"},
        ]
        # The same levels, read the way the matcher reads them.
        assert [parse_language(r) for r in records] == [parse_language(s) for s in STRINGS]
        db.session.commit()

        downgrade(directory=directory, revision=BEFORE_RECORDS)
        assert _languages(profile_id) == STRINGS
        db.session.commit()


ASCII_PHONES = "c4d81f2a6e07"


def test_phone_numbers_typed_in_khmer_digits_become_ascii(migrated_app):
    directory = migrated_app.extensions["migrate"].directory
    insert = sa.text(
        "INSERT INTO users (role, phone, display_name, password_hash, session_version, created_at)"
        " VALUES ('candidate', :phone, 'Dara', 'x', 1, CURRENT_TIMESTAMP) RETURNING id"
    )
    with migrated_app.app_context():
        upgrade(directory=directory, revision=RECORDS)
        khmer = db.session.execute(insert, {"phone": "+855១២៣៤៥៦៧៨"}).scalar_one()
        ascii_owner = db.session.execute(insert, {"phone": "+85596111222"}).scalar_one()
        clash = db.session.execute(insert, {"phone": "+855៩៦១១១២២២"}).scalar_one()
        db.session.commit()

        upgrade(directory=directory, revision=ASCII_PHONES)
        phones = dict(db.session.execute(sa.text("SELECT id, phone FROM users")).all())
        assert phones[khmer] == "+85512345678"
        assert phones[ascii_owner] == "+85596111222"
        assert phones[clash] == "+855៩៦១១១២២២"  # left for the help desk: the number is taken
        db.session.commit()

        downgrade(directory=directory, revision=RECORDS)
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("candidate_profiles")}
        assert "cv_read_started_at" not in columns
        db.session.commit()


WITHDRAWN = "d5a7c3e9b1f4"  # h-access: "withdrawn" exhibitors and applications


def _company_and_fair():
    """A company and a one-day fair, added to the session (the rows migration tests need)."""
    from datetime import date, time

    from jobfair.models import Event, Organization

    organization = Organization(name="Sakura", country="JP", sector="it")
    event = Event(
        name="Fair", venue="CJCC", city="Phnom Penh", starts_on=date(2027, 1, 9),
        ends_on=date(2027, 1, 9), opens_at=time(8), closes_at=time(16),
    )  # fmt: skip
    db.session.add_all([organization, event])
    return organization, event


def test_withdrawn_exhibitors_are_allowed_and_downgrade_to_rejected(migrated_app):
    from alembic.script import ScriptDirectory

    from jobfair.models import Exhibitor

    directory = migrated_app.extensions["migrate"].directory
    with migrated_app.app_context():
        upgrade(directory=directory, revision=WITHDRAWN)
        organization, event = _company_and_fair()
        db.session.flush()
        db.session.add(Exhibitor(event=event, organization=organization, status="withdrawn"))
        db.session.commit()

        # The revision before it, whatever the merge of branches made it.
        before = ScriptDirectory(directory).get_revision(WITHDRAWN).down_revision
        downgrade(directory=directory, revision=before)
        status = db.session.execute(sa.text("SELECT status FROM exhibitors")).scalar_one()
        assert status == "rejected"
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(sa.text("UPDATE exhibitors SET status = 'withdrawn'"))
        db.session.rollback()
        upgrade(directory=directory, revision=WITHDRAWN)
        db.session.execute(sa.text("UPDATE exhibitors SET status = 'withdrawn'"))
        db.session.commit()


SEARCH_KEYS = "a9e4c2b7d15f"  # h-search: search keys on profiles and roles


def test_search_keys_are_filled_for_existing_roles_and_dropped_on_downgrade(migrated_app):
    from alembic.script import ScriptDirectory

    directory = migrated_app.extensions["migrate"].directory
    before = ScriptDirectory(directory).get_revision(SEARCH_KEYS).down_revision
    with migrated_app.app_context():
        upgrade(directory=directory, revision=before)
        organization, event = _company_and_fair()
        db.session.commit()
        db.session.execute(
            sa.text(
                "INSERT INTO roles (event_id, organization_id, title, description, sector,"
                " location, program, headcount, currency, required_skills, preferred_skills,"
                " languages, min_education, status, blind_review, created_at, updated_at)"
                " VALUES (:event, :org, 'ワイヤーハーネス溶接工', '', 'automotive', 'Japan - Osaka',"
                " 'ssw', 1, 'JPY', :skills, '[]', '[]', 'none', 'open', false,"
                " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            ),
            {"event": event.id, "org": organization.id, "skills": json.dumps(["ផ្សារដែក"])},
        )
        db.session.commit()
        upgrade(directory=directory, revision=SEARCH_KEYS)
        key = db.session.execute(sa.text("SELECT search_key FROM roles")).scalar_one()
        db.session.commit()  # let go of the table: PostgreSQL's ALTER TABLE waits for readers
        assert {"わいやーはーねす溶接工", "welder", "welding", "japan - osaka"} <= set(
            key.split("\n")
        )
        downgrade(directory=directory, revision=before)
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("roles")}
        assert "search_key" not in columns
        upgrade(directory=directory, revision=SEARCH_KEYS)


STAFF = "c9e5a1f7d3b2"  # staff roles: door volunteers and booth staff


def test_staff_roles_keep_their_event_or_company_and_leave_on_downgrade(migrated_app):
    from alembic.script import ScriptDirectory

    directory = migrated_app.extensions["migrate"].directory
    insert = sa.text(
        "INSERT INTO users (email, password_hash, role, display_name, organization_id,"
        " staff_event_id, session_version, created_at)"
        " VALUES (:email, 'x', :role, 'Staff', :org, :event, 1, CURRENT_TIMESTAMP)"
    )
    with migrated_app.app_context():
        upgrade(directory=directory, revision=STAFF)
        organization, event = _company_and_fair()
        db.session.commit()
        rows = {"org": organization.id, "event": event.id}
        db.session.execute(insert, {**rows, "email": "door@x.test", "role": "door", "org": None})
        db.session.execute(
            insert, {**rows, "email": "booth@x.test", "role": "booth", "event": None}
        )
        db.session.execute(
            insert, {"email": "cand@x.test", "role": "candidate", "org": None, "event": None}
        )
        db.session.commit()
        for wrong in (
            {**rows, "role": "door", "event": None, "org": None},  # a door volunteer needs a fair
            {**rows, "role": "booth", "org": None, "event": None},  # booth staff need a company
            {**rows, "role": "candidate", "org": None},  # only door staff work one fair
        ):
            with pytest.raises(sa.exc.IntegrityError):
                db.session.execute(insert, {**wrong, "email": "wrong@x.test"})
            db.session.rollback()

        before = ScriptDirectory(directory).get_revision(STAFF).down_revision
        downgrade(directory=directory, revision=before)
        roles = db.session.execute(sa.text("SELECT role FROM users")).scalars().all()
        # End the read's transaction: on PostgreSQL the upgrade's ALTER TABLE waits for it.
        db.session.rollback()
        assert roles == ["candidate"]
        upgrade(directory=directory, revision=STAFF)


def _old_candidate_user() -> int:
    """A candidate's account written as SQL: at an old revision the users table lacks the
    columns the model has gained since."""
    return db.session.execute(
        sa.text(
            "INSERT INTO users (role, email, display_name, password_hash, session_version,"
            " created_at) VALUES ('candidate', 'c@x.test', 'C', 'x', 1, CURRENT_TIMESTAMP)"
            " RETURNING id"
        )
    ).scalar_one()


def _old_application(organization, event, *, status="new") -> tuple[int, int]:
    """A role and an application written as SQL (the roles table gains columns later):
    the ids of the role and of the application."""
    from jobfair.models import CandidateProfile

    user_id = _old_candidate_user()
    profile = CandidateProfile(user_id=user_id, full_name="C")
    db.session.add(profile)
    db.session.flush()
    role_id = db.session.execute(
        sa.text(
            "INSERT INTO roles (event_id, organization_id, title, description, sector, location,"
            " program, headcount, currency, required_skills, preferred_skills, languages,"
            " min_education, status, created_at, updated_at) VALUES (:event, :org, 'Welder',"
            " '', 'automotive', 'Phnom Penh', 'local', 1, 'USD', '[]', '[]', '[]', 'none',"
            " 'open', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id"
        ),
        {"event": event.id, "org": organization.id},
    ).scalar_one()
    application_id = db.session.execute(
        sa.text(
            "INSERT INTO applications (role_id, candidate_id, status, applied_by_candidate,"
            " created_at, updated_at) VALUES (:role, :profile, :status, true,"
            " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id"
        ),
        {"role": role_id, "profile": profile.id, "status": status},
    ).scalar_one()
    return role_id, application_id


SCORECARDS = "a4e8c2f6b913"  # interview scorecards and the colleagues a note mentions


def test_scorecards_keep_ratings_from_1_to_4_and_leave_on_downgrade(migrated_app):
    from alembic.script import ScriptDirectory

    directory = migrated_app.extensions["migrate"].directory
    with migrated_app.app_context():
        upgrade(directory=directory, revision=SCORECARDS)
        organization, event = _company_and_fair()
        db.session.flush()
        run = lambda sql, **values: db.session.execute(sa.text(sql), values)  # noqa: E731
        role_id, application_id = _old_application(organization, event)
        db.session.commit()
        run("INSERT INTO scorecard_criteria (role_id, position, key, label, created_at)"
            " VALUES (:role, 0, 'japanese', '', CURRENT_TIMESTAMP)", role=role_id)  # fmt: skip
        run("INSERT INTO scorecards (application_id, interviewer_id, comment, created_at,"
            " updated_at) VALUES (:app, NULL, 'ok', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
            app=application_id)  # fmt: skip
        db.session.commit()
        criterion = run("SELECT id FROM scorecard_criteria").scalar_one()
        card = run("SELECT id FROM scorecards").scalar_one()
        rating = ("INSERT INTO scorecard_ratings (scorecard_id, criterion_id, score, comment)"
                  " VALUES (:card, :criterion, :score, '')")  # fmt: skip
        for wrong in (
            (rating, {"card": card, "criterion": criterion, "score": 5}),
            ("INSERT INTO scorecard_criteria (role_id, position, key, label, created_at)"
             " VALUES (:role, 1, 'bogus', '', CURRENT_TIMESTAMP)", {"role": role_id}),
            ("INSERT INTO scorecard_criteria (role_id, position, label, created_at)"
             " VALUES (:role, 1, '', CURRENT_TIMESTAMP)", {"role": role_id}),
        ):  # fmt: skip
            with pytest.raises(sa.exc.IntegrityError):
                run(wrong[0], **wrong[1])
            db.session.rollback()
        run(rating, card=card, criterion=criterion, score=4)
        db.session.commit()

        before = ScriptDirectory(directory).get_revision(SCORECARDS).down_revision
        downgrade(directory=directory, revision=before)
        tables = set(sa.inspect(db.engine).get_table_names())
        assert not tables & {"scorecards", "scorecard_ratings", "scorecard_criteria",
                             "application_note_mentions"}  # fmt: skip
        assert "applications" in tables
        upgrade(directory=directory, revision=SCORECARDS)


OFFERS = "e2c4a6f8b1d3"


def test_offers_keep_one_pending_per_application_and_leave_on_downgrade(migrated_app):
    """The partial unique index is the migration's (the test schema comes from the models)."""
    directory = migrated_app.extensions["migrate"].directory
    insert = sa.text(
        "INSERT INTO offers (application_id, role_id, salary, currency, starts_on, note, status,"
        " decided_at) VALUES (:app, :role, 230000, 'JPY', '2027-04-01', '', :status,"
        " CURRENT_TIMESTAMP)"
    )
    with migrated_app.app_context():
        upgrade(directory=directory, revision=OFFERS)
        organization, event = _company_and_fair()
        db.session.flush()
        role_id, application_id = _old_application(organization, event, status="offered")
        db.session.commit()
        rows = {"app": application_id, "role": role_id}
        db.session.execute(insert, {**rows, "status": "declined"})
        db.session.execute(insert, {**rows, "status": "pending"})
        db.session.commit()
        with pytest.raises(sa.exc.IntegrityError):
            db.session.execute(insert, {**rows, "status": "pending"})
        db.session.rollback()
        from alembic.script import ScriptDirectory

        before = ScriptDirectory(directory).get_revision(OFFERS).down_revision
        downgrade(directory=directory, revision=before)
        assert "offers" not in sa.inspect(db.engine).get_table_names()
        upgrade(directory=directory, revision=OFFERS)
        assert "offers" in sa.inspect(db.engine).get_table_names()
