"""The migration gives existing roles the language they are written in, and goes back."""

from datetime import date, time

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from jobfair.extensions import db
from jobfair.models import Event, Organization
from tests.test_migrations import migrated_app  # noqa: F401

BEFORE, POSTINGS = "4c8dcdbc4a8b", "a5d658a1a555"
TITLES = {"溶接工": "ja", "ជាងផ្សារដែក": "km", "Welder": "en", "介護 caregiver": "ja"}


def _languages() -> dict:
    rows = db.session.execute(sa.text("SELECT title, original_language FROM roles")).all()
    return dict(rows)


def test_existing_roles_get_their_language_and_the_downgrade_drops_it(migrated_app):  # noqa: F811
    directory = migrated_app.extensions["migrate"].directory
    with migrated_app.app_context():
        upgrade(directory=directory, revision=POSTINGS)
        organization = Organization(name="Sakura", country="JP", sector="automotive")
        event = Event(
            name="Fair", venue="Hall", city="Phnom Penh",
            starts_on=date(2027, 1, 5), ends_on=date(2027, 1, 6),
            opens_at=time(8), closes_at=time(17),
        )  # fmt: skip
        db.session.add_all([organization, event])
        db.session.flush()
        for title in TITLES:  # as SQL: the roles table gains columns after this revision
            db.session.execute(
                sa.text(
                    "INSERT INTO roles (event_id, organization_id, title, description, sector,"
                    " location, program, headcount, currency, required_skills, preferred_skills,"
                    " languages, min_education, status, original_language, created_at,"
                    " updated_at) VALUES (:event, :org, :title, '', 'automotive', 'Phnom Penh',"
                    " 'local', 1, 'USD', '[]', '[]', '[]', 'none', 'open', 'en',"
                    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                ),
                {"event": event.id, "org": organization.id, "title": title},
            )
        db.session.commit()
        downgrade(directory=directory, revision=BEFORE)
        columns = {c["name"] for c in sa.inspect(db.engine).get_columns("roles")}
        assert "original_language" not in columns
        assert not sa.inspect(db.engine).has_table("role_translations")
        db.session.commit()
        upgrade(directory=directory, revision=POSTINGS)
        assert _languages() == TITLES
        db.session.commit()
