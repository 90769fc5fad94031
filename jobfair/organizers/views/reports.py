"""The organizer's exports: statistics and the anonymised candidate list, as CSV or XLSX."""

from flask_login import current_user

from ... import exports
from ...extensions import db
from ...models.audit import record_audit
from .. import lookups, reports, statistics
from ..blueprint import bp


@bp.route("/events/<int:event_id>/statistics.<any(csv, xlsx):kind>")
def export_statistics(event_id, kind):
    event = lookups.get_event_or_404(event_id)
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
    sheet = exports.Sheet(
        "Candidates (anonymised)", reports.ANONYMISED_HEADER, reports.anonymised_rows(event)
    )
    record_audit(current_user, "anonymised_export", event, format=kind)
    db.session.commit()
    name = f"event-{event.id}-candidates-anonymised"
    if kind == "xlsx":
        return exports.xlsx_response([sheet], f"{name}.xlsx")
    return exports.csv_response(sheet, f"{name}.csv")
