"""The main page of each audience in Khmer, Japanese and English: rendered, accessible, fitting."""

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Event, Role, User

from .support.axe import serious_violations
from .support.browser import LANGUAGE_BUTTONS, log_in

pytestmark = pytest.mark.browser
PASSWORD = "demo pass phrase"
# Words the page must show in each language: the translation really happened.
EXPECTED = {
    "candidate": {"km": "ការងារសម្រាប់ខ្ញុំ", "ja": "おすすめ求人", "en": "Jobs for me"},
    "recruiter": {"km": "ដាក់ក្នុងបញ្ជីជម្រើស", "ja": "候補に追加", "en": "Shortlist"},
    "organizer": {"km": "ការចុះឈ្មោះតាមថ្ងៃ", "ja": "日別の登録数", "en": "Registrations by day"},
}


@pytest.fixture
def demo(app):
    from jobfair.demo import seed_demo

    logins = seed_demo(password=PASSWORD, candidates=120)
    db.session.commit()
    return logins


def check(page, screenshot, name, width):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, page.url
    assert serious_violations(page) == []
    screenshot(page, name)


@pytest.mark.parametrize("locale", list(LANGUAGE_BUTTONS))
def test_each_audience_in_each_language(live_server, browser, screenshot, demo, locale):
    from tests.conftest import DESKTOP, PHONE

    base = live_server.url
    event = db.session.scalar(sa.select(Event))
    candidate = db.session.scalar(sa.select(User).where(User.email == demo["candidate"]))
    recruiter = db.session.scalar(sa.select(User).where(User.email == demo["recruiter"]))
    role = db.session.scalar(
        sa.select(Role).where(Role.organization_id == recruiter.organization_id)
    )

    phone = browser.new_context(**PHONE).new_page()
    log_in(phone, base, candidate.email, locale, PASSWORD)
    phone.goto(f"{base}/me/events/{event.id}/roles")
    assert phone.locator("html").get_attribute("lang") == locale
    expect(phone.locator("main").first).to_contain_text(
        EXPECTED["candidate"][locale], use_inner_text=True
    )
    check(phone, screenshot, f"lang-candidate-roles-phone-{locale}", 390)
    phone.context.close()

    phone = browser.new_context(**PHONE).new_page()
    log_in(phone, base, recruiter.email, locale, PASSWORD)
    phone.goto(f"{base}/employer/roles/{role.id}/shortlist")
    expect(phone.locator("main").first).to_contain_text(
        EXPECTED["recruiter"][locale], use_inner_text=True
    )
    check(phone, screenshot, f"lang-employer-shortlist-phone-{locale}", 390)
    phone.context.close()

    desktop = browser.new_context(**DESKTOP).new_page()
    log_in(desktop, base, demo["organizer"], locale, PASSWORD)
    desktop.goto(f"{base}/organizer/events/{event.id}")
    expect(desktop.locator("main").first).to_contain_text(
        EXPECTED["organizer"][locale], use_inner_text=True
    )
    check(desktop, screenshot, f"lang-organizer-dashboard-desktop-{locale}", 1280)
    desktop.context.close()
