"""A recruiter reviews real people in a real browser: search, bulk shortlist, the candidate's
page and CV, a walk-up interview with its calendar file, and an export that matches the screen."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from jobfair.candidates import profile as candidate_profile
from jobfair.demo.cvs import cv_pdf
from jobfair.extensions import db
from tests.conftest import DESKTOP, PASSWORD, PHONE
from tests.support.axe import serious_violations

from .conftest import hold_the_fair_today
from .test_browser import assert_fits, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def reviewed_fair(fair, seed_candidates):
    seed_candidates(fair.event, n=30)
    hold_the_fair_today(fair.event)  # the walk-up interview happens on a fair day
    profile = fair.candidate.profile
    profile.headline = "Welder"
    profile.past_jobs = [{"title": "MIG welder", "employer": "Angkor Steel", "years": 3}]
    profile.experience = "Welded car frames on a production line in Kandal."
    data = cv_pdf("Chan Dara", ["Welder", "Angkor Steel: MIG welding of car frames, 2021-2024"])
    candidate_profile.replace_cv(profile, [(data, "Chan Dara CV.pdf")])
    db.session.commit()
    return fair


def screen_total(page) -> int:
    return int(re.search(r"(\d+) candidates?", page.inner_text("main")).group(1))


def test_search_bulk_shortlist_candidate_page_cv_walk_up_and_export(
    live_server, desktop_page, screenshot, reviewed_fair
):
    fair, page, base = reviewed_fair, desktop_page, live_server.url
    log_in(page, base, fair.recruiter.email)
    page.goto(f"{base}/employer/roles/{fair.role.id}/shortlist")
    page.fill("#q", "welding")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/shortlist?*q=welding*")
    found = screen_total(page)
    assert 3 <= found < 31
    rows = page.locator("li.candidate")
    names = [rows.nth(i).locator(".name").inner_text() for i in range(3)]
    for i in range(3):
        rows.nth(i).locator("[data-pick]").check()
    assert page.inner_text("[data-selected-count]") == "3"
    page.select_option("#action", "shortlist")
    page.get_by_role("button", name="Apply", exact=True).click()
    assert "3 candidates moved." in page.inner_text(".flashes")
    expect(page.get_by_role("button", name="Undo")).to_be_visible()
    for i in range(3):
        assert "Shortlisted" in page.locator("li.candidate").nth(i).inner_text()
    assert_fits(page, 1280)
    assert serious_violations(page) == []
    screenshot(page, "employers-search-bulk-desktop")

    page.get_by_role("link", name="Chan Dara").click()
    page.wait_for_url(f"**/candidates/{fair.candidate.profile.id}")
    assert "Chan Dara" in names
    experience = page.locator("section", has=page.get_by_role("heading", name="Experience"))
    assert "MIG welder" in experience.inner_text()
    assert "Welded car frames" in experience.inner_text()
    frame = page.locator("iframe.cv-frame")
    assert frame.count() == 1
    cv = page.request.get(base + frame.get_attribute("src"))
    assert cv.status == 200 and cv.headers["content-type"] == "application/pdf"
    assert cv.headers["content-security-policy"].startswith("sandbox")
    assert cv.headers["content-disposition"].startswith("inline")
    page.get_by_text("Text of the CV").click()
    assert "MIG welding of car frames" in page.inner_text(".cv")
    assert serious_violations(page) == []
    screenshot(page, "employers-candidate-desktop")

    page.get_by_role("button", name="Invite to a walk-up interview now").click()
    assert "walk-up interview" in page.inner_text(".flashes")
    with page.expect_download() as download:
        page.get_by_role("link", name="Calendar file (.ics)").click()
    ics = download.value.path().read_text(encoding="utf-8")
    assert "BEGIN:VEVENT" in ics and "DTSTART;TZID=Asia/Phnom_Penh:" in ics

    page.goto(f"{base}/employer/roles/{fair.role.id}/shortlist?q=welding&section=qualified")
    shown = screen_total(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    lines = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    header = next(i for i, line in enumerate(lines) if line[:1] == ["Rank"])
    assert len(lines) - header - 1 == shown and shown <= found


@pytest.mark.parametrize("locale", ["en", "ja", "km"])
def test_candidate_page_and_search_on_a_phone(
    live_server, phone_page, screenshot, reviewed_fair, locale
):
    fair, page, base = reviewed_fair, phone_page, live_server.url
    page.goto(base + "/auth/login")
    page.get_by_role("button", name={"km": "ខ្មែរ", "ja": "日本語", "en": "English"}[locale]).click()
    page.fill("#identifier", fair.recruiter.email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.goto(f"{base}/employer/roles/{fair.role.id}/shortlist?q=welding")
    assert_fits(page, 390)
    assert serious_violations(page) == []
    screenshot(page, f"employers-search-phone-{locale}")
    page.goto(f"{base}/employer/roles/{fair.role.id}/candidates/{fair.candidate.profile.id}")
    assert page.locator("html").get_attribute("lang") == locale
    assert_fits(page, 390)
    assert serious_violations(page) == []
    screenshot(page, f"employers-candidate-phone-{locale}")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_cv_shows_in_its_frame_on_a_desktop_and_opens_from_a_link_on_a_phone(
    live_server, browser, screenshot, reviewed_fair, device
):
    fair, base = reviewed_fair, live_server.url
    context = browser.new_context(**{"desktop": DESKTOP, "phone": PHONE}[device])
    page = context.new_page()
    try:
        log_in(page, base, fair.recruiter.email)
        page.goto(f"{base}/employer/roles/{fair.role.id}/candidates/{fair.candidate.profile.id}")
        frame, link = page.locator("iframe.cv-frame"), page.locator("a.cv-open")
        page.locator("section.cv").scroll_into_view_if_needed()
        screenshot(page, f"employers-cv-{device}")
        expect(link).to_be_visible()
        if device == "desktop":
            expect(frame).to_be_visible()
            assert frame.bounding_box()["height"] > 300
        else:
            expect(frame).to_be_hidden()
            assert_fits(page, 390)
    finally:
        context.close()
