import pytest

from jobfair.extensions import db


@pytest.fixture
def demo(app, monkeypatch):
    """The demo fair with 200 candidates, some checked in and some applications moved on."""
    import random
    from datetime import timedelta

    import sqlalchemy as sa

    from jobfair.demo import seed_demo
    from jobfair.models import Application, Registration
    from jobfair.models.base import utcnow

    logins = seed_demo(password="demo pass phrase", candidates=200)
    rng = random.Random(3)
    for registration in db.session.scalars(sa.select(Registration)):
        if rng.random() < 0.4:
            registration.checked_in_at = utcnow() - timedelta(hours=rng.randint(0, 20))
    statuses = ["shortlisted", "invited", "offered", "hired", "rejected"]
    for application in db.session.scalars(sa.select(Application)):
        application.status = rng.choice(statuses)
    db.session.commit()
    return logins


@pytest.fixture
def organizer_client(app, demo):
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"identifier": demo["organizer"], "password": "demo pass phrase"}
    )
    assert response.status_code == 302
    return client
