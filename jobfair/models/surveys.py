"""Surveys after a fair: an organizer's questions, the invitations sent, and the answers.

A survey's questions are frozen once it is first sent (`Survey.sent_at`): the session refuses
to add, change or delete a question of a sent survey, so every answer always matches the
question it answers. An invitation is one person's link; its token is an HMAC of the
invitation's id and a random salt under the app's secret key (nothing in the database opens
it, and a reminder can repeat the same link). One answer set per invitation: the database
holds one answer per question per invitation, and a second submit is refused.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship, validates

from ..extensions import db
from . import rules
from .accounts import User
from .base import UTCDateTime, enum_check, utcnow
from .events import Event

LANGUAGES = ("en", "km", "ja")
AUDIENCES = ("candidates", "employers")
KINDS = ("choice", "scale", "text")
SCALE = range(1, 6)
MAX_OPTIONS = 10
MAX_TEXT_ANSWER = 2000


class QuestionsFrozen(ValueError):
    """A sent survey's questions were about to change."""


def reading(texts: dict | None, locale: str) -> tuple[str, str]:
    """The text in `locale`, else the first language written (en, km, ja): (text, language)."""
    texts = texts or {}
    if texts.get(locale):
        return texts[locale], locale
    for language in LANGUAGES:
        if texts.get(language):
            return texts[language], language
    return "", locale


def missing(texts: dict | None) -> list[str]:
    """The languages a text has not been written in yet."""
    return [language for language in LANGUAGES if not (texts or {}).get(language)]


