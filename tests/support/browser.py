"""Browser journeys' shared steps: logging in through the page in a chosen language."""

# The language switch's buttons, named as each language writes itself.
LANGUAGE_BUTTONS = {"km": "ខ្មែរ", "ja": "日本語", "en": "English"}


def log_in(page, base: str, email: str, locale: str, password: str) -> None:
    """Choose the language on the log-in page (as a visitor does), then log in."""
    page.goto(base + "/auth/login")
    page.get_by_role("button", name=LANGUAGE_BUTTONS[locale]).click()
    page.fill("#identifier", email)
    page.fill("#password", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
