"""Pages that stay small: a fair's jobs, the exhibitor approval list and the public exhibitor
list show one page at a time, with the counts, and keep their filters from page to page.

Each list gets N = 5 items with 3 a page (`PER_PAGE`): page 1 shows 3 and the count, page 2
shows the rest, and the Next link keeps the search and filters.
"""

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import Exhibitor, Role, UserRole
from jobfair.paging import Page, window
from tests.conftest import PASSWORD
from tests.support.paging import PER_PAGE, count_line, next_link, shown, statements, walk

FIVE = [f"Item-{n:02d}" for n in range(1, 6)]


@pytest.fixture
def app_config(app_config):
    return {**app_config, "PER_PAGE": PER_PAGE}


def log_in(app, user):
    client = app.test_client()
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return client


@pytest.fixture
def organizer(app, create_user):
    return log_in(app, create_user(role=UserRole.ORGANIZER, email="boss@example.org"))


@pytest.fixture
def jobs_fair(create_event, create_organization):
    """Five hospitality roles at one company and two manufacturing roles at another."""
    event = create_event()
    hotel = create_organization(name="Angkor Hotel", country="KH", sector="hospitality")
    plant = create_organization(name="Aichi Metal")
    for company in (hotel, plant):
        db.session.add(Exhibitor(event=event, organization=company, status="approved"))
    for n, title in enumerate(FIVE):
        db.session.add(
            Role(
                event=event,
                organization=hotel,
                title=title,
                sector="hospitality",
                location="Siem Reap",
                description=f"Kitchen work {n}",
            )
        )
    for title in ("Welder A", "Welder B"):
        db.session.add(
            Role(
                event=event,
                organization=plant,
                title=title,
                sector="manufacturing",
                location="Japan - Aichi",
                required_skills=["welding"],
            )
        )
    db.session.commit()
    return event


def test_job_search_shows_one_page_the_count_and_keeps_the_filter(client, jobs_fair):
    url = f"/events/{jobs_fair.id}/jobs?sector=hospitality"
    with statements() as sql:
        page = client.get(url).get_data(as_text=True)
    assert shown(page, FIVE) == FIVE[:3]
    assert "5 jobs of 7" in page and count_line(1, 3, 5) in page
    assert "Welder" not in page
    # The page asked the database for its slice and counted in SQL, nothing more.
    role_queries = [s for s in sql if s.startswith("select") and "from roles" in s]
    assert any("count(" in s for s in role_queries)
    listing = [s for s in role_queries if "roles.title" in s and "count(" not in s]
    assert listing and all(" limit " in s for s in listing)
    following = next_link(page)
    assert "sector=hospitality" in following
    second = client.get(following).get_data(as_text=True)
    assert shown(second, FIVE) == FIVE[3:]
    assert count_line(4, 5, 5) in second and next_link(second) is None
    assert 'aria-current="page"' in second


def test_a_search_with_words_reads_three_columns_and_loads_only_its_page(client, jobs_fair):
    """Words order the found roles (those asking for them first, `jobs._asking_first`): the
    order is read from each found role's id, title and required skills, and only the page's
    roles are loaded whole."""
    url = f"/events/{jobs_fair.id}/jobs?sector=hospitality&q=kitchen"
    with statements() as sql:
        page = client.get(url).get_data(as_text=True)
    assert shown(page, FIVE) == FIVE[:3]
    assert "5 jobs of 7" in page and count_line(1, 3, 5) in page
    role_queries = [s for s in sql if s.startswith("select") and "from roles" in s]
    ordering = [s for s in role_queries if "roles.description" not in s.split(" from ")[0]]
    assert ordering and ordering[0].startswith(
        "select roles.id, roles.title, roles.required_skills from roles"
    )
    whole = [s for s in role_queries if "roles.description" in s.split(" from ")[0]]
    assert whole and all("roles.id in (" in s for s in whole)
    following = next_link(page)
    assert "sector=hospitality" in following and "q=kitchen" in following
    second = client.get(following).get_data(as_text=True)
    assert shown(second, FIVE) == FIVE[3:]
    assert count_line(4, 5, 5) in second and next_link(second) is None


def test_job_search_ordered_by_fit_pages_every_role_once(app, create_user, jobs_fair):
    user = create_user(profile={"headline": "Cook", "skills": ["cooking"]})
    candidate = log_in(app, user)
    pages = walk(candidate, f"/events/{jobs_fair.id}/jobs?sector=hospitality", FIVE)
    assert [len(p) for p in pages] == [3, 2]
    assert sorted(sum(pages, [])) == FIVE
    page = candidate.get(f"/events/{jobs_fair.id}/jobs").get_data(as_text=True)
    assert "best fit first" in page and count_line(1, 3, 7) in page


def test_a_page_past_the_end_shows_the_last(client, jobs_fair):
    page = client.get(f"/events/{jobs_fair.id}/jobs?sector=hospitality&page=99")
    assert shown(page.get_data(as_text=True), FIVE) == FIVE[3:]


def test_job_search_without_a_match_says_so(client, jobs_fair):
    page = client.get(f"/events/{jobs_fair.id}/jobs?q=astronaut").get_data(as_text=True)
    assert "No job matches" in page and "0 jobs of 7" in page and 'rel="next"' not in page


@pytest.fixture
def exhibitors(create_event, create_organization):
    """Five care companies waiting for approval, two approved manufacturers, one waiting
    manufacturer."""
    event = create_event()
    rows = [(name.replace("Item", "Care"), "care", "pending") for name in FIVE]
    rows += [("Maker-1", "manufacturing", "approved"), ("Maker-2", "manufacturing", "approved")]
    rows += [("Maker-3", "manufacturing", "pending")]
    for name, sector, status in rows:
        company = create_organization(name=name, sector=sector)
        db.session.add(Exhibitor(event=event, organization=company, status=status))
    db.session.commit()
    return event


