"""A recruiter reviews many people on a desktop (1366x900) in a real browser: the shortlist
as a table holding 20+ rows on one screen, columns picked, a view saved, the pipeline-status
filter, and three candidates compared side by side; in English and in Japanese."""

import pytest
from playwright.sync_api import expect

from jobfair.extensions import db
from jobfair.models import Application
from tests.conftest import ARTIFACTS, PASSWORD
from tests.employers.conftest import fair, seed_candidates  # noqa: F401 (fixtures)
from tests.employers.test_browser import assert_fits
from tests.support.axe import serious_violations
from tests.support.browser import log_in

pytestmark = pytest.mark.browser
WIDTH, HEIGHT = 1366, 900


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def busy_role(fair, seed_candidates):  # noqa: F811
    """A role with 36 candidates: 3 not selected, 1 withdrawn, 2 shortlisted."""
    people = seed_candidates(fair.event, n=35)
    for i, status in enumerate(["rejected"] * 3 + ["withdrawn"] + ["shortlisted"] * 2):
        application = Application(role=fair.role, candidate=people[i].profile, status=status)
        application.applied_by_candidate = i == 5
        db.session.add(application)
    db.session.commit()
    return fair


def rows_on_one_screen(page) -> tuple[int, list[float]]:
    """How many rows show whole on the screen as the page opens (not scrolled), and the
    rows' heights as the browser laid them out."""
    return tuple(
        page.evaluate(
            """() => {
                const table = document.querySelector('table.review-table');
                scrollTo(0, 0);
                const rows = [...table.querySelectorAll('tbody tr')];
                const whole = rows.filter(r => r.getBoundingClientRect().bottom <= innerHeight);
                return [whole.length, rows.map(r => r.getBoundingClientRect().height)];
            }"""
        )
    )


def screen_shot(page, name: str, backend: str) -> None:
    """What one screen shows as the page opens, beside the full-page shots."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => scrollTo(0, 0)")
    page.screenshot(path=str(folder / f"{name}-screen-{backend}.png"))


def test_table_columns_saved_view_status_filter_and_comparison(
    live_server, desktop, screenshot, busy_role, request
):
    fair_, page, base = busy_role, desktop, live_server.url
    backend = request.config.getoption("--db")
    log_in(page, base, fair_.recruiter.email, "en", PASSWORD)
    page.goto(f"{base}/employer/roles/{fair_.role.id}/shortlist?section=everyone")
    expect(page.get_by_text("Show not selected and withdrawn (4)")).to_be_visible()
    assert page.locator("li.candidate").count() == 25  # cards by default
    page.get_by_role("link", name="Table", exact=True).click()
    page.wait_for_url("**view=table*")

    whole, heights = rows_on_one_screen(page)
    print(f"\nrows on one 1366x900 screen: {whole}; row heights {min(heights)}-{max(heights)}px")
    assert whole >= 20 and max(heights) <= 32
    assert_fits(page, WIDTH)
    screen_shot(page, "review-table-en", backend)

    page.get_by_text("Columns (7)").click()
    page.get_by_label("Skills", exact=True).check()
    page.get_by_label("Other languages", exact=True).check()
    page.get_by_label("Experience (years)", exact=True).uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Show columns").click()
    # Measured once the new page has its styles and fonts: a row laid out before the style
    # sheet arrives is taller than any the recruiter sees.
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready")
    headers = page.locator("table.review-table thead th").all_inner_texts()
    assert "Skills" in headers and "Other languages" in headers
    assert "Experience (years)" not in headers
    whole, heights = rows_on_one_screen(page)
    print(f"\nwith skills: {whole} rows on one screen; row heights {min(heights)}-{max(heights)}px")
    assert whole >= 20

    page.get_by_text("Saved views (0)").click()
    page.fill("#name", "Everyone, with skills")
    page.get_by_role("button", name="Save this view").click()
    expect(page.locator(".flashes").first).to_contain_text("View saved.", use_inner_text=True)
    page.get_by_text("Saved views (1)").click()
    expect(page.locator(".saved-views").first).to_contain_text("saved by", use_inner_text=True)

    page.get_by_text("Filters", exact=True).click()
    page.locator(".status-filter").get_by_label("Shortlisted").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("table.review-table tbody tr")).to_have_count(2)
    assert page.locator("table.review-table thead th").all_inner_texts() == headers

    page.get_by_text("Saved views (1)").click()
    page.get_by_role("link", name="Everyone, with skills").click()
    expect(page.locator("table.review-table tbody tr")).to_have_count(25)
    assert page.locator("table.review-table thead th").all_inner_texts() == headers
    assert serious_violations(page) == []
    screenshot(page, "review-table-en")

    picks = page.locator("table.review-table [data-pick]")
    for i in (0, 1, 2):
        picks.nth(i).check()
    page.get_by_role("button", name="Compare ticked (2–4)").click()
    page.wait_for_url("**/compare?*")
    assert page.locator("table.compare thead th").count() == 4  # the row labels and three
    assert page.locator("table.compare tbody th").all_inner_texts() == [
        "Fit", "Required skills", "Languages", "Education", "Experience", "Pipeline status",
        "Interview ratings",
    ]  # fmt: skip
    assert_fits(page, WIDTH)
    assert serious_violations(page) == []
    screenshot(page, "review-compare-en")


def test_the_table_and_the_comparison_in_japanese(
    live_server, desktop, screenshot, busy_role, request
):
    fair_, page, base = busy_role, desktop, live_server.url
    backend = request.config.getoption("--db")
    log_in(page, base, fair_.recruiter.email, "ja", PASSWORD)
    url = f"{base}/employer/roles/{fair_.role.id}/shortlist?section=everyone&view=table"
    page.goto(url + "&col=rank&col=name&col=fit&col=japanese&col=languages&col=education"
              "&col=skills&col=location&col=status&col=applied")  # fmt: skip
    expect(page.get_by_text("不採用・取り下げを表示（4人）")).to_be_visible()
    whole, heights = rows_on_one_screen(page)
    print(
        f"\nja: rows on one 1366x900 screen: {whole}; row heights {min(heights)}-{max(heights)}px"
    )
    assert whole >= 20
    assert_fits(page, WIDTH)
    screen_shot(page, "review-table-ja", backend)
    screenshot(page, "review-table-ja")
    picks = page.locator("table.review-table [data-pick]")
    for i in (0, 1, 2):
        picks.nth(i).check()
    page.get_by_role("button", name="選んだ人を比較（2〜4人）").click()
    page.wait_for_url("**/compare?*")
    assert "適合度" in page.locator("table.compare tbody").inner_text()
    screenshot(page, "review-compare-ja")
    picks_one = page.goto(url)  # one ticked is not a comparison: the page says so
    assert picks_one.status == 200
    page.locator("table.review-table [data-pick]").first.check()
    page.get_by_role("button", name="選んだ人を比較（2〜4人）").click()
    expect(page.locator(".flashes").first).to_contain_text(
        "比較するには2〜4人を選んでください。", use_inner_text=True
    )
