"""Bulk actions over a role's candidates, and undoing one for a while."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...extensions import db
from .. import bulk, errors, lookups
from ..blueprint import bp
from ..review_forms import BulkForm
from . import review
from .roles import shortlist_query_or_400


def shown_query() -> dict:
    """The filters and search of the page the form was on (carried in the URL)."""
    return review.shown_args()


@bp.route("/roles/<int:role_id>/bulk", methods=["POST"])
def bulk_action(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    back = url_for("employers.show_shortlist", role_id=role.id, **shown_query())
    form = BulkForm()
    if not form.validate_on_submit():
        flash(_("Choose an action."), "error")
        return redirect(back)
    if form.scope.data == "all":
        ids = shortlist_query_or_400(role).ids()
    else:
        ids = form.candidate.data or []
    profiles = bulk.candidates_of(role, ids)
    if not profiles:
        flash(_("Select at least one candidate."), "error")
        return redirect(back)
    try:
        result = bulk.apply(role, profiles, form.action.data, current_user, reason=form.reason.data)
    except errors.RecruitingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    message = ngettext("%(num)d candidate moved.", "%(num)d candidates moved.", len(result.done))
    if result.skipped:
        message += " " + ngettext(
            "%(num)d skipped: already there or further along.",
            "%(num)d skipped: already there or further along.",
            result.skipped,
        )
    flash(message, "success" if result.done else "info")
    if result.done:
        return redirect(
            url_for("employers.show_shortlist", role_id=role.id, undo=result.batch, **shown_query())
        )
    return redirect(back)


@bp.route("/roles/<int:role_id>/bulk/<batch>/undo", methods=["POST"])
def undo_bulk(role_id, batch):
    role = lookups.get_role_or_404(role_id, for_user=current_user, candidates=True)
    back = url_for("employers.show_shortlist", role_id=role.id, **shown_query())
    try:
        count = bulk.undo(role, batch[:32], current_user)
    except errors.RecruitingError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    flash(
        ngettext("%(num)d candidate moved back.", "%(num)d candidates moved back.", count),
        "success",
    )
    return redirect(back)
