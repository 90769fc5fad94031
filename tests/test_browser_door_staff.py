"""A door volunteer's first morning, on a phone: the organizer's invitation link, a password,
the door page, and a candidate checked in by the typed ticket code."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Registration, User, UserRole

from .conftest import DESKTOP, PASSWORD, PHONE
from .support.axe import serious_violations
from .support.browser import LANGUAGE_BUTTONS, log_in
from .support.dates import fair_today

pytestmark = pytest.mark.browser
# What the volunteer's pages say in each language: the translation really happened.
WORDS = {
    "km": {"door": "នៅច្រកចូល", "check_in": "ចុះវត្តមាននៅច្រកចូល", "done": "ចុះវត្តមាន"},
    "en": {"door": "At the door", "check_in": "Check-in at the door", "done": "checked in"},
}

DOOR_APP = {"km": "កម្មវិធីច្រកចូលគ្មានអ៊ីនធឺណិត", "en": "Offline door app"}


@pytest.fixture
def fair(create_user, create_event):
    event = create_event(starts_on=fair_today(), ends_on=fair_today())
    candidate = create_user(display_name="Sok Dara", profile={"name_khmer": "សុខ ដារ៉ា"})
    registration = Registration(event_id=event.id, candidate_id=candidate.profile.id)
    db.session.add(registration)
    organizer = create_user(role=UserRole.ORGANIZER, email="boss@example.org")
    db.session.commit()
    return event, registration, organizer


def fits(page, screenshot, name):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, page.url
    assert serious_violations(page) == []
    screenshot(page, name)


@pytest.mark.parametrize("locale", ["km", "en"])
def test_a_door_volunteer_joins_and_checks_a_candidate_in(
    live_server, browser, screenshot, fair, locale
):
    event, registration, organizer = fair
    base = live_server.url
    words = WORDS[locale]

    # The organizer makes the link on their desktop.
    desk = browser.new_context(**DESKTOP)
    boss = desk.new_page()
    log_in(boss, base, organizer.email, "en", PASSWORD)
    boss.goto(f"{base}/organizer/events/{event.id}/staff")
    boss.select_option("#post", "door")
    boss.fill("#label", "Chea Sophal")
    boss.get_by_role("button", name="Create an invitation link").click()
    link = boss.input_value("#invitation-link")
    assert re.match(r"http://[^/]+/auth/staff/join/\S+$", link)
    assert boss.input_value("#label") == ""  # ready for the next person
    if locale == "en":
        screenshot(boss, "staff-invitation-link-desktop-en")
    desk.close()

    # The volunteer opens it on their phone and reads it in their language.
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(link)
    page.get_by_role("button", name=LANGUAGE_BUTTONS[locale]).click()
    expect(page.locator("main")).to_contain_text(event.name)
    page.fill("#display_name", "Chea Sophal")
    page.fill("#phone", "012 345 678")
    page.fill("#password", "door volunteer pass")
    page.fill("#confirm", "door volunteer pass")
    fits(page, screenshot, f"door-staff-join-phone-{locale}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/door/")
    expect(page.locator("h1")).to_have_text(words["door"])
    fits(page, screenshot, f"door-staff-start-phone-{locale}")
    # Nothing else is theirs: the organizers' pages answer "forbidden".
    nav = page.locator("nav").inner_text()
    assert "Events" not in nav and "ព្រឹត្តិការណ៍" not in nav

    page.get_by_role("link", name=words["check_in"]).click()
    code = registration.short_code
    page.fill("#code", f"{code[:4].lower()} {code[4:]}")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#found")).to_contain_text("Sok Dara")
    fits(page, screenshot, f"door-staff-found-phone-{locale}")
    page.locator("#found form button[type=submit]").click()
    expect(page.locator(".flash-success")).to_contain_text(words["done"])
    fits(page, screenshot, f"door-staff-checked-in-phone-{locale}")

    db.session.expire_all()
    volunteer = db.session.scalar(sa.select(User).where(User.role == UserRole.DOOR))
    assert volunteer.staff_event_id == event.id and volunteer.locale == locale
    assert registration.checked_in_by_id == volunteer.id
    # The offline door app works for them too: its list and its service worker.
    page.goto(f"{base}/door/")
    page.get_by_role("link", name=DOOR_APP[locale]).click()
    expect(page.locator("#door")).to_have_attribute("data-ready", "true")
    expect(page.locator("#door-list")).to_contain_text("1")
    page.evaluate("() => navigator.serviceWorker.ready")
    fits(page, screenshot, f"door-staff-offline-app-phone-{locale}")
    assert page.goto(f"{base}/organizer/").status == 403
    context.close()
