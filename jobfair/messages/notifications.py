"""Messages to people: `enqueue(user, kind, **context)` puts one in the outbox.

    from jobfair.messages import notifications
    notifications.enqueue(candidate_user, "interview_invited", interview=interview)
    db.session.commit()  # the caller commits: the change and its message, or neither

- Call it inside the transaction of the change that causes the message. It only adds a
  row to the `messages` table; if the change rolls back, the message goes with it, and a
  committed change always has its message. Nothing is sent inside the web request.
- `flask send-messages` (run beside gunicorn by `make run`) delivers what is waiting: by
  email (SMTP, with an .ics for interviews) when the person has an address and a mail
  server is configured, else by SMS when they have a phone and a provider is configured,
  else to the help desk's hand-over list (phone-only people) or only to the in-app inbox.
  Failures are retried with back-off; a message is claimed before it is sent, so it is
  never sent twice (see jobfair/messages/sender.py).
- Every message also shows in the recipient's inbox (/messages/), with an unread count.
- The text is rendered now, in the recipient's language (`recipient_locale`):
  the inbox and the help desk show exactly what was sent, links and times stay what they
  were, and the sender needs no request. The price: a message already waiting does not
  follow a later change of language.

- A step a recruiter may still undo (a bulk action carries a batch token) holds its
  messages for the undo window: `enqueue(..., batch=token)` sets `not_before`, the
  sender and the inbox skip the row until then, and the undo deletes the rows still
  held (`take_back`), so the candidate never hears of a step that was taken back.

Kinds and the context each takes are in jobfair/messages/kinds.py (KINDS; the offers' in
offer_kinds.py, follow-ups' in follow_up_kinds.py); adding a kind
is one function there plus its strings in the catalogs.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale

from ..extensions import db
from ..models import Message, MessageStatus, User
from ..models.base import utcnow
from . import follow_up_kinds, japan_kinds, kinds, offer_kinds, survey_kinds

KINDS = (
    kinds.KINDS | offer_kinds.KINDS | follow_up_kinds.KINDS | japan_kinds.KINDS | survey_kinds.KINDS
)

# How long a recruiter may take back a bulk step; its messages wait this long.
UNDO_WINDOW = timedelta(minutes=15)


# A recruiter who never chose a language (invited, seeded, not logged in yet) most likely
# reads their company's: a Japanese firm's recruiter Japanese, a Cambodian firm's Khmer.
COUNTRY_LOCALES = {"JP": "ja", "KH": "km"}


def recipient_locale(user: User) -> str:
    """The language a message to `user` is written in: theirs, else their company's."""
    languages = current_app.config["LANGUAGES"]
    if user.locale in languages:
        return user.locale
    country = user.organization.country if user.organization is not None else None
    if COUNTRY_LOCALES.get(country) in languages:
        return COUNTRY_LOCALES[country]
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def enqueue(user: User, kind: str, *, batch: str | None = None, **context) -> Message:
    """Write a message of `kind` to `user` into the outbox (the caller commits).

    With `batch` (an undoable step's token) the message waits out the undo window.
    """
    render = KINDS[kind]
    locale = recipient_locale(user)
    with force_locale(locale):
        draft = render(user, **context)
    message = Message(
        user_id=user.id,
        kind=kind,
        locale=locale,
        subject=str(draft.subject)[:300],
        body=str(draft.body),
        short_text=str(draft.short or draft.subject)[:480],
        attachments=list(draft.attachments),
        status="pending",
    )
    if batch is not None:
        message.batch = batch
        message.not_before = message.next_attempt_at = utcnow() + UNDO_WINDOW
    db.session.add(message)
    return message


def take_back(user: User, batch: str) -> bool:
    """Delete the messages of `batch` to `user` still held; True if one already went out.

    A message being sent (claimed) or past its wait counts as gone out: the caller then
    tells the person about the undo too.
    """
    now = utcnow()
    db.session.flush()
    db.session.execute(
        sa.delete(Message)
        .where(
            Message.user_id == user.id,
            Message.batch == batch,
            Message.status == MessageStatus.PENDING,
            Message.not_before > now,
        )
        .execution_options(synchronize_session="fetch")
    )
    return (
        db.session.scalar(
            sa.select(sa.func.count(Message.id)).where(
                Message.user_id == user.id, Message.batch == batch
            )
        )
        > 0
    )
