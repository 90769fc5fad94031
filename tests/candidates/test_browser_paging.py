"""Job search on a phone, in Khmer, at a fair with more jobs than one page: 25 jobs a page,
the count, a pager big enough to tap, and the filter kept on the next page."""

import pytest

from jobfair.extensions import db
from jobfair.models import Role
from tests.support.axe import serious_violations

from .test_browser_khmer import in_khmer

pytestmark = pytest.mark.browser


def test_job_search_pages_on_a_phone_in_khmer(live_server, phone_page, screenshot, fair):
    page, base = phone_page, live_server.url
    event = fair["event"]
    for n in range(30):
        db.session.add(
            Role(event=event, organization=fair["cook"].organization, title=f"Housekeeper {n:02d}",
                 sector="hospitality", location="Siem Reap", program="local",
                 description="Rooms and laundry.", required_skills=["cleaning"])
        )  # fmt: skip
    db.session.commit()

    page.goto(f"{base}/events/{event.id}")
    page.get_by_role("button", name="ខ្មែរ").click()
    page.goto(f"{base}/events/{event.id}/jobs")
    page.select_option("#sector", "hospitality")
    page.locator("form.job-search button[type=submit]").click()
    page.wait_for_url("**/jobs?*sector=hospitality*")
    assert page.locator("li.role-fit").count() == 25
    pager = page.locator("nav.pager")
    assert "1–25" in pager.inner_text() and "31" in pager.inner_text()
    in_khmer(page)
    assert serious_violations(page) == []
    for link in pager.locator("a").all():
        box = link.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44  # a thumb's width
    screenshot(page, "km-jobs-page-1-phone")
    pager.scroll_into_view_if_needed()
    page.screenshot(
        path=str(screenshot(page, "km-jobs-page-1-phone")).replace(".png", "-pager.png")
    )

    pager.locator("a[rel=next]").click()
    page.wait_for_url("**/jobs?*page=2*")
    assert "sector=hospitality" in page.url
    assert page.locator("li.role-fit").count() == 6
    assert page.locator("nav.pager [aria-current=page]").inner_text() == "2"
    in_khmer(page)
    screenshot(page, "km-jobs-page-2-phone")
