"""Roles: post, edit, close and copy; the ranked shortlist and its exports."""

from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import BadRequest

from ... import exports, japan_entry, postings
from ...extensions import db
from ...models import RoleStatus, record_audit
from ...paging import Page, window
from .. import applications, company, errors, lookups, roles, sheets, shortlists
from ..blueprint import bp
from ..forms import RoleForm, ShortlistFilterForm
from ..review_forms import BulkForm, SearchForm
from ..shortlist_query import QueryError, ShortlistQuery
from . import review


def render_role_form(form, role=None):
    return render_template(
        "employers/edit_role.html",
        form=form,
        role=role,
        skills=roles.skill_suggestions(current_user.organization),
    )


@bp.route("/roles/new", methods=["GET", "POST"])
def new_role():
    organization = current_user.organization
    events = company.approved_events(organization)
    if not events:
        flash(
            _("You can post roles once the organizer approves your company for an event."), "info"
        )
        return redirect(url_for("employers.dashboard"))
    form = RoleForm(events=events, sector=organization.sector, original_language=str(get_locale()))
    if form.validate_on_submit():
        event = next(e for e in events if e.id == form.event_id.data)
        try:
            role = roles.create_role(organization, event, current_user, **form.role_fields())
            postings.set_translations(role, form.translations(), current_user)
        except errors.RecruitingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Role posted."), "success")
            return redirect(url_for("employers.show_shortlist", role_id=role.id))
    return render_role_form(form)


@bp.route("/roles/<int:role_id>/edit", methods=["GET", "POST"])
def edit_role(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    form = RoleForm(obj=role, events=[role.event])
    if request.method == "GET":
        form.fill_languages(role.languages or [])
        form.fill_translations(role)
    form.event_id.data = role.event_id  # a role stays at its event; the field is not shown
    if form.validate_on_submit():
        try:
            roles.update_role(role, **form.role_fields())
            postings.set_translations(role, form.translations(), current_user)
        except errors.RecruitingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Role saved."), "success")
            return redirect(url_for("employers.show_role", role_id=role.id))
    return render_role_form(form, role)


@bp.route("/roles/<int:role_id>")
def show_role(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    return render_template("employers/show_role.html", role=role)


@bp.route("/roles/<int:role_id>/copy", methods=["POST"])
def copy_role(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    copy = roles.copy_role(role, current_user)
    db.session.commit()
    flash(_("Role copied. Check the details and save."), "success")
    return redirect(url_for("employers.edit_role", role_id=copy.id))


@bp.route("/roles/<int:role_id>/status", methods=["POST"])
def set_role_status(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    status = request.form.get("status")
    if status not in (RoleStatus.OPEN, RoleStatus.CLOSED):
        abort(400)
    roles.set_role_status(role, status, current_user)
    db.session.commit()
    flash(_("Role closed.") if status == RoleStatus.CLOSED else _("Role reopened."), "success")
    return redirect(url_for("employers.show_role", role_id=role.id))


@bp.route("/roles/<int:role_id>/shortlist")
def show_shortlist(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    query = shortlist_query_or_400(role)
    per_page = current_app.config["PER_PAGE"]
    listing = query.page(request.args.get("page", 1, type=int), per_page)
    shown = window(total=listing.total, page=listing.page, per_page=per_page)
    return render_template(
        "employers/shortlist.html",
        role=role,
        filters=ShortlistFilterForm(request.args),
        listing=listing,
        entries=listing.entries,
        total=listing.total,
        page=listing.page,
        pages=listing.pages,
        shown_page=Page(items=listing.entries, total=listing.total, shown=shown),
        applications=shortlists.applications_by_candidate(role),
        entry_rules=japan_entry.rules_for_role(role, [e.profile for e in listing.entries]),
        query=review.shown_args(),
        search_form=SearchForm(request.args),
        bulk_form=BulkForm(),
        undo=request.args.get("undo", "")[:32],
        **review.page_context(role, query),
    )


class UnknownChoice(BadRequest):
    """A 400 that says why: the URL names a section, sort or filter the shortlist has not."""

    @property
    def explanation(self) -> str:
        return _(
            "This shortlist has no such section, sort or filter. "
            "Open the shortlist again from the role's page."
        )


def shortlist_query_or_400(role) -> ShortlistQuery:
    """The shortlist query of this request's URL; one it cannot run answers 400."""
    try:
        return ShortlistQuery.from_args(role, request.args)
    except QueryError:
        raise UnknownChoice() from None


@bp.route("/roles/<int:role_id>/shortlist/<int:candidate_id>", methods=["POST"])
def shortlist_candidate(role_id, candidate_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    profile = lookups.get_candidate_or_404(role, candidate_id)
    try:
        application = applications.add_to_pipeline(role, profile, current_user)
    except errors.RecruitingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("employers.show_shortlist", role_id=role.id))
    db.session.commit()
    flash(_("Added to the shortlist."), "success")
    return redirect(url_for("employers.show_application", application_id=application.id))


@bp.route("/roles/<int:role_id>/export/<any(shortlist, pipeline):kind>.<any(csv, xlsx):fmt>")
def export_role(role_id, kind, fmt):
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    if kind == "shortlist":
        query = shortlist_query_or_400(role)
        sheet, about = sheets.shortlist_sheet(query, SearchForm(request.args))
    else:
        sheet, about = sheets.pipeline_sheet(role), None
    record_audit(current_user, "export", role, kind=kind, format=fmt, rows=len(sheet.rows))
    db.session.commit()
    filename = f"role-{role.id}-{kind}.{fmt}"
    if fmt == "csv":
        return exports.csv_response(sheet, filename, preamble=about.rows if about else ())
    return exports.xlsx_response([sheet] + ([about] if about else []), filename)
