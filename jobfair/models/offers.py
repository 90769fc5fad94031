"""Offers (内定): the terms a company offers a candidate, their answer, and the one rule that
ties the pipeline's "offered" and "hired" steps to them.

An application reaches "offered" only by making an offer (an Offer row, pending, written in
the same step) and "hired" only once the candidate accepted it (内定承諾: accepted is not yet
joined; hiring stays the recruiter's step). `step_refusal` is that rule; every pipeline step
passes `employers.applications.move`, which asks it, so a page, a bulk action or the API
reach those statuses the same way or not at all.
"""

import enum
from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship, validates

from ..extensions import db
from . import rules
from .accounts import User
from .base import UTCDateTime, enum_check, utcnow
from .recruiting import Application, ApplicationStatus, Role
from .role_fields import CURRENCIES, MAX_SALARY

MAX_NOTE = 2000


class OfferStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


# Where an offer makes sense: after the interview, or again after an earlier offer ended
# (declined or withdrawn) while the application still stands at "offered".
OFFER_FROM = (ApplicationStatus.INTERVIEWED, ApplicationStatus.OFFERED)


class Offer(db.Model):
    """One offer of a role to a candidate; re-offering adds a row, so the history stays."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        sa.ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    role_id: Mapped[int] = mapped_column(sa.ForeignKey("roles.id", ondelete="CASCADE"), index=True)
    salary: Mapped[int] = mapped_column()  # a month's pay, in whole units of `currency`
    currency: Mapped[str] = mapped_column(sa.String(3))
    starts_on: Mapped[date] = mapped_column(sa.Date)
    expires_on: Mapped[date | None] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    status: Mapped[str] = mapped_column(sa.String(10), default=OfferStatus.PENDING)
    decided_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )

    application: Mapped[Application] = relationship(
        backref=backref("offers", order_by="Offer.id", cascade="all, delete-orphan")
    )
    role: Mapped[Role] = relationship()
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    withdrawn_by: Mapped[User | None] = relationship(foreign_keys=[withdrawn_by_id])

    __table_args__ = (
        sa.CheckConstraint(enum_check("status", OfferStatus), name="status_known"),
        sa.CheckConstraint(enum_check("currency", list(CURRENCIES)), name="currency_known"),
        sa.CheckConstraint("salary >= 0", name="salary_not_negative"),
        # One live offer per application: the database refuses a second pending one.
        sa.Index(
            "uq_offers_one_pending",
            "application_id",
            unique=True,
            sqlite_where=sa.text("status = 'pending'"),
            postgresql_where=sa.text("status = 'pending'"),
        ),
    )

    @validates("salary")
    def _salary(self, name, value):
        message = _l("Enter a monthly salary from 0 to %(max)s.", max=f"{MAX_SALARY:,}")
        return rules.whole_number(name, value, low=0, high=MAX_SALARY, message=message)

    @validates("currency")
    def _currency(self, name, value):
        return rules.choice(name, value, CURRENCIES)

    @validates("note")
    def _note(self, name, value):
        return rules.text(name, value or "", max_length=MAX_NOTE, lines=True)

    @property
    def is_pending(self) -> bool:
        return self.status == OfferStatus.PENDING

    def expired(self, today: date | None = None) -> bool:
        """A pending offer past its answer-by date (a date at the fair, `Event.today`) can no
        longer be accepted."""
        if self.expires_on is None:
            return False
        return (today or self.role.event.today()) > self.expires_on


def latest_offer(application: Application) -> Offer | None:
    offers = application.offers
    return offers[-1] if offers else None


def withdraw_pending(application: Application, actor: User | None) -> Offer | None:
    """Take back the application's pending offer, if any (the caller tells the candidate)."""
    latest = latest_offer(application)
    if latest is None or not latest.is_pending:
        return None
    latest.status = OfferStatus.WITHDRAWN
    latest.withdrawn_by_id = actor.id if actor is not None else None
    latest.responded_at = None
    return latest


def can_offer(application: Application) -> bool:
    """An offer may be made now: after the interview, and no offer pending or accepted."""
    latest = latest_offer(application)
    if application.status not in OFFER_FROM:
        return False
    return latest is None or latest.status in (OfferStatus.DECLINED, OfferStatus.WITHDRAWN)


def can_hire(application: Application) -> bool:
    latest = latest_offer(application)
    return (
        application.status == ApplicationStatus.OFFERED
        and latest is not None
        and latest.status == OfferStatus.ACCEPTED
    )


def step_refusal(application: Application, to_status: str):
    """Why the pipeline may not take this step (a translated message), or None.

    "Offered" needs the offer pending on the application (made by `make_offer` in the same
    step); "hired" needs the candidate's acceptance of the latest offer.
    """
    latest = latest_offer(application)
    if to_status == ApplicationStatus.OFFERED and (latest is None or not latest.is_pending):
        return _l("Make an offer with its terms (salary, start date) to move to Offered.")
    if to_status == ApplicationStatus.HIRED and not can_hire(application):
        return _l("Mark as hired only after the candidate accepted the offer.")
    return None
