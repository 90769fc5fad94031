"""A role's interview criteria, an interviewer's own scorecard for a candidate."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from .. import errors, lookups, scorecards
from ..blueprint import bp
from ..scorecard_forms import CriteriaForm, ratings_of, scorecard_data, scorecard_form

AT_THE_SAME_MOMENT = _l("Saved by someone else at the same moment: look, then save again.")


@bp.route("/roles/<int:role_id>/criteria", methods=["GET", "POST"])
def edit_criteria(role_id):
    role = lookups.get_role_or_404(role_id, for_user=current_user)
    current = "\n".join(str(c.display_label) for c in scorecards.criteria(role))
    form = CriteriaForm(data={"criteria": current})
    if form.validate_on_submit():
        try:
            scorecards.set_criteria(role, form.labels())
            db.session.commit()
        except errors.RecruitingError as exc:
            db.session.rollback()
            form.criteria.errors.append(str(exc))
        except IntegrityError:
            db.session.rollback()  # a colleague saved them at the same moment
            form.criteria.errors.append(str(AT_THE_SAME_MOMENT))
        else:
            flash(_("Interview criteria saved."), "success")
            return redirect(url_for("employers.show_role", role_id=role.id))
    status = 400 if form.errors else 200
    return render_template("employers/criteria.html", role=role, form=form), status


@bp.route("/applications/<int:application_id>/scorecard", methods=["GET", "POST"])
def edit_scorecard(application_id):
    """The signed-in recruiter's own scorecard: nobody edits a colleague's."""
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    criteria = scorecards.criteria(application.role)
    card = scorecards.scorecard_of(application, current_user)
    form = scorecard_form(criteria, data=scorecard_data(criteria, card))
    if form.validate_on_submit():
        try:
            scorecards.save_scorecard(
                application, current_user, ratings_of(form), form.comment.data or ""
            )
            db.session.commit()
        except errors.RecruitingError as exc:
            db.session.rollback()
            form.comment.errors.append(str(exc))
        except IntegrityError:
            # A double click, or a colleague storing the role's first criteria just now.
            db.session.rollback()
            form.comment.errors.append(str(AT_THE_SAME_MOMENT))
        else:
            flash(_("Your scorecard is saved."), "success")
            return redirect(
                url_for("employers.show_application", application_id=application.id) + "#scorecards"
            )
    return render_template(
        "employers/scorecard.html", application=application, role=application.role, form=form
    ), (400 if form.errors else 200)
