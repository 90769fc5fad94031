"""Saved shortlist views (shared by a company, another company's is 404, stored values
checked on read) and the side-by-side comparison of 2 to 4 candidates."""

from urllib.parse import parse_qs, urlsplit

import pytest

from jobfair.employers import compare
from jobfair.extensions import db
from jobfair.models import Application, Role, SavedView, UserRole


@pytest.fixture
def crowd(fair, seed_candidates):
    return [fair.candidate] + seed_candidates(fair.event, n=6)


def saved(fair, **params) -> SavedView:
    view = SavedView(
        organization=fair.company, created_by=fair.recruiter, name="Mine", params=params
    )
    db.session.add(view)
    db.session.commit()
    return view


def applied_params(client, fair, view) -> dict:
    response = client.get(f"/employer/roles/{fair.role.id}/views/{view.id}")
    assert response.status_code == 302
    return parse_qs(urlsplit(response.headers["Location"]).query)


def test_a_view_is_saved_listed_applied_and_deleted_by_colleagues(
    client, auth, fair, crowd, create_user
):
    colleague = create_user(UserRole.EMPLOYER, organization=fair.company)
    auth.login(fair.recruiter.email)
    query = "section=everyone&status=shortlisted&location=y&q=welding"
    response = client.post(
        f"/employer/roles/{fair.role.id}/views?{query}&view=table&col=name&col=skills",
        data={"name": "  Welders   to call "},
    )
    assert response.status_code == 302
    view = db.session.scalar(db.select(SavedView))
    assert view.name == "Welders to call" and view.created_by_id == fair.recruiter.id
    assert view.params == {
        "section": "everyone", "status": ["shortlisted"], "location": "y", "q": "welding",
        "view": "table", "col": ["name", "skills"],
    }  # fmt: skip
    again = client.post(f"/employer/roles/{fair.role.id}/views", data={"name": "Welders to call"})
    assert (
        again.status_code == 302 and db.session.scalar(db.select(db.func.count(SavedView.id))) == 1
    )
    auth.logout()

    auth.login(colleague.email)
    other_role = Role(
        event=fair.event, organization=fair.company, title="Sewer", sector="garments",
        location="Phnom Penh",
    )  # fmt: skip
    db.session.add(other_role)
    db.session.commit()
    page = client.get(f"/employer/roles/{other_role.id}/shortlist").text
    assert "Welders to call" in page and f"saved by {fair.recruiter.display_name}" in page
    response = client.get(f"/employer/roles/{other_role.id}/views/{view.id}")
    args = parse_qs(urlsplit(response.headers["Location"]).query)
    assert args["status"] == ["shortlisted"] and args["col"] == ["name", "skills"]
    assert urlsplit(response.headers["Location"]).path.endswith(f"/{other_role.id}/shortlist")
    assert client.post(f"/employer/roles/{fair.role.id}/views/{view.id}/delete").status_code == 302
    assert db.session.get(SavedView, view.id) is None


def test_another_companys_view_is_404(client, auth, fair):
    view = saved(fair, section="everyone")
    auth.login(fair.other_recruiter.email)
    other = fair.other_role.id
    assert client.get(f"/employer/roles/{other}/views/{view.id}").status_code == 404
    assert client.post(f"/employer/roles/{other}/views/{view.id}/delete").status_code == 404
    assert "Mine" not in client.get(f"/employer/roles/{other}/shortlist").text
    assert db.session.get(SavedView, view.id) is not None
    # nor may a view be applied to another company's role
    auth.logout()
    auth.login(fair.recruiter.email)
    assert client.get(f"/employer/roles/{other}/views/{view.id}").status_code == 404


def test_stored_values_are_checked_when_a_view_is_read(client, auth, fair):
    view = saved(
        fair,
        section="nowhere", sort="fit", q=5, province="Mars", location="y", sql="DROP TABLE",
        status=["shortlisted", "fired"], col=["rank", "salary"], view="poster",
    )  # fmt: skip
    auth.login(fair.recruiter.email)
    response = client.get(f"/employer/roles/{fair.role.id}/views/{view.id}")
    args = parse_qs(urlsplit(response.headers["Location"]).query)
    assert args == {
        "sort": ["fit"], "location": ["y"], "status": ["shortlisted"], "col": ["rank"],
        "view": ["cards"],
    }  # fmt: skip
    page = client.get(response.headers["Location"]).text
    assert "Some of this view&#39;s settings no longer exist and were left out." in page
    view.params = ["not", "a", "mapping"]
    db.session.commit()
    args = applied_params(client, fair, view)
    assert set(args) == {"view", "col"}


def test_a_view_needs_a_name(client, auth, fair):
    auth.login(fair.recruiter.email)
    page = client.post(
        f"/employer/roles/{fair.role.id}/views", data={"name": "  "}, follow_redirects=True
    ).text
    assert "Give the view a name" in page
    assert db.session.scalar(db.select(db.func.count(SavedView.id))) == 0


def compare_url(fair, ids) -> str:
    return f"/employer/roles/{fair.role.id}/compare?" + "&".join(f"candidate={i}" for i in ids)


