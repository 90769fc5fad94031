"""The recruiter's journey in a real browser: post a role, read the ranked shortlist,
shortlist and invite a candidate to a slot, download the XLSX."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.support.axe import serious_violations

pytestmark = pytest.mark.browser


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.fill("#identifier", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(base + "/employer/")


def assert_fits(page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways ({scroll}px)"


def test_recruiter_journey_on_a_phone(live_server, phone_page, screenshot, fair, seed_candidates):
    seed_candidates(fair.event, n=30)
    page, base = phone_page, live_server.url
    log_in(page, base, fair.recruiter.email)

    page.get_by_role("link", name="Post a role").first.click()
    page.fill("#title", "Welder, car bodies")
    page.select_option("#location", "Japan - Aichi")
    page.select_option("#program", "ssw")
    page.select_option("#ssw_field", "industrial_manufacturing")  # shown once SSW is chosen
    adder = page.locator("#required_skills-add")  # the datalist picker added by employers.js
    adder.fill("welding")
    adder.press("Enter")
    assert page.input_value("#required_skills") == "welding"
    page.select_option("#languages-0-language", "Japanese")
    page.select_option("#languages-0-level", "N4")
    page.check("#languages-0-must")
    page.select_option("#min_education", "lower_secondary")
    assert_fits(page, 390)
    assert serious_violations(page) == []
    screenshot(page, "employers-role-form-phone")
    page.get_by_role("button", name="Post role").click()

    page.wait_for_url("**/shortlist")
    assert "Everyone (31)" in page.inner_text("main")
    top = page.locator("li.candidate").first
    assert "#1" in top.inner_text()
    assert "✓ welding" in top.inner_text()
    # The best candidate has JLPT N4 or better; the line says so.
    assert re.search(r"Japanese: N[1-4] \(needs N4, must\) — meets", top.inner_text())
    for entry in page.locator("li.candidate").all()[:3]:
        assert "Japanese:" in entry.inner_text()
    assert_fits(page, 390)
    assert serious_violations(page) == []
    path = screenshot(page, "employers-shortlist-phone")
    page.screenshot(path=str(path.with_name("employers-shortlist-phone-top.png")))

    name = top.locator(".name").inner_text()
    top.get_by_role("button", name="Shortlist").click()
    page.wait_for_url("**/applications/*")
    page.select_option("#invite-slot_id", index=0)
    page.get_by_role("button", name="Invite", exact=True).click()
    assert "Invitation sent" in page.inner_text(".flashes")
    assert "Invited" in page.inner_text("main")
    screenshot(page, "employers-application-phone")

    page.goto(f"{base}/employer/booths/{fair.exhibitor.id}/schedule?day={fair.event.starts_on}")
    booked = page.locator("tr.booked")
    assert booked.count() == 1 and name in booked.inner_text()
    assert_fits(page, 390)
    screenshot(page, "employers-schedule-phone")

    page.goto(base + "/employer/")
    page.get_by_role("link", name="Welder, car bodies").click()
    page.get_by_role("link", name="Ranked shortlist").click()
    expect(page.locator("main")).to_contain_text("Meet every must-have")  # loaded
    on_screen = int(re.search(r"Meet every must-have \((\d+)\)", page.inner_text("main")).group(1))
    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").click()
    assert download.value.suggested_filename.endswith("-shortlist.xlsx")
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["Rank", "Fit", "Score", "Reference", "Candidate"]
    assert len(rows) == on_screen + 1 and rows[1][0] == 1 and rows[1][4] == name
    assert "welding" in rows[1][6] and rows[1][5] == "Invited"


def test_role_form_shortlist_and_schedule_on_a_desktop(
    live_server, desktop_page, screenshot, fair, seed_candidates
):
    seed_candidates(fair.event, n=30)
    page, base = desktop_page, live_server.url
    log_in(page, base, fair.recruiter.email)
    page.goto(f"{base}/employer/roles/{fair.role.id}/edit")
    assert page.input_value("#languages-0-level") == "N4"
    assert_fits(page, 1280)
    screenshot(page, "employers-role-form-desktop")
    page.goto(f"{base}/employer/roles/{fair.role.id}/shortlist?section=qualified")
    assert page.locator("li.candidate").count() > 0
    assert_fits(page, 1280)
    path = screenshot(page, "employers-shortlist-desktop")
    page.screenshot(path=str(path.with_name("employers-shortlist-desktop-top.png")))
    page.goto(f"{base}/employer/booths/{fair.exhibitor.id}/schedule")
    assert page.locator("tr.free").count() == 3
    assert serious_violations(page) == []
    screenshot(page, "employers-schedule-desktop")
    page.goto(base + "/employer/")
    assert "Your booth: A01" in page.inner_text("main")
    screenshot(page, "employers-dashboard-desktop")
    page.goto(base + "/employer/team")
    page.get_by_role("button", name="Create an invitation link").click()
    assert "/auth/signup/employer/join/" in page.input_value("#invitation-link")
    assert serious_violations(page) == []
    screenshot(page, "employers-team-desktop")
