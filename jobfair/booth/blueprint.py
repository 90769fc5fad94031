"""The `booth` blueprint, its URL map and its one role check: a company's recruiters and
booth staff (booth staff scan, rate and note; `access.may_take_further` keeps the rest
for recruiters)."""

from flask import Blueprint

from ..auth.sessions import role_required
from ..models import UserRole
from . import views

bp = Blueprint("booth", __name__, url_prefix="/booth")


@bp.before_request
@role_required(UserRole.EMPLOYER, UserRole.BOOTH)
def require_role():
    """Every page here is for the company's people at the booth; the check lives in one place."""


bp.add_url_rule("/", view_func=views.dashboard)
bp.add_url_rule("/sw.js", view_func=views.service_worker)
bp.add_url_rule("/events/<int:event_id>/scan", view_func=views.scanner)
bp.add_url_rule("/events/<int:event_id>/token.json", view_func=views.fresh_token)
bp.add_url_rule("/events/<int:event_id>/sync", view_func=views.sync_scans, methods=["POST"])
bp.add_url_rule("/events/<int:event_id>/leads", view_func=views.list_leads)
bp.add_url_rule("/leads/<int:lead_id>", view_func=views.show_lead, methods=["GET", "POST"])
bp.add_url_rule("/leads/<int:lead_id>/pipeline", view_func=views.add_to_pipeline, methods=["POST"])