@pytest.mark.parametrize("count", [0, 1, 5])
def test_compare_takes_two_to_four_candidates(client, auth, fair, crowd, count):
    auth.login(fair.recruiter.email)
    ids = [u.profile.id for u in crowd[:count]]
    page = client.get(compare_url(fair, ids), follow_redirects=True).text
    assert "Tick 2 to 4 candidates to compare." in page
    posted = client.post(
        f"/employer/roles/{fair.role.id}/compare", data={"candidate": ids}, follow_redirects=True
    ).text
    assert "Tick 2 to 4 candidates to compare." in posted


def test_compare_shows_each_candidate_as_a_column(client, auth, fair, crowd):
    auth.login(fair.recruiter.email)
    ids = [u.profile.id for u in crowd[:3]]
    posted = client.post(f"/employer/roles/{fair.role.id}/compare", data={"candidate": ids})
    assert posted.status_code == 302
    response = client.get(posted.headers["Location"])
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    page = response.text
    assert page.count('<th scope="row">') == len(compare.ROW_BUILDERS)
    assert "Chan Dara" in page and "Sok Dara 00" in page and "Sok Dara 01" in page
    assert "✓ welding" in page and "Not in the pipeline" in page


def test_compare_rows_come_from_one_list_of_builders(app, fair, crowd, monkeypatch):
    with app.test_request_context():
        columns = compare.columns(fair.role, [u.profile for u in crowd[:2]])
        rows = compare.comparison_rows(fair.role, columns)
        assert [r.label for r in rows][0] == "Fit" and all(len(r.cells) == 2 for r in rows)
        extra = ("Ratings", lambda role, column: [compare.Item(str(column.profile.id))])
        monkeypatch.setattr(compare, "ROW_BUILDERS", [*compare.ROW_BUILDERS, extra])
        rows = compare.comparison_rows(fair.role, columns)
        assert rows[-1].label == "Ratings"
        assert rows[-1].cells == [[compare.Item(str(u.profile.id))] for u in crowd[:2]]
        # the fit is the ranking's own explanation, not a second computation
        assert rows[0].cells[0][1].text == f"Score {columns[0].entry.score:.2f}"


def test_compare_respects_blind_review(client, auth, fair, crowd):
    fair.role.blind_review = True
    db.session.commit()
    auth.login(fair.recruiter.email)
    url = compare_url(fair, [u.profile.id for u in crowd[:2]])
    page = client.get(url).text
    assert "Chan Dara" not in page and "Sok Dara" not in page
    assert f"Candidate C{fair.candidate.profile.id:05d}" in page
    db.session.add(Application(role=fair.role, candidate=fair.candidate.profile, status="invited"))
    db.session.commit()
    page = client.get(url).text
    assert "Chan Dara" in page and "Sok Dara" not in page


def test_compare_of_another_companys_role_or_candidates_is_404(
    client, auth, fair, crowd, create_event, create_user
):
    ids = [u.profile.id for u in crowd[:2]]
    auth.login(fair.other_recruiter.email)
    assert client.get(compare_url(fair, ids)).status_code == 404
    assert (
        client.post(f"/employer/roles/{fair.role.id}/compare", data={"candidate": ids}).status_code
        == 404
    )
    auth.logout()
    elsewhere = create_user(UserRole.CANDIDATE)  # not registered for the role's fair
    auth.login(fair.recruiter.email)
    assert client.get(compare_url(fair, [ids[0], elsewhere.profile.id])).status_code == 404


def test_the_demo_companies_views_are_whole_and_their_own(app):
    from jobfair.demo import seed_demo
    from jobfair.employers.review_table import view_params

    seed_demo(password="demo-password-1", candidates=20)
    db.session.commit()
    views = db.session.scalars(db.select(SavedView)).all()
    assert {v.organization.country for v in views} == {"JP", "KH"}
    for view in views:
        role = db.session.scalar(db.select(Role).filter_by(organization_id=view.organization_id))
        assert view_params(role, view.params) == (view.params, False)
        assert view.created_by.organization_id == view.organization_id


def test_compare_shows_the_teams_interview_ratings(client, auth, fair, crowd, create_user):
    from jobfair.employers import scorecards

    colleague = create_user(UserRole.EMPLOYER, organization=fair.company)
    rated, unrated = crowd[0].profile, crowd[1].profile
    application = Application(role=fair.role, candidate=rated, status="interviewed")
    db.session.add_all([application, Application(role=fair.role, candidate=unrated)])
    db.session.flush()
    keys = [c.slug for c in scorecards.saved_criteria(fair.role)]
    scorecards.save_scorecard(application, fair.recruiter, {keys[0]: (4, ""), keys[1]: (3, "")})
    scorecards.save_scorecard(application, colleague, {keys[0]: (2, "")})
    db.session.commit()

    auth.login(fair.recruiter.email)
    posted = client.post(
        f"/employer/roles/{fair.role.id}/compare", data={"candidate": [rated.id, unrated.id]}
    )
    page = client.get(posted.headers["Location"]).text
    assert "Interview ratings" in page
    assert "3.0 of 4 (2 interviewers)" in page  # (4 + 3 + 2) / 3 ratings
    assert "No scorecards yet" in page
