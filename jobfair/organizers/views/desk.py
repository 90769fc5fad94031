"""The help desk's list: messages for people nothing else could reach, to hand over."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from ...database import paginate
from ...extensions import db
from ...fields import ButtonForm
from ...messages.kinds import STAFF_PRIVATE_KINDS
from ...models import Message, MessageStatus, User, UserRole
from ...models.base import utcnow
from ..blueprint import bp


@bp.route("/messages")
def help_desk():
    rows = paginate(
        sa.select(Message)
        .join(Message.user)
        .options(joinedload(Message.user))
        .where(Message.status.in_([MessageStatus.DESK, MessageStatus.FAILED]), _shown_at_desk())
        .order_by(Message.status, Message.created_at.desc(), Message.id.desc())
    )
    return render_template("organizers/desk.html", messages=rows, form=ButtonForm())


def _shown_at_desk():
    """Organizers' and recruiters' reset links never show here (anyone at the desk could
    take the account over); candidates' do, as many have only a phone."""
    return sa.or_(Message.kind.not_in(STAFF_PRIVATE_KINDS), User.role == UserRole.CANDIDATE)


@bp.route("/messages/<int:message_id>/handed", methods=["POST"])
def hand_over(message_id):
    message = db.session.get(Message, message_id)
    if message is None or message.status not in (MessageStatus.DESK, MessageStatus.FAILED):
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    message.status = MessageStatus.HANDED
    message.handed_at = utcnow()
    message.handed_by_id = current_user.id
    db.session.commit()
    flash(_("Marked as handed over."), "success")
    return redirect(url_for("organizers.help_desk"))
