"""The booth pages: the fairs, the scanner (offline) and its sync, the met-at-the-booth list,
one lead (rating, note, tags, role, fit, pipeline), and the scanner's service worker."""

import os

import sqlalchemy as sa
from flask import (
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from .. import access, labels
from ..extensions import db
from ..models import Exhibitor
from ..models.base import utcnow
from . import leads, lookups
from .forms import RATING_LABELS, LeadForm, PipelineForm


def dashboard():
    exhibitors = db.session.scalars(
        sa.select(Exhibitor)
        .where(Exhibitor.organization_id == current_user.organization_id)
        .order_by(Exhibitor.id.desc())
    ).all()
    return render_template(
        "booth/dashboard.html",
        organization=current_user.organization,
        exhibitors=exhibitors,
        in_fair=access.is_in_fair,
    )


def scanner(event_id):
    event, exhibitor = lookups.get_booth_event_or_404(event_id, for_user=current_user)
    return render_template("booth/scanner.html", event=event, exhibitor=exhibitor)


def fresh_token(event_id):
    lookups.get_booth_event_or_404(event_id, for_user=current_user)
    return jsonify({"csrf": generate_csrf()})


def sync_scans(event_id):
    event, _exhibitor = lookups.get_booth_event_or_404(event_id, for_user=current_user)
    try:
        scans = leads.parse_scans(request.get_json(silent=True), utcnow())
    except leads.SyncError as exc:
        return jsonify({"error": str(exc)}), 400
    done = leads.sync(event, current_user, scans)
    db.session.commit()
    return jsonify({"results": [_scan_result(scan, result, lead) for scan, result, lead in done]})


def _scan_result(scan, result: str, lead) -> dict:
    """What the scanner shows of one scan: a name and fits only for consenting candidates."""
    answer = {"id": scan.client_id, "result": result}
    if lead is None:
        return answer
    answer["lead"] = url_for("booth.show_lead", lead_id=lead.id)
    if not access.lead_shows_profile(lead):
        answer["private"] = True
        return answer
    answer["name"] = lead.candidate.full_name
    answer["fits"] = [
        {
            "role": fit.role.title,
            "band": fit.ranked.explanation["band"] if fit.ranked else "",
            "band_label": str(labels.BAND_LABELS[fit.ranked.explanation["band"]])
            if fit.ranked
            else "",
            "score": f"{fit.ranked.score:.2f}" if fit.ranked else "",
        }
        for fit in leads.fits(lead)
    ]
    return answer


def list_leads(event_id):
    event, _exhibitor = lookups.get_booth_event_or_404(event_id, for_user=current_user)
    tag = request.args.get("tag", "").strip()
    rating = request.args.get("rating", type=int)
    return render_template(
        "booth/leads.html",
        event=event,
        leads=leads.leads(current_user.organization_id, event, tag=tag, rating=rating),
        tags=leads.tags_in_use(current_user.organization_id, event),
        tag=tag,
        rating=rating,
        ratings=RATING_LABELS,
        shows_profile=access.lead_shows_profile,
    )


def show_lead(lead_id):
    lead = lookups.get_lead_or_404(lead_id, for_user=current_user)
    roles = leads.company_roles(lead.event_id, lead.organization_id)
    form = LeadForm(
        rating=lead.rating, note=lead.note, tags=", ".join(lead.tags), role_id=lead.role_id
    ).with_roles(roles)
    if form.validate_on_submit():
        role = next((r for r in roles if r.id == form.role_id.data), None)
        leads.update_lead(
            lead,
            rating=form.rating.data,
            note=form.note.data or "",
            tags=form.tag_list(),
            role=role,
        )
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("booth.show_lead", lead_id=lead.id))
    open_roles = [r for r in roles if r.status == "open"]
    return render_template(
        "booth/lead.html",
        lead=lead,
        form=form,
        pipeline_form=PipelineForm().with_roles(open_roles),
        fits=leads.fits(lead),
        shows_profile=access.lead_shows_profile(lead),
        may_take_further=access.may_take_further(current_user),
    )


def add_to_pipeline(lead_id):
    if not access.may_take_further(current_user):
        abort(403)
    lead = lookups.get_lead_or_404(lead_id, for_user=current_user)
    roles = leads.company_roles(lead.event_id, lead.organization_id, open_only=True)
    form = PipelineForm().with_roles(roles)
    if not form.validate_on_submit():
        abort(400)
    role = next(r for r in roles if r.id == form.role_id.data)
    try:
        leads.add_to_pipeline(lead, role, current_user)
    except leads.BoothError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("booth.show_lead", lead_id=lead.id))
    db.session.commit()
    flash(_("Added to the pipeline of %(role)s.", role=role.title), "success")
    return redirect(url_for("booth.show_lead", lead_id=lead.id))


def service_worker():
    path = os.path.join(current_app.static_folder, "js", "booth-sw.js")
    with open(path, encoding="utf-8") as handle:
        response = Response(handle.read(), mimetype="text/javascript")
    # Browsers check for a new worker on each visit; never serve them a stale one.
    response.headers["Cache-Control"] = "no-cache"
    return response
