"""Roles employers post, and the pipeline that takes a candidate to a hire."""

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from matching.levels import EDUCATION_LEVELS

from ..extensions import db
from .accounts import Organization, User
from .base import UTCDateTime, enum_check, utcnow
from .candidates import CandidateProfile
from .events import Event, Exhibitor
from .role_fields import CURRENCIES, NAMES, PROGRAMS, SSW_FIELD_OPTIONS, check_record
from .rules import InvalidValue
from .translations import POSTING_LANGUAGES, Reading, RoleTranslation, guessed_original_language


class RoleStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Role(db.Model):
    """A job posting by an organization for an event."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    # The language the title and description were written in ("en", "km" or "ja").
    original_language: Mapped[str] = mapped_column(
        sa.String(2), default=guessed_original_language, server_default="en"
    )
    sector: Mapped[str] = mapped_column(sa.String(30))
    location: Mapped[str] = mapped_column(sa.String(100))
    program: Mapped[str] = mapped_column(sa.String(20), default="local")
    # The Specified Skilled Worker field of an "ssw" role (the entry rule's skill test).
    ssw_field: Mapped[str | None] = mapped_column(sa.String(30))
    headcount: Mapped[int] = mapped_column(default=1)
    salary_min: Mapped[int | None]
    salary_max: Mapped[int | None]
    currency: Mapped[str] = mapped_column(sa.String(3), default="USD")
    required_skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    preferred_skills: Mapped[list] = mapped_column(sa.JSON, default=list)
    # [{"language": "Japanese", "level": "N4", "must": true}, ...]
    languages: Mapped[list] = mapped_column(sa.JSON, default=list)
    min_education: Mapped[str] = mapped_column(sa.String(30), default="none")
    status: Mapped[str] = mapped_column(sa.String(10), default=RoleStatus.OPEN)
    # Blind review: name, gender and age stay hidden until the candidate is invited.
    blind_review: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Written by the model layer (models/search_keys.py): what searches in any script read.
    search_key: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship()
    organization: Mapped[Organization] = relationship()
    translations: Mapped[list[RoleTranslation]] = relationship(
        back_populates="role",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by=RoleTranslation.language,
    )

    __table_args__ = (
        sa.CheckConstraint(enum_check("status", RoleStatus), name="status_known"),
        sa.CheckConstraint(
            enum_check("original_language", list(POSTING_LANGUAGES)), name="original_language_known"
        ),
        sa.CheckConstraint(enum_check("program", list(PROGRAMS)), name="program_known"),
        sa.CheckConstraint(enum_check("currency", list(CURRENCIES)), name="currency_known"),
        sa.CheckConstraint(
            "ssw_field IS NULL OR " + enum_check("ssw_field", list(SSW_FIELD_OPTIONS)),
            name="ssw_field_known",
        ),
        sa.CheckConstraint(enum_check("min_education", list(EDUCATION_LEVELS)), name="edu"),
        sa.CheckConstraint("headcount >= 1", name="headcount_positive"),
        sa.CheckConstraint(
            "salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max",
            name="salary_in_order",
        ),
        # A key for "this company's role at this fair" (booth_leads points at it).
        sa.Index(
            "ix_roles_id_event_organization", "id", "event_id", "organization_id", unique=True
        ),
    )

    @validates(*NAMES)
    def _checked(self, name, value):
        """Each field obeys its declaration (role_fields), whoever sets it; the highest
        salary is checked against the lowest already set (`assign` sets the lowest first)."""
        values = {name: value}
        if name == "salary_max":
            values["salary_min"] = self.salary_min
        return check_record(values)[name]

    def assign(self, **values) -> "Role":
        """Set several fields at once, the salary range checked as a whole; InvalidRecord
        names every refused field and nothing is set."""
        checked = check_record(values, current=self)
        for name in NAMES:
            if name in checked:
                setattr(self, name, checked[name])
        return self

    def translation(self, language: str) -> RoleTranslation | None:
        return next((t for t in self.translations if t.language == language), None)

    def reading(self, language: str, *, original: bool = False) -> Reading:
        """The title and description for a reader of `language`: the original when it is
        written in that language (or `original` is asked for), else the translation into it,
        else the original."""
        translation = None if original else self.translation(language)
        if translation is None or language == self.original_language:
            return Reading(self.title, self.description or "", *[self.original_language] * 2)
        return Reading(
            translation.title,
            translation.description or "",
            language,
            self.original_language,
            translation,
        )

    def missing_languages(self, only: str | None = None) -> list[str]:
        """The fair's languages (or just `only`) this role is neither written nor translated in;
        `Role.missing` is the same rule for a query."""
        have = {self.original_language, *(t.language for t in self.translations)}
        return [
            language
            for language in POSTING_LANGUAGES
            if language not in have and only in (None, language)
        ]

    @classmethod
    def missing(cls, language: str):
        """SQL: the role is neither written nor translated in `language` (`missing_languages`)."""
        return sa.and_(
            cls.original_language != language,
            ~sa.exists().where(
                RoleTranslation.role_id == cls.id, RoleTranslation.language == language
            ),
        )

    def matcher_record(self) -> dict:
        """The mapping the matching library reads."""
        return role_record({name: getattr(self, name) for name in ROLE_RECORD_FIELDS})


# The columns `role_record` reads: a list of thousands of roles selects these alone.
ROLE_RECORD_FIELDS = ("id", "title", "description", "required_skills", "preferred_skills",
                      "min_education", "languages", "location", "program")  # fmt: skip


def role_record(values) -> dict:
    """The mapping the matching library reads, from a role's `ROLE_RECORD_FIELDS`."""
    return {
        "id": values["id"],
        "title": values["title"],
        "description": values["description"],
        "required_skills": list(values["required_skills"] or []),
        "preferred_skills": list(values["preferred_skills"] or []),
        "education": values["min_education"],
        "languages": [dict(req) for req in values["languages"] or []],
        "location": values["location"],
        "program": values["program"],
    }


