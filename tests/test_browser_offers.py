"""An offer (内定) walked in Chromium: a recruiter on a desktop makes it after the interview,
the candidate on a phone, in Khmer, reads it and accepts, and the recruiter sees the answer
and marks the hire; screenshots in English, Khmer and Japanese."""

from datetime import date

import pytest
from playwright.sync_api import expect

from jobfair.employers import applications, interviews
from jobfair.extensions import db
from tests.conftest import PASSWORD, PHONE
from tests.employers.conftest import fair  # noqa: F401 (the small fair's fixture)
from tests.support.axe import serious_violations
from tests.support.browser import log_in

pytestmark = pytest.mark.browser
WIDE = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def interviewed(fair):  # noqa: F811
    """The fair's candidate (who reads Khmer) interviewed for the welder's role."""
    fair.candidate.locale = "km"
    application = applications.add_to_pipeline(fair.role, fair.candidate.profile, fair.recruiter)
    db.session.flush()
    interviews.invite(application, fair.slots[0], fair.recruiter)
    applications.change_status(application, "interviewed", fair.recruiter)
    db.session.commit()
    return fair, application


def fits(page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways ({scroll}px)"


def test_offer_made_accepted_on_a_phone_in_khmer_and_hired(
    live_server, browser, screenshot, interviewed
):
    held, application = interviewed
    base = live_server.url
    start = date(held.event.starts_on.year + 1, 4, 1)  # April: when Japanese firms take people on
    desk_context = browser.new_context(**WIDE)
    desk = desk_context.new_page()
    log_in(desk, base, held.recruiter.email, "en", PASSWORD)
    desk.goto(f"{base}/employer/applications/{application.id}")
    offer_form = desk.locator("#make-offer")
    assert offer_form.locator("#offer-currency").input_value() == held.role.currency
    offer_form.locator("#offer-salary").fill("-1")
    offer_form.get_by_role("button", name="Send the offer").click()
    expect(desk.locator("#offer-salary-error")).to_be_visible()  # checked on the server
    desk.fill("#offer-salary", "230000")
    desk.select_option("#offer-currency", "JPY")
    desk.fill("#offer-starts_on", start.isoformat())
    desk.fill("#offer-note", "寮あり / Dormitory provided.\nJapanese lessons for 3 months.")
    desk.get_by_role("button", name="Send the offer").click()
    expect(desk.locator(".flashes").first).to_contain_text("Offer sent", use_inner_text=True)
    offer_card = desk.locator("#offer")
    assert "Waiting for the answer" in offer_card.inner_text()
    assert held.recruiter.display_name in offer_card.inner_text()
    assert "¥230,000" in offer_card.inner_text()
    fits(desk, 1366)
    assert serious_violations(desk) == []
    screenshot(desk, "offers-recruiter-made-en")

    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    log_in(phone, base, held.candidate.email, "km", PASSWORD)
    phone.goto(f"{base}/me/")
    card = phone.locator("li.offer")
    assert held.company.name in card.inner_text() and "230,000 យ៉េន" in card.inner_text()
    screenshot(phone, "offers-candidate-dashboard-km")
    card.get_by_role("link").click()
    phone.wait_for_url("**/me/offers/*")
    expect(phone.locator("main").first).to_contain_text("Dormitory provided", use_inner_text=True)
    fits(phone, 390)
    assert serious_violations(phone) == []
    screenshot(phone, "offers-candidate-offer-km")
    phone.get_by_role("button", name="ទទួលយកការផ្តល់ការងារ").click()
    phone.wait_for_load_state()
    expect(phone.locator("p.status-ok")).to_be_visible()
    screenshot(phone, "offers-candidate-accepted-km")
    phone_context.close()

    desk.reload()
    assert "Accepted" in desk.locator("#offer").inner_text()
    desk.get_by_role("button", name="Mark hired").click()
    expect(desk.locator(".flashes").first).to_contain_text("Marked as hired.", use_inner_text=True)
    expect(desk.locator(".badge-hired").first).to_be_visible()
    assert "Mark hired" not in desk.inner_text("main")
    screenshot(desk, "offers-recruiter-hired-en")
    desk_context.close()

    japanese_context = browser.new_context(**WIDE)
    japanese = japanese_context.new_page()
    log_in(japanese, base, held.recruiter.email, "ja", PASSWORD)
    japanese.goto(f"{base}/employer/applications/{application.id}")
    assert "承諾済み" in japanese.locator("#offer").inner_text()
    expect(japanese.locator("#offer").first).to_contain_text("月給", use_inner_text=True)
    screenshot(japanese, "offers-recruiter-hired-ja")
    japanese_context.close()
    db.session.expire_all()
    assert application.status == "hired"
    assert [o.status for o in application.offers] == ["accepted"]
