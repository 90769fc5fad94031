"""Migration a7c9e1f3b5d8 (h-japan): roles gain their SSW field, departures their steps and
sending invitations; the rows there before stay, and the downgrade takes only what it added."""

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from jobfair.extensions import db
from tests.test_migrations import _company_and_fair, _old_application, migrated_app  # noqa: F401

BEFORE, JAPAN = "f1a3c5e7b9d2", "a7c9e1f3b5d8"


def test_up_and_down_keep_roles_and_checklists_hold_their_rules(migrated_app):  # noqa: F811
    directory = migrated_app.extensions["migrate"].directory
    run = lambda sql, **values: db.session.execute(sa.text(sql), values)  # noqa: E731
    with migrated_app.app_context():
        upgrade(directory=directory, revision=BEFORE)
        organization, event = _company_and_fair()
        db.session.flush()
        role_id, application_id = _old_application(organization, event, status="hired")
        db.session.commit()
        upgrade(directory=directory, revision=JAPAN)
        assert run("SELECT ssw_field FROM roles WHERE id = :id", id=role_id).scalar_one() is None
        run(
            "UPDATE roles SET program = 'ssw', ssw_field = 'nursing_care' WHERE id = :id",
            id=role_id,
        )
        departure = run(
            "INSERT INTO departures (application_id, created_at) VALUES (:app, CURRENT_TIMESTAMP)"
            " RETURNING id",
            app=application_id,
        ).scalar_one()
        step = ("INSERT INTO departure_steps (departure_id, step, done_on, ticked_at)"
                " VALUES (:dep, :step, '2026-11-01', CURRENT_TIMESTAMP)")  # fmt: skip
        run(step, dep=departure, step="passport")
        db.session.commit()
        for wrong in (
            (step, {"dep": departure, "step": "passport"}),
            (step, {"dep": departure, "step": "party"}),
            ("UPDATE roles SET ssw_field = 'space' WHERE id = :id", {"id": role_id}),
        ):
            with pytest.raises(sa.exc.IntegrityError):
                run(wrong[0], **wrong[1])
            db.session.rollback()
        downgrade(directory=directory, revision=BEFORE)
        tables = set(sa.inspect(db.engine).get_table_names())
        assert not tables & {"departure_steps", "sending_invitations"}
        assert "ssw_field" not in {c["name"] for c in sa.inspect(db.engine).get_columns("roles")}
        assert run("SELECT count(*) FROM applications").scalar_one() == 1
        assert run("SELECT count(*) FROM departures").scalar_one() == 1
        upgrade(directory=directory, revision=JAPAN)
