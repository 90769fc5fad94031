"""A candidate's offers (内定): the terms, and accepting or declining one. Plain functions;
the caller commits.

Accepting (内定承諾) is not joining: the application stays at "offered" with the offer
accepted, and the company marks the candidate hired when they start.
"""

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from ..extensions import db
from ..messages import notifications
from ..models import Application, CandidateProfile, Offer, OfferStatus, User, UserRole
from ..models.base import utcnow
from .profile import CandidateError


def offers_of(profile: CandidateProfile) -> list[Offer]:
    """The candidate's offers still worth showing: waiting for an answer or answered; a
    withdrawn one shows until a newer offer replaces it."""
    found = db.session.scalars(
        sa.select(Offer)
        .join(Application, Application.id == Offer.application_id)
        .where(Application.candidate_id == profile.id)
        .order_by(Offer.decided_at.desc(), Offer.id.desc())
    ).all()
    latest = {}
    for offer in found:
        latest.setdefault(offer.application_id, offer)
    return list(latest.values())


def answer_offer(profile: CandidateProfile, offer: Offer, accept: bool) -> Offer:
    """Accept or decline a pending offer of one's own; the company's recruiters hear of it."""
    if offer.application.candidate_id != profile.id:
        raise PermissionError("not this candidate's offer")
    if not offer.is_pending:
        raise CandidateError(_l("This offer can no longer be answered."))
    if accept and offer.expired():
        raise CandidateError(_l("The date to answer this offer has passed."))
    offer.status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    offer.responded_at = utcnow()
    for recruiter in _recruiters_to_tell(offer):
        notifications.enqueue(recruiter, "offer_answered", offer=offer)
    return offer


def _recruiters_to_tell(offer: Offer) -> list[User]:
    """Who made the offer, while still with the company; else every recruiter of it."""
    company_id = offer.role.organization_id
    maker = offer.decided_by
    if maker is not None and maker.organization_id == company_id and maker.is_active:
        return [maker]
    return db.session.scalars(
        sa.select(User)
        .where(User.organization_id == company_id, User.role == UserRole.EMPLOYER)
        .order_by(User.id)
    ).all()
