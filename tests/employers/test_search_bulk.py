"""Search over a role's candidates, bulk actions with undo, exports that match the screen."""

import csv
import io
import re

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from jobfair.employers import bulk, errors, search
from jobfair.employers.shortlist_query import ShortlistQuery
from jobfair.extensions import db
from jobfair.models import Application, AuditLog, Interview

from .conftest import hold_the_fair_today
from .test_review import page_url  # noqa: F401 - shared URL helper


def shortlist(client, fair, query=""):
    """The shortlist page; these tests search everyone unless they name a section."""
    if "section=" not in query:
        query = (query + "&" if query else "?") + "section=everyone"
    return client.get(f"/employer/roles/{fair.role.id}/shortlist{query}").get_data(as_text=True)


def shown_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="candidate" value="(\d+)"', page)]


def total(page: str) -> int:
    return int(re.search(r"(\d+) candidates?", page).group(1))


@pytest.fixture
def crowd(fair, seed_candidates):
    people = seed_candidates(fair.event, n=12)
    people[3].profile.experience = "Three years of TIG Welding on bridges."
    people[4].profile.cv_text = "Certificate in pipe welding from a TVET centre."
    people[5].profile.skills = ["ការផ្សារដែក"]  # welding, in Khmer
    people[6].profile.province = "Siem Reap"
    db.session.commit()
    return people


def test_search_finds_words_in_skills_experience_and_cv(client, auth, fair, crowd):
    auth.login(fair.recruiter.email)
    ids = set(shown_ids(shortlist(client, fair, "?q=tig+welding")))
    assert ids == {crowd[3].profile.id}
    ids = set(shown_ids(shortlist(client, fair, "?q=pipe")))
    assert ids == {crowd[4].profile.id}
    everyone_welding = {
        p.profile.id for p in crowd if any("welding" in s.lower() for s in p.profile.skills)
    } | {fair.candidate.profile.id, crowd[3].profile.id, crowd[4].profile.id}
    # Welding in Khmer finds the Khmer skill and, through its English term, every welder.
    ids = set(shown_ids(shortlist(client, fair, "?q=ការផ្សារដែក")))
    assert ids == everyone_welding | {crowd[5].profile.id}
    page = shortlist(client, fair, "?q=WELDING")
    assert set(shown_ids(page)) == ids and total(page) == len(ids)
    assert 'value="WELDING"' in page  # the query stays in the form and the URL


def test_names_are_searchable_only_without_blind_review(client, auth, fair, crowd):
    fair.candidate.profile.cv_text = "Chan Dara. Welder at Angkor Steel."
    db.session.commit()
    auth.login(fair.recruiter.email)
    assert shown_ids(shortlist(client, fair, "?q=chan+dara")) == [fair.candidate.profile.id]
    fair.role.blind_review = True
    db.session.commit()
    # Not by the name, not even through the CV that carries it; the rest of the CV counts.
    assert shown_ids(shortlist(client, fair, "?q=chan+dara")) == []
    assert shown_ids(shortlist(client, fair, "?q=angkor+steel")) == [fair.candidate.profile.id]


def test_filters_and_sort(client, auth, fair, crowd):
    auth.login(fair.recruiter.email)
    assert shown_ids(shortlist(client, fair, "?province=Siem+Reap")) == [crowd[6].profile.id]
    by_date = shown_ids(shortlist(client, fair, "?sort=date"))
    newest_first = sorted(
        [fair.candidate] + crowd,
        key=lambda u: (u.profile.registrations[0].registered_at, u.profile.id),
    )[::-1]
    assert by_date == [u.profile.id for u in newest_first]
    ssw = {u.profile.id for u in [fair.candidate] + crowd if "ssw" in (u.profile.programs or [])}
    assert set(shown_ids(shortlist(client, fair, "?programme=ssw"))) == ssw
    upper = {
        u.profile.id
        for u in [fair.candidate] + crowd
        if u.profile.education_level == "upper_secondary"
    }
    assert set(shown_ids(shortlist(client, fair, "?education_min=upper_secondary"))) == upper
    # A choice the shortlist does not offer is refused, as the API refuses it.
    for query in ("?province=nowhere", "?sort=nonsense", "?section=all&sort=date"):
        response = client.get(f"/employer/roles/{fair.role.id}/shortlist{query}")
        assert response.status_code == 400, query
        assert "no such section, sort or filter" in response.get_data(as_text=True)


def test_bulk_shortlist_is_idempotent_and_audited(client, auth, fair, crowd):
    auth.login(fair.recruiter.email)
    chosen = [crowd[0].profile.id, crowd[1].profile.id, crowd[2].profile.id]
    url = f"/employer/roles/{fair.role.id}/bulk"
    for _ in range(2):  # a double submit
        client.post(url, data={"action": "shortlist", "candidate": chosen})
    applications = db.session.scalars(sa.select(Application)).all()
    assert sorted(a.candidate_id for a in applications) == sorted(chosen)
    assert all(a.status == "shortlisted" and len(a.history) == 1 for a in applications)
    audit = db.session.scalars(sa.select(AuditLog).where(AuditLog.action == "bulk_shortlist"))
    assert [a.details["count"] for a in audit] == [3]


