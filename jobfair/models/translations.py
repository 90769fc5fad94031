"""A role's title and description in the languages of the fair: the original and its translations.

A role is written in one language (its `original_language`); the recruiter, or an
organizer's interpreter, adds the same posting in the others. Candidates read the one in
their language and are told when it is a translation; the original stays one click away.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from matching.scripts import written_in

from ..extensions import db
from . import rules
from .base import UTCDateTime, enum_check, utcnow
from .rules import InvalidRecord, InvalidValue

POSTING_LANGUAGES = ("en", "km", "ja")


def guess_language(text: str) -> str:
    """The language a posting is most likely written in, from its letters: Khmer or
    Japanese when either script outweighs the other, English otherwise."""
    return written_in(text)


def check_translation(
    language: str, title: str, description: str, original_language: str | None
) -> tuple[str, str]:
    """The title and description as stored, or InvalidRecord naming each refusal: not in the
    role's own language, a title, and the texts' rules (those of a role's own texts)."""
    errors = {}
    if language == original_language:
        message = _l("The role is written in this language; change the text itself.")
        errors["original_language"] = InvalidValue("original_language", message)
    try:
        title = rules.text("title", title or "", max_length=200, required=True)
    except InvalidValue as exc:
        errors["title"] = exc
    try:
        description = rules.text("description", description or "", max_length=5000, lines=True)
    except InvalidValue as exc:
        errors["description"] = exc
    if errors:
        raise InvalidRecord(errors)
    return title, description


def guessed_original_language(context) -> str:
    """Column default: a role created without saying its language is read from its text."""
    values = context.get_current_parameters()
    return guess_language(f"{values.get('title') or ''} {values.get('description') or ''}")


class RoleTranslation(db.Model):
    """A role's title and description in one more language, and who wrote it when."""

    __tablename__ = "role_translations"

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(sa.ForeignKey("roles.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(sa.String(2))
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    translated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    translated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    translated_by = relationship("User")
    role = relationship("Role", back_populates="translations")

    __table_args__ = (
        sa.UniqueConstraint("role_id", "language"),
        sa.CheckConstraint(enum_check("language", list(POSTING_LANGUAGES)), name="language_known"),
    )

    @validates("language")
    def _known_language(self, name, value):
        return rules.choice(name, value, POSTING_LANGUAGES)

    @validates("title")
    def _title(self, name, value):
        return rules.text(name, value, max_length=200, required=True)

    @validates("description")
    def _description(self, name, value):
        return rules.text(name, value, max_length=5000, required=False, lines=True)


@dataclass(frozen=True)
class Reading:
    """The posting as one reader reads it: in their language if it has been written or
    translated into it, else the original."""

    title: str
    description: str
    language: str  # the language of this title and description
    original_language: str
    translation: RoleTranslation | None = None

    @property
    def translated(self) -> bool:
        return self.translation is not None
