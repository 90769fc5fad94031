"""Laying out the hall: grid rules with clear refusals, plan images checked by content,
and only organizers may change it."""

import os

import pytest
import sqlalchemy as sa

from jobfair import uploads
from jobfair.extensions import db
from jobfair.models import BoothPlace, FloorArea, FloorPlan, UserRole
from jobfair.organizers import floor_plan
from jobfair.organizers.errors import OrganizerError
from tests.conftest import PASSWORD
from tests.support.floor import make_hall, png_bytes


@pytest.fixture
def hall(app, create_event, create_organization):
    return make_hall(create_event, create_organization)


@pytest.fixture
def organizer(client, create_user):
    user = create_user(role=UserRole.ORGANIZER)
    client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
    return user


@pytest.fixture
def words(app):
    """Messages are translated when read: read them in a request (English)."""
    with app.test_request_context():
        yield


def _grid(hall, columns=4, rows=3):
    floor_plan.set_grid(hall["event"], columns=columns, rows=rows)
    db.session.commit()


def test_booths_go_on_free_cells_inside_the_grid(hall, words):
    _grid(hall)
    event, (a1, a2, a3) = hall["event"], hall["exhibitors"]
    floor_plan.place_on_grid(event, a1, column=1, row=1, column_span=2)
    floor_plan.place_on_grid(event, a2, column=4, row=3)
    db.session.commit()
    with pytest.raises(OrganizerError, match="does not fit: the hall has 4 columns and 3 rows"):
        floor_plan.place_on_grid(event, a3, column=5, row=1)
    with pytest.raises(OrganizerError, match="does not fit"):
        floor_plan.place_on_grid(event, a3, column=4, row=2, row_span=3)
    # The second cell of A01's span is taken, not only the cell it starts on.
    with pytest.raises(OrganizerError, match="column 2, row 1, where Booth A01 is"):
        floor_plan.place_on_grid(event, a3, column=2, row=1)
    with pytest.raises(OrganizerError, match="column 4, row 3, where Booth A02 is"):
        floor_plan.place_on_grid(event, a3, column=3, row=3, column_span=2)
    # A booth may move onto the cells it covers itself.
    floor_plan.place_on_grid(event, a1, column=2, row=1)
    db.session.commit()
    assert (
        db.session.scalar(sa.select(BoothPlace.grid_column).where(BoothPlace.exhibitor_id == a1.id))
        == 2
    )


def test_areas_and_booths_never_overlap(hall, words):
    _grid(hall)
    event, (a1, a2, _) = hall["event"], hall["exhibitors"]
    floor_plan.add_area(event, kind="stage", column=1, row=1, column_span=4)
    db.session.commit()
    with pytest.raises(OrganizerError, match="column 3, row 1, where Stage is"):
        floor_plan.place_on_grid(event, a1, column=3, row=1)
    floor_plan.place_on_grid(event, a2, column=1, row=3)
    db.session.commit()
    with pytest.raises(OrganizerError, match="Entrance would cover column 1, row 3"):
        floor_plan.add_area(event, kind="entrance", column=1, row=2, row_span=2)
    with pytest.raises(OrganizerError, match="Choose what the area is"):
        floor_plan.add_area(event, kind="toilet", column=2, row=2)


def test_another_events_exhibitor_or_one_without_a_booth_is_refused(hall, words):
    _grid(hall)
    with pytest.raises(OrganizerError, match="not an exhibitor of this event"):
        floor_plan.place_on_grid(hall["event"], hall["stranger"], column=1, row=1)
    hall["exhibitors"][0].booth_code = None
    with pytest.raises(OrganizerError, match="booth code first"):
        floor_plan.place_on_grid(hall["event"], hall["exhibitors"][0], column=1, row=1)


def test_the_grid_cannot_shrink_under_a_placed_booth(hall, words):
    _grid(hall)
    floor_plan.place_on_grid(hall["event"], hall["exhibitors"][0], column=4, row=1)
    db.session.commit()
    with pytest.raises(OrganizerError, match="Booth A01 is outside 3 columns and 3 rows"):
        floor_plan.set_grid(hall["event"], columns=3, rows=3)
    floor_plan.set_grid(hall["event"], columns=4, rows=1)


