"""The booth leads migration: the table with its guards, and a clean downgrade."""

from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from jobfair.extensions import db
from tests.test_migrations import (  # noqa: F401 (fixture)
    _company_and_fair,
    _old_candidate_user,
    migrated_app,
)

LEADS = "e2b6d8f0a4c1"
ROLE = sa.text(
    "INSERT INTO roles (event_id, organization_id, title, description, sector, location,"
    " program, headcount, currency, required_skills, preferred_skills, languages,"
    " min_education, status, created_at, updated_at) VALUES (:event, :org, 'Welder', '',"
    " 'automotive', 'Japan - Aichi', 'local', 1, 'USD', '[]', '[]', '[]', 'none', 'open',"
    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP) RETURNING id"
)
INSERT = sa.text(
    "INSERT INTO booth_leads (event_id, organization_id, candidate_id, met_at, client_id,"
    " rating, note, tags, role_id, created_at, updated_at)"
    " VALUES (:event, :org, :candidate, CURRENT_TIMESTAMP, :client, :rating, '', '[]', :role,"
    " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
)


def test_leads_are_guarded_by_the_database_and_leave_on_downgrade(migrated_app):  # noqa: F811
    from alembic.script import ScriptDirectory

    from jobfair.models import CandidateProfile, Organization

    directory = migrated_app.extensions["migrate"].directory
    with migrated_app.app_context():
        upgrade(directory=directory, revision=LEADS)
        organization, event = _company_and_fair()
        other = Organization(name="Angkor", country="KH", sector="garments")
        profile = CandidateProfile(user_id=_old_candidate_user(), full_name="C")
        db.session.add_all([other, profile])
        db.session.flush()
        # Roles as SQL: the roles table gains columns after this revision.
        roles = [
            SimpleNamespace(id=db.session.execute(ROLE, {"event": event.id, "org": company.id})
                            .scalar_one())
            for company in (organization, other)
        ]  # fmt: skip
        db.session.commit()
        row = {"event": event.id, "org": organization.id, "candidate": profile.id}
        db.session.execute(
            INSERT, {**row, "client": "device-0001", "rating": 4, "role": roles[0].id}
        )
        db.session.commit()
        for wrong in (
            {**row, "client": "device-0002", "rating": None, "role": None},  # the same meeting
            {**row, "org": other.id, "client": "device-0001", "rating": None, "role": None},
            {**row, "org": other.id, "client": "device-0003", "rating": 5, "role": None},
            # another company's role
            {**row, "org": other.id, "client": "device-0004", "rating": None, "role": roles[0].id},
        ):
            with pytest.raises(sa.exc.IntegrityError):
                db.session.execute(INSERT, wrong)
            db.session.rollback()
        ok = {**row, "org": other.id, "client": "device-0005", "rating": None, "role": roles[1].id}
        db.session.execute(INSERT, ok)
        db.session.commit()

        before = ScriptDirectory(directory).get_revision(LEADS).down_revision
        downgrade(directory=directory, revision=before)
        assert "booth_leads" not in sa.inspect(db.engine).get_table_names()
        upgrade(directory=directory, revision=LEADS)
        assert "booth_leads" in sa.inspect(db.engine).get_table_names()
