"""Imports, API tokens, webhooks and the API docs page in Chromium, in three languages."""

import shutil

import pytest
import sqlalchemy as sa

from jobfair.extensions import db
from jobfair.models import CandidateProfile
from tests.support.axe import serious_violations

from ..conftest import PASSWORD
from .conftest import xlsx

pytestmark = pytest.mark.browser

ROWS = [
    ["Full name", "Email", "Phone", "Province", "Birth year", "Japanese level"],
    ["Sok Dara", "dara@school.example", "", "Takeo", 2003, "N4"],
    ["Chan Sophea", "", "012 345 678", "Kampot", "two thousand", "N5"],
    ["=cmd|' /C calc'!A0", "x@school.example", "", "Kep", 2001, "N9"],
]


def log_in(page, base, email, locale):
    page.goto(base + "/auth/login")
    page.fill("#identifier", email)
    page.fill("#password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.request.post(base + "/language", form={"locale": locale})


def keep(path, name):
    shutil.copy(path, f"/tmp/partners-{name}.png")


@pytest.mark.parametrize("locale", ["en", "km", "ja"])
def test_an_import_is_previewed_then_confirmed_on_a_phone(
    live_server, phone_page, screenshot, world, tmp_path, locale
):
    page, base = phone_page, live_server.url
    log_in(page, base, world.organizer.email, locale)
    page.goto(f"{base}/organizer/events/{world.event.id}/imports")
    keep(screenshot(page, f"imports-{locale}-phone"), f"imports-{locale}-phone")
    upload = tmp_path / "school.xlsx"
    upload.write_bytes(xlsx(ROWS))
    page.select_option("#kind", "candidates")
    page.set_input_files("#file", str(upload))
    page.locator("form.card button[type=submit]").click()
    page.wait_for_url("**/imports/*")
    assert page.locator("tr.row-error").count() == 2 and page.locator("tr.row-new").count() == 1
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    assert serious_violations(page) == []
    keep(screenshot(page, f"import-preview-{locale}-phone"), f"import-preview-{locale}-phone")
    before = db.session.scalar(sa.select(sa.func.count(CandidateProfile.id)))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/jobs/*")  # the import is a job: its page shows what it did
    summary = {"en": "Imported: 1 new", "km": "បាននាំចូល៖ ថ្មី 1", "ja": "新規 1 件"}[locale]
    assert summary in page.locator("#job-status").inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    assert serious_violations(page) == []
    keep(screenshot(page, f"import-done-{locale}-phone"), f"import-done-{locale}-phone")
    db.session.expire_all()
    assert db.session.scalar(sa.select(sa.func.count(CandidateProfile.id))) == before + 1


@pytest.mark.parametrize("locale", ["en", "ja"])
def test_tokens_webhooks_and_docs_on_a_desktop(
    live_server, desktop_page, screenshot, world, locale
):
    page, base = desktop_page, live_server.url
    log_in(page, base, world.recruiter.email, locale)
    page.goto(base + "/account/api-tokens/")
    page.fill("#name", "ATS")
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("code.secret").inner_text().startswith("jf_")
    assert serious_violations(page) == []
    keep(screenshot(page, f"api-tokens-{locale}-desktop"), f"api-tokens-{locale}-desktop")
    page.goto(base + "/employer/webhooks")
    page.fill("#url", "https://hr.example.co.jp/hooks/jobfair")
    page.locator("main form.card button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("code.secret").first.inner_text().startswith("whsec_")
    keep(screenshot(page, f"webhooks-{locale}-desktop"), f"webhooks-{locale}-desktop")
    page.goto(base + "/api/v1/docs")
    assert page.locator("section.api-op").count() == 15
    assert serious_violations(page) == []
    keep(screenshot(page, f"api-docs-{locale}-desktop"), f"api-docs-{locale}-desktop")


def test_api_docs_on_a_phone(live_server, phone_page, screenshot, world):
    page = phone_page
    page.goto(live_server.url + "/api/v1/docs")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    keep(screenshot(page, "api-docs-phone"), "api-docs-phone")
