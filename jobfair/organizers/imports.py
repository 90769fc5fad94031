"""Imports of exhibitors, roles and pre-registered candidates, with a preview first.

1. `store_upload` reads the file (spreadsheets.read_table, within hard limits) and keeps
   the parsed rows in instance/imports/ under a random name, tied to the organizer who
   uploaded it and to their session, for IMPORT_PREVIEW_SECONDS. Nothing is written to
   the database.
2. `preview` plans every row against the database as it is now: new, update, unchanged
   or error, with the reasons in the organizer's language.
3. `confirm` plans again (the database may have moved since the preview) and writes the
   new and updated rows; the caller commits once, so the import is one transaction. Rows
   in error are left out and listed. An import that would change nothing writes nothing,
   not even an audit entry: importing the same file twice changes nothing.
"""

import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import uploads
from ..jobs import JobFailed, handler, start
from ..models import Event, Job, User, record_audit
from .errors import OrganizerError
from .import_columns import COLUMNS, Cleaner, clean_row, match_header, missing_required
from .import_plans import APPLY, ERROR, NEW, PLANS, UNCHANGED, UPDATE, RowPlan
from .import_templates import is_example_row
from .spreadsheets import SpreadsheetError, read_table

KINDS = tuple(COLUMNS)
PROGRESS_EVERY = 250


@dataclass
class Upload:
    token: str
    kind: str
    event_id: int
    filename: str
    sha256: str
    positions: dict
    unknown: list
    rows: list  # [line, cells]


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _lifetime() -> int:
    return int(current_app.config.get("IMPORT_PREVIEW_SECONDS", 3600))


