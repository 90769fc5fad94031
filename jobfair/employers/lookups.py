"""Tenant-checked lookups: another company's data is 404, never 403.

Candidates' data (shortlist, candidate pages, applications, CVs, exports) also needs the
company to be in the role's fair (`access`): otherwise a 403 that says why.
"""

import sqlalchemy as sa
from flask import abort

from .. import access
from ..extensions import db
from ..models import (
    Application,
    CandidateProfile,
    Exhibitor,
    Interview,
    InterviewSlot,
    Offer,
    Role,
    SavedView,
    User,
)


def _same_company(user: User, organization_id: int | None) -> bool:
    return (
        user.is_authenticated
        and user.is_employer
        and organization_id is not None
        and user.organization_id == organization_id
    )


def get_role_or_404(role_id: int, *, for_user: User, candidates: bool = False) -> Role:
    """The company's role; with `candidates`, for looking at its candidates (403 unless the
    company is in the role's fair)."""
    role = db.session.get(Role, role_id)
    if role is None or not _same_company(for_user, role.organization_id):
        abort(404)
    if candidates:
        access.check_recruiter(role)
    return role


def get_application_or_404(application_id: int, *, for_user: User) -> Application:
    """An application names a candidate: the company must be in the role's fair."""
    application = db.session.get(Application, application_id)
    if application is None or not _same_company(for_user, application.role.organization_id):
        abort(404)
    access.check_recruiter(application.role)
    return application


def get_exhibitor_or_404(exhibitor_id: int, *, for_user: User, in_fair: bool = False) -> Exhibitor:
    """The company's entry at an event; with `in_fair`, only while it is approved (403)."""
    exhibitor = db.session.get(Exhibitor, exhibitor_id)
    if exhibitor is None or not _same_company(for_user, exhibitor.organization_id):
        abort(404)
    if in_fair:
        access.check_in_fair(exhibitor)
    return exhibitor


def get_slot_or_404(slot_id: int, *, for_user: User) -> InterviewSlot:
    slot = db.session.get(InterviewSlot, slot_id)
    if slot is None or not _same_company(for_user, slot.exhibitor.organization_id):
        abort(404)
    return slot


def get_candidate_or_404(role: Role, candidate_id: int) -> CandidateProfile:
    """A consenting candidate registered for the role's event; anyone else is 404."""
    profile = db.session.scalar(
        sa.select(CandidateProfile).where(
            CandidateProfile.id == candidate_id, access.candidates_of(role)
        )
    )
    if profile is None:
        abort(404)
    return profile


def get_interview_or_404(interview_id: int, *, for_user: User) -> Interview:
    interview = db.session.get(Interview, interview_id)
    if interview is None or not _same_company(for_user, interview.application.role.organization_id):
        abort(404)
    access.check_recruiter(interview.application.role)
    return interview


def get_offer_or_404(offer_id: int, *, for_user: User) -> Offer:
    """The company's offer; like its application, only while the company is in the fair."""
    offer = db.session.get(Offer, offer_id)
    if offer is None or not _same_company(for_user, offer.role.organization_id):
        abort(404)
    access.check_recruiter(offer.role)
    return offer


def get_view_or_404(view_id: int, *, for_user: User) -> SavedView:
    """A saved shortlist view of the user's company; another company's is 404."""
    view = db.session.get(SavedView, view_id)
    if view is None or not _same_company(for_user, view.organization_id):
        abort(404)
    return view