CARE = [name.replace("Item", "Care") for name in FIVE]


def test_the_approval_list_is_filtered_counted_and_paged(organizer, exhibitors):
    url = f"/organizer/events/{exhibitors.id}/exhibitors"
    with statements() as sql:
        page = organizer.get(f"{url}?status=pending&sector=care").get_data(as_text=True)
    assert (
        shown(page, CARE) == CARE[:3] and "Maker" not in page.split('<ul class="plain floor">')[1]
    )
    assert count_line(1, 3, 5) in page
    # Counts per status under the sector filter, per sector under the status filter.
    assert "Waiting (5)" in page and "Approved (0)" in page
    assert "Care work (5)" in page and "Manufacturing (1)" in page
    assert any("group by" in s for s in sql)
    assert all(" limit " in s for s in sql if s.startswith("select exhibitors.id"))
    following = next_link(page)
    assert "status=pending" in following and "sector=care" in following
    second = organizer.get(following).get_data(as_text=True)
    assert shown(second, CARE) == CARE[3:] and count_line(4, 5, 5) in second


def test_the_approval_list_counts_every_status_of_a_search(organizer, exhibitors):
    url = f"/organizer/events/{exhibitors.id}/exhibitors?q=maker"
    page = organizer.get(url).get_data(as_text=True)
    assert shown(page, ["Maker-1", "Maker-2", "Maker-3"]) == ["Maker-1", "Maker-2", "Maker-3"]
    assert "Waiting (1)" in page and "Approved (2)" in page and "Care" not in page
    makers = ["Maker-1", "Maker-2", "Maker-3"]
    pages = walk(organizer, f"/organizer/events/{exhibitors.id}/exhibitors", [*CARE, *makers])
    assert pages == [CARE[:3], [*CARE[3:], "Maker-1"], makers[1:]]  # no booths yet: by name


def test_saving_an_exhibitor_returns_to_the_same_filtered_page(organizer, exhibitors):
    fourth = db.session.scalar(
        sa.select(Exhibitor)
        .join(Exhibitor.organization)
        .where(sa.text("organizations.name = 'Care-04'"))
    )
    url = f"/organizer/events/{exhibitors.id}/exhibitors"
    response = organizer.post(
        f"{url}/{fourth.id}?status=pending&sector=care&page=2",
        data={f"x{fourth.id}-status": "approved", f"x{fourth.id}-booth_code": ""},
    )
    location = response.headers["Location"]
    assert "status=pending" in location and "sector=care" in location and "page=2" in location
    page = organizer.get(location).get_data(as_text=True)
    assert "Waiting (4)" in page and "Approved (1)" in page


def test_the_public_page_lists_approved_exhibitors_a_page_at_a_time(
    client, create_event, create_organization
):
    event = create_event()
    for n, name in enumerate(FIVE):
        company = create_organization(name=name)
        db.session.add(
            Exhibitor(event=event, organization=company, status="approved", booth_code=f"A{n}")
        )
        db.session.add(
            Role(
                event=event,
                organization=company,
                title=f"Job of {name}",
                sector="care",
                location="Phnom Penh",
            )
        )
    db.session.add(
        Exhibitor(event=event, organization=create_organization(name="Hidden"), status="pending")
    )
    db.session.commit()
    pages = walk(client, f"/events/{event.id}", [*FIVE, "Hidden"])
    assert pages == [FIVE[:3], FIVE[3:]]
    first = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Job of Item-01" in first and "Job of Item-04" not in first
    assert count_line(1, 3, 5) in first


def test_the_pager_numbers_stay_short_on_a_phone():
    page = Page(items=[1], total=1000, shown=window(total=1000, page=20, per_page=25))
    assert page.numbers() == [1, None, 19, 20, 21, None, 40]
    last = Page(items=[1], total=1000, shown=window(total=1000, page=99, per_page=25))
    assert last.numbers() == [1, None, 39, 40]
    assert Page(items=[], total=0, shown=window(total=0, page=1, per_page=25)).first == 0


def test_the_interpreters_list_is_paged_and_keeps_its_language(organizer, jobs_fair):
    # The five hotel roles and two welder roles are written in English; one welder role is
    # already in Japanese, so it leaves the Japanese list but stays on the Khmer one.
    from jobfair import postings

    welder = db.session.scalar(sa.select(Role).where(Role.title == "Welder A"))
    postings.set_translation(welder, "ja", "溶接工", "", None)
    db.session.commit()
    base = f"/organizer/events/{jobs_fair.id}/translations"
    with statements() as sql:
        page = organizer.get(f"{base}?language=ja").get_data(as_text=True)
    names = ["Welder A", "Welder B", *FIVE]
    # By company (Aichi Metal before Angkor Hotel), then title.
    assert shown(page, names) == ["Welder B", *FIVE[:2]]
    assert count_line(1, 3, 6) in page and "6 roles to translate" in page
    listing = [s for s in sql if "from roles" in s and "count(" not in s]
    assert listing and all(" limit " in s for s in listing)
    following = next_link(organizer.get(f"{base}?language=ja").get_data(as_text=True))
    assert "language=ja" in following
    pages = walk(organizer, f"{base}?language=ja", names)
    assert pages == [["Welder B", *FIVE[:2]], FIVE[2:]]
    khmer = sum(walk(organizer, f"{base}?language=km", names), [])
    assert sorted(khmer) == sorted(names)
