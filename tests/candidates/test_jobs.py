"""A fair's jobs: public role pages and search, the candidate's fit, interest that keeps the place."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from jobfair import access
from jobfair.candidates import jobs
from jobfair.extensions import db
from jobfair.models import Application, Exhibitor, InterviewSlot, Role, UserRole
from jobfair.models.base import utcnow
from tests.conftest import PASSWORD


@pytest.fixture
def priced(fair):
    welder = fair["welder"]
    welder.salary_min, welder.salary_max, welder.currency = 180000, 220000, "JPY"
    welder.description = "Welding car parts.\nDormitory provided, 10 minutes from the plant."
    exhibitor = db.session.scalar(
        sa.select(Exhibitor).where(Exhibitor.organization_id == welder.organization_id)
    )
    exhibitor.booth_code = "A12"
    db.session.add(
        InterviewSlot(
            exhibitor=exhibitor,
            starts_at=utcnow() + timedelta(days=10),
            ends_at=utcnow() + timedelta(days=10, minutes=20),
        )
    )
    db.session.commit()
    return fair


def job_url(fair, role="welder"):
    return f"/events/{fair['event'].id}/jobs/{fair[role].id}"


def log_in_candidate(client, create_user, **profile):
    user = create_user(profile=profile or None)
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return user


def test_anyone_reads_a_role_page_with_what_the_recruiter_wrote(client, priced):
    page = client.get(job_url(priced)).get_data(as_text=True)
    assert "Welder" in page and "Aichi Metal" in page and "Booth A12" in page
    assert "Dormitory provided" in page
    assert "¥180,000" in page and "¥220,000" in page
    assert "Specified Skilled Worker" in page and "Japan - Aichi" in page
    assert "Japanese JLPT N4" in page or "Japanese N4" in page
    assert "Sign up to show interest" in page
    assert 'class="mark"' not in page
    assert "Interview times at the booth" in page and "The company has not" not in page


def test_a_candidate_sees_each_requirement_marked(client, create_user, priced):
    log_in_candidate(
        client,
        create_user,
        skills=["cooking"],
        languages=[{"language": "Japanese", "test": "JLPT", "level": "N5"}],
    )
    page = client.get(job_url(priced)).get_data(as_text=True)
    assert "Sign up to show interest" not in page
    assert 'class="fit-missing">welding <span class="mark">you lack' in page
    # N5 against N4: one level short reads "almost".
    assert "almost" in page or "you lack" in page
    assert "Register for this fair to show interest" in page


def test_met_requirements_read_you_meet(client, create_user, priced):
    log_in_candidate(
        client,
        create_user,
        skills=["welding"],
        languages=[{"language": "Japanese", "test": "JLPT", "level": "N3"}],
    )
    page = client.get(job_url(priced)).get_data(as_text=True)
    assert 'class="fit-ok">welding <span class="mark">you meet' in page
    assert "you lack" not in page


@pytest.mark.parametrize("change", ["draft", "not_approved", "unpublished", "other_event"])
def test_roles_that_are_not_public_are_not_found(client, fair, create_event, change):
    welder = fair["welder"]
    url = job_url(fair)
    if change == "draft":
        welder.status = "draft"
    elif change == "not_approved":
        db.session.scalar(
            sa.select(Exhibitor).where(Exhibitor.organization_id == welder.organization_id)
        ).status = "pending"
    elif change == "unpublished":
        fair["event"].published = False
    else:
        url = f"/events/{create_event(name='Other').id}/jobs/{welder.id}"
    db.session.commit()
    assert client.get(url).status_code == 404
    assert client.get(job_url(fair, "cook")).status_code == (
        404 if change == "unpublished" else 200
    )


@pytest.mark.parametrize(
    "kind", ["anonymous", "candidate", "same_company", "other_company", "organizer"]
)
def test_every_kind_of_user_reads_public_roles_and_only_those(
    app, fair, create_user, create_organization, kind
):
    client = app.test_client()
    users = {
        "candidate": lambda: create_user(),
        "same_company": lambda: fair["recruiter"],
        "other_company": lambda: create_user(
            role=UserRole.EMPLOYER, organization=create_organization(name="Elsewhere")
        ),
        "organizer": lambda: create_user(role=UserRole.ORGANIZER),
    }
    if kind in users:
        user = users[kind]()
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    event_id = fair["event"].id
    assert client.get(f"/events/{event_id}/jobs").status_code == 200
    assert client.get(job_url(fair)).status_code == 200
    assert client.get(f"/events/{event_id}/jobs/987654").status_code == 404
    assert client.get(f"/events/987654/jobs/{fair['welder'].id}").status_code == 404
    assert client.get("/events/987654/jobs").status_code == 404


def search(client, fair, **args):
    page = client.get(f"/events/{fair['event'].id}/jobs", query_string=args)
    assert page.status_code == 200
    return page.get_data(as_text=True)


@pytest.mark.parametrize(
    "args, shown, hidden",
    [
        ({}, ["Welder", "Cook"], []),
        ({"q": "weld"}, ["Welder"], ["Cook"]),
        ({"q": "angkor"}, ["Cook"], ["Welder"]),
        ({"q": "western dishes"}, ["Cook"], ["Welder"]),
        ({"sector": "hospitality"}, ["Cook"], ["Welder"]),
        ({"location": "Japan - Aichi"}, ["Welder"], ["Cook"]),
        ({"program": "ssw"}, ["Welder"], ["Cook"]),
        ({"language": "Japanese"}, ["Welder"], ["Cook"]),
        ({"q": "weld", "sector": "hospitality"}, [], ["Welder", "Cook"]),
    ],
)
def test_search_and_filters(client, fair, args, shown, hidden):
    page = search(client, fair, **args)
    for title in shown:
        assert f">{title}</a>" in page
    for title in hidden:
        assert f">{title}</a>" not in page
    if not shown:
        assert "No job matches" in page


def test_a_search_in_khmer_finds_the_role_written_in_english(client, fair):
    from jobfair.localize import display_term

    khmer = display_term("welder", "km")
    assert khmer != "welder"  # the vocabulary knows the word
    found = db.session.scalars(jobs.search(fair["event"], jobs.JobFilters(q=khmer)))
    assert [role.title for role in found] == ["Welder"]


@pytest.mark.parametrize("typed", ["welding", "溶接", "ផ្សារដែក"])
def test_a_visitors_search_lists_the_roles_asking_for_it_first(client, fair, typed):
    """Anyone searching "welding" read the roles in title order, so a technician for whom
    welding is a plus came before the welders ("Maintenance..." < "Welder"). The roles whose
    title or required skills name the typed words come first, in any script."""
    welder = fair["welder"]
    technician, shipyard = (
        Role(
            event=fair["event"],
            organization=welder.organization,
            title="Maintenance technician",
            sector="manufacturing",
            location="Japan - Aichi",
            required_skills=["machine maintenance"],
            preferred_skills=["welding"],
        ),
        Role(
            event=fair["event"],
            organization=welder.organization,
            title="溶接工（造船）",
            sector="manufacturing",
            location="Japan - Aichi",
            required_skills=["TIG溶接"],
        ),
    )
    db.session.add_all([technician, shipyard])
    db.session.commit()

    def where(page, role):
        return page.index(f'href="/events/{fair["event"].id}/jobs/{role.id}"')

    page = search(client, fair, q=typed)
    assert max(where(page, welder), where(page, shipyard)) < where(page, technician)
    # With no words typed, the order stays the titles'.
    plain = search(client, fair)
    assert where(plain, technician) < where(plain, welder)


def test_search_puts_the_best_fit_first_for_a_candidate(client, create_user, fair):
    log_in_candidate(client, create_user, headline="Cook", skills=["cooking"])
    page = search(client, fair)
    assert page.index(">Cook</a>") < page.index(">Welder</a>")
    assert "best fit first" in page
    client.post("/auth/logout")
    log_in_candidate(
        client,
        create_user,
        headline="Welder",
        skills=["welding"],
        languages=[{"language": "Japanese", "test": "JLPT", "level": "N4"}],
    )
    page = search(client, fair)
    assert page.index(">Welder</a>") < page.index(">Cook</a>")


def test_showing_interest_returns_to_the_same_place(client, create_user, fair):
    user = log_in_candidate(client, create_user)
    client.post(f"/me/events/{fair['event'].id}/register", data={"consent": "y"})
    here = f"/events/{fair['event'].id}/jobs?sector=hospitality"
    response = client.post(f"/me/roles/{fair['cook'].id}/apply", data={"next": here})
    assert response.status_code == 302
    assert response.headers["Location"] == f"{here}#role-{fair['cook'].id}"
    assert (
        db.session.scalar(
            sa.select(Application.role_id).where(Application.candidate_id == user.profile.id)
        )
        == fair["cook"].id
    )
    assert "You showed interest." in search(client, fair, sector="hospitality")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", ""])
def test_interest_never_redirects_off_site(client, create_user, fair, target):
    log_in_candidate(client, create_user)
    client.post(f"/me/events/{fair['event'].id}/register", data={"consent": "y"})
    response = client.post(f"/me/roles/{fair['cook'].id}/apply", data={"next": target})
    location = response.headers["Location"]
    assert location.startswith(f"/me/events/{fair['event'].id}/roles#role-")


def test_free_slots_leave_out_past_ones(priced):
    welder = priced["welder"]
    exhibitor = access.exhibitor_of_role(welder)
    db.session.add(
        InterviewSlot(
            exhibitor=exhibitor,
            starts_at=utcnow() - timedelta(hours=2),
            ends_at=utcnow() - timedelta(hours=1),
        )
    )
    db.session.commit()
    slots = jobs.free_slots(welder)
    assert len(slots) == 1 and slots[0].starts_at > utcnow()
    assert jobs.free_slots(priced["cook"]) == []


def test_filters_offer_only_what_roles_have(fair):
    db.session.add(
        Role(
            event=fair["event"],
            organization=fair["cook"].organization,
            title="Hidden draft",
            sector="care",
            location="Kampot",
            status="draft",
        )
    )
    db.session.commit()
    options = jobs.options(fair["event"])
    assert options["sector"] == ["hospitality", "manufacturing"]
    assert "Kampot" not in options["location"]
    assert options["language"] == ["Japanese"]


def test_roles_ranked_out_are_ordered_by_requirements_met(client, create_user, fair):
    # Not registered: the fair's index knows nobody, so no role has a score to sort by.
    log_in_candidate(client, create_user, skills=["welding"])
    page = search(client, fair)
    assert page.index(">Welder</a>") < page.index(">Cook</a>")
    assert page.count('class="mark"') >= 2


def test_no_good_fit_when_every_required_skill_is_missing(client, create_user, fair):
    """Seen: "Good fit" on a cook's job for a cook who has none of its required skills."""
    kitchen = Role(
        event=fair["event"],
        organization=fair["cook"].organization,
        title="Cook",
        sector="hospitality",
        location="Siem Reap",
        program="local",
        required_skills=["food hygiene", "knife skills"],
    )
    db.session.add(kitchen)
    db.session.commit()
    log_in_candidate(client, create_user, headline="Cook", skills=["driving"])
    page = search(client, fair)
    (card,) = [
        c
        for c in page.split('<li class="card role-fit" ')[1:]
        if c.startswith(f'id="role-{kitchen.id}"')
    ]
    assert card.count("you lack") == 2 and "you meet" not in card
    assert 'class="band band-partial"' in card and "Good fit" not in card
