"""Team notes on a candidate: colleagues write to each other and mention who should read.

A mention is chosen from the company's own recruiters (never parsed from the text), so a
note can only reach a colleague; each one mentioned gets an inbox message linking to the
candidate in that role.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..messages import notifications
from ..models import Application, ApplicationNote, User, UserRole
from . import applications
from .errors import RecruitingError


def colleagues(organization_id: int, *, besides: User | None = None) -> list[User]:
    """The company's recruiters who can read the note (active accounts), by name."""
    query = (
        sa.select(User)
        .where(
            User.organization_id == organization_id,
            User.role == UserRole.EMPLOYER,
            User.suspended_at.is_(None),
        )
        .order_by(User.display_name, User.id)
    )
    if besides is not None:
        query = query.where(User.id != besides.id)
    return list(db.session.scalars(query))


def add_note(
    application: Application, body: str, author: User, *, mention: list[int] = ()
) -> ApplicationNote:
    """Save the note and tell each colleague it mentions (the caller commits).

    Only the company's other recruiters can be mentioned: anyone else is refused, whatever
    the request says.
    """
    team = {u.id: u for u in colleagues(application.role.organization_id, besides=author)}
    unknown = set(mention) - set(team)
    if unknown:
        raise RecruitingError(_l("Only your company's recruiters can be mentioned."))
    note = applications.add_note(application, body, author)
    note.author = author
    for user_id in dict.fromkeys(mention):
        note.mentioned.append(team[user_id])
        notifications.enqueue(team[user_id], "note_mention", note=note)
    return note
