"""Fair-day staff of an event: inviting door volunteers and booth staff, revoking them."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from ... import access
from ...auth import accounts, staff_invitations
from ...extensions import db
from ...fields import ButtonForm
from ...models import Exhibitor, StaffInvitation
from .. import lookups
from ..blueprint import bp
from ..forms import StaffInviteForm


def _invite_form(event, **kwargs) -> StaffInviteForm:
    form = StaffInviteForm(**kwargs)
    approved = db.session.scalars(
        sa.select(Exhibitor).where(Exhibitor.event_id == event.id, access.exhibitor_is_in_fair())
    ).all()
    booths = sorted(approved, key=lambda e: e.organization.name)
    form.post.choices = [SelectChoice("door", _("The door: check-in and walk-ins"))] + [
        SelectChoice(f"booth-{e.id}", _("Booth of %(company)s", company=e.organization.name))
        for e in booths
    ]
    return form


def _page(event, form, link=None, invitation=None):
    return render_template(
        "organizers/staff.html",
        event=event,
        form=form,
        link=link,
        invitation=invitation,
        invitations=staff_invitations.invitations_of(event),
        status=staff_invitations.status,
        revoke_form=ButtonForm(),
    )


@bp.route("/events/<int:event_id>/staff", methods=["GET", "POST"])
def event_staff(event_id):
    event = lookups.get_event_or_404(event_id)
    form = _invite_form(event)
    if not form.validate_on_submit():
        return _page(event, form)
    try:
        if form.post.data == "door":
            invitation, token = staff_invitations.invite_door_staff(
                event, current_user, form.label.data
            )
        else:
            exhibitor = lookups.get_exhibitor_or_404(event, int(form.post.data.split("-")[1]))
            invitation, token = staff_invitations.invite_booth_staff(
                exhibitor, current_user, form.label.data
            )
    except accounts.AccountError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(url_for("organizers.event_staff", event_id=event.id))
    db.session.commit()
    # The link is shown once, here; only its hash is kept.
    link = url_for("auth.join_staff", token=token, _external=True)
    # A fresh, empty form under the link: the next invitation is for someone else.
    return _page(event, _invite_form(event, formdata=None), link=link, invitation=invitation)


@bp.route("/events/<int:event_id>/staff/<int:invitation_id>/revoke", methods=["POST"])
def revoke_staff(event_id, invitation_id):
    event = lookups.get_event_or_404(event_id)
    invitation = db.session.get(StaffInvitation, invitation_id)
    if invitation is None or invitation.event_id != event.id:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    staff_invitations.revoke(invitation, current_user)
    db.session.commit()
    flash(_("Revoked: that link or account no longer opens anything."), "info")
    return redirect(url_for("organizers.event_staff", event_id=event.id))
