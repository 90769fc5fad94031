"""Backups: a restored backup holds every row, on SQLite and PostgreSQL."""

import os
import uuid

import pytest
import sqlalchemy as sa

from jobfair import create_app
from jobfair.demo import seed_demo
from jobfair.extensions import db

from .conftest import _test_config, dispose_engines


@pytest.fixture
def own_database(backend, request, tmp_path, monkeypatch):
    """An app on a database of its own, since restoring replaces every table."""
    if backend == "postgres":
        cluster = request.getfixturevalue("postgres_cluster")
        # pg_dump and pg_restore of the server's own version.
        monkeypatch.setenv("PATH", cluster.bindir + os.pathsep + os.environ["PATH"])
        url = cluster.create_database(f"backup_{uuid.uuid4().hex[:12]}")
    else:
        url = "sqlite:///" + str(tmp_path / "live.sqlite")
    app = create_app(_test_config(url, tmp_path))
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        dispose_engines()


def snapshot() -> dict:
    """Every row of every table, in a stable order."""
    tables = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            rows = conn.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            tables[table.name] = [tuple(row) for row in rows]
    return tables


def test_a_restored_backup_has_every_row(own_database, tmp_path):
    seed_demo(password="backup-test-pw", candidates=60)
    db.session.commit()
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 500

    runner = own_database.test_cli_runner()
    target = tmp_path / "backups" / "jobfair.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0

    # Lose data after the backup: the restore must bring back exactly the backed-up rows.
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            conn.execute(table.delete())
    assert sum(len(rows) for rows in snapshot().values()) == 0
    db.engine.dispose()

    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    db.engine.dispose()
    assert snapshot() == before


def test_restore_refuses_a_file_that_is_not_a_backup(own_database, tmp_path, backend):
    bogus = tmp_path / "bogus.backup"
    bogus.write_bytes(b"this is not a database" * 100)
    result = own_database.test_cli_runner().invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0
    assert "Restore failed" in result.output


def test_retention_erases_only_candidates_of_long_past_events(
    app, runner, create_user, create_event
):
    from datetime import date, timedelta

    from jobfair.models import CandidateProfile, Event, Registration, User

    old = create_event(
        starts_on=date.today() - timedelta(days=400), ends_on=date.today() - timedelta(days=399)
    )
    recent = create_event()
    gone = create_user(email="old@example.com")
    kept = create_user(email="both@example.com")
    db.session.add_all(
        [
            Registration(
                event_id=old.id, candidate_id=gone.profile.id, checked_in_at=old.created_at
            ),
            Registration(event_id=old.id, candidate_id=kept.profile.id),
            Registration(event_id=recent.id, candidate_id=kept.profile.id),
        ]
    )
    db.session.commit()
    dry = runner.invoke(args=["apply-retention", "--dry-run"])
    assert "1 candidates would be erased" in dry.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 2
    result = runner.invoke(args=["apply-retention"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    emails = set(db.session.scalars(sa.select(User.email)))
    assert emails == {"both@example.com"}
    event = db.session.get(Event, old.id)
    assert (event.erased_registrations, event.erased_checkins) == (1, 1)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CandidateProfile)) == 1


def test_a_backup_holds_the_uploaded_files_and_says_what_it_holds(own_database, tmp_path):
    """Finding: backups covered only the database; CVs and logos were not in them."""
    from pathlib import Path

    uploads = Path(own_database.config["UPLOAD_FOLDER"])
    (uploads / "cv").mkdir(parents=True)
    (uploads / "logos").mkdir(parents=True)
    (uploads / "cv" / "a1.pdf").write_bytes(b"%PDF-cv")
    (uploads / "logos" / "b2.png").write_bytes(b"\x89PNG-logo")
    runner = own_database.test_cli_runner()
    target = tmp_path / "backups" / "jobfair.backup"
    result = runner.invoke(args=["backup", str(target)])
    assert result.exit_code == 0, result.output
    assert "1 CVs and 1 logos" in result.output and "secret key" in result.output

    (uploads / "cv" / "a1.pdf").unlink()
    (uploads / "logos" / "b2.png").write_bytes(b"overwritten")
    db.engine.dispose()
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    db.engine.dispose()
    assert "1 CVs and 1 logos" in result.output
    assert (uploads / "cv" / "a1.pdf").read_bytes() == b"%PDF-cv"
    assert (uploads / "logos" / "b2.png").read_bytes() == b"\x89PNG-logo"
