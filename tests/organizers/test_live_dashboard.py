"""The dashboard refreshes its figures by itself during the fair."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Event, Registration
from jobfair.models.base import utcnow


def test_live_figures_count_what_the_page_counts(organizer_client, demo):
    event = db.session.scalar(sa.select(Event))
    data = organizer_client.get(f"/organizer/events/{event.id}/live.json").get_json()
    checked_in = db.session.scalar(
        sa.select(sa.func.count()).where(
            Registration.event_id == event.id, Registration.checked_in_at.is_not(None)
        )
    )
    assert data["totals"]["checked_in"] == checked_in
    assert data["totals"]["registered"] >= checked_in > 0
    assert sum(n for _hour, n in data["charts"]["chart-hours"]) == checked_in
    assert data["updated_label"].startswith("Updated at")


@pytest.fixture
def app_config(app_config):
    return {**app_config, "DASHBOARD_REFRESH_SECONDS": 1}


@pytest.mark.browser
def test_the_dashboard_updates_itself(live_server, desktop_page, demo, screenshot):
    page, base = desktop_page, live_server.url
    event = db.session.scalar(sa.select(Event))
    page.goto(base + "/auth/login")
    page.fill("#identifier", demo["organizer"])
    page.fill("#password", "demo pass phrase")
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(base + "/organizer/")
    page.goto(f"{base}/organizer/events/{event.id}")
    shown = page.locator('[data-total="checked_in"]')
    before = int(shown.inner_text().replace(",", ""))
    stamp = page.locator("#live-updated").inner_text()
    waiting = db.session.scalars(
        sa.select(Registration).where(Registration.checked_in_at.is_(None)).limit(3)
    ).all()
    for registration in waiting:
        registration.checked_in_at = utcnow()
    db.session.commit()
    expect(shown).to_have_text(f"{before + 3:,}", timeout=10_000)
    expect(page.locator("#live-updated")).not_to_have_text(stamp)
    screenshot(page, "organizer-dashboard-live-desktop")
