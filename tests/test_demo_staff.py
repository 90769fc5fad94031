"""The demo fair has a door volunteer and booth staff who log in with the demo password."""

import sqlalchemy as sa

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import Event, StaffInvitation, User


def test_demo_staff_log_in_to_their_one_place(app):
    logins = seed_demo(password="demo-password-1", candidates=20)
    db.session.commit()
    assert logins["door"].startswith("door@") and logins["booth"].startswith("booth01@")
    event = db.session.scalar(sa.select(Event))
    door = db.session.scalar(sa.select(User).where(User.email == logins["door"]))
    booth = db.session.scalar(sa.select(User).where(User.email == logins["booth"]))
    assert door.staff_event_id == event.id
    assert (
        booth.organization.name
        == db.session.scalar(
            sa.select(User).where(User.email == logins["recruiter"])
        ).organization.name
    )
    # The organizer's staff page shows them as joined, and one invitation still open.
    invitations = db.session.scalars(sa.select(StaffInvitation)).all()
    assert sorted(i.used_by_id for i in invitations if i.used_by_id) == sorted([door.id, booth.id])
    assert sum(i.used_at is None for i in invitations) == 1
    for email, home in ((logins["door"], "/door/"), (logins["booth"], "/booth/")):
        client = app.test_client()
        response = client.post(
            "/auth/login", data={"identifier": email, "password": "demo-password-1"}
        )
        assert response.headers["Location"] == home
        assert client.get(home).status_code == 200


def test_seed_demo_prints_the_staff_log_ins(runner):
    result = runner.invoke(args=["seed-demo", "--password", "demo-pass-123", "--candidates", "20"])
    assert result.exit_code == 0, result.output
    assert "door@demo.jobfair.example" in result.output
    assert "booth01@demo.jobfair.example" in result.output
