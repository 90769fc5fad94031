"""Two interviewers score one candidate in a real browser (desktop, 1366×900): each fills
their own scorecard, one in English and one in Japanese; a note mentioning the colleague
reaches the colleague's inbox; the candidate page shows both scorecards side by side."""

import pytest
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Application, ApplicationStatus, UserRole
from tests.conftest import PASSWORD
from tests.employers.conftest import fair  # noqa: F401  (the fixture)
from tests.support.axe import serious_violations
from tests.support.browser import log_in

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def interview(fair, create_user):  # noqa: F811
    fair.colleague = create_user(
        UserRole.EMPLOYER, organization=fair.company, display_name="Tanaka Yui", locale="ja"
    )
    fair.application = Application(
        role=fair.role,
        candidate=fair.candidate.profile,
        status=ApplicationStatus.INVITED,
        applied_by_candidate=False,
    )
    db.session.add(fair.application)
    db.session.commit()
    return fair


def fill_scorecard(page, scores: dict, notes: dict, overall: str) -> None:
    for slug, score in scores.items():
        page.check(f"input[name=score_{slug}][value='{score}']")
    for slug, text in notes.items():
        page.fill(f"input[name=note_{slug}]", text)
    page.fill("#comment", overall)
    page.locator("form.scorecard-form button[type=submit]").click()
    page.wait_for_url("**/applications/*")


def test_two_interviewers_a_mention_and_the_board(live_server, browser, screenshot, interview):
    base, team = live_server.url, interview
    application_url = f"{base}/employer/applications/{team.application.id}"

    # The first interviewer, in English, rates and asks the colleague to look.
    first = browser.new_context(**DESKTOP).new_page()
    log_in(first, base, team.recruiter.email, "en", PASSWORD)
    first.goto(application_url)
    first.get_by_role("link", name="Fill in your scorecard").click()
    expect(first.get_by_role("group", name="Japanese conversation")).to_be_visible()
    assert serious_violations(first) == []
    screenshot(first, "scorecards-form-desktop-en")
    fill_scorecard(
        first,
        {"japanese": 2, "technical": 4, "attitude": 3, "availability": 3},
        {"japanese": "Answers in short phrases.", "technical": "Clean MIG welds in the test."},
        "Good welder; Japanese needs work.",
    )
    expect(first.locator(".flashes").first).to_contain_text(
        "Your scorecard is saved.", use_inner_text=True
    )
    first.fill("#note-body", "Tanaka-san, please check the N4 certificate at the booth.")
    first.get_by_role("checkbox", name="Tanaka Yui").check()
    first.get_by_role("button", name="Save note").click()
    first.wait_for_url("**/applications/*")
    expect(first.locator("#notes").first).to_contain_text("@Tanaka Yui", use_inner_text=True)

    # The colleague, in Japanese, finds the mention in the inbox and follows it.
    second = browser.new_context(**DESKTOP).new_page()
    log_in(second, base, team.colleague.email, "ja", PASSWORD)
    second.goto(base + "/messages/")
    inbox = second.inner_text("main")
    assert "メンション" in inbox and team.recruiter.display_name in inbox
    second.get_by_role("link", name=team.recruiter.display_name, exact=False).first.click()
    expect(second.locator("main")).to_contain_text("チームのメモ")  # the note's page, loaded
    body = second.inner_text("main")
    assert "N4 certificate" in body and "チームのメモ" in body
    assert serious_violations(second) == []
    screenshot(second, "scorecards-mention-inbox-desktop-ja")
    second.goto(application_url)
    second.get_by_role("link", name="自分の評価シートを記入").click()
    expect(second.get_by_role("group", name="日本語での会話")).to_be_visible()
    fill_scorecard(
        second,
        {"japanese": 3, "technical": 4, "attitude": 4},
        {"attitude": "礼儀正しく、質問にも丁寧に答えていた。"},
        "良い候補者。二次面接を推奨。",
    )
    board = second.inner_text("#scorecards")
    assert "Tanaka Yui" in board and team.recruiter.display_name in board
    assert "礼儀正しく" in board and "Clean MIG welds" in board
    assert serious_violations(second) == []
    screenshot(second, "scorecards-board-desktop-ja")

    # Back in English, the candidate page shows both side by side, with the averages.
    first.goto(f"{base}/employer/roles/{team.role.id}/candidates/{team.candidate.profile.id}")
    table = first.locator("table.scoreboard")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == ["Criterion", team.recruiter.display_name, "Tanaka Yui", "Average"]
    japanese = table.locator("tbody tr", has_text="Japanese conversation").inner_text()
    assert "2.5" in japanese
    assert table.locator("tfoot td.overall").inner_text() == "3.3"  # (2+4+3+3+3+4+4) / 7
    expect(first.locator("#scorecards").first).to_contain_text(
        "Good welder; Japanese needs work.", use_inner_text=True
    )
    assert first.evaluate("() => document.documentElement.scrollWidth") <= 1366
    assert serious_violations(first) == []
    screenshot(first, "scorecards-board-desktop-en")
    first.context.close()
    second.context.close()
