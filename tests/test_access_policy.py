"""Who may see what at a fair, swept: every page and API endpoint that shows candidates' data
or a company's roles × the company's exhibitor status × who asks, asserting grant and deny.

One rule (jobfair/access.py): only an approved exhibitor is in the fair. Its recruiters see
the fair's candidates; candidates see and apply to its open roles. Pending, rejected and
withdrawn exhibitors get neither, and a recruiter is told why (403 with an explanation),
not a 404 and not the data.
"""

import pytest
import sqlalchemy as sa

from jobfair.api import tokens
from jobfair.candidates import profile as candidate_profile
from jobfair.demo.cvs import cv_pdf
from jobfair.extensions import db
from jobfair.models import Application, Registration, StatusChange, UserRole
from jobfair.models.base import utcnow
from tests.conftest import PASSWORD
from tests.employers.conftest import fair  # noqa: F401  (the fixture)

STATUSES = ("pending", "approved", "rejected", "withdrawn")
OWN, OTHER, CANDIDATE, ANON = "own recruiter", "other company", "candidate", "anonymous"
WHO = (OWN, OTHER, CANDIDATE, ANON)
# What a recruiter of a company outside the fair reads, per status.
WHY = {
    "pending": "not yet approved for this fair",
    "rejected": "did not approve your company for this fair",
    "withdrawn": "no longer approved for this fair (withdrawn)",
}
# Pages of a role's candidates: shortlist, pipeline, candidate page, CVs, exports, application.
RECRUITER_PAGES = (
    "/employer/roles/{role}/shortlist",
    "/employer/roles/{role}/pipeline",
    "/employer/roles/{role}/candidates/{candidate}",
    "/employer/roles/{role}/candidates/{candidate}/cv",
    "/employer/roles/{role}/candidates/{candidate}/cv/download",
    "/employer/roles/{role}/export/shortlist.csv",
    "/employer/roles/{role}/export/shortlist.xlsx",
    "/employer/roles/{role}/export/pipeline.csv",
    "/employer/roles/{role}/export/pipeline.xlsx",
    "/employer/applications/{application}",
    "/employer/booths/{exhibitor}/schedule",
)
API_ENDPOINTS = (
    "/api/v1/roles/{role}/shortlist?section=everyone",
    "/api/v1/roles/{role}/applications",
    "/api/v1/applications/{application}",
)


@pytest.fixture
def world(fair):  # noqa: F811
    """The fair, with the candidate's CV and a shortlisted application for the company's role."""
    profile = fair.candidate.profile
    candidate_profile.replace_cv(profile, [(cv_pdf("Chan Dara", ["Welder"]), "Chan Dara CV.pdf")])
    application = Application(
        role=fair.role, candidate=profile, status="shortlisted", applied_by_candidate=False
    )
    db.session.add(application)
    db.session.commit()
    fair.application = application
    return fair


def set_status(fair, status):  # noqa: F811
    """The exhibitor's status as stored: the rule must hold whatever set it."""
    fair.exhibitor.status = status
    db.session.commit()


def client_for(app, who, fair):  # noqa: F811
    client = app.test_client()
    user = {OWN: fair.recruiter, OTHER: fair.other_recruiter, CANDIDATE: fair.candidate}.get(who)
    if user is not None:
        response = client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
        assert response.status_code == 302
    return client


def fill(url, fair):  # noqa: F811
    return url.format(
        role=fair.role.id,
        candidate=fair.candidate.profile.id,
        application=fair.application.id,
        exhibitor=fair.exhibitor.id,
        event=fair.event.id,
    )


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", WHO)
def test_recruiter_pages_follow_the_exhibitor_status(app, world, status, who):
    set_status(world, status)
    client = client_for(app, who, world)
    wrong = []
    for url in RECRUITER_PAGES:
        response = client.get(fill(url, world))
        body = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        if who == OWN and status == "approved":
            ok = response.status_code == 200
        elif who == OWN:
            # Told why, in a page, and nothing of the candidate.
            ok = (
                response.status_code == 403
                and WHY[status] in body
                and "Chan Dara" not in body
                and "dara@example.com" not in body
            )
        elif who == OTHER:
            ok = response.status_code == 404
        elif who == CANDIDATE:
            ok = response.status_code == 403
        else:
            ok = response.status_code == 302 and "/auth/login" in response.headers["Location"]
        if not ok:
            wrong.append((url, response.status_code))
    assert wrong == []


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", WHO)
def test_the_cv_by_profile_id_follows_the_same_rule(app, world, status, who):
    """The CV's own address opens exactly what the company's candidate page opens
    (`access.cv_opens`): the other company is approved in the fair with a role of its own, and
    the candidate let the fair's exhibitors see their CV, so both its ways open it."""
    set_status(world, status)
    client = client_for(app, who, world)
    response = client.get(f"/cv/{world.candidate.profile.id}")
    granted = who == CANDIDATE or who == OTHER or (who == OWN and status == "approved")
    assert response.status_code == (200 if granted else 404)
    assert response.data.startswith(b"%PDF-") == granted
    if who == OTHER:
        own_page = client.get(
            f"/employer/roles/{world.other_role.id}/candidates/{world.candidate.profile.id}"
            "/cv/download"
        )
        assert own_page.status_code == 200


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("token_of", ["own", "other", None])
def test_api_candidates_follow_the_exhibitor_status(app, world, status, token_of):
    set_status(world, status)
    user = {"own": world.recruiter, "other": world.other_recruiter}.get(token_of)
    headers = {}
    if user is not None:
        _token, secret = tokens.create_token(user, name="t", scope="read", days=30)
        db.session.commit()
        headers = {"Authorization": f"Bearer {secret}"}
    client = app.test_client()
    for url in API_ENDPOINTS:
        response = client.get(fill(url, world), headers=headers)
        if token_of == "own" and status == "approved":
            assert response.status_code == 200, url
            assert "Chan Dara" in response.get_data(as_text=True) or "applications" not in url
        elif token_of == "own":
            assert response.status_code == 403, url
            assert response.is_json and WHY[status] in response.json["error"]["message"]
            assert "Chan Dara" not in response.get_data(as_text=True)
        elif token_of == "other":
            assert response.status_code == 404, url
        else:
            assert response.status_code == 401, url


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("who", WHO)
def test_candidates_see_a_role_only_while_its_company_is_in_the_fair(app, world, status, who):
    set_status(world, status)
    client = client_for(app, who, world)
    listed = status == "approved"
    jobs = client.get(f"/events/{world.event.id}/jobs").get_data(as_text=True)
    assert ("Welder (SSW)" in jobs) == listed
    assert "Sewing operator" in jobs  # the other company is approved throughout
    page = client.get(f"/events/{world.event.id}/jobs/{world.role.id}")
    assert page.status_code == (200 if listed else 404)
    assert client.get(f"/events/{world.event.id}/jobs/{world.other_role.id}").status_code == 200
    public = client.get(f"/events/{world.event.id}").get_data(as_text=True)
    assert ("Welder (SSW)" in public) == listed


