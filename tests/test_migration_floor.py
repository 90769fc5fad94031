"""The floor map's migration: its tables come with their rules and go on downgrade."""

import os

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from jobfair import create_app
from jobfair.extensions import db
from tests.conftest import _test_config, dispose_engines

FLOOR = "bef40d99d447"
BEFORE = "c9e5a1f7d3b2"


@pytest.fixture
def migrated_app(backend, request, tmp_path):
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        url = cluster.create_database(f"floor_{os.getpid()}_{request.node.name[-12:].lower()}")
    else:
        url = "sqlite:///" + str(tmp_path / "floor.sqlite")
    app = create_app(_test_config(url, tmp_path))
    yield app
    with app.app_context():
        dispose_engines()


def test_floor_tables_hold_their_rules_and_leave_on_downgrade(migrated_app):
    directory = migrated_app.extensions["migrate"].directory
    with migrated_app.app_context():
        upgrade(directory=directory, revision=FLOOR)
        run = db.session.execute
        from jobfair.models import Exhibitor
        from tests.test_migrations import _company_and_fair

        organization, fair = _company_and_fair()
        db.session.add(Exhibitor(event=fair, organization=organization, booth_code="A01"))
        db.session.commit()
        event = fair.id
        exhibitor = run(sa.text("SELECT id FROM exhibitors")).scalar_one()
        plan = sa.text(
            "INSERT INTO floor_plans (event_id, kind, grid_columns, grid_rows, updated_at)"
            " VALUES (:e, :kind, :columns, 6, CURRENT_TIMESTAMP)"
        )
        place = sa.text(
            "INSERT INTO booth_places (event_id, exhibitor_id, grid_column, grid_row,"
            " column_span, row_span) VALUES (:e, :x, :column, 1, 1, 1)"
        )
        for wrong, values in (
            (plan, {"kind": "image", "columns": 10}),  # an image plan needs its image
            (plan, {"kind": "grid", "columns": 41}),
            (place, {"x": exhibitor, "column": 0}),
        ):
            with pytest.raises(sa.exc.IntegrityError):
                run(wrong, {"e": event, **values})
            db.session.rollback()
        run(plan, {"e": event, "kind": "grid", "columns": 10})
        run(place, {"e": event, "x": exhibitor, "column": 3})
        db.session.commit()

        downgrade(directory=directory, revision=BEFORE)
        tables = sa.inspect(db.engine).get_table_names()
        assert not {"floor_plans", "booth_places", "floor_areas"} & set(tables)
        assert run(sa.text("SELECT booth_code FROM exhibitors")).scalar_one() == "A01"
        upgrade(directory=directory, revision=FLOOR)
        assert "booth_places" in sa.inspect(db.engine).get_table_names()
        db.session.remove()
