"""Where is the booth? The organizer lays out the hall on a desktop; a candidate on a phone,
in Khmer, follows the ticket's booth link to the map with their companies marked; the map
prints on one A4 page."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from jobfair.extensions import db
from jobfair.models import Application, Registration, UserRole
from tests.conftest import PASSWORD
from tests.support.axe import serious_violations
from tests.support.floor import make_hall

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def hall(app, create_event, create_organization):
    return make_hall(create_event, create_organization)


def log_in(page, base, email):
    page.goto(base + "/auth/login")
    page.fill("#identifier", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_load_state()


def place(page, exhibitor, column, row, span=1):
    item = page.locator(f"#place-{exhibitor.id}")
    item.locator(f"#b{exhibitor.id}-grid_column").fill(str(column))
    item.locator(f"#b{exhibitor.id}-grid_row").fill(str(row))
    item.locator(f"#b{exhibitor.id}-column_span").fill(str(span))
    item.get_by_role("button", name="Save").click()
    page.wait_for_load_state()


def test_the_organizer_lays_out_three_booths_on_a_desktop(
    live_server, browser, screenshot, hall, create_user
):
    organizer = create_user(role=UserRole.ORGANIZER)
    event, (a1, a2, a3) = hall["event"], hall["exhibitors"]
    context = browser.new_context(**DESKTOP)
    page, base = context.new_page(), live_server.url
    log_in(page, base, organizer.email)
    page.goto(f"{base}/organizer/events/{event.id}")
    page.get_by_role("link", name="Floor plan").click()
    page.fill("#grid_columns", "6")
    page.fill("#grid_rows", "4")
    page.get_by_role("button", name="Use a grid of this size").click()
    page.select_option("#kind", "entrance")
    page.fill("#grid_column", "3")
    page.fill("#grid_row", "4")
    page.fill("#column_span", "2")
    page.get_by_role("button", name="Add the area").click()
    place(page, a1, 1, 1, span=2)
    place(page, a2, 4, 1)
    place(page, a3, 2, 1)  # on A01's second cell: refused, with the reason
    expect(page.locator(".flashes")).to_contain_text(
        "Booth A03 would cover column 2, row 1, where Booth A01 is."
    )
    place(page, a3, 6, 3)
    svg = page.locator("#floor-editor svg.floor-map")
    expect(svg.locator(".booth")).to_have_count(3)
    expect(svg.locator("#booth-A03.focused")).to_have_count(1)
    assert svg.locator(".area-label").text_content() == "Entrance"
    assert serious_violations(page) == []
    screenshot(page, "map-organizer-desktop-en")

    # The printed map: the whole hall and every booth on one A4 page.
    page.goto(f"{base}/organizer/events/{event.id}/floor-plan/print")
    page.emulate_media(media="print")
    screenshot(page, "map-print-emulated-en")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    text = pdf.pages[0].extract_text()
    assert "A01" in text and "A03" in text
    context.close()


def test_a_candidate_follows_the_tickets_booth_link_on_a_phone_in_khmer(
    live_server, phone_page, screenshot, hall, create_user
):
    from jobfair.organizers import floor_plan

    event, roles = hall["event"], hall["roles"]
    floor_plan.set_grid(event, columns=8, rows=5)
    floor_plan.add_area(event, kind="stage", column=3, row=1, column_span=4)
    floor_plan.add_area(event, kind="entrance", column=4, row=5, column_span=2)
    for column, exhibitor in zip((1, 4, 7), hall["exhibitors"], strict=True):
        floor_plan.place_on_grid(event, exhibitor, column=column, row=3, column_span=2)
    user = create_user(role=UserRole.CANDIDATE)
    registration = Registration(event_id=event.id, candidate_id=user.profile.id, source="online")
    db.session.add(registration)
    for role in (roles[1], roles[2]):
        db.session.add(Application(role_id=role.id, candidate_id=user.profile.id))
    db.session.commit()

    page, base = phone_page, live_server.url
    log_in(page, base, user.email)
    page.get_by_role("button", name="ខ្មែរ").click()
    page.wait_for_load_state()
    page.goto(f"{base}/me/tickets/{registration.id}")
    screenshot(page, "map-ticket-phone-km")
    page.get_by_role("link", name="ស្តង់ A03 នៅលើផែនទី").click()
    page.wait_for_url(f"**/events/{event.id}/map?booth=A03#booth-A03")
    svg = page.locator("svg.floor-map")
    expect(svg.locator("#booth-A03.focused.marked")).to_have_count(1)
    expect(svg.locator(".booth.marked")).to_have_count(2)
    expect(svg.locator("#booth-A01.marked")).to_have_count(0)
    legend = page.locator(".my-booths")
    expect(legend).to_contain_text("ក្រុមហ៊ុន អង្គរ")
    expect(legend).to_contain_text("三河オート部品")
    assert page.locator("h1").inner_text().startswith("ផែនទីសាល")
    # The page itself does not scroll sideways; the map box does, and its labels stay big.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    size = page.evaluate(
        "() => document.querySelector('#booth-A03 .code').getBoundingClientRect().height"
    )
    assert size >= 14
    assert serious_violations(page) == []
    screenshot(page, "map-phone-km")

    page.get_by_role("button", name="日本語").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("会場マップ")
    # The language change dropped the #booth-A03 anchor; the focused booth is still in view.
    expect(page.locator("#booth-A03")).to_be_in_viewport()
    screenshot(page, "map-phone-ja")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    # A booth leads to its company's jobs.
    page.locator("#booth-A01").click()
    page.wait_for_load_state()
    expect(page.locator("main")).to_contain_text("Sewer")
    page.go_back()
    screenshot(page, "map-phone-en")


def test_the_demo_fairs_map_prints_on_one_a4_page(live_server, browser, screenshot, app):
    """Every one of the demo's 45 booths on the printed map and in its list, on one page."""
    import sqlalchemy as sa

    from jobfair.demo import seed_demo
    from jobfair.models import BoothPlace, Event, Exhibitor

    seed_demo(password="demo pass phrase", candidates=10)
    db.session.commit()
    event = db.session.scalar(sa.select(Event))
    booths = db.session.scalar(sa.select(sa.func.count(Exhibitor.booth_code)))
    assert db.session.scalar(sa.select(sa.func.count(BoothPlace.id))) == booths == 45
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server.url}/events/{event.id}/map")
    expect(page.locator("svg.floor-map .booth")).to_have_count(45)
    screenshot(page, "map-demo-desktop-en")
    page.emulate_media(media="print")
    screenshot(page, "map-demo-print-emulated-en")
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(pdf.pages) == 1
    width, height = pdf.pages[0].mediabox.width, pdf.pages[0].mediabox.height
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points
    text = pdf.pages[0].extract_text()
    assert all(f"A{n:02d}" in text for n in range(2, 46, 2))
    assert "Stage" in text and "Entrance" in text
    context.close()