class ApplicationStatus(enum.StrEnum):
    NEW = "new"
    SHORTLISTED = "shortlisted"
    INVITED = "invited"
    INTERVIEWED = "interviewed"
    OFFERED = "offered"
    HIRED = "hired"
    REJECTED = "rejected"
    # The company left the fair while the application was open: the role is gone for good.
    WITHDRAWN = "withdrawn"


PIPELINE = tuple(ApplicationStatus)


class Application(db.Model):
    """A candidate in a role's pipeline, whether they applied or were shortlisted."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(sa.ForeignKey("roles.id", ondelete="CASCADE"))
    candidate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("candidate_profiles.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(sa.String(20), default=ApplicationStatus.NEW)
    applied_by_candidate: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    role: Mapped[Role] = relationship()
    candidate: Mapped[CandidateProfile] = relationship()
    notes: Mapped[list["ApplicationNote"]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="ApplicationNote.created_at, ApplicationNote.id",
    )
    history: Mapped[list["StatusChange"]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        order_by="StatusChange.created_at",
    )

    __table_args__ = (
        sa.UniqueConstraint("role_id", "candidate_id"),
        sa.CheckConstraint(enum_check("status", ApplicationStatus), name="status_known"),
    )


# Colleagues a note's author asked to read it (each is told in their inbox).
note_mentions = sa.Table(
    "application_note_mentions",
    db.metadata,
    sa.Column(
        "note_id",
        sa.ForeignKey("application_notes.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class ApplicationNote(db.Model):
    """A recruiter's note for the team; never shown to the candidate."""

    __tablename__ = "application_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="notes")
    author: Mapped[User | None] = relationship()
    mentioned: Mapped[list[User]] = relationship(secondary=note_mentions, lazy="selectin")


class StatusChange(db.Model):
    """One step in an application's history."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(sa.String(20))
    to_status: Mapped[str] = mapped_column(sa.String(20))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # Why a candidate was not selected: for the company's recruiters, never the candidate.
    reason: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    # The bulk action this step was part of, so the whole action can be undone at once.
    batch: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application] = relationship(back_populates="history")
    actor: Mapped[User | None] = relationship()  # who took the step (shown to colleagues)


class InterviewSlot(db.Model):
    """A time at an exhibitor's booth when one interview can happen."""

    __tablename__ = "interview_slots"

    id: Mapped[int] = mapped_column(primary_key=True)
    exhibitor_id: Mapped[int] = mapped_column(
        sa.ForeignKey("exhibitors.id", ondelete="CASCADE"), index=True
    )
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    exhibitor: Mapped[Exhibitor] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("exhibitor_id", "starts_at"),
        sa.CheckConstraint("ends_at > starts_at", name="times_in_order"),
    )

    @validates("starts_at", "ends_at")
    def _in_order(self, name, value):
        """A slot ends after it starts (set `starts_at` first; the database checks too)."""
        other = self.starts_at if name == "ends_at" else self.ends_at
        start, end = (other, value) if name == "ends_at" else (value, other)
        if start is not None and end is not None and end <= start:
            raise InvalidValue(name, _l("The end must be after the start."))
        return value

    @classmethod
    def free(cls, exhibitor_id: int, *, now: datetime | None = None) -> sa.Select:
        """The booth's slots still free, earliest first: nobody booked, and not yet begun
        (a slot starting at `now` has begun). The one rule the recruiter's invitation list
        and the candidate's booking list share."""
        taken = sa.select(Interview.slot_id).where(Interview.slot_id.is_not(None))
        return (
            sa.select(cls)
            .where(
                cls.exhibitor_id == exhibitor_id,
                cls.starts_at > (now or utcnow()),
                cls.id.not_in(taken),
            )
            .order_by(cls.starts_at, cls.id)
        )


class Interview(db.Model):
    """An invitation to interview, and the slot the candidate took.

    The unique constraints are the no-double-booking rules: a slot holds one
    interview, and a candidate cannot be booked twice at the same start time.
    """

    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    candidate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("candidate_profiles.id", ondelete="CASCADE"), index=True
    )
    slot_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interview_slots.id", ondelete="SET NULL"), unique=True
    )
    # Copied from the slot when booked, so the database can refuse a clash.
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(sa.String(10), default="offered")
    # "slot": a booked time at the booth; "walk_up": come to the booth now.
    kind: Mapped[str] = mapped_column(sa.String(10), default="slot", server_default="slot")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    application: Mapped[Application] = relationship()
    slot: Mapped[InterviewSlot | None] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("candidate_id", "starts_at"),
        sa.CheckConstraint(
            enum_check("status", ["offered", "accepted", "declined", "cancelled"]),
            name="status_known",
        ),
        sa.CheckConstraint(enum_check("kind", ["slot", "walk_up"]), name="kind_known"),
    )
