"""A survey walked in Chromium: an organizer on a desktop builds three questions and sends them
to the candidates who checked in; a candidate on a phone opens the link from their inbox and
answers in Khmer; the organizer sees the answer arrive with its chart, the not-answered list,
sends a reminder and downloads the answers (XLSX). Screenshots in English, Khmer, Japanese."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.conftest import PASSWORD, PHONE
from tests.organizers.test_surveys import make_fair
from tests.support.axe import serious_violations
from tests.support.browser import log_in

pytestmark = pytest.mark.browser
WIDE = {"viewport": {"width": 1366, "height": 900}}
KHMER_ANSWER = "ជួរនៅមាត់ទ្វារវែងពេក តែក្រុមហ៊ុនជប៉ុនល្អណាស់។"


@pytest.fixture
def fair(create_event, create_user, create_organization):
    return make_fair(create_event, create_user, create_organization)


def fits(page, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways ({scroll}px)"


def add_question(page, kind: str, english: str, khmer: str, options=("", "")) -> None:
    form = page.locator("#question-form")
    form.locator("#kind").select_option(kind)
    form.locator("#text_en").fill(english)
    form.locator("#text_km").fill(khmer)
    form.locator("#options_en").fill(options[0])
    form.locator("#options_km").fill(options[1])
    form.get_by_role("button", name="Add the question").click()
    page.wait_for_load_state()
    expect(page.locator(".flashes").first).to_contain_text("Question added.", use_inner_text=True)


def test_a_survey_sent_answered_in_khmer_on_a_phone_and_read_by_the_organizer(
    live_server, browser, screenshot, fair
):
    base = live_server.url
    desk_context = browser.new_context(**WIDE, accept_downloads=True)
    desk = desk_context.new_page()
    log_in(desk, base, fair.organizer.email, "en", PASSWORD)
    desk.goto(f"{base}/organizer/events/{fair.event.id}")
    desk.get_by_role("link", name="Surveys").click()
    desk.fill("#title_en", "How was the fair?")
    desk.fill("#title_km", "តើពិព័រណ៍យ៉ាងម៉េចដែរ?")
    desk.fill("#intro_en", "Three short questions.")
    desk.get_by_role("button", name="Create the survey").click()
    desk.wait_for_load_state()
    add_question(
        desk,
        "choice",
        "How did you hear of the fair?",
        "តើអ្នកដឹងពីពិព័រណ៍តាមណា?",
        ("Facebook\nA friend\nMy school", "ហ្វេសប៊ុក\nមិត្តភក្តិ\nសាលារៀន"),
    )
    add_question(desk, "scale", "Was the fair useful?", "តើពិព័រណ៍មានប្រយោជន៍ទេ?")
    add_question(desk, "text", "What should we change?", "តើយើងគួរកែអ្វីខ្លះ?")
    assert desk.locator(".survey-questions > li").count() == 3
    expect(desk.locator("#missing-languages").first).to_contain_text(
        "Japanese", use_inner_text=True
    )  # nobody wrote Japanese yet
    fits(desk, 1366)
    assert serious_violations(desk) == []
    screenshot(desk, "surveys-builder-en")

    desk.get_by_role("link", name="Send", exact=True).click()
    desk.select_option("#attendance", "checked_in")
    desk.get_by_role("button", name="Preview how many").click()
    expect(desk.locator("#preview").first).to_contain_text("2 people", use_inner_text=True)
    screenshot(desk, "surveys-send-preview-en")
    desk.get_by_role("button", name="Send to these people").click()
    desk.wait_for_load_state()
    expect(desk.locator(".flashes").first).to_contain_text(
        "Survey sent to 2 people.", use_inner_text=True
    )
    assert desk.inner_text("#answered-count") == "0"

    phone_context = browser.new_context(**PHONE)
    phone = phone_context.new_page()
    log_in(phone, base, fair.sokha.email, "km", PASSWORD)
    phone.goto(f"{base}/messages/")
    phone.locator("main a", has_text="តើពិព័រណ៍យ៉ាងម៉េចដែរ?").first.click()
    phone.wait_for_load_state()
    phone.locator(".message-body a").click()
    phone.wait_for_load_state()
    expect(phone.locator("main").first).to_contain_text("តើអ្នកដឹងពីពិព័រណ៍តាមណា?", use_inner_text=True)
    phone.get_by_role("button", name="ផ្ញើចម្លើយរបស់ខ្ញុំ").click()  # nothing chosen yet
    phone.wait_for_load_state()
    expect(phone.locator(".error-summary").first).to_contain_text(
        "សូមឆ្លើយសំណួរយ៉ាងហោចណាស់មួយ។", use_inner_text=True
    )
    phone.get_by_label("មិត្តភក្តិ").check()
    phone.locator("#question-2 .scale-point").nth(3).click()
    phone.locator("#question-3 textarea").fill(KHMER_ANSWER)
    fits(phone, 390)
    assert serious_violations(phone) == []
    screenshot(phone, "surveys-answer-km")
    phone.get_by_role("button", name="ផ្ញើចម្លើយរបស់ខ្ញុំ").click()
    phone.wait_for_load_state()
    expect(phone.locator("#answers-saved")).to_be_visible()
    screenshot(phone, "surveys-answered-km")
    phone_context.close()

    desk.reload()
    assert desk.inner_text("#answered-count") == "1"
    expect(desk.locator("#result-3").first).to_contain_text(KHMER_ANSWER, use_inner_text=True)
    assert "មិត្តភក្តិ" not in desk.inner_text("#chart-1")  # the organizer reads English
    expect(desk.locator("#chart-1").first).to_contain_text("A friend", use_inner_text=True)
    expect(desk.locator("#result-2").first).to_contain_text("Mean: 4.0 of 5", use_inner_text=True)
    expect(desk.locator("#not-answered-list").first).to_contain_text(
        "Dara Kim", use_inner_text=True
    )
    assert "Sokha Chan" not in desk.inner_text("#not-answered-list")
    desk.get_by_role("button", name="Send a reminder to those who have not answered").click()
    desk.wait_for_load_state()
    expect(desk.locator(".flashes").first).to_contain_text(
        "Reminder sent to 1 person.", use_inner_text=True
    )
    assert desk.locator("#send-reminder").is_disabled()
    expect(desk.locator("#reminder-wait").first).to_contain_text(
        "the next one is possible after", use_inner_text=True
    )
    fits(desk, 1366)
    assert serious_violations(desk) == []
    screenshot(desk, "surveys-results-en")

    with desk.expect_download() as download_info:
        desk.locator("#export-answers").click()
    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()))
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "Sokha Chan" and rows[1][2:] == ("A friend", "4", KHMER_ANSWER)
    desk_context.close()

    japanese_context = browser.new_context(**WIDE)
    japanese = japanese_context.new_page()
    log_in(japanese, base, fair.organizer.email, "ja", PASSWORD)
    japanese.goto(f"{base}/organizer/events/{fair.event.id}/surveys")
    japanese.get_by_role("link", name="結果").click()
    japanese.wait_for_load_state()
    assert "未回答" in japanese.inner_text("main") and KHMER_ANSWER in japanese.inner_text("main")
    screenshot(japanese, "surveys-results-ja")
    japanese_context.close()
