"""Imports: upload a spreadsheet, see what each row would do, then confirm."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import exports, jobs
from ...extensions import db
from ...fields import ButtonForm
from ...labels import choices
from .. import errors, import_templates, imports, lookups
from ..blueprint import bp
from ..forms import ImportForm
from ..import_columns import KIND_LABELS, describe_change, preview_text
from ..import_plans import ERROR

SESSION_KEY = "import_uploads"
SHOWN_ROWS = 500


def _import_form() -> ImportForm:
    form = ImportForm()
    form.kind.choices = choices(KIND_LABELS)
    return form


@bp.route("/events/<int:event_id>/imports", methods=["GET", "POST"])
def imports_page(event_id):
    event = lookups.get_event_or_404(event_id)
    form = _import_form()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            token = imports.store_upload(
                form.kind.data, event, current_user, upload.read(), upload.filename
            )
        except errors.OrganizerError as exc:
            form.file.errors.append(str(exc))
        else:
            session[SESSION_KEY] = (session.get(SESSION_KEY) or [])[-4:] + [token]
            return redirect(url_for("organizers.preview_import", event_id=event.id, token=token))
    recent = jobs.recent(current_user, event=event, kinds=["import"])
    return render_template(
        "organizers/imports.html", event=event, form=form, kinds=KIND_LABELS, recent_jobs=recent
    )


@bp.route(
    "/events/<int:event_id>/imports/template-<any(exhibitors, roles, candidates):kind>.<any(xlsx, csv):fmt>"
)
def import_template(event_id, kind, fmt):
    event = lookups.get_event_or_404(event_id)
    from ..import_columns import _current

    sheets = import_templates.template_sheets(kind, _current())
    name = f"{kind}-event-{event.id}"
    if fmt == "csv":
        return exports.csv_response(sheets[0], name + ".csv")  # the data only
    return exports.xlsx_response(sheets, name + ".xlsx")


@bp.route("/events/<int:event_id>/imports/<token>", methods=["GET", "POST"])
def preview_import(event_id, token):
    event = lookups.get_event_or_404(event_id)
    upload = imports.load_upload(token, event, current_user, session.get(SESSION_KEY))
    if upload is None:
        flash(_("That preview has expired. Upload the file again."), "error")
        return redirect(url_for("organizers.imports_page", event_id=event.id))
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        job = imports.start_import(upload, event, current_user)
        db.session.commit()
        return redirect(url_for("job.status", job_id=job.id))
    plans = imports.preview(upload, event)
    db.session.rollback()  # a preview never writes
    plans.sort(key=lambda plan: (plan.status != ERROR, plan.line))
    return render_template(
        "organizers/import_preview.html", event=event, upload=upload, form=form,
        plans=plans[:SHOWN_ROWS], hidden=max(len(plans) - SHOWN_ROWS, 0),
        counts=imports.summary(plans), kind_label=KIND_LABELS[upload.kind],
        describe_change=describe_change, preview_text=preview_text,
    )  # fmt: skip
