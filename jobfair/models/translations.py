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

from ..extensions import db
from . import rules
from .base import UTCDateTime, enum_check, utcnow
from .rules import InvalidRecord, InvalidValue

POSTING_LANGUAGES = ("en", "km", "ja")
_KHMER = range(0x1780, 0x1800)
_KANA_KANJI = (range(0x3040, 0x3100), range(0x3400, 0x4DC0), range(0x4E00, 0xA000))


def guess_language(text: str) -> str:
    """The language a posting is most likely written in, from its letters: Khmer or
    Japanese when either script outweighs the other, English otherwise."""
    khmer = sum(ord(c) in _KHMER for c in text)
    japanese = sum(any(ord(c) in block for block in _KANA_KANJI) for c in text)
    if not khmer and not japanese:
        return "en"
    return "km" if khmer > japanese else "ja"


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
