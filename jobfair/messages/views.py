"""The inbox every signed-in user has, its unread count, and `flask send-messages`."""

import signal

import click
import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from ..database import paginate
from ..extensions import db
from ..fields import ButtonForm
from ..models import Message
from ..models.base import utcnow

bp = Blueprint("messages", __name__, url_prefix="/messages")


def shown_to(user):
    """The user's inbox: their messages, not webhook deliveries, none still held for an
    undo window (notifications.UNDO_WINDOW)."""
    return sa.and_(
        Message.user_id == user.id,
        Message.webhook_id.is_(None),
        sa.or_(Message.not_before.is_(None), Message.not_before <= utcnow()),
    )


def get_message_or_404(message_id: int, *, for_user) -> Message:
    message = db.session.scalar(
        sa.select(Message).where(Message.id == message_id, shown_to(for_user))
    )
    if message is None:
        abort(404)
    return message


def unread_count(user) -> int:
    return db.session.scalar(
        sa.select(sa.func.count(Message.id)).where(shown_to(user), Message.read_at.is_(None))
    )


@bp.route("/")
@login_required
def inbox():
    messages = paginate(
        sa.select(Message)
        .where(shown_to(current_user))
        .order_by(Message.created_at.desc(), Message.id.desc())
    )
    return render_template("messages/inbox.html", messages=messages, form=ButtonForm())


@bp.route("/<int:message_id>")
@login_required
def show_message(message_id):
    message = get_message_or_404(message_id, for_user=current_user)
    if message.read_at is None:
        message.read_at = utcnow()
        db.session.commit()
    return render_template("messages/message.html", message=message)


@bp.route("/read", methods=["POST"])
@login_required
def mark_all_read():
    if ButtonForm().validate_on_submit():
        db.session.execute(
            sa.update(Message)
            .where(shown_to(current_user), Message.read_at.is_(None))
            .values(read_at=utcnow())
        )
        db.session.commit()
    return redirect(url_for("messages.inbox"))


def register(app) -> None:
    @app.context_processor
    def inbox_count():
        def count():
            if current_user and current_user.is_authenticated:
                return unread_count(current_user)
            return 0

        return {"unread_messages": count}

    @app.cli.command("send-messages")
    @click.option("--once", is_flag=True, help="Send what is due, then stop.")
    @click.option("--interval", default=5.0, show_default=True, help="Seconds between rounds.")
    def send_messages(once, interval):
        """Deliver the outbox: email, SMS, help desk; retries with back-off (runs until stopped)."""
        from .sender import run

        stopping = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_args: stopping.append(True))
        click.echo("Sending messages; stop with Ctrl-C or SIGTERM.")
        run(once=once, interval=interval, stop=lambda: bool(stopping))
