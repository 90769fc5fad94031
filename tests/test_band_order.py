"""Over the demo fair, order and bands agree: within a shortlist section, and in a
candidate's lists of jobs, no "Strong fit" sits below a "Good fit" nor a "Good fit" below
a "Partial fit"."""

import re

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import CandidateProfile, Role, User, UserRole

PASSWORD = "demo pass phrase"
BEST_FIRST = {"strong": 0, "good": 1, "partial": 2}
BAND = re.compile(r'class="band band-(strong|good|partial)"')


@pytest.fixture
def demo(app):
    from jobfair.demo import seed_demo

    logins = seed_demo(password=PASSWORD, candidates=200)
    # Only the first demo recruiter and candidate may log in: let everyone in, for the test.
    known = db.session.scalar(sa.select(User).where(User.email == logins["recruiter"]))
    for user in db.session.scalars(sa.select(User)):
        user.password_hash = known.password_hash
    db.session.commit()
    app.config["PER_PAGE"] = 1000  # a section on one page
    return logins


def bands_in_order(page: str) -> list[str]:
    return BAND.findall(page)


def in_band_order(bands: list[str]) -> bool:
    ranks = [BEST_FIRST[b] for b in bands]
    return ranks == sorted(ranks)


def log_in(client, email):
    client.post("/auth/logout")
    response = client.post("/auth/login", data={"identifier": email, "password": PASSWORD})
    assert response.status_code == 302


def test_every_shortlist_section_lists_better_bands_first(client, demo):
    seen = set()
    roles = db.session.scalars(sa.select(Role).where(Role.status == "open")).all()
    for organization_id in sorted({role.organization_id for role in roles}):
        recruiter = db.session.scalar(
            sa.select(User).where(
                User.organization_id == organization_id, User.role == UserRole.EMPLOYER
            )
        )
        log_in(client, recruiter.email)
        for role in (r for r in roles if r.organization_id == organization_id):
            for section in ("qualified", "everyone"):
                url = f"/employer/roles/{role.id}/shortlist?section={section}"
                bands = bands_in_order(client.get(url).get_data(as_text=True))
                assert in_band_order(bands), (url, bands)
                seen |= set(bands)
    assert seen == {"strong", "good", "partial"}  # the property was put to the test


def test_a_candidates_jobs_list_better_bands_first(client, demo):
    seen = set()
    profiles = db.session.scalars(
        sa.select(CandidateProfile).order_by(CandidateProfile.id).limit(8)
    ).all()
    for profile in profiles:
        log_in(client, profile.user.email)
        for url in (
            f"/events/{demo['event_id']}/jobs",
            f"/me/events/{demo['event_id']}/roles",
        ):
            response = client.get(url)
            if response.status_code != 200:
                continue  # "Jobs for me" sends the unregistered to register first
            bands = bands_in_order(response.get_data(as_text=True))
            assert in_band_order(bands), (url, profile.id, bands)
            seen |= set(bands)
    assert seen == {"strong", "good", "partial"}
