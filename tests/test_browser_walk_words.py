"""The key pages as people see them: Khmer on a phone, Japanese on a desktop (#24).

Screenshots go to test-artifacts/screenshots/ for people to look at; each page is also read
for Latin words the platform left in English (the same check as tests/test_walk_words.py).
"""

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import Application, Event, Exhibitor, Role, User

from .test_walk_words import (
    PASSWORD,
    TERMS,
    platform_words,
    untranslated_terms,
    written_by_people,
)

pytestmark = pytest.mark.browser
SWITCH = {"km": "ខ្មែរ", "ja": "日本語"}


@pytest.fixture
def demo(app):
    from jobfair.demo import seed_demo

    logins = seed_demo(password=PASSWORD, candidates=40)
    db.session.commit()
    return logins


def log_in(page, base, email, locale):
    page.goto(base + "/auth/login")
    page.get_by_role("button", name=SWITCH[locale]).click()
    page.fill("#identifier", email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def key_pages(demo) -> dict:
    event = db.session.scalar(sa.select(Event))
    recruiter = db.session.scalar(sa.select(User).where(User.email == demo["recruiter"]))
    application = db.session.scalar(
        sa.select(Application)
        .join(Role)
        .where(Role.organization_id == recruiter.organization_id)
        .order_by(Application.id)
        .limit(1)
    )
    exhibitor = db.session.scalar(
        sa.select(Exhibitor).where(Exhibitor.organization_id == recruiter.organization_id)
    )
    role = application.role_id
    return {
        "candidate": [
            ("roles", f"/me/events/{event.id}/roles"),
            ("jobs", f"/events/{event.id}/jobs"),
            ("job", f"/events/{event.id}/jobs/{role}"),
            ("profile", "/me/profile"),
        ],
        "recruiter": [
            ("dashboard", "/employer/"),
            ("role", f"/employer/roles/{role}"),
            ("shortlist", f"/employer/roles/{role}/shortlist"),
            ("candidate", f"/employer/roles/{role}/candidates/{application.candidate_id}"),
            ("schedule", f"/employer/booths/{exhibitor.id}/schedule"),
        ],
        "organizer": [
            ("event", f"/organizer/events/{event.id}"),
            ("users", "/organizer/users"),
        ],
    }


@pytest.mark.parametrize("locale, device, width", [("km", "PHONE", 390), ("ja", "DESKTOP", 1280)])
def test_key_pages_in_khmer_on_a_phone_and_japanese_on_a_desktop(
    live_server, browser, screenshot, demo, locale, device, width
):
    from tests import conftest

    written = written_by_people()
    people = written | untranslated_terms(written_by_people(TERMS), locale)
    left = {}
    for who, pages in key_pages(demo).items():
        context = browser.new_context(**getattr(conftest, device))
        page = context.new_page()
        log_in(page, live_server.url, demo[who], locale)
        for name, url in pages:
            page.goto(live_server.url + url)
            assert page.locator("html").get_attribute("lang") == locale
            assert page.evaluate("() => document.documentElement.scrollWidth") <= width, url
            screenshot(page, f"words-{locale}-{device.lower()}-{who}-{name}")
            words = platform_words(page.content(), people)
            if words:
                left[url] = words
        context.close()
    assert left == {}
