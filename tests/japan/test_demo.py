"""The demo fair's road to Japan: SSW roles name their field, candidates have tests and dated
Japanese levels, hires bound for Japan have checklists at several stages (one departed),
and the sending agent logs in to the hires they follow."""

import sqlalchemy as sa

from jobfair import japan_entry
from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import CandidateProfile, Departure, PassedTest, Role


def test_the_demo_has_the_road_to_japan(app):
    logins = seed_demo(password="demo-password-1", candidates=80)
    db.session.commit()
    ssw = db.session.scalars(sa.select(Role).where(Role.program == "ssw")).all()
    assert ssw and all(role.ssw_field for role in ssw)
    assert db.session.scalar(sa.select(sa.func.count(PassedTest.id))) >= 3
    dated = [
        r
        for p in db.session.scalars(sa.select(CandidateProfile))
        for r in p.languages
        if r.get("certified_on")
    ]
    assert dated and all(r["language"] == "Japanese" for r in dated)
    departures = db.session.scalars(sa.select(Departure)).all()
    assert len(departures) == 4
    assert sorted(len(d.steps) for d in departures) == [2, 4, 6, 7]
    assert sum(d.departed_on is not None for d in departures) == 1
    assert all(japan_entry.bound_for_japan(d.application) for d in departures)
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"identifier": logins["sending"], "password": "demo-password-1"}
    )
    assert response.headers["Location"] == "/sending/"
    page = client.get("/sending/").get_data(as_text=True)
    assert all(d.application.candidate.full_name in page for d in departures)
