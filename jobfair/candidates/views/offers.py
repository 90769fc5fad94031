"""A candidate's job offers (内定): the terms, and accepting or declining."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ...extensions import db
from ...fields import ButtonForm
from .. import lookups, offers
from ..blueprint import bp, current_profile
from ..profile import CandidateError


@bp.route("/offers/<int:offer_id>")
def show_offer(offer_id):
    offer = lookups.get_offer_or_404(offer_id)
    return render_template(
        "candidates/offer.html",
        offer=offer,
        expired=offer.expired(),
        form=ButtonForm(),
    )


@bp.route("/offers/<int:offer_id>/<any(accept, decline):answer>", methods=["POST"])
def answer_offer(offer_id, answer):
    offer = lookups.get_offer_or_404(offer_id)
    if ButtonForm().validate_on_submit():
        try:
            offers.answer_offer(current_profile(), offer, accept=answer == "accept")
            db.session.commit()
        except CandidateError as exc:
            db.session.rollback()
            flash(str(exc), "error")
        else:
            flash(
                _("Congratulations! The company will contact you about your start.")
                if answer == "accept"
                else _("You declined the offer; the company was told."),
                "success",
            )
    return redirect(url_for("candidates.show_offer", offer_id=offer.id))
