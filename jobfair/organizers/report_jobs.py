"""The organizer's exports built as jobs: statistics (XLSX or CSV) and anonymised candidates.

A national fair's exports take longer than a request should, so the event page starts a job
and its page offers the file. The direct download URLs stay for events up to
EXPORT_DIRECT_MAX_REGISTRATIONS (a fair of the CJCC's size), for bookmarks and scripts.
Each export's audit entry is written with the job's own commit: one per file made.
"""

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import exports
from ..extensions import db
from ..jobs.registry import handler
from ..jobs.run import JobFailed, JobRun
from ..models import Event, Registration
from ..models.audit import record_audit
from . import reports, statistics

FORMATS = {"csv": exports.CSV_MIMETYPE, "xlsx": exports.XLSX_MIMETYPE}
# What the event page's buttons ask for: (job kind, format).
CHOICES = {
    "statistics.xlsx": ("statistics_export", "xlsx"),
    "statistics.csv": ("statistics_export", "csv"),
    "anonymised.csv": ("anonymised_export", "csv"),
    "anonymised.xlsx": ("anonymised_export", "xlsx"),
}
CHOICE_KINDS = sorted({kind for kind, _format in CHOICES.values()})
# Rows counted between two progress reports of the anonymised list.
STEP = 500


def small_enough_to_download_directly(event: Event) -> bool:
    registrations = db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(Registration.event_id == event.id)
    )
    return registrations <= current_app.config["EXPORT_DIRECT_MAX_REGISTRATIONS"]


def _event_and_format(run: JobRun) -> tuple[Event, str]:
    event = db.session.get(Event, run.job.event_id) if run.job.event_id else None
    kind = run.params.get("format")
    if event is None or kind not in FORMATS:
        raise JobFailed(_("This export cannot be made: the event is gone."))
    return event, kind


@handler("statistics_export", label=_l("Statistics"), max_attempts=3)
def build_statistics(run: JobRun) -> None:
    """A job: an event's statistics, one sheet per breakdown (XLSX) or one long CSV."""
    event, kind = _event_and_format(run)
    run.progress(0, 2)
    sheets = reports.statistics_sheets(statistics.compute(event))
    run.progress(1, 2)
    if kind == "xlsx":
        data = exports.xlsx_bytes(sheets)
    else:
        data = exports.csv_bytes(reports.long_sheet(sheets))
    run.progress(2, 2)
    run.keep_file(data, f"event-{event.id}-statistics.{kind}", FORMATS[kind])
    record_audit(run.job.owner, "statistics_export", event, format=kind, via="job")


@handler("anonymised_export", label=_l("Anonymised candidates"), max_attempts=3)
def build_anonymised(run: JobRun) -> None:
    """A job: one row per registration, nothing that links back to a person."""
    event, kind = _event_and_format(run)
    total = db.session.scalar(
        sa.select(sa.func.count(Registration.id)).where(Registration.event_id == event.id)
    )
    run.progress(0, total)
    rows = []
    for row in reports.anonymised_rows(event):
        rows.append(row)
        if len(rows) % STEP == 0:
            run.progress(len(rows), total)
    run.progress(len(rows), len(rows))
    sheet = reports.anonymised_sheet(rows)
    data = exports.xlsx_bytes([sheet]) if kind == "xlsx" else exports.csv_bytes(sheet)
    run.keep_file(data, f"event-{event.id}-candidates-anonymised.{kind}", FORMATS[kind])
    record_audit(run.job.owner, "anonymised_export", event, format=kind, via="job")
