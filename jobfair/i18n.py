"""Choosing the interface language: the one chosen on any page (kept in the session, which
keeps it across log-in, log-out and deletion), then the account's, then the browser's."""

from flask import current_app, request, session
from flask_babel import get_locale
from flask_login import current_user


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if session.get("locale") in languages:
        return session["locale"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return request.accept_languages.best_match(languages) or languages[0]


def clear_session_keeping_language(*, shown: bool = False) -> None:
    """Empty the session (log-in, log-out, time-out) but keep the reader's language.

    With `shown`, the language the page was shown in is kept even when it came from the
    account (leaving: log-out, deletion); otherwise only one chosen in this session.
    """
    locale = str(get_locale()) if shown else session.get("locale")
    session.clear()
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
