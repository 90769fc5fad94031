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
from flask_babel import lazy_gettext as _l

from ..models import Event, User, record_audit
from .errors import OrganizerError
from .import_columns import COLUMNS, Cleaner, clean_row, match_header, missing_required
from .import_plans import APPLY, ERROR, NEW, PLANS, UNCHANGED, UPDATE, RowPlan
from .import_templates import is_example_row
from .spreadsheets import SpreadsheetError, read_table

KINDS = tuple(COLUMNS)


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


def discard(upload: Upload) -> None:
    (_folder() / f"{upload.token}.json").unlink(missing_ok=True)


def preview(upload: Upload, event: Event) -> list[RowPlan]:
    """Every row's fate, computed against the database now; writes nothing."""
    cleaner = Cleaner()
    plans = []
    for line, cells in upload.rows:
        by_name = {name: cells[i] if i < len(cells) else "" for i, name in upload.positions.items()}
        values, reasons = clean_row(cleaner, upload.kind, by_name)
        plan = RowPlan(line=line, values=values)
        for reason in reasons:
            plan.refuse(reason)
        plans.append(plan)
    return PLANS[upload.kind](event, plans)


def summary(plans: list[RowPlan]) -> dict[str, int]:
    counts = {NEW: 0, UPDATE: 0, UNCHANGED: 0, ERROR: 0}
    for plan in plans:
        counts[plan.status] += 1
    return counts


def confirm(upload: Upload, event: Event, actor: User) -> dict[str, int]:
    """Write the new and updated rows (the caller commits, once) and audit the import."""
    plans = preview(upload, event)
    counts = summary(plans)
    writing = [plan for plan in plans if plan.status in (NEW, UPDATE)]
    if writing:
        APPLY[upload.kind](event, writing, actor)
        record_audit(
            actor, "import_" + upload.kind, event, file_sha256=upload.sha256,
            rows=len(plans), new=counts[NEW], updated=counts[UPDATE], refused=counts[ERROR],
        )  # fmt: skip
    return counts
