"""A recruiter at the booth on a phone: scans five tickets offline, sees them waiting, syncs
when the network returns, rates one lead and adds one to a role's pipeline (English and
Japanese)."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Application, BoothLead
from tests.booth.conftest import booth_fair  # noqa: F401 (the fixture)
from tests.conftest import PASSWORD, PHONE
from tests.support.axe import serious_violations
from tests.support.browser import log_in

WAITING = {"en": "5 scans waiting to sync", "ja": "同期待ちのスキャン 5 件"}
SYNCED = {"en": "Everything is synced", "ja": "すべて同期済み"}


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["en", "ja"])
def test_recruiter_scans_five_tickets_offline_syncs_rates_and_adds_to_a_pipeline(
    live_server,
    browser,
    booth_fair,  # noqa: F811
    screenshot,
    locale,
):
    fair = booth_fair
    base = live_server.url
    context = browser.new_context(**PHONE, timezone_id="Asia/Phnom_Penh")
    page = context.new_page()
    log_in(page, base, fair.recruiter.email, locale, PASSWORD)
    page.goto(base + "/booth/")
    page.locator(f"a[href='/booth/events/{fair.event.id}/scan']").click()
    expect(page.locator("#booth")).to_have_attribute("data-ready", "true")
    page.evaluate("() => navigator.serviceWorker.ready")
    assert serious_violations(page) == []

    context.set_offline(True)
    expect(page.locator("#booth-online")).to_have_class("online-badge is-offline")
    # Offline, the scanner still opens: the service worker keeps it (no candidate data in it).
    page.reload()
    expect(page.locator("#booth")).to_have_attribute("data-ready", "true")
    first, second, third, fourth = fair.tickets[:4]
    # The camera reads the QR code's token; people type the short code, any case, with a dash.
    typed = [
        first.ticket_token,
        f"{second.short_code[:4]}-{second.short_code[4:]}".lower(),
        third.short_code,
        fourth.short_code,
        fair.private_ticket.short_code,
    ]
    for text in typed:
        page.fill("#booth-code", text)
        page.press("#booth-code", "Enter")
    expect(page.locator("#booth-pending")).to_have_attribute("data-count", "5")
    expect(page.locator("#booth-pending")).to_have_text(WAITING[locale])
    expect(page.locator("#booth-results li.is-waiting")).to_have_count(5)
    # The device shows typed codes back, never a scanned ticket's token.
    expect(page.locator("#booth-results")).to_contain_text(third.short_code)
    expect(page.locator("#booth-results")).not_to_contain_text(first.ticket_token[:8])
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    screenshot(page, f"booth-offline-5-waiting-{locale}")
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BoothLead)) == 0

    context.set_offline(False)
    # The first sync ranks the candidates (the fair's matcher is built then): allow time.
    expect(page.locator("#booth-pending")).to_have_text(SYNCED[locale], timeout=30000)
    expect(page.locator("#booth-results li.is-waiting")).to_have_count(0)
    expect(page.locator("#booth-results")).to_contain_text(first.candidate.full_name)
    expect(page.locator("#booth-results .band").first).to_be_visible()
    screenshot(page, f"booth-synced-{locale}")
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(BoothLead)) == 5

    # Rate the first candidate, with a note and tags.
    page.get_by_role("link", name=first.candidate.full_name).click()
    page.select_option("#rating", "4")
    page.fill("#note", "溶接3年、日本語で会話できる")
    page.fill("#tags", "N4, welding")
    page.locator("#lead-form button[type=submit]").click()
    expect(page.locator(".flash-success")).to_be_visible()
    # One step into the welder role's pipeline.
    page.select_option("#pipeline-role", str(fair.role.id))
    page.locator("#pipeline-form button[type=submit]").click()
    expect(page.locator(".flash-success")).to_contain_text(fair.role.title)
    screenshot(page, f"booth-lead-{locale}")
    db.session.expire_all()
    lead = db.session.scalar(
        sa.select(BoothLead).where(BoothLead.candidate_id == first.candidate_id)
    )
    assert (lead.rating, lead.tags, lead.role_id) == (4, ["N4", "welding"], fair.role.id)
    application = db.session.scalar(sa.select(Application))
    assert (application.candidate_id, application.status) == (first.candidate_id, "shortlisted")
    # The page shows what was saved, as it was typed.
    expect(page.locator("#tags")).to_have_value("N4, welding")

    page.goto(f"{base}/booth/events/{fair.event.id}/leads")
    expect(page.locator("li.lead")).to_have_count(5)
    assert serious_violations(page) == []
    screenshot(page, f"booth-met-at-the-booth-{locale}")
    context.close()
