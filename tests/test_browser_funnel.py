"""The organizer's hiring funnel in Chromium on a desktop: the event's funnel, its
breakdowns, two fairs side by side, and the funders' report downloaded as an English XLSX
and a Japanese PDF (read back, page 1 rendered to PNG to look at)."""

import io
import re
import subprocess

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from jobfair.demo import seed_demo
from jobfair.extensions import db
from jobfair.models import Event
from jobfair.organizers import funnel

from .conftest import ARTIFACTS
from .support.axe import serious_violations
from .support.browser import LANGUAGE_BUTTONS, log_in

pytestmark = pytest.mark.browser
PASSWORD = "demo pass phrase"
DESKTOP = {"viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def demo(app):
    logins = seed_demo(password=PASSWORD, candidates=200)
    db.session.commit()
    return logins


def funnel_on_page(page) -> dict:
    return {
        row.get_attribute("data-step"): int(
            row.locator("td[data-count]").inner_text().replace(",", "")
        )
        for row in page.locator("#funnel tbody tr").all()
    }


def fits(page, width: int) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width


def test_funnel_breakdowns_comparison_and_report(
    app, live_server, browser, screenshot, demo, backend
):
    fair, last_year = db.session.scalars(sa.select(Event).order_by(Event.starts_on.desc())).all()
    context = browser.new_context(**DESKTOP, accept_downloads=True)
    page, base = context.new_page(), live_server.url
    log_in(page, base, demo["organizer"], "en", PASSWORD)
    page.goto(f"{base}/organizer/events/{last_year.id}")
    page.get_by_role("link", name="Hiring funnel").click()
    page.wait_for_url(f"**/events/{last_year.id}/funnel")
    expected = funnel.compute(last_year).total.counts
    assert funnel_on_page(page) == dict(zip(funnel.STEPS, expected, strict=True))
    assert all(expected), expected  # last year's fair reaches every step, departures too
    fits(page, 1366)
    assert serious_violations(page) == []
    screenshot(page, "funnel-desktop-en")

    page.get_by_role("link", name="Gender", exact=True).click()
    expect(page.locator("#breakdown")).to_have_attribute("data-breakdown", "gender")
    rows = page.locator("#breakdown tbody tr th").all_inner_texts()
    assert rows[:2] == ["Female", "Male"]
    page.get_by_role("link", name="Exhibitor", exact=True).click()
    expect(page.locator("#breakdown")).to_have_attribute("data-breakdown", "exhibitor")
    assert page.locator("#breakdown tbody tr").count() == len(
        funnel.compute(last_year).breakdowns["exhibitor"]
    )
    screenshot(page, "funnel-exhibitors-desktop-en")

    page.get_by_role("link", name="Compare with other fairs").click()
    expect(page.locator(f'#choose-fairs input[value="{last_year.id}"]')).to_be_checked()
    page.check(f'#choose-fairs input[value="{fair.id}"]')
    page.get_by_role("button", name="Compare").click()
    expect(page.locator("#comparison thead th").nth(2)).to_contain_text(fair.name)  # loaded
    columns = page.locator("#comparison thead th").all_inner_texts()
    assert last_year.name in columns[1] and fair.name in columns[2]  # oldest first
    registered = page.locator('#comparison tr[data-step="registered"] strong').all_inner_texts()
    this_year = funnel.compute(fair).total.counts[0]
    assert [int(n.replace(",", "")) for n in registered] == [expected[0], this_year]
    fits(page, 1366)
    screenshot(page, "funnel-compare-desktop-en")

    # The spreadsheet in English.
    page.goto(f"{base}/organizer/events/{last_year.id}/funnel")
    page.select_option("#file_format", "xlsx")
    page.select_option("#language", "en")
    page.get_by_role("button", name="Make the report").click()
    page.wait_for_url("**/jobs/*")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file").click()
    assert download.value.suggested_filename.endswith("-funnel-en.xlsx")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames[:2] == ["Funnel", "Province"]
    assert [r[1] for r in book["Funnel"].iter_rows(min_row=2, values_only=True)] == expected

    # The page in Japanese, and the PDF in Japanese.
    page.goto(f"{base}/organizer/events/{last_year.id}/funnel")
    page.get_by_role("button", name=LANGUAGE_BUTTONS["ja"]).click()
    expect(page.locator("h1")).to_contain_text("採用ファネル")
    fits(page, 1366)
    screenshot(page, "funnel-desktop-ja")
    page.select_option("#file_format", "pdf")
    page.select_option("#language", "ja")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/jobs/*")
    with page.expect_download() as download:
        page.locator("#job-file a").click()
    assert download.value.suggested_filename.endswith("-funnel-ja.pdf")
    data = download.value.path().read_bytes()
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\x00", "")
    with app.test_request_context(), force_locale("ja"):
        labels = [funnel.step_label(step) for step in funnel.STEPS]
    assert "採用ファネル報告書" in text and last_year.name in text
    table = reader.pages[1].extract_text().replace("\x00", "")
    for label, count in zip(labels, expected, strict=True):
        assert re.search(rf"^{re.escape(label)} {count:,}\b", table, re.M), (label, count)
    folder = ARTIFACTS / "screenshots"
    pdf_path = folder / f"funnel-report-ja-{backend}.pdf"
    pdf_path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf_path),
         str(folder / f"funnel-report-ja-{backend}")],
        check=True,
    )  # fmt: skip
    assert sorted(folder.glob(f"funnel-report-ja-{backend}-*1.png"))
    context.close()
