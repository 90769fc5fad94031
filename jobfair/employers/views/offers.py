"""Decisions on a candidate: make an offer (内定) with its terms, withdraw it, mark hired."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from ...extensions import db
from ...fields import ButtonForm
from ...models.rules import InvalidValue
from .. import errors, lookups, offers
from ..blueprint import bp
from .pipeline import offer_form, render_application


def _back(application):
    return redirect(url_for("employers.show_application", application_id=application.id))


@bp.route("/applications/<int:application_id>/offer", methods=["POST"])
def make_offer(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    form = offer_form(application)
    if not form.validate_on_submit():
        return render_application(application, offer_form=form), 400
    try:
        offers.make_offer(
            application,
            current_user,
            salary=form.salary.data,
            currency=form.currency.data,
            starts_on=form.starts_on.data,
            expires_on=form.expires_on.data,
            note=form.note.data or "",
        )
        db.session.commit()
    except InvalidValue as exc:
        db.session.rollback()
        getattr(form, exc.field, form.salary).errors.append(str(exc))
        return render_application(application, offer_form=form), 400
    except (errors.RecruitingError, IntegrityError) as exc:
        # IntegrityError: a colleague made an offer a moment ago (one pending per application).
        db.session.rollback()
        flash(
            str(exc) if isinstance(exc, errors.RecruitingError) else _("An offer exists already."),
            "error",
        )
        return _back(application)
    flash(_("Offer sent. The candidate will answer on the platform."), "success")
    return _back(application)


@bp.route("/offers/<int:offer_id>/withdraw", methods=["POST"])
def withdraw_offer(offer_id):
    offer = lookups.get_offer_or_404(offer_id, for_user=current_user)
    if ButtonForm().validate_on_submit():
        try:
            offers.withdraw_offer(offer, current_user)
            db.session.commit()
        except errors.RecruitingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(_("Offer withdrawn; the candidate was told."), "success")
    return _back(offer.application)


@bp.route("/applications/<int:application_id>/hire", methods=["POST"])
def mark_hired(application_id):
    application = lookups.get_application_or_404(application_id, for_user=current_user)
    if ButtonForm().validate_on_submit():
        try:
            offers.mark_hired(application, current_user)
            db.session.commit()
        except errors.RecruitingError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(_("Marked as hired."), "success")
    return _back(application)
