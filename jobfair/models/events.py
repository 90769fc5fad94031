"""Job fairs and the companies exhibiting at them."""

import enum
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import Organization
from .base import DEFAULT_TIMEZONE, UTCDateTime, enum_check, local_today, utcnow


class Event(db.Model):
    """A job fair over one or more consecutive days at one venue."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    venue: Mapped[str] = mapped_column(sa.String(300))
    city: Mapped[str] = mapped_column(sa.String(100))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    starts_on: Mapped[date] = mapped_column(sa.Date)
    ends_on: Mapped[date] = mapped_column(sa.Date)
    # Local opening hours, the same each day, in the event's timezone.
    opens_at: Mapped[time] = mapped_column(sa.Time)
    closes_at: Mapped[time] = mapped_column(sa.Time)
    timezone: Mapped[str] = mapped_column(sa.String(50), default=DEFAULT_TIMEZONE)
    registration_open: Mapped[bool] = mapped_column(default=False)
    published: Mapped[bool] = mapped_column(default=False)
    # Registrations and check-ins of candidates who since erased their data: anonymous counts
    # that keep the event's statistics whole.
    erased_registrations: Mapped[int] = mapped_column(default=0, server_default="0")
    erased_checkins: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    exhibitors: Mapped[list["Exhibitor"]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )

    __table_args__ = (
        sa.CheckConstraint("ends_on >= starts_on", name="days_in_order"),
        sa.CheckConstraint("closes_at > opens_at", name="hours_in_order"),
    )

    @property
    def days(self) -> list[date]:
        count = (self.ends_on - self.starts_on).days + 1
        return [date.fromordinal(self.starts_on.toordinal() + i) for i in range(count)]

    def today(self, now: datetime | None = None) -> date:
        """The date it is at the fair, in its time zone: what its days, its door lists and
        the answer-by dates of its offers are reckoned in."""
        return local_today(self.timezone, now)

    def __repr__(self) -> str:
        return f"<Event {self.id} {self.name!r}>"


class ExhibitorStatus(enum.StrEnum):
    """Only an approved exhibitor is in the fair (see `jobfair.access`)."""

    INVITED = "invited"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    # Left the fair after approval (the company withdrew, or the organizer withdrew it).
    WITHDRAWN = "withdrawn"


class Exhibitor(db.Model):
    """An organization taking part in an event, with its approval and booth."""

    __tablename__ = "exhibitors"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(sa.ForeignKey("events.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(sa.String(20), default=ExhibitorStatus.PENDING)
    booth_code: Mapped[str | None] = mapped_column(sa.String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[Event] = relationship(back_populates="exhibitors")
    organization: Mapped[Organization] = relationship()

    __table_args__ = (
        sa.UniqueConstraint("event_id", "organization_id"),
        sa.UniqueConstraint("event_id", "booth_code"),
        sa.CheckConstraint(enum_check("status", ExhibitorStatus), name="status_known"),
    )
