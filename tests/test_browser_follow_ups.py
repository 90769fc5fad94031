"""A follow-up walked in Chromium: an organizer on a desktop writes to the candidates who
checked in, in English and Khmer (the preview says Japanese is missing), sends a test to
themselves, then sends it; a candidate on a phone reads it in Khmer and opts out with the
link, without logging in. Screenshots in English and Khmer."""

import pytest
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import FollowUpRecipient, Registration, UserRole
from jobfair.models.base import utcnow
from tests.conftest import PASSWORD, PHONE
from tests.support.axe import serious_violations
from tests.support.browser import log_in

pytestmark = pytest.mark.browser
WIDE = {"viewport": {"width": 1366, "height": 900}}
SUBJECT_KM = "សូមអរគុណដែលបានមកពិព័រណ៍ការងារ"
BODY_KM = "ក្រុមហ៊ុនដែលអ្នកបានជួប នឹងទាក់ទងអ្នកក្នុងរយៈពេលពីរសប្តាហ៍។"


@pytest.fixture
def came(create_event, create_user):
    event = create_event(name="Japan–Cambodia Job Fair")
    people = {
        "sokha": create_user(locale="km", display_name="Sokha Chan"),
        "hana": create_user(locale="ja", display_name="Hana Sok"),
        "vanna": create_user(display_name="Vanna Lim"),
        "away": create_user(locale="km", display_name="Dara Keo"),
    }
    for name, user in people.items():
        registration = Registration(event_id=event.id, candidate_id=user.profile.id)
        registration.checked_in_at = None if name == "away" else utcnow()
        db.session.add(registration)
    organizer = create_user(UserRole.ORGANIZER, display_name="Organizer Mao")
    db.session.commit()
    return event, people, organizer


def fits(page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways ({scroll}px)"


def test_organizer_sends_a_follow_up_and_a_candidate_opts_out_in_khmer(
    live_server, browser, screenshot, came
):
    event, people, organizer = came
    base = live_server.url
    desk = browser.new_context(**WIDE).new_page()
    log_in(desk, base, organizer.email, "en", PASSWORD)
    desk.goto(f"{base}/organizer/events/{event.id}")
    desk.click("#follow-ups-link")
    desk.click("#write-follow-up")
    desk.select_option("#attendance", "checked_in")
    desk.fill("#subject_en", "Thank you for coming to the fair")
    desk.fill("#body_en", "Companies you met will contact you within two weeks.")
    desk.fill("#subject_km", SUBJECT_KM)
    desk.fill("#body_km", BODY_KM)
    fits(desk, 1366)
    screenshot(desk, "follow-ups-write-en")
    desk.click("#preview-follow-up")
    preview = desk.locator("#follow-up-preview").inner_text()
    assert "3 people will get this follow-up." in preview
    assert "1 Japanese reader will get English: no Japanese text." in preview
    assert "Not written in: Japanese." in preview
    assert serious_violations(desk) == []
    fits(desk, 1366)
    screenshot(desk, "follow-ups-preview-en")

    desk.click("#send-test")
    expect(desk.locator(".flashes").first).to_contain_text(
        "A test copy is in your messages.", use_inner_text=True
    )
    follow_up_url = desk.url
    desk.goto(f"{base}/messages/")
    expect(desk.locator("#inbox").first).to_contain_text(
        "[Test] Thank you for coming to the fair", use_inner_text=True
    )
    desk.goto(follow_up_url)
    desk.click("#send-follow-up")
    desk.wait_for_url("**/jobs/*")
    desk.click("#back-to-follow-up")
    record = desk.locator("#follow-up-record").inner_text()
    for name in ("Sokha Chan", "Hana Sok", "Vanna Lim"):
        assert name in record
    assert "Dara Keo" not in record
    screenshot(desk, "follow-ups-record-en")

    # The organizer's record in Khmer.
    desk_km = browser.new_context(**WIDE).new_page()
    log_in(desk_km, base, organizer.email, "km", PASSWORD)
    desk_km.goto(follow_up_url)
    expect(desk_km.locator("#recipients").first).to_contain_text(
        "ភាសាជំនួស", use_inner_text=True
    )  # Hana got the fallback
    fits(desk_km, 1366)
    screenshot(desk_km, "follow-ups-record-km")

    phone = browser.new_context(**PHONE).new_page()
    log_in(phone, base, people["sokha"].email, "km", PASSWORD)
    phone.goto(f"{base}/messages/")
    phone.get_by_role("link", name=SUBJECT_KM).click()
    body = phone.inner_text(".message-body")
    assert BODY_KM in body and "ដើម្បីបញ្ឈប់សារតាមដាន" in body
    fits(phone, 390)
    assert serious_violations(phone) == []
    screenshot(phone, "follow-ups-candidate-message-km")
    link = phone.locator(".message-body a[href*='/messages/opt-out/']").get_attribute("href")

    # The link works in a browser that never logged in.
    stranger = browser.new_context(**PHONE, locale="km").new_page()
    stranger.goto(link)
    stranger.get_by_role("button", name="បញ្ឈប់សារតាមដាន").click()
    expect(stranger.locator("#opted-out")).to_be_visible()
    fits(stranger, 390)
    screenshot(stranger, "follow-ups-opted-out-km")
    db.session.expire_all()
    assert people["sokha"].follow_ups_opted_out_at is not None
    assert db.session.query(FollowUpRecipient).count() == 3

    # Her settings page shows the choice.
    phone.goto(f"{base}/messages/settings")
    assert not phone.locator("#wanted").is_checked()
    screenshot(phone, "follow-ups-settings-km")
