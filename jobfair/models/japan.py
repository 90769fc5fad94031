"""The road to Japan: skill tests a candidate passed, and a hire's departure.

Japanese language levels (JLPT, JFT-Basic) stay where matching reads them, in the profile's
language records (with `certified_on` when the candidate gives the date); this module holds
what the profile has no place for: the Specified Skilled Worker skill tests of a field and a
completed Technical Intern Training (stage 2, which exempts from the skill and language
tests of the same field). A `Departure` follows one hire bound for Japan; its
`departed_on` is the funnel's last step.
"""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User
from .base import UTCDateTime, enum_check, utcnow
from .candidates import CandidateProfile
from .recruiting import Application

# The sixteen fields of the Specified Skilled Worker (i) status (特定技能1号), as the
# Immigration Services Agency lists them since 2024; labels in jobfair/labels.py.
SSW_FIELDS = (
    "nursing_care",  # 介護
    "building_cleaning",  # ビルクリーニング
    "industrial_manufacturing",  # 工業製品製造業
    "construction",  # 建設
    "shipbuilding",  # 造船・舶用工業
    "automobile_repair",  # 自動車整備
    "aviation",  # 航空
    "accommodation",  # 宿泊
    "automobile_transport",  # 自動車運送業
    "railway",  # 鉄道
    "agriculture",  # 農業
    "fishery",  # 漁業
    "food_manufacturing",  # 飲食料品製造業
    "food_service",  # 外食業
    "forestry",  # 林業
    "wood_industry",  # 木材産業
)


class PassedTestKind(enum.StrEnum):
    SSW_SKILL = "ssw_skill"  # a field's SSW skill evaluation test
    TITP_STAGE_2 = "titp_stage_2"  # Technical Intern Training (ii) completed in a field


class PassedTest(db.Model):
    """A test the candidate says they passed (or a training completed), with the date."""

    __tablename__ = "passed_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("candidate_profiles.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(sa.String(20))
    field: Mapped[str] = mapped_column(sa.String(30))
    passed_on: Mapped[date] = mapped_column(sa.Date)
    # The test's own name or the certificate number, as the candidate writes it.
    detail: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[CandidateProfile] = relationship()

    __table_args__ = (
        sa.CheckConstraint(enum_check("kind", PassedTestKind), name="kind_known"),
        sa.CheckConstraint(enum_check("field", list(SSW_FIELDS)), name="field_known"),
        sa.UniqueConstraint("candidate_id", "kind", "field"),
    )


class Departure(db.Model):
    """One hire's way to Japan. `agent_id` is the sending organisation's person invited for
    this hire (role "sending"); `departed_on` is set when the hire has left."""

    __tablename__ = "departures"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    agent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    departed_on: Mapped[date | None] = mapped_column(sa.Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    application: Mapped[Application] = relationship()
    agent: Mapped[User | None] = relationship()


# The steps of a departure checklist, in the order they are usually done; labels in
# jobfair/labels.py. "departure" is the day the hire left (Departure.departed_on follows it).
DEPARTURE_STEPS = (
    "passport",
    "ocwc",  # Overseas Cambodian Worker Card
    "contract",  # employment contract signed
    "coe",  # certificate of eligibility, 在留資格認定証明書
    "visa",
    "training",  # pre-departure training
    "departure",
)


class DepartureStep(db.Model):
    """One step of a hire's checklist, ticked with the day it was done and by whom."""

    __tablename__ = "departure_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    departure_id: Mapped[int] = mapped_column(
        sa.ForeignKey("departures.id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(sa.String(20))
    done_on: Mapped[date] = mapped_column(sa.Date)
    ticked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    ticked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    departure: Mapped[Departure] = relationship(back_populates="steps")
    ticked_by: Mapped[User | None] = relationship()

    __table_args__ = (
        sa.CheckConstraint(enum_check("step", list(DEPARTURE_STEPS)), name="step_known"),
        sa.UniqueConstraint("departure_id", "step"),
    )


Departure.steps = relationship(
    DepartureStep, back_populates="departure", cascade="all, delete-orphan", lazy="selectin"
)


class SendingInvitation(db.Model):
    """The employer's single-use link for a sending organisation's person, for one hire.
    The account (role "sending") exists from the invitation on, unable to log in until the
    person sets a password through the link; only a hash of the token is stored."""

    __tablename__ = "sending_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    departure_id: Mapped[int] = mapped_column(
        sa.ForeignKey("departures.id", ondelete="CASCADE"), index=True
    )
    agent_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The sending organisation's name, as the employer writes it.
    agency: Mapped[str] = mapped_column(sa.String(200))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    departure: Mapped[Departure] = relationship()
    agent: Mapped[User] = relationship(foreign_keys=[agent_id])
