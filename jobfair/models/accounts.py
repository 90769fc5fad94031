"""People and companies: users with a role, and employer organizations."""

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Optional

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..passwords import hash_password, verify_password
from .base import UTCDateTime, enum_check, utcnow

if TYPE_CHECKING:
    from .candidates import CandidateProfile


class UserRole(enum.StrEnum):
    CANDIDATE = "candidate"
    EMPLOYER = "employer"
    ORGANIZER = "organizer"
    # Staff an organizer invites for the fair day; each sees only what the job needs.
    DOOR = "door"  # check-in and walk-ins at one event (users.staff_event_id)
    BOOTH = "booth"  # one company's booth: scanning tickets and notes (users.organization_id)
    # A sending organisation's person, invited per hire bound for Japan (models/japan.py).
    SENDING = "sending"


# Roles that belong to a company, and roles that work one event.
COMPANY_ROLES = (UserRole.EMPLOYER, UserRole.BOOTH)
EVENT_STAFF_ROLES = (UserRole.DOOR,)


class Organization(db.Model):
    """An employer company (Japanese or Cambodian) that exhibits at events."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    country: Mapped[str] = mapped_column(sa.String(2))  # ISO 3166-1 alpha-2
    sector: Mapped[str] = mapped_column(sa.String(50))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    website: Mapped[str] = mapped_column(sa.String(300), default="")
    logo_filename: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list["User"]] = relationship(back_populates="organization")

    __table_args__ = (sa.CheckConstraint("length(country) = 2", name="country_code"),)

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name!r}>"


class User(UserMixin, db.Model):
    """Anyone who logs in: a candidate, an employer's recruiter or an organizer."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(sa.String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(sa.String(20), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[str] = mapped_column(sa.String(20), index=True)
    display_name: Mapped[str] = mapped_column(sa.String(200))
    locale: Mapped[str | None] = mapped_column(sa.String(5))
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="RESTRICT"), index=True
    )
    # The one event a door volunteer works at (only door staff have one).
    staff_event_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    # Bumped on logout, password change and suspension: every older session ends.
    session_version: Mapped[int] = mapped_column(default=1)
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A self sign-up not yet finished with the link sent to its email or phone: it cannot
    # log in (so sign-up tells no stranger whether an address had an account).
    pending_signup_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Two-factor sign-in (TOTP, RFC 6238); the last accepted time step blocks replays.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    totp_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    # Set when the person said "no more follow-ups": organizers' messages and surveys skip
    # them (jobfair/organizers/segments.py); messages about their own applications still go.
    follow_ups_opted_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    organization: Mapped[Organization | None] = relationship(back_populates="members")
    profile: Mapped[Optional["CandidateProfile"]] = relationship(
        back_populates="user", uselist=False
    )

    __table_args__ = (
        sa.CheckConstraint(enum_check("role", UserRole), name="role_known"),
        sa.CheckConstraint("email IS NOT NULL OR phone IS NOT NULL", name="has_contact"),
        sa.CheckConstraint(
            "(role IN ('employer', 'booth')) = (organization_id IS NOT NULL)",
            name="employer_has_org",
        ),
        sa.CheckConstraint("(role = 'door') = (staff_event_id IS NOT NULL)", name="door_has_event"),
    )

    def set_password(self, password: str) -> None:
        self.password_hash = hash_password(password)

    def check_password(self, password: str) -> bool:
        """True when the password is right; an outdated hash is replaced (the caller commits)."""
        ok, new_hash = verify_password(self.password_hash, password)
        if new_hash:
            self.password_hash = new_hash
        return ok

    def get_id(self) -> str:
        # The session version travels with the id so that old sessions stop matching.
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:
        return self.suspended_at is None

    @property
    def is_candidate(self) -> bool:
        return self.role == UserRole.CANDIDATE

    @property
    def is_employer(self) -> bool:
        return self.role == UserRole.EMPLOYER

    @property
    def is_organizer(self) -> bool:
        return self.role == UserRole.ORGANIZER

    @property
    def is_door_staff(self) -> bool:
        return self.role == UserRole.DOOR

    @property
    def is_booth_staff(self) -> bool:
        return self.role == UserRole.BOOTH

    @property
    def is_sending_agent(self) -> bool:
        return self.role == UserRole.SENDING

    @property
    def has_two_factor(self) -> bool:
        return self.totp_enabled_at is not None

    def end_sessions(self) -> None:
        """Invalidate every session this user has, on every device."""
        self.session_version += 1

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class RecruiterInvitation(db.Model):
    """A single-use, expiring link with which a recruiter brings a colleague in.

    Only a hash of the token is stored: a copy of the database cannot be used to join.
    """

    __tablename__ = "recruiter_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organization: Mapped[Organization] = relationship()


class RecoveryCode(db.Model):
    """A one-time code that stands in for the authenticator app once (two-factor recovery).

    Only a hash is stored: see auth.recovery_codes for why a fast hash is enough here.
    """

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
