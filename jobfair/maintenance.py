"""Operations on the whole database: online backup and restore.

SQLite is copied with its online backup API, which gives a consistent snapshot
while gunicorn workers keep writing. PostgreSQL is backed up with its own tools
(`pg_dump --format=custom`, `pg_restore --clean`), which these commands run.

The uploaded files (CVs, logos) go beside the database backup, in `<path>.uploads.tar`,
written after the database so that every file a backed-up row names is in it. The
secret key and instance/config.py are not in a backup: keep them apart (see docs/operating.md).
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile

import click
from flask import Flask
from sqlalchemy.engine import make_url

from .extensions import db


class BackupError(Exception):
    pass


def _sqlite_path(url) -> str | None:
    return url.database if url.get_backend_name() == "sqlite" else None


def backup_sqlite(source_path: str, target_path: str) -> int:
    """Copy a live SQLite database to `target_path`; returns the number of pages copied."""
    # Write to a temporary file first so a failed backup never leaves half a file.
    partial = _partial_path(target_path)
    try:
        with sqlite3.connect(source_path) as source, sqlite3.connect(partial) as target:
            source.backup(target)
            pages = target.execute("PRAGMA page_count").fetchone()[0]
            _check_integrity(target)
        source.close()
        target.close()
        os.replace(partial, target_path)
    except BaseException:
        if os.path.exists(partial):
            os.unlink(partial)
        raise
    return pages


def restore_sqlite(backup_path: str, target_path: str) -> None:
    """Replace the database's content with the backup's, through SQLite itself."""
    if not os.path.exists(backup_path):
        raise BackupError(f"{backup_path} does not exist")
    with sqlite3.connect(backup_path) as source:
        _check_integrity(source)
        with sqlite3.connect(target_path, timeout=30) as target:
            source.backup(target)
        target.close()
    source.close()


def _check_integrity(connection: sqlite3.Connection) -> None:
    result = connection.execute("PRAGMA integrity_check").fetchone()[0]
    if result != "ok":
        raise BackupError(f"the database failed its integrity check: {result}")


def _postgres_dsn(url) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def backup_postgres(url, target_path: str) -> None:
    _require("pg_dump")
    partial = _partial_path(target_path)
    try:
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", partial, _postgres_dsn(url)],
            check=True,
        )
        os.replace(partial, target_path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def _partial_path(target_path: str) -> str:
    """A new empty file beside the target; renamed over it only when complete."""
    target_dir = os.path.dirname(os.path.abspath(target_path))
    os.makedirs(target_dir, exist_ok=True)
    fd, partial = tempfile.mkstemp(dir=target_dir, suffix=".partial")
    os.close(fd)
    return partial


def restore_postgres(url, backup_path: str) -> None:
    _require("pg_restore")
    subprocess.run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            _postgres_dsn(url),
            backup_path,
        ],
        check=True,
    )


def _require(program: str) -> None:
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian package postgresql-client)")


UPLOAD_KINDS = ("cv", "logos")


def uploads_archive_path(backup_path: str) -> str:
    return backup_path + ".uploads.tar"


def backup_uploads(upload_root: str, target_path: str) -> dict[str, int]:
    """Archive the upload folders to `target_path`; returns files per kind and bytes."""
    counts = dict.fromkeys(UPLOAD_KINDS, 0) | {"bytes": 0}
    partial = _partial_path(target_path)
    try:
        with tarfile.open(partial, "w") as archive:
            for kind in UPLOAD_KINDS:
                folder = os.path.join(upload_root, kind)
                if not os.path.isdir(folder):
                    continue
                for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                    if entry.is_file(follow_symlinks=False):
                        archive.add(entry.path, arcname=f"{kind}/{entry.name}")
                        counts[kind] += 1
                        counts["bytes"] += entry.stat().st_size
        os.replace(partial, target_path)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return counts


def restore_uploads(archive_path: str, upload_root: str) -> dict[str, int]:
    """Put the archived files back (replacing files of the same name); returns counts."""
    counts = dict.fromkeys(UPLOAD_KINDS, 0)
    with tarfile.open(archive_path, "r") as archive:
        for member in archive.getmembers():
            kind, _sep, name = member.name.partition("/")
            if (
                not member.isfile()
                or kind not in UPLOAD_KINDS
                or not name
                or "/" in name
                or name.startswith(".")
            ):
                raise BackupError(f"{archive_path} holds an unexpected entry: {member.name!r}")
        for member in archive.getmembers():
            kind, _sep, name = member.name.partition("/")
            folder = os.path.join(upload_root, kind)
            os.makedirs(folder, mode=0o700, exist_ok=True)
            with archive.extractfile(member) as source:
                data = source.read()
            partial = os.path.join(folder, f".{name}.partial")
            with open(partial, "wb") as handle:
                handle.write(data)
            os.chmod(partial, 0o600)
            os.replace(partial, os.path.join(folder, name))
            counts[kind] += 1
    return counts


def _describe(counts: dict) -> str:
    size = counts.get("bytes")
    held = f"{counts['cv']} CVs and {counts['logos']} logos"
    return held + (f" ({size / 1e6:.1f} MB)" if size is not None else "")


NOT_IN_BACKUP = (
    "Not in it: the secret key (FLASK_SECRET_KEY or instance/secret_key) and "
    "instance/config.py. Keep copies of them apart from the backup: without the key, "
    "sessions, reset links and invitations made before stop working."
)


def register(app: Flask) -> None:
    register_retention(app)

    def upload_root() -> str:
        return app.config.get("UPLOAD_FOLDER") or os.path.join(app.instance_path, "uploads")

    @app.cli.command("backup")
    @click.argument("path", type=click.Path(dir_okay=False))
    def backup(path):
        """Write a consistent backup of the live database to PATH."""
        url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
        try:
            if (source := _sqlite_path(url)) is not None:
                pages = backup_sqlite(source, path)
                click.echo(f"Backed up the database {source} to {path} ({pages} pages).")
            else:
                backup_postgres(url, path)
                click.echo(f"Backed up the PostgreSQL database to {path}.")
            archive = uploads_archive_path(path)
            counts = backup_uploads(upload_root(), archive)
            click.echo(f"Backed up the uploaded files to {archive}: {_describe(counts)}.")
        except (BackupError, sqlite3.Error, subprocess.CalledProcessError, OSError) as exc:
            raise click.ClickException(f"Backup failed: {exc}") from None
        click.echo(NOT_IN_BACKUP)

    @app.cli.command("restore")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False))
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def restore(path, yes):
        """Replace the database with the backup in PATH, and put back the uploaded files of
        PATH.uploads.tar (stop the app servers first)."""
        archive = uploads_archive_path(path)
        if not yes:
            click.confirm(
                "This replaces every row in the database"
                + (" and puts back the uploaded files" if os.path.exists(archive) else "")
                + ". Continue?",
                abort=True,
            )
        url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
        db.engine.dispose()
        try:
            if (target := _sqlite_path(url)) is not None:
                restore_sqlite(path, target)
            else:
                restore_postgres(url, path)
            click.echo(f"Restored the database from {path}.")
            if os.path.exists(archive):
                counts = restore_uploads(archive, upload_root())
                click.echo(f"Restored the uploaded files from {archive}: {_describe(counts)}.")
            else:
                click.echo(f"No {archive}: the uploaded files were left as they are.")
        except (BackupError, sqlite3.Error, subprocess.CalledProcessError, OSError) as exc:
            raise click.ClickException(f"Restore failed: {exc}") from None


def candidates_to_forget(days: int) -> list:
    """Candidates whose every event ended more than `days` days ago (none still ahead)."""
    from datetime import date, timedelta

    import sqlalchemy as sa

    from .models import CandidateProfile, Event, Registration, User

    cutoff = date.today() - timedelta(days=days)
    last_event = (
        sa.select(Registration.candidate_id, sa.func.max(Event.ends_on).label("last"))
        .join(Event, Event.id == Registration.event_id)
        .group_by(Registration.candidate_id)
        .subquery()
    )
    return db.session.scalars(
        sa.select(User)
        .join(CandidateProfile, CandidateProfile.user_id == User.id)
        .join(last_event, last_event.c.candidate_id == CandidateProfile.id)
        .where(last_event.c.last < cutoff)
    ).all()


def register_retention(app: Flask) -> None:
    @app.cli.command("apply-retention")
    @click.option(
        "--days",
        type=int,
        default=None,
        help="Erase candidates whose last event ended more than this many days ago "
        "(default: the RETENTION_DAYS setting).",
    )
    @click.option("--dry-run", is_flag=True, help="Only say how many would be erased.")
    def apply_retention(days, dry_run):
        """Erase personal data of past events' candidates, keeping anonymous counts."""
        from .candidates.data_rights import erase_candidate

        days = app.config["RETENTION_DAYS"] if days is None else days
        users = candidates_to_forget(days)
        if dry_run:
            click.echo(
                f"{len(users)} candidates would be erased (events ended over {days} days ago)."
            )
            return
        for user in users:
            erase_candidate(user, reason="retention")
        db.session.commit()
        click.echo(f"Erased {len(users)} candidates whose events ended over {days} days ago.")
