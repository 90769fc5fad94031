"""The companies that scanned the candidate's ticket at their booth; withdrawing from one."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _

from ...extensions import db
from ...fields import ButtonForm
from .. import scans
from ..blueprint import bp, current_profile


@bp.route("/booth-scans")
def booth_scans():
    return render_template(
        "candidates/booth_scans.html", scans=scans.scans_of(current_profile()), form=ButtonForm()
    )


@bp.route("/booth-scans/<int:lead_id>/withdraw", methods=["POST"])
def withdraw_scan(lead_id):
    lead = scans.get_scan_or_404(lead_id, current_profile())
    if ButtonForm().validate_on_submit():
        scans.withdraw(lead)
        db.session.commit()
        flash(
            _("%(company)s can no longer see that they met you.", company=lead.organization.name),
            "success",
        )
    return redirect(url_for("candidates.booth_scans"))
