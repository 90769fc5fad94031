"""Command-line tasks: `flask --app jobfair create-organizer | seed-demo | refresh-search-keys`."""

import os

import click
from flask import Flask, current_app

from .auth import accounts
from .extensions import db
from .models import UserRole
from .translation_review.commands import register as _register_review

DEMO_LOGINS = "demo-logins.txt"


def _keep_demo_logins(instance_path: str, lines: list[str]) -> None:
    """Keep the demo log-ins readable by the owner only, so a second `make run` can point to them."""
    path = os.path.join(instance_path, DEMO_LOGINS)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def login_url(bind: str) -> str:
    """The log-in page's address on a server bound to HOST:PORT (all interfaces: this host)."""
    host, _, port = bind.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):  # noqa: S104 (naming the address, not binding)
        host = "127.0.0.1"
    return f"http://{host}:{port}/auth/login"


def register(app: Flask) -> None:
    _register_review(app)
    register_exports(app)

    @app.cli.command("create-organizer")
    @click.argument("email")
    @click.option("--name", default="Organizer", help="The name shown in the interface.")
    @click.password_option(help="Asked for when not given.")
    def create_organizer(email, name, password):
        """Create an organizer account; the only way to get one."""
        if len(password) < 8:
            raise click.ClickException("The password needs at least 8 characters.")
        try:
            accounts.create_user(
                role=UserRole.ORGANIZER, display_name=name, password=password, email=email
            )
        except accounts.AccountError as exc:
            db.session.rollback()
            raise click.ClickException(str(exc)) from None
        db.session.commit()
        click.echo(f"Organizer {email} created.")

    @app.cli.command("refresh-search-keys")
    def refresh_search_keys():
        """Rewrite every profile's and role's search key (run after the vocabulary changes)."""
        from .models.search_keys import refresh_all

        changed = refresh_all(db.session)
        db.session.commit()
        click.echo(f"{changed} search keys rewritten.")

    @app.cli.command("learn-weights")
    @click.option("--event", "event_ids", type=int, multiple=True, help="Only this event.")
    def learn_weights(event_ids):
        """Learn each company's part weights again where its decisions changed (cron)."""
        from . import learned_weights
        from .indexes import open_event_ids

        done = learned_weights.learn_stale(list(event_ids) or open_event_ids())
        db.session.commit()
        for event_id, organization_id, rows in done:
            families = ", ".join(f"{row.family or 'all'}: {row.decisions}" for row in rows)
            click.echo(
                f"event {event_id}, company {organization_id}: {families or 'too few decisions'}"
            )
        click.echo(f"{len(done)} companies learned again.")

    @app.cli.command("clean-uploads")
    @click.option(
        "--older-than", default=3600, show_default=True, help="Seconds; younger files are kept."
    )
    def clean_uploads(older_than):
        """Delete stored CVs and logos that no account names (also done at server start)."""
        from . import uploads

        removed = uploads.remove_orphans(older_than=older_than)
        click.echo(f"Removed {len(removed)} files that no account names.")

    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if there is data.")
    @click.option("--force", is_flag=True, help="Add the demo fair even if there is data.")
    @click.option("--password", help="Password for the demo log-ins (random if not given).")
    @click.option("--candidates", default=1000, show_default=True)
    @click.option(
        "--bind",
        envvar="BIND",
        default="127.0.0.1:8000",
        show_default=True,
        help="HOST:PORT the server listens on (`make run` passes its HOST and PORT), for the "
        "log-in address printed.",
    )
    def seed_demo(if_empty, force, password, candidates, bind):
        """Fill an empty database with a realistic Cambodia–Japan job fair."""
        from . import demo  # only here: the running app never imports the demo

        login = f"Log in at {login_url(bind)}"
        if not demo.database_is_empty() and not force:
            if if_empty:
                click.echo("The database already has data; no demo data added.")
                saved = os.path.join(current_app.instance_path, DEMO_LOGINS)
                if os.path.exists(saved):
                    click.echo(f"{login}; the demo log-ins are in {saved}.")
                return
            raise click.ClickException(
                "The database already has data. Use --force to add the demo fair anyway."
            )
        try:
            logins = demo.seed_demo(password=password, candidates=candidates)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise
        lines = [f"Demo job fair created. {login} with:"]
        lines += [
            f"  {kind:10} {logins[kind]}"
            for kind in ("organizer", "recruiter", "candidate", "door", "booth", "sending")
        ]
        lines.append(f"  password   {logins['password']}")
        click.echo("\n".join(lines))
        _keep_demo_logins(current_app.instance_path, lines)


def register_exports(app: Flask) -> None:
    @app.cli.command("export-stats")
    @click.argument("event_id", type=int)
    @click.option(
        "--format", "kind", type=click.Choice(["csv", "xlsx"]), default="xlsx", show_default=True
    )
    @click.option("--output", type=click.Path(dir_okay=False), required=True)
    @click.option(
        "--language",
        type=click.Choice(app.config["LANGUAGES"]),
        default=app.config["BABEL_DEFAULT_LOCALE"],
        show_default=True,
        help="The language of the sheet names, breakdowns and keys.",
    )
    def export_stats(event_id, kind, output, language):
        """Write an event's statistics (one sheet per breakdown) to OUTPUT."""
        from flask_babel import force_locale

        from . import exports
        from .models import Event
        from .models.audit import record_audit
        from .organizers import reports, statistics

        event = db.session.get(Event, event_id)
        if event is None:
            raise click.ClickException(f"There is no event {event_id}.")
        with force_locale(language):
            sheets = reports.statistics_sheets(statistics.compute(event))
            if kind == "xlsx":
                data = exports.xlsx_bytes(sheets)
            else:
                data = exports.csv_bytes(reports.long_sheet(sheets))
        with open(output, "wb") as handle:
            handle.write(data)
        record_audit(None, "statistics_export", event, format=kind, via="cli", language=language)
        db.session.commit()
        click.echo(f"Statistics of event {event_id} written to {output}.")
