"""The shortlist as one query: the page, the XLSX export, select-all and the API list the
same candidates in the same order for the same query, and refuse the same unknown choices."""

import io
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from werkzeug.datastructures import MultiDict

from jobfair.api import tokens
from jobfair.employers import shortlists
from jobfair.employers.shortlist_query import QueryError, ShortlistQuery
from jobfair.extensions import db
from jobfair.paging import window

QUERIES = [
    "",
    "section=everyone",
    "section=almost",
    "section=everyone&q=welding",
    "section=qualified&q=welding+machine",
    "section=everyone&sort=date",
    "section=qualified&sort=date&programme=ssw",
    "section=everyone&location=y&education=y",
    "section=everyone&filters=location,program&sort=date",
    "section=everyone&province=Kandal&education_min=upper_secondary",
    "section=everyone&checked_in=y",
]


@pytest.fixture
def crowd(fair, seed_candidates):
    people = seed_candidates(fair.event, n=40)
    people[3].profile.experience = "Three years of TIG welding on bridges."
    people[7].profile.province = "Siem Reap"
    people[8].profile.education_level = "primary"
    zone = ZoneInfo(fair.event.timezone)
    people[5].profile.registrations[0].checked_in_at = datetime.now(UTC)
    yesterday = datetime.now(zone).replace(hour=12) - timedelta(days=1)
    people[6].profile.registrations[0].checked_in_at = yesterday.astimezone(UTC)
    db.session.commit()
    return people


@pytest.fixture
def api_token(fair):
    _token, secret = tokens.create_token(fair.recruiter, name="ats", scope="read", days=30)
    db.session.commit()
    return {"Authorization": f"Bearer {secret}"}


def page_rows(client, fair, query: str) -> list[int]:
    """Every candidate the shortlist page lists, over all its pages, in order."""
    found, page, pages = [], 1, 1
    while page <= pages:
        url = f"/employer/roles/{fair.role.id}/shortlist?{query}&page={page}"
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        found += [int(i) for i in re.findall(r'name="candidate" value="(\d+)"', text)]
        pager = re.search(r"Page (\d+) of (\d+)", text)
        pages = int(pager.group(2)) if pager else 1
        page += 1
    return found


def xlsx_rows(client, fair, query: str) -> list[int]:
    response = client.get(f"/employer/roles/{fair.role.id}/export/shortlist.xlsx?{query}")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    reference = rows[0].index("Reference")
    return [int(row[reference].lstrip("C")) for row in rows[1:]]


def as_api_query(query: str) -> str:
    """The API names the page's filter boxes (`location=y`) in one list (`filters=location`)."""
    pairs = parse_qsl(query)
    flags = [name for name, _value in pairs if name in shortlists.SHORTLIST_FILTERS]
    rest = [(name, value) for name, value in pairs if name not in flags]
    return urlencode(rest + ([("filters", ",".join(flags))] if flags else []))


def api_rows(client, fair, headers, query: str) -> list[int]:
    query = as_api_query(query)
    found, page, total = [], 1, None
    while total is None or len(found) < total:
        url = f"/api/v1/roles/{fair.role.id}/shortlist?{query}&page={page}&per_page=7"
        body = client.get(url, headers=headers).json
        assert body["page"] == page, url
        found += [item["candidate"]["id"] for item in body["items"]]
        total, page = body["total"], page + 1
    return found


@pytest.mark.parametrize("query", QUERIES)
def test_page_export_select_all_and_api_give_the_same_rows(
    client, auth, fair, crowd, api_token, query
):
    auth.login(fair.recruiter.email)
    on_page = page_rows(client, fair, query)
    assert xlsx_rows(client, fair, query) == on_page
    assert api_rows(client, fair, api_token, query) == on_page

    args = MultiDict(parse_qsl(query))
    assert ShortlistQuery.from_args(fair.role, args).ids() == on_page


