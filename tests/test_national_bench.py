"""The national fair the benches and the load test seed (bench/national.py) holds what the
app itself would store: the model's rules pass on every row, and the counts scale."""

import sqlalchemy as sa

from bench.national import seed_national
from jobfair.extensions import db
from jobfair.models import (
    Application,
    CandidateProfile,
    Exhibitor,
    Registration,
    Role,
    User,
)
from jobfair.models.role_fields import check_record
from jobfair.models.rules import profile_languages


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def test_a_national_fair_at_a_fiftieth_of_its_size(app):
    logins = seed_national(password="a long pass phrase", scale=0.02)
    db.session.commit()
    assert (logins["exhibitors"], logins["roles"], len(logins["candidates"])) == (3, 60, 1000)
    assert count(Exhibitor, Exhibitor.status == "approved") == 3
    assert count(Role) == 60 and count(CandidateProfile) == 1000
    registered = count(Registration)
    assert 900 < registered < 1000 and logins["registrations"] == registered
    assert 0 < count(Registration, Registration.checked_in_at.is_not(None)) < registered
    assert count(Application) == logins["applications"] > 300


def test_every_row_passes_the_model_s_rules(app):
    seed_national(password="a long pass phrase", scale=0.01)
    db.session.commit()
    for role in db.session.scalars(sa.select(Role)):
        values = {
            name: getattr(role, name)
            for name in ("title", "sector", "location", "program", "currency", "languages")
        }
        assert check_record(values) == values
    profiles = db.session.scalars(sa.select(CandidateProfile)).all()
    for profile in profiles:
        assert profile_languages("languages", profile.languages) == profile.languages
    khmer = [p for p in profiles if any("\u1780" <= c <= "\u17ff" for c in p.headline)]
    assert 0.15 < len(khmer) / len(profiles) < 0.35


def test_a_second_fair_in_the_same_database_and_a_known_password(app, client):
    first = seed_national(password="a long pass phrase", scale=0.01)
    second = seed_national(password="a long pass phrase", scale=0.01)
    db.session.commit()
    assert first["event_id"] != second["event_id"]
    assert not set(first["candidates"]) & set(second["candidates"])
    added = User(role="candidate", display_name="New", email="new@example.com", password_hash="x")
    db.session.add(added)
    db.session.commit()  # PostgreSQL's sequences moved past the ids given
    response = client.post(
        "/auth/login",
        data={"identifier": second["recruiters"][0], "password": "a long pass phrase"},
    )
    assert response.status_code == 302
