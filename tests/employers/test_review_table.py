"""Reviewing many people: the pipeline-status filter and the working list without the
candidates the role is done with (page, export, select-all and API alike), the table and
its remembered columns, under blind review too."""

import io
import re
from urllib.parse import parse_qsl

import pytest
from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from jobfair.api import tokens
from jobfair.employers.shortlist_query import QueryError, ShortlistQuery
from jobfair.extensions import db
from jobfair.models import Application

from .test_shortlist_query import api_rows, page_rows, xlsx_rows


@pytest.fixture
def api_token(fair):
    _token, secret = tokens.create_token(fair.recruiter, name="ats", scope="read", days=30)
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def pipeline(fair, seed_candidates):
    """32 candidates; 3 not selected, 1 withdrawn, 2 shortlisted (one applied)."""
    people = [fair.candidate] + seed_candidates(fair.event, n=31)
    statuses = {1: "rejected", 2: "rejected", 3: "rejected", 4: "withdrawn", 5: "shortlisted"}
    for i, status in statuses.items():
        application = Application(role=fair.role, candidate=people[i].profile, status=status)
        application.applied_by_candidate = False
        db.session.add(application)
    db.session.add(Application(role=fair.role, candidate=people[6].profile, status="shortlisted"))
    db.session.commit()
    ids = [p.profile.id for p in people]
    return {"all": ids, "closed": ids[1:5], "shortlisted": [ids[5], ids[6]]}


def same_everywhere(client, fair, headers, query: str) -> list[int]:
    """The page, the XLSX export, the API and select-all list the same rows."""
    on_page = page_rows(client, fair, query)
    assert xlsx_rows(client, fair, query) == on_page
    assert api_rows(client, fair, headers, query) == on_page
    assert ShortlistQuery.from_args(fair.role, MultiDict(parse_qsl(query))).ids() == on_page
    return on_page


def test_the_working_list_leaves_out_not_selected_and_withdrawn_everywhere(
    client, auth, fair, pipeline, api_token
):
    auth.login(fair.recruiter.email)
    working = same_everywhere(client, fair, api_token, "section=everyone")
    assert set(working) == set(pipeline["all"]) - set(pipeline["closed"])
    every = same_everywhere(client, fair, api_token, "section=everyone&rejected=y")
    assert set(every) == set(pipeline["all"])
    page = client.get(f"/employer/roles/{fair.role.id}/shortlist?section=everyone").text
    assert "Show not selected and withdrawn (4)" in page
    shown = client.get(f"/employer/roles/{fair.role.id}/shortlist?section=everyone&rejected=y")
    assert "Hide not selected and withdrawn (4)" in shown.text


def test_the_status_filter_keeps_the_statuses_ticked_everywhere(
    client, auth, fair, pipeline, api_token
):
    auth.login(fair.recruiter.email)
    kept = same_everywhere(client, fair, api_token, "section=everyone&status=shortlisted")
    assert sorted(kept) == sorted(pipeline["shortlisted"])
    both = "section=everyone&status=shortlisted&status=rejected"
    assert set(same_everywhere(client, fair, api_token, both)) == set(
        pipeline["shortlisted"] + pipeline["closed"][:3]
    )
    fresh = same_everywhere(client, fair, api_token, "section=everyone&status=none")
    assert set(fresh) == set(pipeline["all"][7:] + pipeline["all"][:1])
    api = client.get(
        f"/api/v1/roles/{fair.role.id}/shortlist?section=everyone&status=withdrawn,shortlisted",
        headers=api_token,
    ).json
    assert {i["candidate"]["id"] for i in api["items"]} == {
        pipeline["closed"][3],
        *pipeline["shortlisted"],
    }


def test_select_all_does_not_touch_the_candidates_hidden_by_default(client, auth, fair, pipeline):
    auth.login(fair.recruiter.email)
    client.post(
        f"/employer/roles/{fair.role.id}/bulk?section=everyone",
        data={"scope": "all", "action": "shortlist"},
    )
    statuses = {
        a.candidate_id: a.status
        for a in db.session.scalars(db.select(Application).filter_by(role_id=fair.role.id))
    }
    assert [statuses[i] for i in pipeline["closed"]] == ["rejected"] * 3 + ["withdrawn"]


@pytest.mark.parametrize("query", ["status=hired,maybe", "status=REJECTED", "rejected=yes"])
def test_an_unknown_status_is_refused_by_the_page_the_export_and_the_api(
    client, auth, fair, api_token, query
):
    auth.login(fair.recruiter.email)
    base = f"/employer/roles/{fair.role.id}"
    assert client.get(f"{base}/shortlist?{query}").status_code == 400
    assert client.get(f"{base}/export/shortlist.csv?{query}").status_code == 400
    api = client.get(f"/api/v1/roles/{fair.role.id}/shortlist?{query}", headers=api_token)
    assert api.status_code == 400
    with pytest.raises(QueryError):
        ShortlistQuery.from_args(fair.role, MultiDict(parse_qsl(query)))


def table_headers(html: str) -> list[str]:
    head = re.search(r'<table class="review-table">.*?</thead>', html, re.S).group(0)
    return re.findall(r'<th scope="col" class="col-([a-z]+)">', head)


def test_the_table_shows_the_columns_picked_and_remembers_them(client, auth, fair, pipeline):
    auth.login(fair.recruiter.email)
    url = f"/employer/roles/{fair.role.id}/shortlist?section=everyone"
    assert 'class="review-table"' not in client.get(url).text  # cards by default
    page = client.get(url + "&view=table&col=skills&col=name&col=evil&col=rank").text
    assert table_headers(page) == ["rank", "name", "skills"]
    assert len(re.findall(r'name="candidate" value="\d+"', page)) == 25
    again = client.get(url).text  # no columns in the URL: this recruiter's last choice
    assert table_headers(again) == ["rank", "name", "skills"]
    cards = client.get(url + "&view=cards").text
    assert 'class="review-table"' not in cards and 'class="shortlist plain"' in cards


def test_the_table_respects_blind_review(client, auth, fair, pipeline):
    fair.role.blind_review = True
    db.session.commit()
    auth.login(fair.recruiter.email)
    url = f"/employer/roles/{fair.role.id}/shortlist?section=everyone&view=table&col=name"
    page = client.get(url).text
    assert "Chan Dara" not in page and "Sok Dara" not in page
    assert f"Candidate C{fair.candidate.profile.id:05d}" in page
    db.session.add(Application(role=fair.role, candidate=fair.candidate.profile, status="invited"))
    db.session.commit()
    assert "Chan Dara" in client.get(url).text


def test_the_export_names_the_statuses_it_kept(client, auth, fair, pipeline):
    auth.login(fair.recruiter.email)
    url = f"/employer/roles/{fair.role.id}/export/shortlist.xlsx?status=shortlisted&rejected=y"
    about = load_workbook(io.BytesIO(client.get(url).data)).worksheets[1]
    pairs = [tuple(row) for row in about.iter_rows(values_only=True)]
    assert ("Pipeline status", "Shortlisted") in pairs
    assert ("Also show not selected and withdrawn", "yes") in pairs
