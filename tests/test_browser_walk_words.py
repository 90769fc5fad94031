"""The key pages as people see them: Khmer on a phone, Japanese on a desktop (#24).

Screenshots go to test-artifacts/screenshots/ for people to look at; each page is also read
for Latin words the platform left in English (the same check as tests/test_walk_words.py).
"""

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import User

from .support.browser import log_in
from .test_walk_words import (
    PASSWORD,
    TERMS,
    ids_for,
    platform_words,
    untranslated_terms,
    written_by_people,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(app):
    from jobfair.demo import seed_demo

    logins = seed_demo(password=PASSWORD, candidates=40)
    db.session.commit()
    return logins


def key_pages(demo) -> dict:
    recruiter = db.session.scalar(sa.select(User).where(User.email == demo["recruiter"]))
    ids = ids_for(recruiter)
    event, role = ids["event_id"], ids["role_id"]
    return {
        "candidate": [
            ("roles", f"/me/events/{event}/roles"),
            ("jobs", f"/events/{event}/jobs"),
            ("job", f"/events/{event}/jobs/{role}"),
            ("profile", "/me/profile"),
        ],
        "recruiter": [
            ("dashboard", "/employer/"),
            ("role", f"/employer/roles/{role}"),
            ("shortlist", f"/employer/roles/{role}/shortlist"),
            ("candidate", f"/employer/roles/{role}/candidates/{ids['candidate_id']}"),
            ("schedule", f"/employer/booths/{ids['exhibitor_id']}/schedule"),
        ],
        "organizer": [
            ("event", f"/organizer/events/{event}"),
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
        log_in(page, live_server.url, demo[who], locale, PASSWORD)
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