def test_the_queries_find_what_they_ask_for(client, auth, fair, crowd):
    auth.login(fair.recruiter.email)
    everyone = page_rows(client, fair, "section=everyone")
    assert len(everyone) == 41
    assert page_rows(client, fair, "section=everyone&checked_in=y") == [crowd[5].profile.id]
    assert crowd[3].profile.id in page_rows(client, fair, "section=everyone&q=tig")
    by_date = page_rows(client, fair, "section=everyone&sort=date")
    assert sorted(by_date) == sorted(everyone) and by_date != everyone


@pytest.mark.parametrize(
    "query", ["section=all", "section=QUALIFIED", "sort=best", "filters=nearby", "province=Mars"]
)
def test_an_unknown_choice_is_refused_by_the_page_the_export_and_the_api(
    client, auth, fair, api_token, query
):
    auth.login(fair.recruiter.email)
    base = f"/employer/roles/{fair.role.id}"
    assert client.get(f"{base}/shortlist?{query}").status_code == 400
    assert client.get(f"{base}/export/shortlist.csv?{query}").status_code == 400
    api = client.get(f"/api/v1/roles/{fair.role.id}/shortlist?{query}", headers=api_token)
    assert api.status_code == 400 and api.json["error"]["message"]


def test_the_default_section_is_one_constant(client, auth, fair, crowd, api_token):
    from jobfair.ranking import DEFAULT_SECTION

    auth.login(fair.recruiter.email)
    assert page_rows(client, fair, "") == page_rows(client, fair, f"section={DEFAULT_SECTION}")
    body = client.get(f"/api/v1/roles/{fair.role.id}/shortlist", headers=api_token).json
    assert body["section"] == DEFAULT_SECTION
    assert ShortlistQuery(fair.role).section == DEFAULT_SECTION


@pytest.mark.parametrize("name", ["checked_in", "location", "program", "education"])
def test_profile_filters_decided_in_sql_keep_whom_the_rules_keep(fair, crowd, name):
    """The SQL keeps exactly whom each filter's rule on a profile keeps."""
    role = fair.role
    rule = {
        "checked_in": lambda p: shortlists.checked_in_today(
            p.registrations[0].checked_in_at, role.event
        ),
        "location": lambda p: shortlists.wants_location(p, role),
        "program": lambda p: shortlists.wants_program(p, role),
        "education": lambda p: shortlists.meets_education(p, role),
    }[name]
    everyone = [fair.candidate] + crowd
    expected = {u.profile.id for u in everyone if rule(u.profile)}
    found = ShortlistQuery(role, filters=frozenset({name}), section="everyone").candidate_ids()
    assert set(found) == expected and 0 < len(expected) < len(everyone)


def test_every_profile_filter_is_decided_in_sql(fair):
    narrowing = shortlists.filters_narrowing(fair.role, set(shortlists.SHORTLIST_FILTERS))
    assert len(narrowing.clauses) == len(shortlists.SHORTLIST_FILTERS)
    assert not hasattr(narrowing, "checks")


def test_the_paging_rule():
    assert window(total=0, page=5, per_page=25).of([]) == []
    assert (
        window(total=51, page=3, per_page=25).page,
        window(total=51, page=0, per_page=25).page,
    ) == (
        3,
        1,
    )
    assert window(total=51, page=99, per_page=25).of(list(range(51))) == [50]
    with pytest.raises(QueryError):
        ShortlistQuery(None, section="all")


def test_every_paged_list_answers_the_last_page_past_the_end(client, fair, crowd, api_token):
    api = f"/api/v1/roles/{fair.role.id}/shortlist?section=everyone&per_page=25&page=99"
    body = client.get(api, headers=api_token).json
    assert (body["page"], len(body["items"])) == (2, 16)
    roles = client.get("/api/v1/roles?per_page=1&page=99", headers=api_token).json
    assert roles["page"] == roles["total"] == 1 and len(roles["items"]) == 1