class Survey(db.Model):
    """A short survey of one fair, for its candidates or its exhibitors' recruiters."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    audience: Mapped[str] = mapped_column(sa.String(12))
    title: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {"en": …, "km": …, "ja": …}
    intro: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # first send: questions frozen
    segment: Mapped[dict | None] = mapped_column(sa.JSON)  # the last segment sent to
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    event: Mapped[Event] = relationship()
    created_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(enum_check("audience", list(AUDIENCES)), name="audience_known"),
    )

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None

    def title_in(self, locale: str) -> str:
        return reading(self.title, locale)[0]

    def intro_in(self, locale: str) -> str:
        return reading(self.intro, locale)[0]


class SurveyQuestion(db.Model):
    """One question: its kind, its text per language and (a choice's) options per language."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(sa.String(10))
    texts: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # A choice's options in order, each {"en": …, "km": …, "ja": …}; answers keep the index.
    options: Mapped[list] = mapped_column(sa.JSON, default=list)

    survey: Mapped[Survey] = relationship(
        backref=backref(
            "questions",
            order_by="(SurveyQuestion.position, SurveyQuestion.id)",
            cascade="all, delete-orphan",
        )
    )

    __table_args__ = (sa.CheckConstraint(enum_check("kind", list(KINDS)), name="kind_known"),)

    @validates("kind")
    def _kind(self, name, value):
        return rules.choice(name, value, KINDS)

    def text_in(self, locale: str) -> str:
        return reading(self.texts, locale)[0]

    def option_in(self, index: int, locale: str) -> str:
        return reading(self.options[index], locale)[0] if 0 <= index < len(self.options) else ""


class SurveyInvitation(db.Model):
    """One person invited to answer one survey; `answered_at` once they have."""

    __tablename__ = "survey_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(
        sa.ForeignKey("surveys.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    salt: Mapped[str] = mapped_column(sa.String(32), default=lambda: secrets.token_hex(16))
    invited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    survey: Mapped[Survey] = relationship(
        backref=backref("invitations", cascade="all, delete-orphan", passive_deletes=True)
    )
    user: Mapped[User] = relationship()

    __table_args__ = (sa.UniqueConstraint("survey_id", "user_id", name="one_per_person"),)

    def _signature(self) -> str:
        key = current_app.secret_key
        key = key if isinstance(key, bytes) else str(key).encode()
        message = f"survey-invitation:{self.id}:{self.survey_id}:{self.salt}".encode()
        digest = hmac.new(key, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    def token(self) -> str:
        """The secret part of this person's link (needs the row flushed: it has an id)."""
        return f"{self.id}.{self._signature()}"

    @classmethod
    def find(cls, survey_id: int, token: str) -> "SurveyInvitation | None":
        """The invitation a link's token opens, for this survey only and while its person's
        account is not suspended; None otherwise."""
        number, _dot, signature = (token or "").partition(".")
        if not number.isdigit() or not signature or len(number) > 12:
            return None
        invitation = db.session.get(cls, int(number))
        if invitation is None or invitation.survey_id != survey_id:
            return None
        if not hmac.compare_digest(invitation._signature(), signature):
            return None
        if invitation.user.suspended_at is not None:
            return None  # a suspended account's link no longer opens anything
        return invitation


class SurveyAnswer(db.Model):
    """One question's answer in one invitation's answer set: an option, a scale point or text."""

    __tablename__ = "survey_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_invitations.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True
    )
    choice: Mapped[int | None] = mapped_column()  # the option's index
    scale: Mapped[int | None] = mapped_column()
    text: Mapped[str] = mapped_column(sa.Text, default="", server_default="")

    invitation: Mapped[SurveyInvitation] = relationship(
        backref=backref("answers", cascade="all, delete-orphan", passive_deletes=True)
    )
    question: Mapped[SurveyQuestion] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("invitation_id", "question_id", name="one_per_question"),
        sa.CheckConstraint("scale IS NULL OR (scale >= 1 AND scale <= 5)", name="scale_1_to_5"),
        sa.CheckConstraint("choice IS NULL OR choice >= 0", name="choice_not_negative"),
    )

    @validates("scale")
    def _scale(self, name, value):
        message = _l("Choose a number from 1 to 5.")
        return rules.whole_number(name, value, low=1, high=5, nullable=True, message=message)

    @validates("text")
    def _text(self, name, value):
        return rules.text(name, value or "", max_length=MAX_TEXT_ANSWER, lines=True)

    def shown(self, locale: str) -> str:
        """The answer as a person reads it: the option's words, the number, or the text as written."""
        if self.choice is not None:
            return self.question.option_in(self.choice, locale)
        if self.scale is not None:
            return str(self.scale)
        return self.text


def _refuse_changes_to_sent_questions(session, _context, _instances):
    """The model's guard: a sent survey's questions stay as its answers were given to."""
    for question in [*session.new, *session.dirty, *session.deleted]:
        if not isinstance(question, SurveyQuestion):
            continue
        survey = question.survey or db.session.get(Survey, question.survey_id)
        if survey is None or survey.sent_at is None:
            continue
        changed = question in session.new or question in session.deleted
        if changed or session.is_modified(question, include_collections=False):
            raise QuestionsFrozen(f"survey {survey.id} was sent: its questions are frozen")


sa.event.listen(sa.orm.Session, "before_flush", _refuse_changes_to_sent_questions)


def answers_held(user: User, locale: str = "en") -> list[dict]:
    """A person's survey answers as their data copy shows them: survey, questions, answers."""
    invitations = db.session.scalars(
        sa.select(SurveyInvitation)
        .where(SurveyInvitation.user_id == user.id)
        .order_by(SurveyInvitation.id)
    )
    held = []
    for invitation in invitations:
        survey = invitation.survey
        held.append(
            {
                "survey": survey.title_in(locale),
                "event": survey.event.name,
                "invited_at": invitation.invited_at.isoformat(),
                "answered_at": invitation.answered_at.isoformat()
                if invitation.answered_at
                else None,
                "answers": [
                    {"question": answer.question.text_in(locale), "answer": answer.shown(locale)}
                    for answer in sorted(
                        invitation.answers, key=lambda a: (a.question.position, a.question_id)
                    )
                ],
            }
        )
    return held
