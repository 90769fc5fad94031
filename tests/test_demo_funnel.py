"""The demo has two years of funnel: last year's fair reaches every step, departures included,
and this year's hires bound for Japan have one departure."""

from datetime import date

import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import Application, Event, Exhibitor, Role
from jobfair.organizers import funnel


def test_last_years_fair_fills_every_step_and_this_year_departs(app):
    seed_demo(password="demo pass phrase", candidates=300)
    db.session.commit()
    fair, last_year = db.session.scalars(sa.select(Event).order_by(Event.starts_on.desc())).all()
    assert last_year.ends_on < date.today() and str(last_year.starts_on.year) in last_year.name
    with app.test_request_context():
        before, now = funnel.compare([fair, last_year])
    assert before.event == last_year
    assert all(count > 0 for count in before.total.counts), before.total.counts
    assert now.total.counts[funnel.STEPS.index("departed")] >= 1
    # Last year's refused company had applicants: none of them is counted.
    refused = db.session.scalar(
        sa.select(Exhibitor).where(
            Exhibitor.event_id == last_year.id, Exhibitor.status == "rejected"
        )
    )
    applicants = db.session.scalar(
        sa.select(sa.func.count(Application.id))
        .join(Role)
        .where(Role.event_id == last_year.id, Role.organization_id == refused.organization_id)
    )
    assert applicants > 0
    names = [ln.key for ln in before.breakdowns["exhibitor"]]
    assert refused.organization.name not in " ".join(names)
