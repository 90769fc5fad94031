"""People: finding accounts, suspending and reinstating them, the audit log."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ... import labels
from ...database import paginate
from ...extensions import db
from ...fields import ButtonForm
from ...models import AuditLog, User
from .. import errors, users
from ..blueprint import bp


@bp.route("/users", endpoint="users")
def list_users():
    query = request.args.get("q", "").strip()[:100]
    role = request.args.get("role", "")
    statement = sa.select(User).order_by(User.created_at.desc(), User.id.desc())
    if query:
        like = f"%{query}%"
        statement = statement.where(
            sa.or_(User.email.ilike(like), User.phone.ilike(like), User.display_name.ilike(like))
        )
    if role in labels.ACCOUNT_KIND_LABELS:
        statement = statement.where(User.role == role)
    return render_template(
        "organizers/users.html", users=paginate(statement), q=query, role=role, form=ButtonForm()
    )


@bp.route("/users/<int:user_id>/<any(suspend, reinstate):action>", methods=["POST"])
def change_user(user_id, action):
    user = db.session.get(User, user_id) or abort(404)
    if ButtonForm().validate_on_submit():
        try:
            if action == "suspend":
                users.suspend_user(user, current_user)
                flash(
                    _("%(name)s is suspended; their sessions have ended.", name=user.display_name),
                    "info",
                )
            else:
                users.reinstate_user(user, current_user)
                flash(_("%(name)s can log in again.", name=user.display_name), "success")
            db.session.commit()
        except errors.OrganizerError as exc:
            db.session.rollback()
            flash(str(exc), "error")
    return redirect(url_for("organizers.users"))


@bp.route("/audit")
def audit_log():
    action = request.args.get("action", "").strip()[:50]
    statement = sa.select(AuditLog).order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
    if action:
        statement = statement.where(AuditLog.action == action)
    actions = db.session.scalars(
        sa.select(AuditLog.action).distinct().order_by(AuditLog.action)
    ).all()
    return render_template(
        "organizers/audit.html", entries=paginate(statement), action=action, actions=actions
    )
