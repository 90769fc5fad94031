"""The hiring funnel of an event with its breakdowns, fairs side by side, and the funders'
report (a job: PDF or XLSX in English or Japanese)."""

import sqlalchemy as sa
from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user

from ... import jobs
from ...extensions import db
from ...models import Event
from .. import funnel, funnel_report, lookups  # noqa: F401  (registers the report job)
from ..blueprint import bp
from ..forms import FunnelReportForm

MAX_COMPARED = 6


def _page(event, form, status=200):
    breakdown = request.args.get("by", "province")
    if breakdown not in funnel.BREAKDOWNS:
        abort(404)
    result = funnel.compute(event)
    recent = jobs.recent(current_user, event=event, kinds=["funnel_report"])
    page = render_template(
        "organizers/funnel.html",
        event=event,
        result=result,
        breakdown=breakdown,
        funnel=funnel,
        form=form,
        recent_jobs=recent,
    )
    return page, status


@bp.route("/events/<int:event_id>/funnel")
def show_funnel(event_id):
    return _page(lookups.get_event_or_404(event_id), FunnelReportForm())


@bp.route("/events/<int:event_id>/funnel/report", methods=["POST"])
def build_funnel_report(event_id):
    event = lookups.get_event_or_404(event_id)
    form = FunnelReportForm()
    if not form.validate_on_submit():
        return _page(event, form, 400)
    params = {"format": form.file_format.data, "locale": form.language.data}
    job = jobs.start("funnel_report", owner=current_user, event=event, params=params)
    db.session.commit()
    return redirect(url_for("job.status", job_id=job.id))


@bp.route("/funnel/compare")
def compare_funnels():
    chosen = request.args.getlist("event", type=int)[:MAX_COMPARED]
    events = [lookups.get_event_or_404(event_id) for event_id in dict.fromkeys(chosen)]
    every = db.session.scalars(sa.select(Event).order_by(Event.starts_on.desc(), Event.id)).all()
    funnels = funnel.compare(events) if len(events) >= 2 else []
    return render_template(
        "organizers/funnel_compare.html",
        every=every,
        chosen={e.id for e in events},
        funnels=funnels,
        funnel=funnel,
        most=MAX_COMPARED,
    )
