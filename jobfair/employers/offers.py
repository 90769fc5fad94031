"""A company's decisions: making an offer (内定) with its terms, withdrawing it, and
marking the candidate hired once they accepted. Plain functions; the caller commits.

The rule of which steps need an offer is the model's (`models.offers.step_refusal`), asked
by `applications.move` for every step, so the status form, bulk actions and the API cannot
reach "offered" without terms or "hired" without the candidate's acceptance.
"""

from datetime import date

from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..messages import notifications
from ..models import Application, ApplicationStatus, Offer, OfferStatus, User, record_audit
from ..models.base import utcnow
from ..models.offers import can_offer, latest_offer
from ..models.rules import InvalidValue
from . import applications
from .errors import RecruitingError


def make_offer(
    application: Application,
    actor: User,
    *,
    salary: int,
    currency: str,
    starts_on: date,
    note: str = "",
    expires_on: date | None = None,
    today: date | None = None,
) -> Offer:
    """Offer the role on these terms; the application moves to "offered" and the candidate
    is told in their language. InvalidValue names a refused term."""
    if not can_offer(application):
        raise RecruitingError(_l("An offer can be made after the interview, once per candidate."))
    today = today or application.role.event.today()
    if starts_on < max(today, application.role.event.starts_on):
        raise InvalidValue("starts_on", _l("The start date must be after the fair and today."))
    if expires_on is not None and not today <= expires_on <= starts_on:
        raise InvalidValue("expires_on", _l("Answer by a day from today to the start date."))
    offer = Offer(
        application=application,
        role_id=application.role_id,
        salary=salary,
        currency=currency,
        starts_on=starts_on,
        expires_on=expires_on,
        note=(note or "").strip(),
        decided_by_id=actor.id,
        decided_at=utcnow(),
        status=OfferStatus.PENDING,
    )
    db.session.add(offer)
    if application.status != ApplicationStatus.OFFERED:
        applications.move(application, ApplicationStatus.OFFERED, actor, notify=False)
    db.session.flush()
    record_audit(actor, "offer_made", application, offer_id=offer.id, role_id=offer.role_id)
    notifications.enqueue(application.candidate.user, "offer_made", offer=offer)
    return offer


def withdraw_offer(offer: Offer, actor: User) -> Offer:
    """Take back a pending offer; the application stays at "offered" (a new offer, or not
    selected, follows) and the candidate is told."""
    if not offer.is_pending:
        raise RecruitingError(_l("Only an offer still waiting for an answer can be withdrawn."))
    offer.status = OfferStatus.WITHDRAWN
    offer.withdrawn_by_id = actor.id
    record_audit(actor, "offer_withdrawn", offer.application, offer_id=offer.id)
    notifications.enqueue(offer.application.candidate.user, "offer_withdrawn", offer=offer)
    return offer


def mark_hired(application: Application, actor: User) -> Application:
    """The candidate accepted and joins: the recruiter's last step (refused before)."""
    return applications.change_status(application, ApplicationStatus.HIRED, actor)


def offer_of(application: Application) -> Offer | None:
    """The offer the application page shows: the latest, whatever its status."""
    return latest_offer(application)


def earlier_offers(application: Application) -> list[Offer]:
    return list(application.offers[:-1])