@pytest.mark.parametrize("status", STATUSES)
def test_recommendations_and_what_would_help_count_only_roles_in_the_fair(app, world, status):
    from jobfair import ranking

    set_status(world, status)
    client = client_for(app, CANDIDATE, world)
    page = client.get(f"/me/events/{world.event.id}/roles").get_data(as_text=True)
    assert ("Welder (SSW)" in page) == (status == "approved")
    fits = ranking.recommend_roles(world.candidate.profile, world.event, k=20)
    assert (world.role.id in {f.role.id for f in fits}) == (status == "approved")
    assert world.other_role.id in {f.role.id for f in fits}


@pytest.mark.parametrize("status", STATUSES)
def test_showing_interest_needs_the_company_in_the_fair(app, world, create_user, status):
    set_status(world, status)
    newcomer = create_user(
        UserRole.CANDIDATE,
        profile={"full_name": "Keo Sophea", "consent_version": "1", "consent_at": utcnow()},
    )
    db.session.add(Registration(event=world.event, candidate=newcomer.profile))
    db.session.commit()
    client = app.test_client()
    client.post("/auth/login", data={"identifier": newcomer.email, "password": PASSWORD})
    response = client.post(f"/me/roles/{world.role.id}/apply", follow_redirects=True)
    created = db.session.scalar(
        sa.select(Application).where(
            Application.role_id == world.role.id, Application.candidate_id == newcomer.profile.id
        )
    )
    if status == "approved":
        assert created is not None
    else:
        assert created is None
        assert "the company is not taking part in this fair" in response.get_data(as_text=True)


@pytest.mark.parametrize("status", STATUSES)
def test_the_dashboard_says_where_the_company_stands(app, world, status):
    set_status(world, status)
    page = client_for(app, OWN, world).get("/employer/").get_data(as_text=True)
    waiting = "Waiting for the organizer" in page
    assert waiting == (status == "pending")
    if status == "rejected":
        assert "did not approve your company for this fair" in page
    if status == "withdrawn":
        assert "no longer takes part in this fair" in page


def test_a_blind_role_never_gives_the_cv_before_the_invitation(app, world):
    """Issue 22 item 1: a bulk "not selected" made an application, and `/cv/<id>` served
    the CV on the strength of it, though blind review hides the candidate until invited."""
    world.role.blind_review = True
    db.session.delete(world.application)
    db.session.commit()
    client = client_for(app, OWN, world)
    profile_id = world.candidate.profile.id
    response = client.post(
        f"/employer/roles/{world.role.id}/bulk?section=everyone",
        data={"action": "reject", "candidate": [profile_id], "reason": "Not now."},
    )
    assert response.status_code == 302
    application = db.session.scalar(
        sa.select(Application).where(Application.role_id == world.role.id)
    )
    assert application is not None and application.status == "rejected"
    assert client.get(f"/cv/{profile_id}").status_code == 404
    role_cv = f"/employer/roles/{world.role.id}/candidates/{profile_id}/cv"
    assert client.get(role_cv).status_code == 404
    # Once invited, the candidate is met in person: the CV shows by either route.
    application.status = "invited"
    db.session.add(
        StatusChange(application=application, from_status="rejected", to_status="invited")
    )
    db.session.commit()
    assert client.get(f"/cv/{profile_id}").status_code == 200
    assert client.get(role_cv).status_code == 200
