"""Check-in at the door on a phone, and the dashboard on a desktop, in Chromium."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Event, Registration
from tests.support.axe import serious_violations

pytestmark = pytest.mark.browser


def log_in(page, base, email):
    page.goto(base + "/auth/login")
    page.fill("#identifier", email)
    page.fill("#password", "demo pass phrase")
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(base + "/organizer/")


def test_check_in_by_typed_code_on_a_phone(live_server, phone_page, screenshot, demo):
    page, base = phone_page, live_server.url
    event = db.session.scalar(sa.select(Event))
    ticket = db.session.scalar(sa.select(Registration).where(Registration.checked_in_at.is_(None)))
    name = ticket.candidate.full_name
    log_in(page, base, demo["organizer"])
    page.goto(f"{base}/organizer/events/{event.id}/check-in")
    expect(page.locator("#code")).to_be_focused()  # waits for the page's script
    page.keyboard.type(f"{ticket.short_code[:4].lower()}-{ticket.short_code[4:]}")
    page.keyboard.press("Enter")
    assert name in page.locator("#found").inner_text()
    screenshot(page, "organizer-checkin-found-phone")
    page.get_by_role("button", name="Confirm check-in").click()
    assert f"Welcome, {name}: checked in." in page.locator(".flashes").inner_text()
    expect(page.locator("#code")).to_be_focused()  # waits for the page's script
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert serious_violations(page) == []
    screenshot(page, "organizer-checkin-done-phone")
    db.session.expire_all()
    assert db.session.get(Registration, ticket.id).checked_in_at is not None


def test_dashboard_draws_its_charts_on_a_desktop(live_server, desktop_page, screenshot, demo):
    page, base = desktop_page, live_server.url
    event = db.session.scalar(sa.select(Event))
    log_in(page, base, demo["organizer"])
    page.goto(f"{base}/organizer/events/{event.id}")
    charts = page.locator("figure.chart")
    assert charts.count() == 10
    bars = page.locator("#chart-days rect.bar")
    assert bars.count() >= 1 and float(bars.first.get_attribute("width")) > 0
    box = page.locator("figure.chart svg.bars").nth(2).bounding_box()
    assert box["width"] > 50 and box["height"] > 8
    assert serious_violations(page) == []
    screenshot(page, "organizer-dashboard-desktop")
