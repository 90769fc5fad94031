"""The organizer's exports: statistics and the anonymised candidate list, as CSV or XLSX.

The event page's buttons build them as jobs; the direct links answer small events only.
"""

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import exports, jobs
from ...extensions import db
from ...fields import ButtonForm
from ...models.audit import record_audit
from .. import lookups, report_jobs, reports, statistics
from ..blueprint import bp


@bp.route("/events/<int:event_id>/exports", methods=["POST"])
def build_export(event_id):
    event = lookups.get_event_or_404(event_id)
    choice = report_jobs.CHOICES.get(request.form.get("export", ""))
    if choice is None or not ButtonForm().validate_on_submit():
        abort(400)
    kind, file_format = choice
    job = jobs.start(kind, owner=current_user, event=event, params={"format": file_format})
    db.session.commit()
    return redirect(url_for("job.status", job_id=job.id))


def too_large(event):
    flash(_("This event is large: make its exports with the buttons on this page."), "info")
    return redirect(url_for("organizers.show_event", event_id=event.id))


@bp.route("/events/<int:event_id>/statistics.<any(csv, xlsx):kind>")
def export_statistics(event_id, kind):
    event = lookups.get_event_or_404(event_id)
    if not report_jobs.small_enough_to_download_directly(event):
        return too_large(event)
    sheets = reports.statistics_sheets(statistics.compute(event))
    record_audit(current_user, "statistics_export", event, format=kind)
    db.session.commit()
    name = f"event-{event.id}-statistics"
    if kind == "xlsx":
        return exports.xlsx_response(sheets, f"{name}.xlsx")
    return exports.csv_response(reports.long_sheet(sheets), f"{name}.csv")


@bp.route("/events/<int:event_id>/candidates-anonymised.<any(csv, xlsx):kind>")
def export_anonymised(event_id, kind):
    event = lookups.get_event_or_404(event_id)
    if not report_jobs.small_enough_to_download_directly(event):
        return too_large(event)
    sheet = reports.anonymised_sheet(reports.anonymised_rows(event))
    record_audit(current_user, "anonymised_export", event, format=kind)
    db.session.commit()
    name = f"event-{event.id}-candidates-anonymised"
    if kind == "xlsx":
        return exports.xlsx_response([sheet], f"{name}.xlsx")
    return exports.csv_response(sheet, f"{name}.csv")