def forget_expired() -> None:
    limit = time.time() - _lifetime()
    for path in _folder().glob("*.json"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def store_upload(kind: str, event: Event, organizer: User, data: bytes, filename: str) -> str:
    """Parse and keep the file for its preview; returns the name it is kept under."""
    if kind not in KINDS:
        raise OrganizerError(_l("Unknown kind of import."))
    try:
        table = read_table(
            data, filename, max_rows=current_app.config.get("IMPORT_MAX_ROWS", 10_000)
        )
    except SpreadsheetError as exc:
        raise OrganizerError(str(exc)) from None
    positions, unknown = match_header(kind, table.header)
    missing = missing_required(kind, positions)
    if missing:
        from .import_columns import _current, header_text

        names = ", ".join(header_text(kind, name, _current()) for name in missing)
        raise OrganizerError(
            _l(
                "The first row must name the columns; missing: %(columns)s. Download the template to see them.",
                columns=names,
            )
        )
    rows = [row for row in table.rows if not is_example_row(kind, positions, row[1])]
    forget_expired()
    token = secrets.token_urlsafe(24)
    record = {
        "owner": organizer.id,
        "kind": kind,
        "event_id": event.id,
        "filename": os.path.basename(filename or "")[:200],
        "sha256": hashlib.sha256(data).hexdigest(),
        "positions": {str(k): v for k, v in positions.items()},
        "unknown": unknown[:20],
        "rows": rows,
    }
    path = _folder() / f"{token}.json"
    with open(path, "w", encoding="utf-8", opener=lambda p, f: os.open(p, f, 0o600)) as handle:
        json.dump(record, handle, ensure_ascii=False)
    return token


def load_upload(token: str, event: Event, organizer: User, session_tokens) -> Upload | None:
    """The stored upload, if it is this organizer's, from this session, for this event."""
    if (
        not token
        or token not in (session_tokens or ())
        or not token.replace("-", "").replace("_", "").isalnum()
    ):
        return None
    path = _folder() / f"{token}.json"
    try:
        if path.stat().st_mtime < time.time() - _lifetime():
            path.unlink(missing_ok=True)
            return None
        with open(path, encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return None
    if record["owner"] != organizer.id or record["event_id"] != event.id:
        return None
    return Upload(
        token=token,
        kind=record["kind"],
        event_id=record["event_id"],
        filename=record["filename"],
        sha256=record["sha256"],
        positions={int(k): v for k, v in record["positions"].items()},
        unknown=record["unknown"],
        rows=record["rows"],
    )


def preview(upload: Upload, event: Event, *, progress=None) -> list[RowPlan]:
    """Every row's fate, computed against the database now; writes nothing. `progress`
    (done, total), if given, hears every PROGRESS_EVERY rows checked."""
    cleaner = Cleaner()
    plans = []
    for number, (line, cells) in enumerate(upload.rows, 1):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(upload.rows))
        by_name = {name: cells[i] if i < len(cells) else "" for i, name in upload.positions.items()}
        values, reasons = clean_row(cleaner, upload.kind, by_name)
        plan = RowPlan(line=line, values=values)
        for reason in reasons:
            plan.refuse(reason)
        plans.append(plan)
    if progress is not None:
        progress(len(upload.rows), len(upload.rows))
    return PLANS[upload.kind](event, plans)


def summary(plans: list[RowPlan]) -> dict[str, int]:
    counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
    for plan in plans:
        counts[plan.status] += 1
    return counts


def confirm(upload: Upload, event: Event, actor: User, *, progress=None) -> dict[str, int]:
    """Write the new and updated rows (the caller commits, once) and audit the import."""
    plans = preview(upload, event, progress=progress)
    counts = summary(plans)
    writing = [plan for plan in plans if plan.status in (NEW, UPDATE)]
    if writing:
        APPLY[upload.kind](event, writing, actor)
        record_audit(
            actor, "import_" + upload.kind, event, file_sha256=upload.sha256,
            rows=len(plans), new=counts[NEW], updated=counts[UPDATE], refused=counts[ERROR],
        )  # fmt: skip
    return counts


# --- the confirmed import, as a job ------------------------------------------------------


def job_params(upload: Upload) -> dict:
    """What the import job needs: the parsed rows travel in the job's row (the database is
    shared by every worker machine; instance/imports/ is not)."""
    return {
        "kind": upload.kind,
        "filename": upload.filename,
        "sha256": upload.sha256,
        "positions": {str(k): v for k, v in upload.positions.items()},
        "rows": upload.rows,
    }


def start_import(upload: Upload, event: Event, organizer: User) -> Job:
    """Queue the confirmed import; its file goes when the caller commits (a second click
    on Confirm then finds the preview gone instead of queueing the rows twice)."""
    uploads.delete_after_commit(str(_folder() / f"{upload.token}.json"))
    return start("import", owner=organizer, event=event, params=job_params(upload))


@handler("import", label=_l("Spreadsheet import"), max_attempts=3)
def run_import(run) -> None:
    """Job "import": plan every row again and write the new and updated ones. The runner
    commits them together with the job's "done", so a killed import left nothing behind
    and its re-run writes each row once; the counts stay in the job for its summary."""
    params = run.params
    event, actor = run.job.event, run.job.owner
    if event is None or actor is None:
        raise JobFailed(_("This import cannot run: its event or its organizer was removed."))
    upload = Upload(
        token="", kind=params["kind"], event_id=event.id, filename=params["filename"],
        sha256=params["sha256"], positions={int(k): v for k, v in params["positions"].items()},
        unknown=[], rows=params["rows"],
    )  # fmt: skip
    counts = confirm(upload, event, actor, progress=run.progress)
    # The rows are done with: keep the counts for the summary, not 10,000 rows in the table.
    run.job.params = {k: v for k, v in params.items() if k != "rows"} | {"counts": counts}
    run.summary = _(
        "Imported: %(new)d new, %(updated)d updated, %(unchanged)d unchanged, %(refused)d left out.",
        new=counts[NEW], updated=counts[UPDATE], unchanged=counts[UNCHANGED], refused=counts[ERROR],
    )  # fmt: skip
