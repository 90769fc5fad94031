"""Reviewing many candidates: the shortlist's table and columns, saved views, comparison."""

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...extensions import db
from .. import compare, errors, lookups, review_table
from ..blueprint import bp
from ..review_forms import CompareForm, SaveViewForm
from ..shortlist_query import STATUSES

REPEATED = ("status", "col")  # the parameters a page may send more than once
NOT_KEPT = ("page", "undo", "languages")


def shown_args() -> dict:
    """This shortlist URL's parameters (its filters, search, columns), repeated ones as lists."""
    found = {}
    for name, values in request.args.to_dict(flat=False).items():
        if name not in NOT_KEPT:
            found[name] = values if name in REPEATED else values[0]
    return found


def table_state() -> tuple[str, list[str]]:
    """The layout and the columns: as the URL asks, else as this recruiter last chose."""
    mode = request.args.get("view") or session.get("review_mode")
    if mode not in review_table.MODES:
        mode = review_table.DEFAULT_MODE
    wanted = request.args.getlist("col") or session.get("review_columns")
    columns = review_table.chosen_columns(wanted)
    session["review_mode"], session["review_columns"] = mode, columns
    return mode, columns


def page_context(role, query) -> dict:
    """What the shortlist page needs for its table, status filter and saved views."""
    mode, columns = table_state()
    return {
        "mode": mode,
        "columns": columns,
        "column_labels": review_table.COLUMNS,
        "statuses": STATUSES,
        "chosen_statuses": query.statuses,
        "show_rejected": query.rejected,
        "hidden_count": query.hidden_count(),
        "saved_views": review_table.views_of(current_user.organization),
        "save_form": SaveViewForm(formdata=None),
        "review": review_table,
    }


@bp.route("/roles/<int:role_id>/views", methods=["POST"])
def save_view(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    form = SaveViewForm()
    back = url_for("employers.show_shortlist", role_id=role.id, **shown_args())
    if not form.validate_on_submit():
        flash(_("Give the view a name (at most 80 characters)."), "error")
        return redirect(back)
    mode, columns = table_state()
    params = {**shown_args(), "view": mode, "col": columns}
    try:
        review_table.save_view(role, current_user, form.name.data, params)
    except errors.RecruitingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(_("View saved. Your colleagues see it too."), "success")
    return redirect(back)


@bp.route("/roles/<int:role_id>/views/<int:view_id>")
def apply_view(role_id, view_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    view = lookups.get_view_or_404(view_id, for_user=current_user)
    params, dropped = review_table.view_params(role, view.params)
    if dropped:
        flash(_("Some of this view's settings no longer exist and were left out."), "info")
    params.setdefault("view", review_table.DEFAULT_MODE)
    params.setdefault("col", list(review_table.DEFAULT_COLUMNS))
    return redirect(url_for("employers.show_shortlist", role_id=role.id, **params))


@bp.route("/roles/<int:role_id>/views/<int:view_id>/delete", methods=["POST"])
def delete_view(role_id, view_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    view = lookups.get_view_or_404(view_id, for_user=current_user)
    review_table.delete_view(view, current_user)  # CSRF is checked for every POST
    db.session.commit()
    flash(_("View deleted."), "success")
    return redirect(url_for("employers.show_shortlist", role_id=role.id, **shown_args()))


@bp.route("/roles/<int:role_id>/compare", methods=["POST"])
def compare_selected(role_id):
    """The bulk form's "Compare" button: on to the comparison of the ticked candidates."""
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    form = CompareForm()
    form.validate()
    try:
        ids = compare.check_count(form.candidate.data or [])
    except errors.RecruitingError as exc:
        flash(str(exc), "error")
        return redirect(url_for("employers.show_shortlist", role_id=role.id, **shown_args()))
    return redirect(url_for("employers.compare_candidates", role_id=role.id, candidate=ids))


@bp.route("/roles/<int:role_id>/compare")
def compare_candidates(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    try:
        ids = compare.check_count(request.args.getlist("candidate", type=int))
    except errors.RecruitingError as exc:
        flash(str(exc), "error")
        return redirect(url_for("employers.show_shortlist", role_id=role.id))
    profiles = [lookups.get_candidate_or_404(role, i) for i in ids]
    columns = compare.columns(role, profiles)
    return render_template(
        "employers/compare.html",
        role=role,
        compared=columns,
        rows=compare.comparison_rows(role, columns),
    )
