"""Ready for Japan walked in Chromium: a candidate on a phone records an SSW nursing care test
and JLPT N4 with dates and meets the entry rule of a care role; a recruiter (desktop,
Japanese) sees the badge, opens the hire's checklist and invites the sending organisation;
the agent (phone, Khmer) joins and ticks steps; the candidate ticks the passport; the
departure date is set and the hire shows as departed. Screenshots in en, ja and km."""

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Departure, Message, User
from tests.conftest import PASSWORD, PHONE
from tests.employers.conftest import fair  # noqa: F401 (the small fair's fixture)
from tests.japan.conftest import hire  # noqa: F401
from tests.support.axe import serious_violations
from tests.support.browser import log_in

pytestmark = pytest.mark.browser
WIDE = {"viewport": {"width": 1366, "height": 900}}


def fits(page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways ({scroll}px)"


def test_ready_for_japan_from_tests_to_departure(live_server, browser, screenshot, fair, hire):  # noqa: F811
    base = live_server.url
    fair.candidate.profile.languages = ["Khmer native"]
    db.session.commit()
    today = date.today()

    # The candidate, on a phone: a nursing care skill test and JLPT N4, with dates.
    phone = browser.new_context(**PHONE).new_page()
    log_in(phone, base, fair.candidate.email, "en", PASSWORD)
    job = f"{base}/events/{fair.event.id}/jobs/{fair.role.id}"
    phone.goto(job)
    expect(phone.locator("#entry-rule").first).to_contain_text(
        "Missing: the nursing care skill test", use_inner_text=True
    )
    phone.get_by_role("link", name="Record your tests").click()
    phone.wait_for_url("**/me/tests")
    phone.select_option("#kind", "ssw_skill")
    phone.select_option("#field", "nursing_care")
    phone.fill("#passed_on", (today - timedelta(days=90)).isoformat())
    phone.fill("#detail", "介護技能評価試験")
    phone.get_by_role("button", name="Add test").click()
    expect(phone.locator(".flashes").first).to_contain_text("Test saved.", use_inner_text=True)
    phone.select_option("#level", "N4")
    phone.fill("#certified_on", (today - timedelta(days=200)).isoformat())
    phone.get_by_role("button", name="Save Japanese level").click()
    expect(phone.locator(".flashes").first).to_contain_text(
        "Your Japanese level is saved.", use_inner_text=True
    )
    expect(phone.locator("#skill-tests").first).to_contain_text("Nursing care", use_inner_text=True)
    fits(phone, 390)
    assert serious_violations(phone) == []
    screenshot(phone, "japan-candidate-tests-en")
    phone.goto(job)
    expect(phone.locator("#entry-rule").first).to_contain_text(
        "You meet the entry rule.", use_inner_text=True
    )
    screenshot(phone, "japan-candidate-job-meets-en")

    # The recruiter, in Japanese: the badge, the hire's checklist, inviting the agent.
    desk = browser.new_context(**WIDE).new_page()
    log_in(desk, base, fair.recruiter.email, "ja", PASSWORD)
    desk.goto(f"{base}/employer/roles/{fair.role.id}/shortlist")
    expect(desk.locator("main").first).to_contain_text(
        "特定技能の要件を満たす", use_inner_text=True
    )
    screenshot(desk, "japan-recruiter-shortlist-ja")
    desk.goto(f"{base}/employer/applications/{hire.id}")
    expect(desk.locator("main").first).to_contain_text(
        "特定技能の要件を満たす", use_inner_text=True
    )
    desk.get_by_role("link", name="出国準備チェックリスト").click()
    desk.wait_for_url(f"**/hires/{hire.id}/checklist")
    desk.fill("#name", "Sok Pisey")
    desk.fill("#agency", "Mekong Manpower")
    desk.fill("#email", "sok@agency.example")
    desk.get_by_role("button", name="招待を送る").click()
    expect(desk.locator(".flashes").first).to_contain_text(
        "sok@agency.example", use_inner_text=True
    )
    expect(desk.locator("main").first).to_contain_text("Mekong Manpower", use_inner_text=True)
    fits(desk, 1366)
    assert serious_violations(desk) == []
    screenshot(desk, "japan-recruiter-checklist-ja")

    # The agent, on a phone in Khmer: the link from the invitation, a password, two steps.
    agent = db.session.scalar(sa.select(User).where(User.email == "sok@agency.example"))
    body = db.session.scalar(
        sa.select(Message.body).where(
            Message.user_id == agent.id, Message.kind == "sending_invited"
        )
    )
    link = re.search(r"https?://[^/\s]+(/sending/join/\S+)", body).group(1)
    agent_page = browser.new_context(**PHONE).new_page()
    agent_page.goto(base + "/auth/login")
    agent_page.get_by_role("button", name="ខ្មែរ").click()
    agent_page.goto(base + link)
    agent_page.fill("#password", PASSWORD)
    agent_page.fill("#confirm", PASSWORD)
    agent_page.locator("main form button[type=submit]").click()
    agent_page.wait_for_url("**/sending/")
    expect(agent_page.locator("main").first).to_contain_text("Chan Dara", use_inner_text=True)
    screenshot(agent_page, "japan-agent-start-km")
    agent_page.get_by_role("link", name="Chan Dara").click()
    for step in ("ocwc", "contract"):
        agent_page.fill(f"#done-{step}", today.isoformat())
        agent_page.locator(f"#step-{step} button[type=submit]").click()
        agent_page.wait_for_load_state()
    assert "done" in agent_page.get_attribute("#step-ocwc", "class")
    fits(agent_page, 390)
    assert serious_violations(agent_page) == []
    screenshot(agent_page, "japan-agent-checklist-km")

    # The candidate ticks their passport; the recruiter sets the departure date.
    phone.goto(f"{base}/me/tests")
    phone.get_by_role("link", name=re.compile(fair.company.name)).click()
    phone.fill("#done-passport", (today - timedelta(days=30)).isoformat())
    phone.locator("#step-passport button[type=submit]").click()
    phone.wait_for_load_state()
    assert "done" in phone.get_attribute("#step-passport", "class")
    screenshot(phone, "japan-candidate-checklist-en")
    desk.reload()
    desk.fill("#done-departure", today.isoformat())
    desk.locator("#step-departure button[type=submit]").click()
    desk.wait_for_load_state()
    expect(desk.locator(".departed").first).to_contain_text("出国", use_inner_text=True)
    screenshot(desk, "japan-recruiter-departed-ja")
    db.session.expire_all()
    assert db.session.scalar(sa.select(Departure.departed_on)) == today
    agent_page.goto(f"{base}/sending/")
    assert agent_page.locator(".status-ok").count() == 1
    screenshot(agent_page, "japan-agent-departed-km")
