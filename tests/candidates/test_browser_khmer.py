"""The whole candidate journey on a phone, in Khmer, in a real browser: the page never falls
back to English, not even in messages and form errors."""

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.localize import display_term
from jobfair.models import Application, CandidateProfile, Role, User
from tests.conftest import finish_link
from tests.support.axe import serious_violations

from .test_cv_photos import cv_photo

pytestmark = pytest.mark.browser
# Names people and companies gave themselves, and codes, stay as written.
KEPT = {"PDF", "Word", "JPEG", "PNG", "JLPT", "CEFR", "QR", "CV", "ESCO", "Aichi", "Metal",
        "Angkor", "Hotel", "Test", "Job", "Fair", "CJCC", "Phnom", "Penh", "Japan", "Siem",
        "Reap", "Sok", "Dara", "Plant", "page1", "pdf", "English", "https", "http", "localhost"}  # fmt: skip


def english_left(page) -> list[str]:
    """English words in what the page says (main text, messages, errors), leaving out what
    recruiters and the candidate wrote in English where the vocabulary has no Khmer word."""
    written = " ".join(
        " ".join([r.title, r.description, *r.required_skills, *r.preferred_skills])
        for r in db.session.scalars(sa.select(Role))
    )
    db.session.expire_all()
    # ... and what the candidate's own CV says (suggestions quote it).
    written += " ".join(db.session.scalars(sa.select(CandidateProfile.cv_text)))
    kept = {w.lower() for w in (*KEPT, *re.findall(r"[A-Za-z]{3,}", written))}
    text = page.inner_text("main")
    text = re.sub(r"\S+@\S+|\S+\.(?:pdf|png|jpg)|https?://\S+|\b\w{4}-\w{4}\b", " ", text)
    return sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() not in kept})


def in_khmer(page) -> None:
    assert page.locator("html").get_attribute("lang") == "km", page.url
    assert english_left(page) == [], page.url
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, page.url


def test_a_candidate_in_khmer_from_sign_up_to_log_out(
    live_server, phone_page, screenshot, fair, tmp_path
):
    page, base = phone_page, live_server.url
    event = fair["event"]
    # Enough roles that the list scrolls: showing interest must bring the candidate back.
    for n in range(6):
        db.session.add(
            Role(event=event, organization=fair["cook"].organization, title=f"Housekeeper {n}",
                 sector="hospitality", location="Siem Reap", program="local",
                 description="Rooms and laundry.", required_skills=["cleaning"])
        )  # fmt: skip
    fair["welder"].salary_min, fair["welder"].salary_max = 1200, 1500
    db.session.commit()

    page.goto(base + "/auth/signup")
    page.get_by_role("button", name="ខ្មែរ").click()
    page.fill("#display_name", "Sok Dara")
    page.fill("#phone", "០១២ ៣៤៥ ៦៧៨")
    page.fill("#password", "a long pass phrase")
    page.fill("#confirm", "a short one")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("p.error").first).to_be_visible()  # the mismatch, said in Khmer
    in_khmer(page)
    screenshot(page, "km-journey-1-signup-error-phone")
    page.fill("#password", "a long pass phrase")
    page.fill("#confirm", "a long pass phrase")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + "/auth/login")
    in_khmer(page)
    # The help desk hands over the link (no SMS here); it opens in Khmer too.
    page.goto(base + finish_link())
    in_khmer(page)
    page.locator("#finish-signup").click()
    page.wait_for_url(base + "/me/")
    in_khmer(page)
    user = db.session.scalar(sa.select(User).where(User.phone == "+85512345678"))
    assert user is not None and user.locale == "km"

    page.goto(f"{base}/me/events/{event.id}/register")
    page.check("#consent")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/me/tickets/*")
    ticket_url = page.url
    in_khmer(page)

    # Search in Khmer: the welder role was written in English.
    page.goto(f"{base}/events/{event.id}/jobs")
    page.fill("#q", display_term("welder", "km"))
    page.locator("form.job-search button[type=submit]").click()
    cards = page.locator("li.role-fit")
    expect(cards).to_have_count(1)  # waits for the results page (count() would not)
    in_khmer(page)
    screenshot(page, "km-journey-2-search-phone")
    cards.first.locator("h2 a").click()
    page.wait_for_url(f"**/jobs/{fair['welder'].id}")
    body = page.inner_text("main")
    assert "Welding car parts." in body and "$1,200" in body and "$1,500" in body
    assert page.locator(".requirements .mark").count() >= 2  # each requirement marked
    assert "អ្នកខ្វះ" in body  # "you lack": no welding on this new profile
    assert serious_violations(page) == []
    screenshot(page, "km-journey-3-role-phone")

    page.goto(f"{base}/events/{event.id}/jobs")
    last = page.locator("li.role-fit").last
    role_id = last.get_attribute("id")
    last.scroll_into_view_if_needed()
    last.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(rf".*/events/{event.id}/jobs\?*#{role_id}$"))
    card = page.locator(f"#{role_id}")
    expect(card.locator(".status-ok")).to_be_visible()
    assert page.evaluate("() => window.scrollY") > 300  # still down at that card
    box = card.bounding_box()
    assert box and -10 <= box["y"] <= 844
    in_khmer(page)
    screenshot(page, "km-journey-4-interest-phone")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Application)) == 1

    # A CV photographed on the phone.
    photo = tmp_path / "cv.jpg"
    photo.write_bytes(
        cv_photo(["Sok Dara", "TIG welding and forklift", "Customer service"], orientation=6)
    )
    page.goto(base + "/me/cv")
    page.set_input_files("#cv", str(photo))
    page.locator("main form[enctype] button[type=submit]").click()
    page.wait_for_url(base + "/me/cv")
    in_khmer(page)
    page.wait_for_selector("form.suggestions", timeout=120_000)  # the page refreshes itself
    in_khmer(page)
    screenshot(page, "km-journey-5-suggestions-phone")
    db.session.expire_all()
    profile = db.session.get(CandidateProfile, user.profile.id)
    assert profile.skills == [] and profile.cv_filename.endswith(".pdf")
    boxes = page.locator("form.suggestions input[name=skills]")
    assert boxes.count() >= 2
    chosen = [boxes.nth(0).get_attribute("value"), boxes.nth(1).get_attribute("value")]
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.locator("form.suggestions button[type=submit]").click()
    page.wait_for_url(base + "/me/cv")
    in_khmer(page)
    db.session.expire_all()
    assert db.session.get(CandidateProfile, user.profile.id).skills == chosen

    page.goto(ticket_url)
    fair_days = page.locator(".fair-days li")
    assert fair_days.count() == 2 and "ពីម៉ោង 08:30 ដល់ 16:30" in fair_days.first.inner_text()
    in_khmer(page)
    screenshot(page, "km-journey-6-ticket-phone")
    with page.expect_download() as image:
        page.locator("a[href$='/qr.png']").click()
    assert image.value.path().read_bytes().startswith(b"\x89PNG")
    with page.expect_download() as calendar:
        page.locator("a[href$='/fair.ics']").click()
    assert calendar.value.path().read_text(encoding="utf-8").count("BEGIN:VEVENT") == 2

    page.locator("form[action='/auth/logout'] button").click()
    page.wait_for_url(base + "/")
    in_khmer(page)
    assert "អ្នក" in page.inner_text(".flashes")
    page.goto(base + "/auth/login")
    in_khmer(page)
    screenshot(page, "km-journey-7-logged-out-phone")
