"""The candidate's journey on a phone in a real browser, with screenshots to look at."""

import json

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Application, CandidateProfile, User
from tests.support.axe import serious_violations

from ..conftest import finish_link
from .conftest import pdf_bytes

pytestmark = pytest.mark.browser


def fits_the_phone(page) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, page.url


def test_candidate_journey_on_a_phone(live_server, phone_page, screenshot, fair, tmp_path):
    page, base = phone_page, live_server.url
    page.goto(base + "/auth/signup")
    page.fill("#display_name", "Sok Dara")
    page.fill("#phone", "012 345 678")
    page.fill("#password", "a long pass phrase")
    page.fill("#confirm", "a long pass phrase")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(base + "/auth/login")
    assert "open the link we sent" in page.inner_text("main")
    # No SMS in this set-up: the help desk hands the link over; the candidate opens it.
    page.goto(base + finish_link())
    page.locator("#finish-signup").click()
    page.wait_for_url(base + "/me/")
    screenshot(page, "candidate-1-dashboard-phone")

    page.get_by_role("link", name="Complete my profile").click()
    page.fill("#name_khmer", "សុខ ដារា")
    page.select_option("#province", "Takeo")
    page.fill("#headline", "Welder")
    page.select_option("#education_level", "tvet_certificate")
    page.fill("#experience", "Three years of TIG welding in Phnom Penh.")
    # The skills box suggests names for the last skill typed, keeping the ones before it.
    page.fill("#skills", "welding, pyth")
    page.wait_for_selector(
        '#skill-suggestions option[value="welding, Python (computer programming)"]',
        state="attached",
    )
    page.fill("#skills", "welding, reading technical drawings")
    page.select_option("#japanese", "N4")
    page.check("input[name=wanted_sectors][value=manufacturing]")
    page.check("input[name=programs][value=ssw]")
    fits_the_phone(page)
    assert serious_violations(page) == []
    screenshot(page, "candidate-2-profile-phone")
    page.get_by_role("button", name="Save my profile").click()
    page.wait_for_url(base + "/me/")

    page.get_by_role("link", name="Register for this fair").click()
    page.check("#consent")
    screenshot(page, "candidate-3-register-phone")
    page.get_by_role("button", name="Register and get my ticket").click()
    page.wait_for_url("**/me/tickets/*")
    expect(page.locator("svg.qr")).to_be_visible()
    code = page.locator(".short-code").inner_text()
    assert len(code.replace("-", "")) == 8
    fits_the_phone(page)
    assert serious_violations(page) == []
    screenshot(page, "candidate-4-ticket-phone")

    page.get_by_role("link", name="Jobs for me").click()
    first = page.locator("li.role-fit").first
    assert "Welder" in first.inner_text() and "You have: welding" in first.inner_text()
    screenshot(page, "candidate-5-roles-phone")
    first.get_by_role("button", name="I am interested").click()
    assert "You showed interest" in page.locator("li.role-fit").first.inner_text()
    profile = db.session.scalar(sa.select(CandidateProfile))
    assert db.session.scalar(sa.select(Application.role_id)) == fair["welder"].id

    page.goto(base + "/me/cv")
    cv = tmp_path / "my-cv.pdf"
    cv.write_bytes(pdf_bytes())
    page.set_input_files("#cv", str(cv))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(base + "/me/cv")
    db.session.expire_all()
    assert "TIG welding" in db.session.get(CandidateProfile, profile.id).cv_text

    page.goto(base + "/me/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download all my data").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["profile"]["name_khmer"] == "សុខ ដារា"
    assert data["applications"][0]["role"] == "Welder"

    page.get_by_role("link", name="Delete my account").click()
    page.fill("#password", "a long pass phrase")
    screenshot(page, "candidate-6-delete-phone")
    page.get_by_role("button", name="Delete my account and data").click()
    page.wait_for_url(base + "/")
    db.session.expire_all()
    assert db.session.scalar(sa.select(User).where(User.phone == "+85512345678")) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CandidateProfile)) == 0
