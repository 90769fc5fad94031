"""The demo fair has booth scans: recruiter01's company met eight candidates."""

import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import BoothLead, Organization, User


def test_the_demo_has_leads_for_several_companies(app):
    logins = seed_demo(password="demo-password-1", candidates=60)
    db.session.commit()
    recruiter = db.session.scalar(sa.select(User).where(User.email == logins["recruiter"]))
    ours = db.session.scalars(
        sa.select(BoothLead).where(BoothLead.organization_id == recruiter.organization_id)
    ).all()
    assert len(ours) == 8
    assert sum(lead.rating is not None for lead in ours) >= 6
    assert any(
        any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in lead.note)
        for lead in ours
    )
    assert any(lead.note.isascii() for lead in ours) and all(lead.tags for lead in ours)
    assert sum(lead.role_id is not None for lead in ours) == 2
    assert all(lead.role.organization_id == recruiter.organization_id for lead in ours if lead.role)
    companies = db.session.scalar(sa.select(sa.func.count(sa.distinct(BoothLead.organization_id))))
    assert companies >= 4
    khmer = db.session.scalars(
        sa.select(BoothLead.note).join(Organization).where(Organization.country == "KH")
    ).all()
    assert any("\u1780" <= ch <= "\u17ff" for note in khmer for ch in note)