def test_the_database_refuses_two_booths_starting_on_one_cell(hall):
    _grid(hall)
    event, (a1, a2, _) = hall["event"], hall["exhibitors"]
    db.session.add_all(
        [
            BoothPlace(event_id=event.id, exhibitor_id=e.id, grid_column=1, grid_row=1)
            for e in (a1, a2)
        ]
    )
    with pytest.raises(sa.exc.IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_the_organizer_lays_out_booths_with_forms_and_reads_why_not(client, hall, organizer):
    event, (a1, a2, _) = hall["event"], hall["exhibitors"]
    base = f"/organizer/events/{event.id}/floor-plan"
    client.post(f"{base}/grid", data={"grid_columns": "5", "grid_rows": "4"})
    response = client.post(
        f"{base}/booths/{a1.id}", data={f"b{a1.id}-grid_column": "2", f"b{a1.id}-grid_row": "១"}
    )
    assert response.status_code == 302 and f"booth=A01#place-{a1.id}" in response.location
    refused = client.post(
        f"{base}/booths/{a2.id}",
        data={f"b{a2.id}-grid_column": "2", f"b{a2.id}-grid_row": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Booth A02 would cover column 2, row 1, where Booth A01 is." in refused
    outside = client.post(
        f"{base}/booths/{a2.id}",
        data={f"b{a2.id}-grid_column": "6", f"b{a2.id}-grid_row": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Booth A02 does not fit: the hall has 5 columns and 4 rows." in outside
    page = client.get(f"{base}?booth=A01").get_data(as_text=True)
    assert page.count('class="booth') == 1 and 'class="booth focused" id="booth-A01"' in page
    # Another event's exhibitor by URL: 404, nothing placed.
    stranger = hall["stranger"]
    response = client.post(
        f"{base}/booths/{stranger.id}",
        data={f"b{stranger.id}-grid_column": "3", f"b{stranger.id}-grid_row": "3"},
    )
    assert response.status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(BoothPlace.id))) == 1
    # Empty column and row take the booth off the map.
    client.post(
        f"{base}/booths/{a1.id}", data={f"b{a1.id}-grid_column": "", f"b{a1.id}-grid_row": ""}
    )
    assert db.session.scalar(sa.select(sa.func.count(BoothPlace.id))) == 0


def test_areas_are_added_and_removed_by_the_organizer(client, hall, organizer, create_event):
    event = hall["event"]
    base = f"/organizer/events/{event.id}/floor-plan"
    client.post(f"{base}/grid", data={"grid_columns": "5", "grid_rows": "4"})
    data = {
        "kind": "entrance",
        "grid_column": "2",
        "grid_row": "4",
        "column_span": "2",
        "row_span": "1",
    }
    client.post(f"{base}/areas", data=data)
    area = db.session.scalar(sa.select(FloorArea))
    assert (area.kind, area.column_span) == ("entrance", 2)
    assert ">Entrance</text>" in client.get(base).get_data(as_text=True)
    other = create_event(name="Elsewhere")
    assert (
        client.post(f"/organizer/events/{other.id}/floor-plan/areas/{area.id}/remove").status_code
        == 404
    )
    client.post(f"{base}/areas/{area.id}/remove")
    assert db.session.scalar(sa.select(FloorArea)) is None


def test_a_plan_image_is_checked_by_content_and_stored_outside_static(client, hall, organizer):
    event, a1 = hall["event"], hall["exhibitors"][0]
    url = f"/organizer/events/{event.id}/floor-plan/image"

    def upload(data, name="plan.png"):
        import io

        return client.post(
            url, data={"image": (io.BytesIO(data), name)}, follow_redirects=True
        ).get_data(as_text=True)

    assert "as a PNG, JPEG or WebP image" in upload(b"<svg onload=alert(1)>", "plan.png")
    assert "as a PNG, JPEG or WebP image" in upload(b"GIF89a" + b"\0" * 100, "plan.gif")
    assert "could not be read" in upload(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    big = png_bytes() + b"\0" * uploads.MAX_FLOOR_IMAGE_BYTES
    assert "larger than 5 MB" in upload(big)
    assert db.session.scalar(sa.select(FloorPlan)) is None
    assert "The floor plan is saved." in upload(png_bytes(800, 400))
    plan = db.session.scalar(sa.select(FloorPlan))
    assert (plan.kind, plan.image_width, plan.image_height) == ("image", 800, 400)
    path = uploads.floor_file(plan.image_filename)
    assert os.path.isfile(path) and "static" not in path
    served = client.get(url)
    assert served.mimetype == "image/png" and served.data == png_bytes(800, 400)
    client.post(
        f"/organizer/events/{event.id}/floor-plan/booths/{a1.id}",
        data={f"b{a1.id}-image_x": "25", f"b{a1.id}-image_y": "50", f"b{a1.id}-image_size": "5"},
    )
    page = client.get(f"/organizer/events/{event.id}/floor-plan").get_data(as_text=True)
    assert 'viewBox="0 0 1000 500"' in page and f'href="{url}"' in page
    # A square 50 units wide centred at 25 % across (250) and 50 % down (250).
    assert '<rect x="225.0" y="225.0" width="50.0" height="50.0"' in page
    # A new image replaces the old file once the change is committed.
    upload(png_bytes(600, 600))
    assert not os.path.exists(path)


def test_only_organizers_change_the_floor_plan(client, hall, create_user):
    event, a1 = hall["event"], hall["exhibitors"][0]
    for role in (UserRole.CANDIDATE, UserRole.EMPLOYER):
        user = create_user(role=role)
        client.post("/auth/login", data={"identifier": user.email, "password": PASSWORD})
        for path in ("", "/print", "/image"):
            assert client.get(f"/organizer/events/{event.id}/floor-plan{path}").status_code == 403
        response = client.post(
            f"/organizer/events/{event.id}/floor-plan/booths/{a1.id}",
            data={f"b{a1.id}-grid_column": "1", f"b{a1.id}-grid_row": "1"},
        )
        assert response.status_code == 403
        client.post("/auth/logout")
    assert db.session.scalar(sa.select(BoothPlace)) is None
