"""A fair's jobs for anyone: search and filters, and a page per role that can be shared.

A signed-in candidate also sees how each role fits them, in order of fit, and can show
interest without losing their place on the page.
"""

from flask import current_app, render_template, request
from flask_login import current_user

from ... import access, japan_entry, postings, ranking
from ...database import page_number
from ...fields import ButtonForm
from .. import jobs, lookups, registration
from ..blueprint import jobs_bp


def _candidate():
    """The signed-in candidate's profile, or None for anyone else."""
    if current_user.is_authenticated and current_user.is_candidate:
        return current_user.profile
    return None


def _fits(me, event, roles) -> dict:
    """Each role's fit for the candidate, best band first: the matcher explains every role,
    those it ranks out too (after the others of their band)."""
    if me is None or not roles:
        return {}
    fits = ranking.recommend_roles(me, event, len(roles), roles=roles, every_role=True)
    return {fit.role.id: fit for fit in fits}


@jobs_bp.route("/<int:event_id>/jobs")
def search_jobs(event_id):
    event = lookups.get_event_or_404(event_id)
    me = _candidate()
    filters = jobs.JobFilters.from_args(request.args)
    page, fits = jobs.find(
        event,
        filters,
        candidate=me,
        page=page_number(),
        per_page=current_app.config["PER_PAGE"],
    )
    return render_template(
        "candidates/jobs.html",
        event=event,
        roles=page,
        total=jobs.count_open(event),
        fits=fits,
        filters=filters,
        options=jobs.options(event),
        **_interest(me, event),
    )


@jobs_bp.route("/<int:event_id>/jobs/<int:role_id>")
def show_job(event_id, role_id):
    role = lookups.get_open_role_or_404(event_id, role_id)
    me = _candidate()
    original = request.args.get("original") == "1"
    text = postings.reading(role, original=original)
    # Whether a translation exists, also while the reader looks at the original.
    translated = postings.reading(role).translated if original else text.translated
    return render_template(
        "candidates/job.html",
        role=role,
        text=text,
        translation=translated,
        event=role.event,
        exhibitor=access.exhibitor_of_role(role),
        slots=jobs.free_slots(role),
        fit=_fits(me, role.event, [role]).get(role.id),
        entry=japan_entry.rule_for_role(me, role) if me is not None else None,
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