def test_on_a_plan_image_a_click_places_the_chosen_booth(
    live_server, browser, screenshot, hall, create_user, tmp_path
):
    import sqlalchemy as sa

    from jobfair.models import BoothPlace
    from tests.support.floor import png_bytes

    organizer = create_user(role=UserRole.ORGANIZER)
    event, a2 = hall["event"], hall["exhibitors"][1]
    plan_image = tmp_path / "hall.png"
    plan_image.write_bytes(png_bytes(1200, 600))
    context = browser.new_context(**DESKTOP)
    page, base = context.new_page(), live_server.url
    log_in(page, base, organizer.email)
    page.goto(f"{base}/organizer/events/{event.id}/floor-plan")
    page.set_input_files("#image", str(plan_image))
    page.get_by_role("button", name="Upload and use the image").click()
    expect(page.locator(".flashes")).to_contain_text("The floor plan is saved.")
    page.select_option("#booth-to-place", f"place-{a2.id}")
    box = page.locator("#floor-editor svg.floor-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.5)
    page.wait_for_url("**booth=A02**")
    expect(page.locator("#floor-editor svg.floor-map #booth-A02")).to_have_count(1)
    screenshot(page, "map-organizer-image-desktop-en")
    place = db.session.scalar(sa.select(BoothPlace).where(BoothPlace.exhibitor_id == a2.id))
    assert place.image_x == pytest.approx(25, abs=1) and place.image_y == pytest.approx(50, abs=1)
    context.close()
