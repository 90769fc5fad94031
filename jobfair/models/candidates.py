"""Candidates: their profile and their registrations (tickets) for events."""

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from matching.levels import EDUCATION_LEVELS

from ..extensions import db
from .base import UTCDateTime, enum_check, utcnow
from .rules import profile_languages

if TYPE_CHECKING:
    from .accounts import User
    from .events import Event

GENDERS = ("female", "male", "other")
# Characters that cannot be confused when read aloud or typed at the door.
SHORT_CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"


class CandidateProfile(db.Model):
    """What a candidate tells employers about themselves."""

    __tablename__ = "candidate_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    full_name: Mapped[str] = mapped_column(sa.String(200))
    name_khmer: Mapped[str] = mapped_column(sa.String(200), default="")
    gender: Mapped[str | None] = mapped_column(sa.String(10))
    birth_year: Mapped[int | None]
    province: Mapped[str] = mapped_column(sa.String(50), default="", index=True)
    headline: Mapped[str] = mapped_column(sa.String(200), default="")
    education_level: Mapped[str] = mapped_column(sa.String(30), default="none")
    education_field: Mapped[str] = mapped_column(sa.String(200), default="")
    experience: Mapped[str] = mapped_column(sa.Text, default="")
    past_jobs: Mapped[list] = mapped_column(sa.JSON, default=list)
    skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    # Records like a role's: {"language": "Japanese", "test": "JLPT", "level": "N4"},
    # optionally "certified_on"; tests are JLPT, JFT-Basic, CEFR or native.
    languages: Mapped[list] = mapped_column(sa.JSON, default=list)
    wanted_sectors: Mapped[list] = mapped_column(sa.JSON, default=list)
    wanted_locations: Mapped[list] = mapped_column(sa.JSON, default=list)
    programs: Mapped[list] = mapped_column(sa.JSON, default=list)
    cv_filename: Mapped[str | None] = mapped_column(sa.String(100))
    cv_original_name: Mapped[str | None] = mapped_column(sa.String(200))
    cv_text: Mapped[str] = mapped_column(sa.Text, default="")
    # Written by the model layer (models/search_keys.py): what searches in any script read.
    search_key: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # Set while the text of CV photos is being read (OCR, outside the request); None when done.
    cv_read_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Consent to show the profile to exhibitors of events the candidate registers for.
    consent_version: Mapped[str | None] = mapped_column(sa.String(20))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    share_contact: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Indexed: every worker polls it to refresh its in-memory matcher.
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )

    user: Mapped["User"] = relationship(back_populates="profile")
    registrations: Mapped[list["Registration"]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint(enum_check("education_level", list(EDUCATION_LEVELS)), name="edu"),
        sa.CheckConstraint(
            "gender IS NULL OR " + enum_check("gender", list(GENDERS)), name="gender_known"
        ),
        sa.CheckConstraint(
            "birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year_range"
        ),
    )

    @validates("languages")
    def _language_records(self, key, value):
        """Whatever the caller passes ("Japanese N4" or a mapping), store records: each
        with a level on its language's scale, one per language (rules.profile_languages)."""
        return profile_languages(key, value)

    @property
    def has_consent(self) -> bool:
        return self.consent_at is not None

    def matcher_record(self) -> dict:
        """The mapping the matching library ranks."""
        past = " ".join(
            f"{j.get('title', '')} {j.get('employer', '')}" for j in self.past_jobs or []
        )
        return {
            "id": self.id,
            "headline": self.headline,
            "experience": " ".join(filter(None, [self.experience, past, self.cv_text[:4000]])),
            "skills": list(self.skills or []),
            "education": self.education_level,
            "languages": list(self.languages or []),
            "locations": list(self.wanted_locations or []),
            "programs": list(self.programs or []),
        }


def new_ticket_token() -> str:
    return secrets.token_urlsafe(24)


def new_short_code() -> str:
    return "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(8))


class Registration(db.Model):
    """A candidate's ticket for an event; the QR code carries only the token."""

    __tablename__ = "registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("candidate_profiles.id", ondelete="CASCADE"), index=True
    )
    ticket_token: Mapped[str] = mapped_column(sa.String(64), unique=True, default=new_ticket_token)
    short_code: Mapped[str] = mapped_column(sa.String(12), default=new_short_code)
    source: Mapped[str] = mapped_column(sa.String(10), default="online")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    checked_in_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    candidate: Mapped[CandidateProfile] = relationship(back_populates="registrations")
    event: Mapped["Event"] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("event_id", "candidate_id"),
        sa.UniqueConstraint("event_id", "short_code"),
        sa.CheckConstraint(enum_check("source", ["online", "walk_in"]), name="source_known"),
    )
