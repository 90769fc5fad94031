"""A fair's jobs for anyone: search and filters, and a page per role that can be shared.

A signed-in candidate also sees how each role fits them, in order of fit, and can show
interest without losing their place on the page.
"""

from flask import render_template, request
from flask_babel import get_locale
from flask_login import current_user

from ... import ranking
from ...fields import ButtonForm
from .. import jobs, lookups, registration
from ..blueprint import jobs_bp


def _candidate():
    """The signed-in candidate's profile, or None for anyone else."""
    if current_user.is_authenticated and current_user.is_candidate:
        return current_user.profile
    return None


def _fits(me, event, roles) -> dict:
    """Each role's fit for the candidate, best first; roles the matcher ranks out still get
    their requirements marked, after the others."""
    if me is None or not roles:
        return {}
    fits = {fit.role.id: fit for fit in ranking.recommend_roles(me, event, len(roles), roles=roles)}
    for role in roles:
        if role.id not in fits:
            fits[role.id] = jobs.requirements_fit(me, role)
    return fits


@jobs_bp.route("/<int:event_id>/jobs")
def search_jobs(event_id):
    event = lookups.get_event_or_404(event_id)
    me = _candidate()
    every = jobs.open_roles(event)
    filters = jobs.JobFilters.from_args(request.args)
    found = jobs.search(every, filters, str(get_locale()))
    fits = _fits(me, event, found)
    if fits:
        found.sort(key=lambda role: _order(fits[role.id]))
    return render_template(
        "candidates/jobs.html",
        event=event,
        roles=found,
        total=len(every),
        fits=fits,
        filters=filters,
        options=jobs.options(every),
        **_interest(me, event),
    )


def _order(fit) -> tuple:
    """Best score first; among roles without one, more requirements met first."""
    ex = fit.explanation
    met = len(ex["matched_required_skills"]) + sum(
        1 for lang in ex["languages"] if lang["status"] == "met"
    )
    return (-fit.score, -met, len(ex["missing_required_skills"]))


@jobs_bp.route("/<int:event_id>/jobs/<int:role_id>")
def show_job(event_id, role_id):
    role = lookups.get_open_role_or_404(event_id, role_id)
    me = _candidate()
    return render_template(
        "candidates/job.html",
        role=role,
        event=role.event,
        exhibitor=jobs.exhibitor_of(role),
        slots=jobs.free_slots(role),
        fit=_fits(me, role.event, [role]).get(role.id),
        **_interest(me, role.event),
    )


def _interest(me, event) -> dict:
    """What the interest buttons need: registered or not, roles already chosen, the form."""
    if me is None:
        return {"registered": False, "applied": set(), "form": None}
    return {
        "registered": registration.registration_for(me, event) is not None,
        "applied": registration.interested_role_ids(me),
        "form": ButtonForm(),
    }
