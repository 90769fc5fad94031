"""The public pages in a real browser: each language, phone and desktop, accessible."""

import pytest

from .support.axe import serious_violations

pytestmark = pytest.mark.browser

LANGUAGES = {"en": "English", "km": "ខ្មែរ", "ja": "日本語"}


def open_in(page, url: str, locale: str) -> None:
    page.goto(url)
    if locale != "en":
        page.get_by_role("button", name=LANGUAGES[locale]).click()
    assert page.locator("html").get_attribute("lang") == locale


@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_sign_up_page_on_a_phone(live_server, phone_page, screenshot, locale):
    open_in(phone_page, live_server.url + "/auth/signup", locale)
    width = phone_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    assert serious_violations(phone_page) == []
    screenshot(phone_page, f"public-signup-phone-{locale}")


@pytest.mark.parametrize("locale", list(LANGUAGES))
def test_home_and_login_on_a_desktop(live_server, desktop_page, screenshot, locale):
    open_in(desktop_page, live_server.url + "/", locale)
    assert serious_violations(desktop_page) == []
    screenshot(desktop_page, f"public-home-desktop-{locale}")
    desktop_page.goto(live_server.url + "/auth/login")
    assert desktop_page.locator("html").get_attribute("lang") == locale
    assert serious_violations(desktop_page) == []


def test_keyboard_reaches_the_form_and_errors_are_announced(live_server, phone_page):
    phone_page.goto(live_server.url + "/auth/login")
    phone_page.keyboard.press("Tab")
    assert phone_page.evaluate("() => document.activeElement.className") == "skip-link"
    phone_page.get_by_role("button", name="Log in", exact=True).click()
    field = phone_page.locator("#identifier")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby")
    assert phone_page.locator(f"#{described}").inner_text().strip()
