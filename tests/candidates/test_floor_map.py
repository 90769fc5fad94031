"""The candidates' floor map: public for a published fair, their own companies marked (never
anyone else's), role pages and tickets pointing at the booth, and the map for paper."""

import re

import pytest

from jobfair.extensions import db
from jobfair.models import UserRole
from jobfair.organizers import floor_plan
from tests.conftest import PASSWORD
from tests.support.floor import make_hall


@pytest.fixture
def hall(app, create_event, create_organization):
    found = make_hall(create_event, create_organization)
    event = found["event"]
    floor_plan.set_grid(event, columns=6, rows=4)
    floor_plan.add_area(event, kind="entrance", column=3, row=4, column_span=2)
    for column, exhibitor in enumerate([*found["exhibitors"], found["withdrawn"]], start=1):
        floor_plan.place_on_grid(event, exhibitor, column=column, row=2)
    db.session.commit()
    return found


def candidate_interested_in(client, create_user, event, role):
    """A signed-in candidate, registered, who showed interest in `role`."""
    user = create_user(role=UserRole.CANDIDATE)
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    client.post(f"/me/events/{event.id}/register", data={"consent": "y"})
    response = client.post(f"/me/roles/{role.id}/apply", data={"next": "/"})
    assert response.status_code == 302
    return user


def booths(page: str) -> dict[str, str]:
    """Each booth drawn on the page: code → its classes."""
    return {
        code: classes
        for classes, code in re.findall(r'class="(booth[^"]*)" id="booth-([^"]+)"', page)
    }


def test_anyone_sees_the_map_of_a_published_fair_without_marks(client, hall):
    page = client.get(f"/events/{hall['event'].id}/map").get_data(as_text=True)
    # The withdrawn company's booth is not in the fair: neither drawn nor listed.
    assert booths(page) == {"A01": "booth", "A02": "booth", "A03": "booth"}
    assert "Gone Ltd." not in page and ">Entrance</text>" in page
    assert "ក្រុមហ៊ុន អង្គរ" in page and "三河オート部品" in page
    assert "Your companies" not in page


def test_an_unpublished_fair_has_no_public_map(client, hall, create_user):
    event = hall["event"]
    event.published = False
    db.session.commit()
    assert client.get(f"/events/{event.id}/map").status_code == 404
    assert client.get(f"/events/{event.id}/map/image").status_code == 404
    user = create_user(role=UserRole.CANDIDATE)
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    assert client.get(f"/events/{event.id}/map").status_code == 404


def test_the_candidates_companies_are_marked_for_them_only(app, client, hall, create_user):
    event, roles = hall["event"], hall["roles"]
    candidate_interested_in(client, create_user, event, roles[1])
    page = client.get(f"/events/{event.id}/map").get_data(as_text=True)
    assert booths(page) == {"A01": "booth", "A02": "booth marked", "A03": "booth"}
    assert "Your companies" in page and page.count(">★</text>") == 1
    legend = page.split('class="my-booths"')[1].split("</section>")[0]
    assert "ក្រុមហ៊ុន អង្គរ" in legend and "Welder" in legend and "Sewer" not in legend
    assert page.count("no-store") == 0  # the header says it, not the page
    assert client.get(f"/events/{event.id}/map").headers["Cache-Control"] == "no-store"

    # Another candidate interested in A03 sees A03 marked, never the first one's A02.
    other = app.test_client()
    candidate_interested_in(other, create_user, event, roles[2])
    theirs = other.get(f"/events/{event.id}/map").get_data(as_text=True)
    assert booths(theirs) == {"A01": "booth", "A02": "booth", "A03": "booth marked"}
    assert "Welder" not in theirs.split('class="my-booths"')[1].split("</section>")[0]


def test_booths_link_to_their_companys_roles(client, hall):
    event = hall["event"]
    page = client.get(f"/events/{event.id}/map").get_data(as_text=True)
    link = re.search(r'<a class="booth" id="booth-A01" href="([^"]+)"', page).group(1)
    jobs = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert "Sewer" in jobs and "Welder" not in jobs and "Driver" not in jobs


def test_a_role_page_and_the_ticket_point_at_the_booth_on_the_map(client, hall, create_user):
    event, role = hall["event"], hall["roles"][2]
    page = client.get(f"/events/{event.id}/jobs/{role.id}").get_data(as_text=True)
    target = f"/events/{event.id}/map?booth=A03#booth-A03"
    assert f'href="{target}">Booth A03 on the map</a>' in page
    focused = client.get(target).get_data(as_text=True)
    assert booths(focused)["A03"] == "booth focused"
    assert "Booth A03: 三河オート部品" in focused

    candidate_interested_in(client, create_user, event, role)
    ticket = client.get("/me/").get_data(as_text=True)
    ticket_url = re.search(r'href="(/me/tickets/\d+)"', ticket).group(1)
    page = client.get(ticket_url).get_data(as_text=True)
    assert f'href="{target}">Booth A03 on the map</a> · 三河オート部品' in page
    assert "Booth A02 on the map" not in page


def test_the_map_reads_in_khmer_and_japanese(client, hall):
    event = hall["event"]
    client.post("/language", data={"locale": "km"})
    page = client.get(f"/events/{event.id}/map").get_data(as_text=True)
    assert "Floor map" not in page and "Entrance" not in page and "ក្រុមហ៊ុន អង្គរ" in page
    client.post("/language", data={"locale": "ja"})
    page = client.get(f"/events/{event.id}/map").get_data(as_text=True)
    assert "Floor map" not in page and "Entrance" not in page and "三河オート部品" in page


def test_a_hall_not_drawn_yet_still_lists_the_booths(client, create_event, create_organization):
    found = make_hall(create_event, create_organization)
    page = client.get(f"/events/{found['event'].id}/map?booth=A02").get_data(as_text=True)
    assert 'id="no-map"' in page and "<svg" not in page
    assert "Booth A02: ក្រុមហ៊ុន អង្គរ" in page and "A03" in page


@pytest.mark.parametrize(
    "name",
    ["ក្រុមហ៊ុនផលិតសម្លៀកបំពាក់កម្ពុជា", "ស្រុកខ្មែរ អង្គរវត្ត ឧស្សាហកម្ម", "三河オート部品株式会社プノンペン"],
)
def test_long_names_break_between_whole_letters(name):
    import unicodedata

    from jobfair.floor_map import _lines

    for room in (60, 86, 120, 186):
        lines = _lines(name, room, 18, 2)
        assert len(lines) <= 2 and lines[0]
        shown = "".join(line.rstrip("…") for line in lines).replace(" ", "")
        assert name.replace(" ", "").startswith(shown)
        for line in lines[1:]:
            assert unicodedata.category(line[0]) not in ("Mn", "Mc", "Me")
        for line in lines:
            assert not line.rstrip("…").endswith("\u17d2")