def test_bulk_everything_matching_and_reject_with_reason_then_undo(client, auth, fair, crowd):
    auth.login(fair.recruiter.email)
    url = f"/employer/roles/{fair.role.id}/bulk?q=welding&section=everyone"
    matching = total(shortlist(client, fair, "?q=welding"))
    client.post(url, data={"action": "reject", "scope": "all"})  # no reason: refused
    assert db.session.scalar(sa.select(sa.func.count(Application.id))) == 0
    response = client.post(url, data={"action": "reject", "scope": "all", "reason": "Too far."})
    batch = re.search(r"undo=([0-9a-f]+)", response.headers["Location"]).group(1)
    rejected = db.session.scalars(sa.select(Application)).all()
    assert len(rejected) == matching and {a.status for a in rejected} == {"rejected"}
    assert rejected[0].history[-1].reason == "Too far."
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"/bulk/{batch}/undo" in page
    assert f"Show not selected and withdrawn ({matching})" in page  # out of the working list
    page = client.get(response.headers["Location"] + "&rejected=y").get_data(as_text=True)
    # The page's form sends one scope: the radio the recruiter picks.
    scopes = re.findall(r'<input[^>]*name="scope"[^>]*>', page)
    assert len(scopes) == 2 and all('type="radio"' in tag for tag in scopes)
    client.post(f"/employer/roles/{fair.role.id}/bulk/{batch}/undo")
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(Application.id))) == 0


def test_undo_leaves_alone_what_moved_on_and_expires(app, fair, crowd):
    role, actor = fair.role, fair.recruiter
    profiles = [crowd[0].profile, crowd[1].profile]
    first = bulk.apply(role, profiles, "shortlist", actor)
    db.session.commit()
    result = bulk.apply(role, profiles, "reject", actor, reason="Not now.")
    db.session.commit()
    moved_on = db.session.get(Application, result.done[0])
    from jobfair.employers import applications

    applications.change_status(moved_on, "shortlisted", actor)
    db.session.commit()
    assert bulk.undo(role, result.batch, actor) == 1
    db.session.commit()
    assert {db.session.get(Application, i).status for i in result.done} == {"shortlisted"}
    with pytest.raises(errors.RecruitingError):
        bulk.undo(role, "0" * 16, actor)
    assert first.batch != result.batch


def test_bulk_invites_to_free_slots_and_walk_ups(app, fair, crowd):
    role, actor = fair.role, fair.recruiter
    profiles = [c.profile for c in crowd[:4]]
    result = bulk.apply(role, profiles, "invite_slots", actor)
    db.session.commit()
    booked = db.session.scalars(sa.select(Interview).where(Interview.slot_id.is_not(None))).all()
    assert len(booked) == 3 and len({i.slot_id for i in booked}) == 3  # three slots exist
    statuses = sorted(db.session.get(Application, i).status for i in result.done)
    assert statuses == ["invited", "invited", "invited", "shortlisted"]
    hold_the_fair_today(fair.event)
    walk_up = bulk.apply(role, [crowd[5].profile], "invite_walk_up", actor)
    db.session.commit()
    interview = db.session.scalar(
        sa.select(Interview).where(Interview.application_id == walk_up.done[0])
    )
    assert interview.kind == "walk_up" and interview.slot_id is None and interview.starts_at


def test_another_company_cannot_act_on_the_role(client, auth, fair, crowd):
    auth.login(fair.other_recruiter.email)
    url = f"/employer/roles/{fair.role.id}/bulk"
    assert client.post(url, data={"action": "shortlist", "scope": "all"}).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(Application.id))) == 0


def test_ids_of_another_event_are_ignored(fair, crowd, create_user):
    outsider = create_user(profile={"consent_at": fair.candidate.profile.consent_at})
    found = bulk.candidates_of(fair.role, [outsider.profile.id, crowd[0].profile.id])
    assert [p.id for p in found] == [crowd[0].profile.id]


def test_exports_have_the_rows_of_the_screen_and_name_the_filters(client, auth, fair, crowd):
    auth.login(fair.recruiter.email)
    query = "?q=welding&section=qualified&sort=date"
    page = shortlist(client, fair, query)
    base = f"/employer/roles/{fair.role.id}/export/shortlist"
    assert f"{base}.xlsx{query.replace('&', '&amp;')}" in page
    book = load_workbook(io.BytesIO(client.get(base + ".xlsx" + query).data))
    rows = list(book["Shortlist"].iter_rows(values_only=True))
    assert len(rows) - 1 == total(page)
    assert [r[3] for r in rows[1:]] == [f"C{i:05d}" for i in shown_ids(page)]
    sheet = book["Shortlist"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["E"].width > 10
    about = dict(book["Filters"].iter_rows(min_row=2, values_only=True))
    assert about["Search"] == "welding" and about["Sort by"] == "Newest"
    assert about["Shortlist section"] == "Meet every must-have" and about["Rows"] == total(page)
    # The score as the screen shows it: the band and the two decimals of the explanation.
    first_row = page[page.index('class="card candidate"') :]
    band = re.search(r'class="band band-\w+">([^<]+)<', first_row).group(1)
    score = re.search(r"Score (\d\.\d\d)", first_row).group(1)
    assert (rows[1][1], f"{rows[1][2]:.2f}") == (band, score)
    text = client.get(base + ".csv" + query).data.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    header = lines.index(next(r for r in lines if r[:1] == ["Rank"]))
    assert len(lines) - header - 1 == total(page) and lines[0][0] == "Rows"


@pytest.mark.parametrize("sort", ["fit", "date"])
def test_the_query_agrees_with_itself(app, fair, crowd, sort):
    query = ShortlistQuery(fair.role, search=search.Search(text="welding"), sort=sort)
    found, page = query.ids(), query.page(1, 100)
    assert found == [e.profile.id for e in page.entries] and page.total == len(found) > 0
    assert found == [e.profile.id for e in query.rows()]
