"""`flask review-export`, `flask review-import` and `flask review-status`."""

from pathlib import Path

import click
from flask import Flask, current_app

from . import corrections, ledger, workbook
from .items import LANGUAGES, Paths, all_items

ROOT_HELP = "The checkout whose catalogs, vocabulary and ledger are used (default: this one)."


def _source_root() -> Path:
    return Path(current_app.root_path).parent


def _paths(root: str | None) -> Paths:
    return Paths(Path(root) if root else _source_root())


def _languages(language: str) -> tuple[str, ...]:
    return LANGUAGES if language == "all" else (language,)


def register(app: Flask) -> None:
    language_option = click.option(
        "--language", type=click.Choice(["all", *LANGUAGES]), default="all", show_default=True
    )
    root_option = click.option("--root", type=click.Path(file_okay=False), help=ROOT_HELP)

    @app.cli.command("review-export")
    @click.argument("output", type=click.Path(dir_okay=False))
    @language_option
    @root_option
    def review_export(output, language, root):
        """Write every Khmer and Japanese UI string and vocabulary row to OUTPUT (.xlsx)."""
        paths = _paths(root)
        items = all_items(paths, _source_root(), _languages(language))
        Path(output).write_bytes(workbook.export_bytes(items, ledger.load(paths.ledger)))
        click.echo(f"{len(items)} items written to {output}.")

    @app.cli.command("review-import")
    @click.argument("workbook_file", type=click.Path(exists=True, dir_okay=False))
    @click.option("--reviewer", required=True, help="Who reviewed (kept in the ledger).")
    @root_option
    def review_import(workbook_file, reviewer, root):
        """Apply a reviewed workbook: corrections, then what was reviewed, into the ledger."""
        paths = _paths(root)
        try:
            verdicts = workbook.read_verdicts(Path(workbook_file))
            items = all_items(paths, _source_root())
            plan = corrections.plan(items, verdicts)
        except workbook.ReviewFileError as error:
            raise click.ClickException(
                "Nothing was changed; the file has problems:\n" + "\n".join(error.problems)
            ) from None
        done = corrections.apply(paths, plan, reviewer=reviewer)
        click.echo(
            f"{done['corrected']} corrections applied, {done['reviewed']} rows marked reviewed."
        )
        if done["gone"]:
            click.echo(f"{done['gone']} ledger rows for text that no longer exists removed.")
        for verdict in plan.stale:
            click.echo(
                f"Skipped {verdict.sheet} row {verdict.row}: the text changed since the export "
                "(export again and review it there)."
            )
        _report(paths, update_readme=True)
        if done["corrected"]:
            click.echo(
                "Catalogs compiled. Run the tests (tests/test_i18n.py, matching) and commit."
            )

    @app.cli.command("review-status")
    @click.option("--update-readme", is_flag=True, help="Rewrite the README's review line.")
    @root_option
    def review_status(update_readme, root):
        """Count what native speakers have reviewed, per language."""
        _report(_paths(root), update_readme=update_readme)


def _report(paths: Paths, *, update_readme: bool) -> None:
    items = all_items(paths, _source_root())
    entries = ledger.load(paths.ledger)
    for line in ledger.summary_lines(items, entries):
        click.echo(line)
    if update_readme:
        if ledger.update_readme(paths.readme, ledger.readme_line(items, entries)):
            click.echo(f"{paths.readme} updated.")
        else:
            click.echo(f"{paths.readme} has no line starting {ledger.README_PREFIX}.")
