"""Badge sheets to print: choose whose badges and which sheet; a job makes the PDF."""

from flask import redirect, render_template, request, url_for
from flask_login import current_user

from ... import jobs
from ...extensions import db
from .. import badges, lookups
from ..blueprint import bp
from ..forms import BadgeForm


@bp.route("/events/<int:event_id>/badges", methods=["GET", "POST"])
def badges_page(event_id):
    event = lookups.get_event_or_404(event_id)
    form = BadgeForm()
    form.kind.choices = list(badges.KINDS.items())
    form.layout.choices = [(name, layout.label) for name, layout in badges.LAYOUTS.items()]
    if form.validate_on_submit():
        params = {"kind": form.kind.data, "layout": form.layout.data}
        job = jobs.start("badges", owner=current_user, event=event, params=params)
        db.session.commit()
        return redirect(url_for("job.status", job_id=job.id))
    status = 400 if request.method == "POST" else 200
    recent = jobs.recent(current_user, event=event, kinds=["badges"])
    page = render_template("organizers/badges.html", event=event, form=form, recent_jobs=recent)
    return page, status
