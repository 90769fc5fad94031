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
- The text is rendered now, in the recipient's language (`user.locale`, else the default):
  the inbox and the help desk show exactly what was sent, links and times stay what they
  were, and the sender needs no request. The price: a message already waiting does not
  follow a later change of language.

Kinds and the context each takes are in jobfair/messages/kinds.py (KINDS); adding a kind
is one function there plus its strings in the catalogs.
"""

from flask import current_app
from flask_babel import force_locale

from ..extensions import db
from ..models import Message, User
from .kinds import KINDS


def enqueue(user: User, kind: str, **context) -> Message:
    """Write a message of `kind` to `user` into the outbox (the caller commits)."""
    render = KINDS[kind]
    locale = user.locale if user.locale in current_app.config["LANGUAGES"] else None
    locale = locale or current_app.config["BABEL_DEFAULT_LOCALE"]
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
    db.session.add(message)
    return message
