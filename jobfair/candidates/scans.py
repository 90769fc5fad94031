"""Companies that scanned the candidate's ticket at their booth, and withdrawing from one.

The candidate sees which companies met them and when; withdrawing takes the lead away from
the company for good (`access.leads_seen_by` hides it; a new scan does not bring it back)
and erases what the company wrote about them. Plain functions; the caller commits.
"""

import sqlalchemy as sa
from flask import abort
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import BoothLead, CandidateProfile
from ..models.base import utcnow


def scans_of(profile: CandidateProfile) -> list[BoothLead]:
    """The companies that scanned the candidate's tickets and still hold the lead, latest first."""
    return db.session.scalars(
        sa.select(BoothLead)
        .where(BoothLead.candidate_id == profile.id, BoothLead.withdrawn_at.is_(None))
        .options(joinedload(BoothLead.organization), joinedload(BoothLead.event))
        .order_by(BoothLead.met_at.desc(), BoothLead.id.desc())
    ).all()


def get_scan_or_404(lead_id: int, profile: CandidateProfile) -> BoothLead:
    """One of the candidate's own scans; anyone else's is 404."""
    lead = db.session.get(BoothLead, lead_id)
    if lead is None or lead.candidate_id != profile.id or lead.withdrawn_at is not None:
        abort(404)
    return lead


def withdraw(lead: BoothLead) -> BoothLead:
    """The company no longer sees this lead; its rating, note, tags and role go with it."""
    lead.withdrawn_at = utcnow()
    lead.rating, lead.note, lead.tags, lead.role_id = None, "", [], None
    return lead
